import type { DemoRegime, PartnerKind } from './types';

/**
 * The figures of the talk of 12 June 2023 (docs/alliance.md, docs/demo-data.md) that the demo reproduces
 * exactly at {@link TALK.memberPartners} partners, and scales proportionally otherwise.
 */
export const TALK = {
  /** "aktuell 353 BP": member partners (ACTIVE or PAUSED). */
  memberPartners: 353,
  /** The talk's date, the default `asOf`. */
  date: '2023-06-12',
  /** Applications not yet admitted; not in the talk, a plausible handful. */
  applied: 6,
  /** Partners who left again; not in the talk, a plausible handful. */
  left: 9,
  /** "Seit 2016: 54 Vielfaltskooperationen (5 aktuell in Förderung)". */
  diversityCooperations: { total: 54, funded: 5 },
  /** "Seit 2019: 10 Netzwerkprojekte (2 in der aktuellen Förderung)". */
  networkProjects: { total: 10, funded: 2 },
  /** einander.Aktionstage: "Durchschnittlich 110 Veranstalter*innen & 78 VA" per year. */
  actionDays: { eventsPerYear: 78, organisersPerYear: 110 },
} as const;

/** The first day of the alliance: the city council adopted the Mannheim declaration in June 2016. */
export const ALLIANCE_FOUNDED = '2016-06-21';

/** Network projects were funded from this day on ("Seit 2019"). */
export const NETWORK_PROJECTS_FROM = '2019-01-15';

/** The earliest `asOf` the timeline (2016 + network projects + action days) fits into. */
export const EARLIEST_AS_OF = '2021-01-01';

/**
 * The parameters of the generating process. docs/demo-data.md explains each of them; change
 * them there too.
 */
export const PROCESS = {
  /** Share of all partners per sector (largest-remainder quotas). */
  sectorShares: { CIVIL_SOCIETY: 0.75, BUSINESS: 0.11, POLITICS: 0.05, ADMINISTRATION: 0.09 },
  /** Share of member partners whose membership rests (PAUSED). */
  pausedShare: 0.08,
  /** Share of member partners who joined in 2016, the founding year (">100 Einrichtungen"). */
  foundingShare: 0.34,
  /** Share of the founders who signed in the founding wave (21 June – 31 July 2016). */
  foundingWaveShare: 0.75,
  /**
   * Share of member partners who never take part in anything ("Mobilisierungspotential").
   * A few more end up inactive by chance (e.g. partners who joined weeks ago).
   */
  dormantShare: 0.22,
  /** Relative chance of a founder to be dormant (founders took part in the 2014–16 workshops). */
  dormantFounderWeight: 0.5,
  /** Chance that a partner's engagement in a dimension comes with a second perspective. */
  secondPerspectiveChance: 0.1,
  /** Weights of 1, 2, 3 dimensions and of 1, 2, 3 topics per partner. */
  dimensionCountWeights: [0.35, 0.45, 0.2],
  topicCountWeights: [0.35, 0.45, 0.2],
  /** Homophily: weight factors of a co-partner candidate relative to the lead. */
  homophily: {
    perSharedTopic: 0.6,
    sameDistrict: 2.0,
    sameBorough: 1.4,
    otherSector: 1.3,
    /** Exponent on `1 + prior cooperations` (preferential attachment among candidates). */
    attachmentExponent: 0.5,
    /** Multiplicative noise, uniform in `[1 - noise, 1 + noise]`. */
    noise: 0.5,
  },
  /** How many candidates each source contributes to a co-partner draw. */
  candidates: { sameDistrict: 4, sameBorough: 4, perTopic: 3, attachment: 4, random: 3 },
  /** Weights of 2 and 3 partners in a diversity cooperation. */
  diversitySizeWeights: [0.75, 0.25],
  /** Network projects have 3–6 partners and mix sectors more strongly. */
  networkSize: { min: 3, max: 6 },
  networkOtherSector: 2.0,
  /** Organisers per action-day event: weights of 1, 2, 3. */
  actionDayOrganiserWeights: [0.25, 0.5, 0.25],
  /**
   * Share of attendees drawn uniformly among eligible partners; the others are drawn ∝ 1 + prior
   * activity. Meetings and trainings also reach partners who have not cooperated yet.
   */
  attendanceUniformShare: 0.5,
  /** Share of an alliance meeting's eligible partners that attends it. */
  meetingAttendance: { min: 0.18, max: 0.3 },
  /** Attendance of one training, at 353 partners. */
  trainingAttendance: { min: 8, max: 22 },
  /** Trainings per year at 353 partners. */
  trainingsPerYear: { min: 3, max: 5 },
  /** Kinds that work city-wide (scope CITY), besides partners the name drafting made central. */
  cityWideKinds: [
    'PUBLIC_AUTHORITY',
    'PARTY_OR_FACTION',
    'FOUNDATION',
    'CHAMBER_OR_UNION',
  ] as readonly PartnerKind[],
  /** Chance of the other kinds to serve their whole borough (scope BOROUGH); none for the rest. */
  boroughScopeChance: {
    EDUCATION: 0.3,
    SOCIAL_SERVICE: 0.3,
    CULTURE: 0.25,
    SPORTS_CLUB: 0.2,
    YOUTH_ORGANISATION: 0.2,
    MIGRANT_ORGANISATION: 0.1,
  } as Readonly<Partial<Record<PartnerKind, number>>>,
  /** Standing offers and needs (seeds/demo/resources.ts). */
  resources: {
    /** Weights of 0, 1, 2, 3, 4 offers per partner. */
    offerCountWeights: [0.32, 0.3, 0.2, 0.12, 0.06],
    /** Weights of 0, 1, 2, 3 needs per partner (so about 13 % have neither). */
    needCountWeights: [0.4, 0.33, 0.18, 0.09],
    /** Weight of every category on top of the kind's own (`RESOURCES_BY_KIND` in resources.ts). */
    baseWeight: 0.2,
    /** Weights of 0, 1, 2 of the partner's topics an item is about (at least the one it names). */
    topicCountWeights: [0.5, 0.4, 0.1],
  },
} as const;

/** The co-partner weights of one {@link DemoRegime} (docs/demo-data.md, "Regimes"). */
export interface RegimeWeights {
  /** Place factor of a candidate in the lead's district, in its borough, and elsewhere. */
  sameDistrict: number;
  sameBorough: number;
  elsewhere: number;
  /** Topic factor: `1 + perSharedTopic · shared topics`. */
  perSharedTopic: number;
  /** Sector factor of another sector, replacing the cooperation kind's own; `null` keeps it. */
  otherSector: number | null;
  /**
   * Factor per offer–need fit: per category the lead needs and the candidate offers, and per
   * category the candidate needs and the lead offers (mutual fits multiply twice).
   */
  perFit: number;
  /** Extra candidates per category the lead needs (from its offerers) and offers (its seekers). */
  fitCandidates: number;
  /** Extra candidates drawn uniformly from other districts than the lead's. */
  otherDistrictCandidates: number;
}

/**
 * Co-partner weights per regime. PLACE_AND_TOPIC is {@link PROCESS.homophily} unchanged, and its
 * extra candidate counts are 0, so that it draws exactly what the generator drew before regimes.
 */
export const REGIME_WEIGHTS: Readonly<Record<DemoRegime, RegimeWeights>> = {
  PLACE_AND_TOPIC: {
    sameDistrict: PROCESS.homophily.sameDistrict,
    sameBorough: PROCESS.homophily.sameBorough,
    elsewhere: 1,
    perSharedTopic: PROCESS.homophily.perSharedTopic,
    otherSector: null,
    perFit: 1,
    fitCandidates: 0,
    otherDistrictCandidates: 0,
  },
  NEEDS: {
    sameDistrict: 1.2,
    sameBorough: 1.1,
    elsewhere: 1,
    perSharedTopic: 0.2,
    otherSector: null,
    perFit: 4,
    fitCandidates: 4,
    otherDistrictCandidates: 0,
  },
  BRIDGING: {
    sameDistrict: 0.6,
    sameBorough: 0.8,
    elsewhere: 1.3,
    perSharedTopic: PROCESS.homophily.perSharedTopic,
    otherSector: 2.5,
    perFit: 1,
    fitCandidates: 0,
    otherDistrictCandidates: 4,
  },
};
