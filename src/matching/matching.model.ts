import type { Engagement } from '../cooperations/cross-dimension-rule';

/**
 * Where a partner works: in its Stadtteil, its Stadtbezirk or the whole city. City-wide bodies (the
 * city's offices, council factions, foundations) meet partners anywhere, so place says little about them.
 */
export type PartnerScope = 'NEIGHBOURHOOD' | 'BOROUGH' | 'CITY';

/**
 * What the scoring core knows about one partner: the seeker or a candidate. Built by the
 * repository from the graph (docs/graph-model.md); the scoring never reads anything else.
 */
export interface PartnerProfile {
  /** The partner's id; also the deterministic tie-break wherever scores are equal. */
  id: string;
  /** `CIVIL_SOCIETY`, `BUSINESS`, `POLITICS` or `ADMINISTRATION`. */
  sector: string;
  /** Key of the district the partner is located in; `null` when unknown. */
  districtKey: string | null;
  /** Key of that district's borough; `null` when unknown. */
  boroughKey: string | null;
  /** Where the partner works; see {@link PartnerScope}. */
  scope: PartnerScope;
  /** Keys of the topics (fields of action) the partner is active in. */
  topics: readonly string[];
  /** Every (dimension, perspective) the partner engages in. */
  engagements: readonly Engagement[];
  /** Number of cooperations the partner has taken part in. */
  cooperationCount: number;
  /** Latest activity (joined, cooperation started, event attended) as `YYYY-MM-DD`. */
  lastActiveOn: string;
  /**
   * Label of the partner's community in the co-cooperation graph (e.g. from a community detection
   * run); `null` or absent when unknown, which then never counts as "another community".
   */
  community?: string | null;
}

/** Which side of a pair offers what the other needs, seen from the seeker. */
export type NeedDirection = 'THEY_OFFER' | 'YOU_OFFER';

/**
 * An offer of one partner that answers a need of the other, as found by the full-text index
 * (standing profile offers and needs, and posts of an open Kooperationsbörse).
 */
export interface NeedMatch {
  /** THEY_OFFER: the candidate offers what the seeker needs; YOU_OFFER: the other way round. */
  direction: NeedDirection;
  /** The need's text, as its author wrote it. */
  need: string;
  /** The offer's text, as its author wrote it. */
  offer: string;
  /** How well the offer answers the need, in [0, 1] (from the full-text score; docs/matching.md). */
  fit: number;
}

/** Graph signals about a (seeker, candidate) pair, computed by the repository on the co-cooperation graph. */
export interface NetworkSignals {
  /** Number of partners both have cooperated with. */
  commonPartners: number;
  /** Ids of those partners, sorted, when known; reasons name them. */
  commonPartnerIds?: readonly string[];
  /** Adamic–Adar index: Σ over common partners z of 1 / ln(degree(z)); 0 without common partners. */
  adamicAdar: number;
  /** Offers of one side that answer needs of the other; absent or empty when none. */
  needMatches?: readonly NeedMatch[];
}

/** The components a pair's score is made of, in the order they are reported. */
export const COMPONENT_NAMES = [
  'complementarity',
  'needFit',
  'commonGround',
  'proximity',
  'networkTrust',
  'bridging',
  'activity',
  'exposure',
] as const;

/** Name of one score component. */
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/** One non-negative weight per component; the score is the weighted mean of the components. */
export type Weights = Readonly<Record<ComponentName, number>>;

/** One component of a pair's score, as reported to the client. */
export interface ScoreComponent {
  name: ComponentName;
  /** The component's value in [0, 1]. */
  value: number;
  /** The weight it had in the weighted mean. */
  weight: number;
}

/** The score of one (seeker, candidate) pair. */
export interface PairScore {
  /** Weighted mean of the component values, in [0, 1]. */
  score: number;
  /** Every component in {@link COMPONENT_NAMES} order. */
  components: ScoreComponent[];
}

/** A candidate together with its score for one seeker; the unit that is ranked and diversified. */
export interface ScoredCandidate extends PairScore {
  candidate: PartnerProfile;
  /** The pair's graph signals, kept for the reasons. */
  signals: NetworkSignals;
}
