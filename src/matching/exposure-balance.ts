import type { Steps } from '../common/time-slicer';
import { diversify } from './diversify';
import type { ScoredCandidate } from './matching.model';

/**
 * How lists are balanced across the alliance (docs/matching.md#exposure). Scores alone make hubs:
 * a partner that fits many seekers a little better than the rest tops all their lists, while a
 * third of the alliance is never suggested. So, once per data version, every seeker's list is
 * computed and each candidate's ranking weight is nudged toward the share of lists it would have
 * if exposure were even: `factor ← factor · ((expected + 1) / (shown + 1))^step`, a few rounds.
 * Small steps matter: a strong correction only swaps the hubs for the next tier.
 */
export const EXPOSURE_BALANCE = {
  /** Rounds of nudging; each costs one diversified list per seeker. */
  rounds: 5,
  /** Exponent of one nudge. */
  step: 0.05,
  /** The list length whose exposure is balanced: what a partner sees first. */
  listLength: 5,
  /** Bounds of a factor: no candidate is buried or lifted beyond them. */
  minFactor: 0.5,
  maxFactor: 1.5,
} as const;

/** Ranking weights per candidate id; a candidate without an entry keeps weight 1. */
export type ExposureFactors = ReadonlyMap<string, number>;

/**
 * The candidates with their scores multiplied by their exposure factor, for ranking only: each
 * keeps a reference to the scored original, which is what the caller reports.
 */
export function balanced<T extends ScoredCandidate>(
  pool: readonly T[],
  factors: ExposureFactors,
): (T & { original: T })[] {
  return pool.map((c) => ({
    ...c,
    score: c.score * (factors.get(c.candidate.id) ?? 1),
    original: c,
  }));
}

/**
 * The exposure factors of a set of seekers' pools (each seeker's eligible candidates, scored).
 * Deterministic: the same pools give the same factors, whatever their order.
 * @param population - how many partners can be suggested at all (ACTIVE partners); with a sample
 *   of seekers, the expected exposure scales with `pools.length / population`
 * @param lambda - the diversification of the lists, as in production
 */
export function exposureFactors(
  pools: readonly (readonly ScoredCandidate[])[],
  population: number,
  lambda: number,
  options: Partial<typeof EXPOSURE_BALANCE> = {},
): Map<string, number> {
  const steps = exposureFactorSteps(pools, population, lambda, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * {@link exposureFactors} as steps (time-slicer.ts), one seeker's pool each: the whole
 * computation takes ~0.3 s at 400 seekers, too long for one stretch of the event loop.
 */
export function* exposureFactorSteps(
  pools: readonly (readonly ScoredCandidate[])[],
  population: number,
  lambda: number,
  options: Partial<typeof EXPOSURE_BALANCE> = {},
): Steps<Map<string, number>> {
  const { rounds, step, listLength, minFactor, maxFactor } = { ...EXPOSURE_BALANCE, ...options };
  const expected = population > 0 ? (listLength * pools.length) / population : 0;
  const candidates = new Set(pools.flatMap((pool) => pool.map((c) => c.candidate.id)));
  const factors = new Map<string, number>();
  for (let round = 0; round < rounds; round += 1) {
    const shown = new Map<string, number>();
    for (const pool of pools) {
      for (const picked of diversify(balanced(pool, factors), listLength, lambda)) {
        shown.set(picked.candidate.id, (shown.get(picked.candidate.id) ?? 0) + 1);
      }
      yield;
    }
    for (const id of candidates) {
      const nudge = ((expected + 1) / ((shown.get(id) ?? 0) + 1)) ** step;
      const factor = (factors.get(id) ?? 1) * nudge;
      factors.set(id, Math.min(maxFactor, Math.max(minFactor, factor)));
    }
  }
  return factors;
}
