import type { PartnerFilter } from '../partners/partner.types';
import type { NeedMatch, PartnerProfile } from './matching.model';
import type { Bilingual, LabelKind } from './reasons';

/*
 * What the repository reads about a seeker and what candidate retrieval is asked with. Kept apart
 * from the repository so the pure modules (reach, queries) can name these shapes without
 * importing the class that runs Cypher.
 */

/** A seeker as the service needs it: its profile, status and whom it must not be offered. */
export interface Seeker {
  profile: PartnerProfile;
  status: string;
  /**
   * Former (and current) cooperation partners, each with its own co-partners: these give the
   * network channel (partners of partners), the common partners of a pair and, by their number,
   * each former partner's degree for Adamic–Adar.
   */
  former: FormerPartner[];
  /** Candidates this seeker dismissed, or recorded NOT_A_FIT about (may repeat an id). */
  dismissed: string[];
  /** Candidates this seeker recorded COOPERATION_PLANNED about: in progress, not suggested again. */
  planned: string[];
  /**
   * Offers of other ACTIVE partners answering this seeker's needs and needs its offers answer
   * (standing profile items and open Börse posts), by candidate id, best fit first.
   */
  needMatches: ReadonlyMap<string, readonly NeedMatch[]>;
}

/** A seeker's former cooperation partner and that partner's own co-partners. */
export interface FormerPartner {
  id: string;
  /** Distinct co-partners of this partner (its neighbours in the co-cooperation graph). */
  neighbours: string[];
}

/** What candidate retrieval needs to know about one seeker. */
export interface CandidateRequest {
  seeker: Seeker;
  /** Ids never to return: the seeker's own exclusions (self, former, dismissed, excludeIds). */
  excluded: string[];
}

/** The candidates' own conditions, beyond ACTIVE and not excluded. */
export interface CandidateFilter extends Pick<
  PartnerFilter,
  'sectors' | 'districts' | 'boroughs' | 'topics'
> {
  /** Dimensions every candidate must engage in. */
  dimensions?: string[] | null;
  /** Only partners who never cooperated with anyone. */
  neverCooperated?: boolean | null;
}

/** The names of reference keys, for the reasons' sentences. */
export type ReferenceLabels = Map<string, Bilingual>;

/** Key of a reference label in {@link ReferenceLabels}. */
export const labelKey = (kind: LabelKind, key: string) => `${kind}:${key}`;
