import { TimeSlicer } from '../common/time-slicer';
import {
  type ConsortiumQuery,
  type ConsortiumResult,
  consortiumSteps,
  type PoolMember,
} from './consortia';
import type { ScoredCandidate } from './matching.model';
import type { PartnerSuggestion } from './matching.types';
import type { RankingSnapshot } from './ranking-context';
import {
  type RankJob,
  rankSteps,
  scoreSteps,
  type SuggestionSetting,
  suggestionSteps,
} from './ranking-steps';

/**
 * Where the matching's CPU work runs; the service only knows this interface. Every method gives
 * what the pure pipeline (rank.ts) gives for the same input.
 */
export interface Ranker {
  /** A job's ranked list ({@link rankSteps}). */
  rank(job: RankJob, snapshot: RankingSnapshot): Promise<ScoredCandidate[]>;
  /** Every eligible candidate of a job, scored, in input order ({@link scoreSteps}). */
  scoreAll(job: RankJob, snapshot: RankingSnapshot): Promise<ScoredCandidate[]>;
  /** The suggestion lists of many jobs ({@link suggestionSteps}). */
  suggestions(jobs: readonly RankJob[], setting: SuggestionSetting): Promise<PartnerSuggestion[][]>;
  /** Groups covering the requested dimensions ({@link consortiumSteps}). */
  consortia(pool: readonly PoolMember[], query: ConsortiumQuery): Promise<ConsortiumResult[]>;
  /** Stops the ranker; later calls are rejected. */
  close(): Promise<void>;
}

/**
 * Ranks on the event loop in slices of a few milliseconds ({@link TimeSlicer}): a request for 100
 * partners' lists no longer blocks other requests for the ~0.5 s it computes, it shares the loop.
 */
export class SlicedRanker implements Ranker {
  constructor(private readonly slicer = new TimeSlicer()) {}

  rank(job: RankJob, snapshot: RankingSnapshot): Promise<ScoredCandidate[]> {
    return this.slicer.run(rankSteps(job, snapshot));
  }

  scoreAll(job: RankJob, snapshot: RankingSnapshot): Promise<ScoredCandidate[]> {
    return this.slicer.run(scoreSteps(job, snapshot));
  }

  suggestions(
    jobs: readonly RankJob[],
    setting: SuggestionSetting,
  ): Promise<PartnerSuggestion[][]> {
    return this.slicer.run(suggestionSteps(jobs, setting));
  }

  consortia(pool: readonly PoolMember[], query: ConsortiumQuery): Promise<ConsortiumResult[]> {
    return this.slicer.run(consortiumSteps(pool, query));
  }

  async close(): Promise<void> {}
}
