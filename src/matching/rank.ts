import type { NetworkSignals, PartnerProfile, ScoredCandidate, Weights } from './matching.model';
import { diversify } from './diversify';
import { balanced, type ExposureFactors } from './exposure-balance';
import { isEligible, scorePair } from './scoring';

/**
 * Trade-off between relevance and variety in {@link diversify}: 1 ranks by score alone, and a
 * near-copy of a pick keeps this share of its score. Below 2/3, so that a candidate of another
 * profile within a third of the best always beats a copy; chosen on the validation cuts of
 * `npm run eval:matching` among such values (docs/matching-evaluation.md).
 * @default 0.5
 */
export const DEFAULT_DIVERSITY_LAMBDA = 0.5;

/** A candidate as the repository (or the evaluation) hands it over: its profile and pair signals. */
export interface Candidate {
  profile: PartnerProfile;
  signals: NetworkSignals;
}

/** How to rank: the weights, the reference date for activity, the list length and the variety. */
export interface RankOptions {
  weights: Weights;
  /** Reference date `YYYY-MM-DD` for the activity component. */
  asOf: string;
  /** How many suggestions to return. */
  k: number;
  /** See {@link DEFAULT_DIVERSITY_LAMBDA}. */
  lambda?: number;
  /** Ranking weights that balance exposure across the alliance (exposure-balance.ts); none by default. */
  exposure?: ExposureFactors;
}

/**
 * The whole pure matching pipeline for one seeker: drops pairs the hard rule forbids
 * ({@link isEligible}), scores the rest ({@link scorePair}) and picks a diversified top k
 * ({@link diversify}), with scores weighted by the exposure factors when given (the reported score
 * stays the pair's own). Excluding former partners, dismissed and inactive candidates is the caller's
 * job, because only the caller knows the graph. Deterministic: the order of `candidates` does not
 * change the result.
 * @throws RangeError for invalid weights, dates, `k` or `lambda` (validate user input first).
 */
export function rankCandidates(
  seeker: PartnerProfile,
  candidates: readonly Candidate[],
  options: RankOptions,
): ScoredCandidate[] {
  return pickTop(scoreEligible(seeker, candidates, options), options);
}

/**
 * The second half of {@link rankCandidates}: the diversified top k of scored candidates, weighted
 * by the exposure factors when given. Apart so that scoring can run in slices (ranking-steps.ts)
 * and still give the same lists.
 */
export function pickTop(
  scored: readonly ScoredCandidate[],
  options: Pick<RankOptions, 'k' | 'lambda' | 'exposure'>,
): ScoredCandidate[] {
  const lambda = options.lambda ?? DEFAULT_DIVERSITY_LAMBDA;
  if (!options.exposure) return diversify(scored, options.k, lambda);
  return diversify(balanced(scored, options.exposure), options.k, lambda).map((c) => c.original);
}

/** The candidates that pass {@link isEligible}, each with its score; in input order. */
export function scoreEligible(
  seeker: PartnerProfile,
  candidates: readonly Candidate[],
  { weights, asOf }: Pick<RankOptions, 'weights' | 'asOf'>,
): ScoredCandidate[] {
  return candidates
    .filter(({ profile }) => isEligible(seeker, profile))
    .map(({ profile, signals }) => ({
      candidate: profile,
      signals,
      ...scorePair(seeker, profile, signals, weights, asOf),
    }));
}
