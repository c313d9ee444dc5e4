import { diversify } from '../diversify';
import { COMPONENT_NAMES, type ScoredCandidate, type Weights } from '../matching.model';
import { isEligible, scorePair, validateWeights } from '../scoring';
import { type EvaluationSplit, type HistoryState, pairSignals } from './history';
import { candidatePool } from './methods';
import { type MetricRow, measureSplit } from './metrics';

/** One point of the search: weights and diversity. */
export interface MatchingConfig {
  weights: Weights;
  lambda: number;
}

/** How to search. */
export interface TuningOptions {
  /** Where the search starts; usually the current defaults. */
  start: MatchingConfig;
  /** List length of the objective, recall@k. @default 10 */
  k?: number;
  /** The exposure constraint on the validation lists. @default 0.5 */
  maxGini?: number;
  /** Values tried for each weight. @default [0, 0.5, 1, 2, 3] */
  weightGrid?: readonly number[];
  /** Values tried for lambda. @default [0.5, 0.6, 0.7, 0.8, 0.9, 1] */
  lambdaGrid?: readonly number[];
  /** Sweeps over all coordinates at most. @default 4 */
  maxPasses?: number;
  /** The lowest value each weight may take. @default {@link PRODUCT_FLOORS} */
  floors?: Partial<Weights>;
}

/**
 * Weights the tuning may not go below. A product decision, not a tuning result: the demo's
 * cooperations are generated from place, topics and attachment (docs/demo-data.md), so a free
 * search drops complementarity, bridging, activity and exposure to 0 — yet those carry what the
 * alliance wants from the matching: new dimensions, bridges between sectors, partners who answer,
 * and a chance for members who never took part. Their floors keep them in every score; the search
 * places the rest on the validation cut.
 */
export const PRODUCT_FLOORS: Readonly<Partial<Weights>> = {
  complementarity: 1,
  bridging: 0.5,
  activity: 0.5,
  exposure: 0.5,
};

/** The outcome of {@link tuneMatching}. */
export interface TuningResult extends MatchingConfig {
  /** The chosen config's metrics (against all new pairs) on the validation split. */
  validation: MetricRow;
  /** Whether the chosen config meets the Gini constraint. */
  feasible: boolean;
  /** Distinct configs evaluated. */
  evaluations: number;
  /** Sweeps run. */
  passes: number;
  /** Whether the last sweep changed nothing, i.e. no single coordinate can improve the result. */
  converged: boolean;
}

interface Candidate extends MatchingConfig {
  metrics: MetricRow;
}

/**
 * Tunes the matching's weights and lambda on a validation split by coordinate search: each sweep
 * tries every grid value of one weight at a time (the others fixed), then every lambda, and keeps a
 * change only when it is strictly better. Better means: meeting the Gini constraint beats missing
 * it; among configs that meet it, higher recall@k against all new pairs; among those that miss it,
 * lower Gini. Keeping the current value on ties makes the search deterministic and makes its result
 * a fixed point once a sweep changes nothing (`converged`): starting again from it returns it.
 *
 * Bounded: at most `maxPasses · (7 · |weightGrid| + |lambdaGrid|)` evaluations, each config
 * evaluated once. Never look at the test split here: that is what keeps the test numbers honest.
 */
export function tuneMatching(split: EvaluationSplit, options: TuningOptions): TuningResult {
  const k = options.k ?? 10;
  const maxGini = options.maxGini ?? 0.5;
  const weightGrid = options.weightGrid ?? [0, 0.5, 1, 2, 3];
  const lambdaGrid = options.lambdaGrid ?? [0.5, 0.6, 0.7, 0.8, 0.9, 1];
  const maxPasses = options.maxPasses ?? 4;
  const floors = options.floors ?? PRODUCT_FLOORS;
  const table = precomputeMatching(split.state);
  const cache = new Map<string, Candidate>();
  const evaluate = (config: MatchingConfig): Candidate => {
    const key = JSON.stringify(config);
    let found = cache.get(key);
    if (!found) {
      const lists = rankPrecomputed(table, config, k);
      found = { ...config, metrics: measureSplit(lists, split, k).all };
      cache.set(key, found);
    }
    return found;
  };
  const better = (a: Candidate, b: Candidate) => isBetter(a.metrics, b.metrics, maxGini);
  let best = evaluate(options.start);
  let passes = 0;
  let changed = true;
  while (changed && passes < maxPasses) {
    passes += 1;
    const before = best;
    for (const name of COMPONENT_NAMES) {
      for (const value of weightGrid) {
        if (value < (floors[name] ?? 0)) continue;
        const weights = { ...best.weights, [name]: value };
        if (validateWeights(weights).length > 0) continue;
        const next = evaluate({ weights, lambda: best.lambda });
        if (better(next, best)) best = next;
      }
    }
    for (const lambda of lambdaGrid) {
      const next = evaluate({ weights: best.weights, lambda });
      if (better(next, best)) best = next;
    }
    changed = best !== before;
  }
  return {
    weights: best.weights,
    lambda: best.lambda,
    validation: best.metrics,
    feasible: best.metrics.gini <= maxGini,
    evaluations: cache.size,
    passes,
    converged: !changed,
  };
}

/** The order of {@link tuneMatching}: feasibility, then recall (feasible) or Gini (infeasible). */
export function isBetter(a: MetricRow, b: MetricRow, maxGini: number): boolean {
  const aFits = a.gini <= maxGini;
  const bFits = b.gini <= maxGini;
  if (aFits !== bFits) return aFits;
  return aFits ? a.recall > b.recall : a.gini < b.gini;
}

/**
 * What `rankCandidates` (rank.ts) computes for every config alike, computed once: each seeker's
 * eligible pool with the pair's component values. Scoring is most of a ranking's cost; with it
 * cached, one config costs a weighted sum per pair and the diversification.
 */
export interface MatchingTable {
  seekers: { id: string; pool: ScoredCandidate[] }[];
}

const UNIT_WEIGHTS = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, 1])) as Weights;

/** Builds the {@link MatchingTable} of a state; scoring is as of the cut, like `matching`. */
export function precomputeMatching(state: HistoryState): MatchingTable {
  const seekers = state.candidates.map((seeker) => ({
    id: seeker.id,
    pool: candidatePool(seeker, state)
      .filter((candidate) => isEligible(seeker, candidate))
      .map((candidate) => {
        const signals = pairSignals(state, seeker.id, candidate.id);
        return {
          candidate,
          signals,
          ...scorePair(seeker, candidate, signals, UNIT_WEIGHTS, state.cut),
        };
      }),
  }));
  return { seekers };
}

/**
 * The lists `matching(weights, lambda)` returns, from a {@link MatchingTable}: the weighted mean
 * is summed in {@link COMPONENT_NAMES} order exactly as {@link scorePair} does, and the picking is
 * {@link diversify} itself, so the lists are identical (a unit test
 * checks it).
 * @throws RangeError for weights {@link validateWeights} rejects, as `scorePair` would.
 */
export function rankPrecomputed(
  table: MatchingTable,
  config: MatchingConfig,
  k: number,
): Map<string, string[]> {
  const problems = validateWeights(config.weights);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const weights = COMPONENT_NAMES.map((name) => config.weights[name]);
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  return new Map(
    table.seekers.map(({ id, pool }) => {
      const scored = pool.map((entry) => {
        const weighted = entry.components.reduce(
          (sum, c, i) => sum + c.value * (weights[i] ?? 0),
          0,
        );
        return { ...entry, score: Math.min(1, Math.max(0, weighted / totalWeight)) };
      });
      return [id, diversify(scored, k, config.lambda).map((s) => s.candidate.id)];
    }),
  );
}
