import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import type { PartnerScope } from '../../src/matching/matching.model';

/** A partner's sector (docs/graph-model.md). */
export type Sector = 'CIVIL_SOCIETY' | 'BUSINESS' | 'POLITICS' | 'ADMINISTRATION';

/** A partner's kind of organisation (docs/graph-model.md). */
export type PartnerKind =
  | 'ASSOCIATION'
  | 'MIGRANT_ORGANISATION'
  | 'RELIGIOUS_COMMUNITY'
  | 'EDUCATION'
  | 'SOCIAL_SERVICE'
  | 'CULTURE'
  | 'SPORTS_CLUB'
  | 'YOUTH_ORGANISATION'
  | 'COMPANY'
  | 'CHAMBER_OR_UNION'
  | 'PARTY_OR_FACTION'
  | 'PUBLIC_AUTHORITY'
  | 'FOUNDATION'
  | 'INITIATIVE';

/** Where a partner stands in the alliance: APPLIED → ACTIVE → PAUSED / LEFT. */
export type PartnerStatus = 'APPLIED' | 'ACTIVE' | 'PAUSED' | 'LEFT';

/** The three kinds of cooperation the alliance counts. */
export type CooperationKind = 'DIVERSITY_COOPERATION' | 'NETWORK_PROJECT' | 'ACTION_DAY_EVENT';

/** A cooperation's status; the demo has no drafts. */
export type CooperationStatus = 'DRAFT' | 'ACTIVE' | 'ENDED';

/** The funding programme of the talk; `null` for unfunded cooperations. */
export type Funding = 'DEMOKRATIE_LEBEN';

/** The alliance's own events. */
export type EventKind = 'ALLIANCE_MEETING' | 'ACTION_DAYS' | 'TRAINING';

/** A partner as it is written: node properties plus its dimension, topic and district links. */
export interface DemoPartner {
  /** `p-00001`, numbered in the order of joining. */
  id: string;
  name: string;
  sector: Sector;
  kind: PartnerKind;
  status: PartnerStatus;
  /** ISO date (`YYYY-MM-DD`) the partner signed the declaration. */
  joinedOn: string;
  /** One German sentence. */
  description: string;
  website: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  /** A coordinator's note (paused, left, applied) or `null`. */
  internalNotes: string | null;
  version: number;
  /** Number of cooperations the partner takes part in. */
  cooperationCount: number;
  /** ISO date: the latest of joinedOn, a cooperation's startedOn, an attended event's date. */
  lastActiveOn: string;
  /** `ENGAGES_IN` relationships, one per dimension and perspective. */
  engagements: Engagement[];
  /** `ACTIVE_IN` topic keys. */
  topics: string[];
  /** `LOCATED_IN` district key. */
  district: string;
  /** Where the partner works (`scope` property). */
  scope: PartnerScope;
  /** Standing offers (`OFFERS` → `Offer` nodes), in the partner's order; at most 10. */
  offers: DemoOfferOrNeed[];
  /** Standing needs (`NEEDS` → `Need` nodes), in the partner's order; at most 10. */
  needs: DemoOfferOrNeed[];
}

/** One standing offer or need of a partner's profile. */
export interface DemoOfferOrNeed {
  /** German text, 1–300 characters, as a partner would write it. */
  text: string;
  /** Topic keys the item is about (may be empty). */
  topicKeys: string[];
  /**
   * The resource category the generator drew it from (e.g. `ROOMS`). Generator-only: never
   * written to the graph and never read by the matching, so the matching must find fits from the
   * text alone (docs/demo-data.md).
   */
  category: string;
}

/** One `PARTICIPATES_IN` relationship of a cooperation. */
export interface DemoParticipant {
  partnerId: string;
  role: 'LEAD' | 'PARTNER';
}

/** A cooperation with its participants (the lead first) and addressed dimensions. */
export interface DemoCooperation {
  /** `c-00001`, numbered by start date. */
  id: string;
  /** German title. */
  title: string;
  kind: CooperationKind;
  status: CooperationStatus;
  startedOn: string;
  /** `null` while the cooperation runs. */
  endedOn: string | null;
  funding: Funding | null;
  participants: DemoParticipant[];
  /** `ADDRESSES` dimension keys. */
  dimensions: string[];
  /** For an ACTION_DAY_EVENT: the id of its year's ACTION_DAYS event (`PART_OF`); else `null`. */
  partOf: string | null;
}

/** An alliance event. */
export interface DemoEvent {
  /** `e-00001`, numbered by date. */
  id: string;
  kind: EventKind;
  title: string;
  date: string;
}

/** One `ATTENDED` relationship. */
export interface DemoAttendance {
  partnerId: string;
  eventId: string;
}

/**
 * How co-partners choose each other in the simulation (docs/demo-data.md, "Regimes"). Only the
 * co-partner weight and the candidate buckets differ; counts, dates and everything else do not.
 *
 * - `PLACE_AND_TOPIC`: homophily by district, borough and shared topics (the original process).
 * - `NEEDS`: pairs form where one offers a resource category the other needs; place and topics
 *   matter little.
 * - `BRIDGING`: cross-sector and cross-district pairs are common; the same district repels.
 */
export type DemoRegime = 'PLACE_AND_TOPIC' | 'NEEDS' | 'BRIDGING';

/** Options of {@link DemoAlliance} generation. */
export interface DemoOptions {
  /**
   * Number of member partners (status ACTIVE or PAUSED); everything else scales with it.
   * @default 353 // the talk's figure
   */
  partners?: number;
  /** @default 42 */
  seed?: number;
  /**
   * The day the alliance is generated "as of" (ISO date); nothing happens after it.
   * @default '2023-06-12' // the day of the talk
   */
  asOf?: string;
  /**
   * How co-partners are chosen; see {@link DemoRegime}. `PLACE_AND_TOPIC` gives exactly the
   * alliance the generator gave before regimes existed (every field but scope, offers and needs).
   * @default 'PLACE_AND_TOPIC'
   */
  regime?: DemoRegime;
}

/** A generated demo alliance: plain data, ready for the writer. */
export interface DemoAlliance {
  /** The options it was generated with, defaults filled in. */
  options: Required<DemoOptions>;
  partners: DemoPartner[];
  cooperations: DemoCooperation[];
  events: DemoEvent[];
  attendances: DemoAttendance[];
}
