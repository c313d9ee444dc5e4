import type { Language } from '../common/language';
import type { NetworkSignals, PartnerProfile, ScoredCandidate } from './matching.model';
import type { PartnerSuggestion } from './matching.types';
import type { RankingSnapshot } from './ranking-context';
import type { RankJob } from './ranking-steps';
import type { ReferenceLabels } from './seeker';
import type { ConsortiumQuery, ConsortiumResult, PoolMember } from './consortia';

/** What a ranking worker answers with. */
export type RankingValue = ScoredCandidate[] | PartnerSuggestion[] | ConsortiumResult[];

/*
 * The messages between the ranking pool (ranking.pool.ts) and its worker threads
 * (ranking.worker.ts). Structured cloning costs the sending thread time, so what stays the same
 * across jobs is sent to a worker once and named by a serial number afterwards: profiles (the
 * repository hands out the same object while the data version holds), the ranking snapshot and
 * the reference labels.
 */

/** A candidate on the wire: its profile only when this worker has not seen that object yet. */
export interface WireCandidate {
  ref: number;
  profile?: PartnerProfile;
  signals: NetworkSignals;
}

/** A job for a ranking worker: one seeker's list, or a consortium search. */
export type RankingRequest = SeekerRequest | ConsortiumRequest;

/** A consortium search (`searchConsortia`), sent whole: its pool is a few hundred profiles. */
export interface ConsortiumRequest {
  id: number;
  task: 'consortia';
  pool: PoolMember[];
  query: ConsortiumQuery;
}

/** One seeker's ranking. */
export interface SeekerRequest {
  id: number;
  task: 'rank' | 'score' | 'suggestions';
  /** The worker forgets every profile before this job (the pool's bound was reached). */
  forget?: true;
  snapshotRef: number;
  /** Sent when this worker has not got `snapshotRef` yet. */
  snapshot?: RankingSnapshot;
  labelsRef?: number;
  /** Sent when this worker has not got `labelsRef` yet. */
  labels?: ReferenceLabels;
  language?: Language;
  seeker: PartnerProfile;
  candidates: WireCandidate[];
  options: RankJob['options'];
  balanced: boolean;
}

/** A worker's answer to one job: its value, or the message of what it threw. */
export type RankingResponse =
  { id: number; ok: true; value: RankingValue } | { id: number; ok: false; error: string };
