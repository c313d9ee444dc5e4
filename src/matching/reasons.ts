import { brings, type Perspective } from '../cooperations/cross-dimension-rule';
import type { NeedMatch, NetworkSignals, PartnerProfile } from './matching.model';

/**
 * The least fit of an offer to a need that a reason quotes. Below it a shared word is more likely
 * chance ("Treffen" in a need for rooms and in an offer of trainings) than an answer; the score
 * still counts it, weighted by its fit.
 * @default 0.3
 */
export const MIN_QUOTED_FIT = 0.3;

/** The longest quote of an offer or need in a reason's sentence; longer texts end in "…". */
export const QUOTE_LENGTH = 90;

/** What a reason is about; stable codes the client can filter or style by. */
export type ReasonCode =
  | 'ADDS_DIMENSION'
  | 'ADDS_PERSPECTIVE'
  | 'OFFERS_WHAT_YOU_NEED'
  | 'NEEDS_WHAT_YOU_OFFER'
  | 'SHARED_TOPIC'
  | 'SAME_DISTRICT'
  | 'SAME_BOROUGH'
  | 'WORKS_CITY_WIDE'
  | 'COMMON_PARTNERS'
  | 'OTHER_SECTOR'
  | 'OTHER_COMMUNITY'
  | 'NEVER_COOPERATED'
  | 'NO_DIMENSIONS_YET';

/** One human-readable reason why a candidate is suggested, in German and English. */
export interface Reason {
  code: ReasonCode;
  /**
   * The key the reason refers to: a dimension (ADDS_*), a topic, a district or borough, or the
   * candidate's sector; absent when the reason refers to nothing specific.
   */
  ref?: string;
  /** For COMMON_PARTNERS: the ids of (up to three of) the common former partners. */
  partnerIds?: readonly string[];
  /** For OFFERS_WHAT_YOU_NEED / NEEDS_WHAT_YOU_OFFER: the matched need and offer, verbatim. */
  quote?: { need: string; offer: string };
  text: Bilingual;
}

/** A name in both languages. */
export interface Bilingual {
  de: string;
  en: string;
}

/** What a key in a reason names. */
export type LabelKind = 'dimension' | 'topic' | 'district' | 'borough' | 'sector';

/** Gives the names of keys in reasons; the service passes the graph's reference data. */
export type Labels = (kind: LabelKind, key: string) => Bilingual;

const SECTOR_LABELS: Readonly<Record<string, Bilingual>> = {
  CIVIL_SOCIETY: { de: 'Zivilgesellschaft', en: 'civil society' },
  BUSINESS: { de: 'Wirtschaft', en: 'business' },
  POLITICS: { de: 'Politik', en: 'politics' },
  ADMINISTRATION: { de: 'Verwaltung', en: 'administration' },
};

/** Names sectors in words and every other key by itself: good enough for tests and logs. */
export const KEY_LABELS: Labels = (kind, key) =>
  (kind === 'sector' ? SECTOR_LABELS[key] : undefined) ?? { de: key, en: key };

const PERSPECTIVE_LABELS: Readonly<Record<Perspective, Bilingual>> = {
  COMMUNITY: { de: 'aus der Community', en: 'from within the community' },
  ADVOCACY: { de: 'der Interessenvertretung', en: 'of advocacy' },
  SERVICE: { de: 'der sozialen Dienstleistung', en: 'of service provision' },
};

/**
 * The reasons for suggesting `candidate` to `seeker`, each one true of the given data and written
 * to the seeker ("Sie"), in a fixed order (seeker remark, dimensions, perspectives, offers and
 * needs, topics, place, network, sector, newcomer) with keys sorted, so the same pair always gets
 * the same list.
 * @param labels - names the keys in the sentences; {@link KEY_LABELS} by default
 * @returns possibly an empty list, when the candidate shares and adds nothing worth a sentence.
 */
export function explainPair(
  seeker: PartnerProfile,
  candidate: PartnerProfile,
  signals: NetworkSignals,
  labels: Labels = KEY_LABELS,
): Reason[] {
  return [
    ...noDimensionsYet(seeker),
    ...addedEngagements(seeker, candidate, labels),
    ...needMatches(signals),
    ...sharedTopics(seeker, candidate, labels),
    ...place(seeker, candidate, labels),
    ...commonPartners(signals),
    ...otherSector(seeker, candidate, labels),
    ...otherCommunity(seeker, candidate),
    ...neverCooperated(candidate),
  ];
}

/** Tells a seeker without dimensions why its suggestions rest on topics and proximity. */
function noDimensionsYet(seeker: PartnerProfile): Reason[] {
  if (seeker.engagements.length > 0) return [];
  return [
    {
      code: 'NO_DIMENSIONS_YET',
      text: {
        de: 'Sie haben noch keine Vielfaltsdimension angegeben; die Vorschläge beruhen daher vor allem auf gemeinsamen Themen, Angeboten und Bedarfen.',
        en: 'You have not named any diversity dimension yet, so these suggestions rest mainly on shared topics, offers and needs.',
      },
    },
  ];
}

function addedEngagements(
  seeker: PartnerProfile,
  candidate: PartnerProfile,
  labels: Labels,
): Reason[] {
  const seekerDimensions = new Set(seeker.engagements.map((e) => e.dimension));
  const added = brings(candidate.engagements, seeker.engagements);
  const newDimensions = sortedUnique(
    added.filter((e) => !seekerDimensions.has(e.dimension)).map((e) => e.dimension),
  );
  const newPerspectives = added
    .filter((e) => seekerDimensions.has(e.dimension))
    .sort((a, b) => compare(`${a.dimension}/${a.perspective}`, `${b.dimension}/${b.perspective}`));
  return [
    ...newDimensions.map((dimension) => {
      const name = labels('dimension', dimension);
      return {
        code: 'ADDS_DIMENSION' as const,
        ref: dimension,
        text: {
          de: `Bringt die Dimension „${name.de}“ ein, die Sie noch nicht abdecken.`,
          en: `Brings the dimension “${name.en}”, which you do not cover yet.`,
        },
      };
    }),
    ...newPerspectives.map(({ dimension, perspective }) => {
      const name = labels('dimension', dimension);
      return {
        code: 'ADDS_PERSPECTIVE' as const,
        ref: dimension,
        text: {
          de: `Bringt zur Dimension „${name.de}“ die Perspektive ${PERSPECTIVE_LABELS[perspective].de} ein.`,
          en: `Adds the perspective ${PERSPECTIVE_LABELS[perspective].en} to the dimension “${name.en}”.`,
        },
      };
    }),
  ];
}

/**
 * The best quotable match in each direction: what the candidate offers for the seeker's need, and
 * what it needs that the seeker offers. Quoted verbatim, so the seeker can judge the fit itself.
 */
function needMatches({ needMatches: matches = [] }: NetworkSignals): Reason[] {
  const best = (direction: NeedMatch['direction']) =>
    matches.find((m) => m.direction === direction && m.fit >= MIN_QUOTED_FIT);
  const theyOffer = best('THEY_OFFER');
  const youOffer = best('YOU_OFFER');
  return [
    ...(theyOffer
      ? [
          {
            code: 'OFFERS_WHAT_YOU_NEED' as const,
            quote: { need: theyOffer.need, offer: theyOffer.offer },
            text: {
              de: `Bietet „${quoted(theyOffer.offer)}“ – passend zu Ihrem Bedarf „${quoted(theyOffer.need)}“.`,
              en: `Offers “${quoted(theyOffer.offer)}” – matching your need “${quoted(theyOffer.need)}”.`,
            },
          },
        ]
      : []),
    ...(youOffer
      ? [
          {
            code: 'NEEDS_WHAT_YOU_OFFER' as const,
            quote: { need: youOffer.need, offer: youOffer.offer },
            text: {
              de: `Sucht „${quoted(youOffer.need)}“ – dazu passt Ihr Angebot „${quoted(youOffer.offer)}“.`,
              en: `Is looking for “${quoted(youOffer.need)}” – your offer “${quoted(youOffer.offer)}” fits.`,
            },
          },
        ]
      : []),
  ];
}

/** A text cut to {@link QUOTE_LENGTH} characters at a word boundary, with "…" when cut. */
function quoted(text: string): string {
  if (text.length <= QUOTE_LENGTH) return text;
  const cut = text.slice(0, QUOTE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > QUOTE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function sharedTopics(seeker: PartnerProfile, candidate: PartnerProfile, labels: Labels): Reason[] {
  const candidateTopics = new Set(candidate.topics);
  return sortedUnique(seeker.topics.filter((topic) => candidateTopics.has(topic))).map((topic) => {
    const name = labels('topic', topic);
    return {
      code: 'SHARED_TOPIC',
      ref: topic,
      text: {
        de: `Ist wie Sie im Themenfeld „${name.de}“ aktiv.`,
        en: `Is active in the topic “${name.en}”, as you are.`,
      },
    };
  });
}

/**
 * One reason at most: the same district implies the same borough, which would only repeat it.
 * With a city-wide partner on either side place is neutral in the score, so no sentence claims it
 * (an office in the Innenstadt is not suggested "because it sits in the Innenstadt too"); a
 * city-wide candidate is said to work everywhere instead.
 */
function place(seeker: PartnerProfile, candidate: PartnerProfile, labels: Labels): Reason[] {
  if (candidate.scope === 'CITY') {
    return [
      {
        code: 'WORKS_CITY_WIDE',
        text: {
          de: 'Arbeitet stadtweit – eine Zusammenarbeit ist in jedem Stadtteil möglich.',
          en: 'Works city-wide – a cooperation is possible in any district.',
        },
      },
    ];
  }
  if (seeker.scope === 'CITY') return [];
  if (seeker.districtKey !== null && seeker.districtKey === candidate.districtKey) {
    const name = labels('district', seeker.districtKey);
    return [
      placeReason(
        'SAME_DISTRICT',
        seeker.districtKey,
        `im Stadtteil „${name.de}“`,
        `district “${name.en}”`,
      ),
    ];
  }
  if (seeker.boroughKey !== null && seeker.boroughKey === candidate.boroughKey) {
    const name = labels('borough', seeker.boroughKey);
    return [
      placeReason(
        'SAME_BOROUGH',
        seeker.boroughKey,
        `im Stadtbezirk „${name.de}“`,
        `borough “${name.en}”`,
      ),
    ];
  }
  return [];
}

function placeReason(code: ReasonCode, ref: string, de: string, en: string): Reason {
  return { code, ref, text: { de: `Sitzt wie Sie ${de}.`, en: `Is based in your ${en}.` } };
}

function commonPartners({ commonPartners: count, commonPartnerIds }: NetworkSignals): Reason[] {
  if (!(count > 0)) return [];
  const one = count === 1;
  return [
    {
      code: 'COMMON_PARTNERS',
      ...(commonPartnerIds ? { partnerIds: commonPartnerIds.slice(0, 3) } : {}),
      text: {
        de: one
          ? 'Hat mit einem Ihrer bisherigen Kooperationspartner zusammengearbeitet.'
          : `Hat mit ${count} Ihrer bisherigen Kooperationspartner zusammengearbeitet.`,
        en: one
          ? 'Has cooperated with one of your former cooperation partners.'
          : `Has cooperated with ${count} of your former cooperation partners.`,
      },
    },
  ];
}

function otherSector(seeker: PartnerProfile, candidate: PartnerProfile, labels: Labels): Reason[] {
  if (seeker.sector === candidate.sector) return [];
  const name = labels('sector', candidate.sector);
  return [
    {
      code: 'OTHER_SECTOR',
      ref: candidate.sector,
      text: {
        de: `Kommt aus dem Sektor ${name.de} und schlägt so eine Brücke über Ihren eigenen Sektor hinaus.`,
        en: `Comes from the ${name.en} sector and so builds a bridge beyond your own sector.`,
      },
    },
  ];
}

/** Only when both communities are known: a partner without cooperations is in no circle yet. */
function otherCommunity(seeker: PartnerProfile, candidate: PartnerProfile): Reason[] {
  if (seeker.community == null || candidate.community == null) return [];
  if (seeker.community === candidate.community) return [];
  return [
    {
      code: 'OTHER_COMMUNITY',
      text: {
        de: 'Gehört zu einem anderen Kreis des Bündnisnetzwerks – so erreicht Ihre Arbeit neue Partner.',
        en: 'Belongs to another circle of the alliance network – so your work reaches new partners.',
      },
    },
  ];
}

function neverCooperated(candidate: PartnerProfile): Reason[] {
  if (candidate.cooperationCount !== 0) return [];
  return [
    {
      code: 'NEVER_COOPERATED',
      text: {
        de: 'War noch an keiner Kooperation beteiligt – Sie wären die ersten Kooperationspartner.',
        en: 'Has not cooperated with anyone yet – you would be its first cooperation partner.',
      },
    },
  ];
}

function sortedUnique(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort(compare);
}

/** Code-unit order, independent of the runtime's locale, for deterministic output. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * What kind of key each reason's `ref` names, so the API can give the ref's name. Reasons whose
 * ref is a dimension (ADDS_*) and those without a ref map to `dimension`, as before.
 */
export const REF_KINDS: Readonly<Record<ReasonCode, LabelKind>> = {
  ADDS_DIMENSION: 'dimension',
  ADDS_PERSPECTIVE: 'dimension',
  OFFERS_WHAT_YOU_NEED: 'dimension',
  NEEDS_WHAT_YOU_OFFER: 'dimension',
  SHARED_TOPIC: 'topic',
  SAME_DISTRICT: 'district',
  SAME_BOROUGH: 'borough',
  WORKS_CITY_WIDE: 'dimension',
  COMMON_PARTNERS: 'dimension',
  OTHER_SECTOR: 'sector',
  OTHER_COMMUNITY: 'dimension',
  NEVER_COOPERATED: 'dimension',
  NO_DIMENSIONS_YET: 'dimension',
};

/** The name of a reason's `ref` in the given language, looked up by the kind {@link REF_KINDS} gives. */
export function refName(
  code: ReasonCode,
  ref: string,
  labels: Labels,
  language: keyof Bilingual,
): string {
  return labels(REF_KINDS[code], ref)[language];
}
