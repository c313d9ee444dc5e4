import { diversify } from '../diversify';
import { balanced, type ExposureFactors } from '../exposure-balance';
import { COMPONENT_NAMES, type ScoredCandidate, type Weights } from '../matching.model';
import { isEligible, scorePair, validateWeights } from '../scoring';
import { type EvaluationSplit, type HistoryState, pairSignals, targetsBySeeker } from './history';
import { candidatePool, stateExposureFactors } from './methods';
import {
  catalogueCoverage,
  exposureGini,
  meanReciprocalRank,
  measure,
  type MetricRow,
  ndcgAtK,
  recallAtK,
} from './metrics';

/** One point of the search: weights and diversity. */
export interface MatchingConfig {
  weights: Weights;
  lambda: number;
}

/** How to search. */
export interface TuningOptions {
  /** Where the search starts; usually the current defaults. */
  start: MatchingConfig;
  /**
   * Further starting points: the search starts at the best of `start` and these (the first of
   * equals wins). A coordinate search can stall where one weight alone cannot improve; starting
   * from each regime's own optimum as well gives the common search a better chance.
   * @default []
   */
  alsoStartFrom?: readonly MatchingConfig[];
  /** List length of the objective, recall@k. @default 10 */
  k?: number;
  /** The exposure constraint on the validation lists. @default 0.5 */
  maxGini?: number;
  /** Values tried for each weight. @default [0, 0.5, 1, 2, 3] */
  weightGrid?: readonly number[];
  /** Values tried for lambda. @default {@link PRODUCT_LAMBDA_GRID} */
  lambdaGrid?: readonly number[];
  /** Sweeps over all coordinates at most. @default 4 */
  maxPasses?: number;
  /** The lowest value each weight may take. @default {@link PRODUCT_FLOORS} */
  floors?: Partial<Weights>;
}

/**
 * The diversity values the search tries. A product decision like the floors: below 2/3 a near-copy
 * of a pick never beats a candidate of another profile within a third of the best score
 * (`DEFAULT_DIVERSITY_LAMBDA` in rank.ts), so λ ≥ 2/3 is not offered even where it predicts better.
 */
export const PRODUCT_LAMBDA_GRID: readonly number[] = [0.2, 0.3, 0.4, 0.5, 0.6];

/**
 * Weights the tuning may not go below. A product decision, not a tuning result: in the
 * PLACE_AND_TOPIC regime cooperations form from place, topics and attachment (docs/demo-data.md),
 * so a free search there drops complementarity, bridging, activity and exposure to 0 — yet those
 * carry what the alliance wants from the matching: new dimensions, bridges between sectors,
 * partners who answer, and a chance for members who never took part. Their floors keep them in every score; the search
 * places the rest on the validation cuts.
 */
export const PRODUCT_FLOORS: Readonly<Partial<Weights>> = {
  complementarity: 1,
  bridging: 0.5,
  activity: 0.5,
  exposure: 0.5,
};

/** The outcome of {@link tuneMatching}. */
export interface TuningResult extends MatchingConfig {
  /** The chosen config's metrics (against all new pairs), pooled over the validation splits. */
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

/** One regime's validation splits and the best recall its own tuning reached on them. */
export interface RegimeTarget {
  name: string;
  splits: readonly EvaluationSplit[];
  /** Recall@k of the regime's tuned config, pooled over `splits`: the regime's 100 %. */
  bestRecall: number;
}

/** The outcome of {@link tuneCommon}. */
export interface CommonTuningResult extends Omit<TuningResult, 'validation'> {
  /** Per regime (in input order): the config's pooled validation metrics and recall / bestRecall. */
  regimes: { name: string; validation: MetricRow; share: number }[];
  /** The objective: the smallest share over the regimes. */
  minShare: number;
}

/** How the coordinate search went: the best point, and its bookkeeping. */
interface SearchResult<M> {
  best: MatchingConfig & { metrics: M };
  evaluations: number;
  passes: number;
  converged: boolean;
}

/**
 * Tunes the matching's weights and lambda on validation splits by coordinate search: each sweep
 * tries every grid value of one weight at a time (the others fixed), then every lambda, and keeps a
 * change only when it is strictly better. Better means: meeting the Gini constraint beats missing
 * it; among configs that meet it, higher recall@k against all new pairs; among those that miss it,
 * lower Gini. Keeping the current value on ties makes the search deterministic and makes its result
 * a fixed point once a sweep changes nothing (`converged`): starting again from it returns it.
 *
 * Several splits (rolling cuts) are pooled: recall, nDCG and MRR are averaged over all their
 * seekers with a target, coverage, Gini and the rates over the splits ({@link pooledRow}).
 *
 * Bounded: at most `maxPasses · (8 · |weightGrid| + |lambdaGrid|)` evaluations, each config
 * evaluated once. Never pass a test split here: that is what keeps the test numbers honest.
 */
export function tuneMatching(
  splits: EvaluationSplit | readonly EvaluationSplit[],
  options: TuningOptions,
): TuningResult {
  const k = options.k ?? 10;
  const maxGini = options.maxGini ?? 0.5;
  const all = Array.isArray(splits)
    ? (splits as readonly EvaluationSplit[])
    : [splits as EvaluationSplit];
  const search = coordinateSearch(options, pooledMeasure(all, k, true), (a, b) =>
    isBetter(a, b, maxGini),
  );
  return {
    weights: search.best.weights,
    lambda: search.best.lambda,
    validation: pooledMeasure(all, k, false)(search.best),
    feasible: search.best.metrics.gini <= maxGini,
    evaluations: search.evaluations,
    passes: search.passes,
    converged: search.converged,
  };
}

/**
 * Searches one config for all regimes: the same coordinate search as {@link tuneMatching}, with
 * the objective "the worst regime's share of its own best recall", min over regimes of
 * recall / bestRecall. Better means: meeting the Gini constraint in every regime beats missing it
 * somewhere; then a higher minimum share (feasible) or a lower worst Gini (infeasible).
 */
export function tuneCommon(
  regimes: readonly RegimeTarget[],
  options: TuningOptions,
): CommonTuningResult {
  const k = options.k ?? 10;
  const maxGini = options.maxGini ?? 0.5;
  const measures = regimes.map((r) => pooledMeasure(r.splits, k, true));
  const evaluate = (config: MatchingConfig) => {
    const rows = regimes.map((r, i) => {
      const validation = (measures[i] as (c: MatchingConfig) => MetricRow)(config);
      return { name: r.name, validation, share: shareOf(validation.recall, r.bestRecall) };
    });
    return {
      rows,
      minShare: Math.min(...rows.map((r) => r.share)),
      maxGini: Math.max(...rows.map((r) => r.validation.gini)),
    };
  };
  const search = coordinateSearch(options, evaluate, (a, b) => {
    const aFits = a.maxGini <= maxGini;
    const bFits = b.maxGini <= maxGini;
    if (aFits !== bFits) return aFits;
    return aFits ? a.minShare > b.minShare : a.maxGini < b.maxGini;
  });
  const { metrics } = search.best;
  return {
    weights: search.best.weights,
    lambda: search.best.lambda,
    regimes: metrics.rows.map((row, i) => ({
      ...row,
      validation: pooledMeasure(regimes[i]?.splits ?? [], k, false)(search.best),
    })),
    minShare: metrics.minShare,
    feasible: metrics.maxGini <= maxGini,
    evaluations: search.evaluations,
    passes: search.passes,
    converged: search.converged,
  };
}

/** recall / bestRecall; 1 when the best is 0 (nothing to reach), so such a regime never binds. */
export function shareOf(recall: number, bestRecall: number): number {
  return bestRecall > 0 ? recall / bestRecall : 1;
}

/** The order of {@link tuneMatching}: feasibility, then recall (feasible) or Gini (infeasible). */
export function isBetter(a: MetricRow, b: MetricRow, maxGini: number): boolean {
  const aFits = a.gini <= maxGini;
  const bFits = b.gini <= maxGini;
  if (aFits !== bFits) return aFits;
  return aFits ? a.recall > b.recall : a.gini < b.gini;
}

/**
 * Metrics of several splits as one: recall, nDCG and MRR averaged over every seeker with a target
 * in any split (each split's mean weighted by its number of such seekers), coverage, Gini,
 * cross-dimension rate, same-Stadtteil share and intra-list similarity averaged over the splits.
 * @returns all zeros for no splits.
 */
export function pooledRow(rows: readonly { metrics: MetricRow; seekers: number }[]): MetricRow {
  const seekers = rows.reduce((sum, r) => sum + r.seekers, 0);
  const bySeekers = (pick: (m: MetricRow) => number) =>
    seekers === 0 ? 0 : rows.reduce((sum, r) => sum + pick(r.metrics) * r.seekers, 0) / seekers;
  const bySplits = (pick: (m: MetricRow) => number) =>
    rows.length === 0 ? 0 : rows.reduce((sum, r) => sum + pick(r.metrics), 0) / rows.length;
  return {
    recall: bySeekers((m) => m.recall),
    ndcg: bySeekers((m) => m.ndcg),
    mrr: bySeekers((m) => m.mrr),
    coverage: bySplits((m) => m.coverage),
    gini: bySplits((m) => m.gini),
    crossDimensionRate: bySplits((m) => m.crossDimensionRate),
    sameDistrict: bySplits((m) => m.sameDistrict),
    intraListSimilarity: bySplits((m) => m.intraListSimilarity),
  };
}

/** Number of seekers with at least one target among the new pairs of a split. */
export function seekersWithTargets(split: EvaluationSplit): number {
  return [...targetsBySeeker(split.newPairs).values()].filter((t) => t.size > 0).length;
}

/**
 * A config's metrics pooled over splits, each split's ranking precomputed once. `lean` measures
 * only what the search compares (recall, nDCG, MRR, coverage, Gini) and leaves the rates NaN: the
 * rule check and the pairwise similarities of every list would triple the cost of a config.
 */
function pooledMeasure(
  splits: readonly EvaluationSplit[],
  k: number,
  lean: boolean,
): (config: MatchingConfig) => MetricRow {
  const prepared = splits.map((split) => ({
    split,
    table: tableOf(split),
    targets: targetsBySeeker(split.newPairs),
    seekers: seekersWithTargets(split),
    ids: [...split.state.profiles.keys()],
  }));
  return (config) =>
    pooledRow(
      prepared.map(({ split, table, targets, seekers, ids }) => {
        const lists = rankPrecomputed(table, config, k);
        const metrics: MetricRow = lean
          ? {
              recall: recallAtK(lists, targets, k),
              ndcg: ndcgAtK(lists, targets, k),
              mrr: meanReciprocalRank(lists, targets, k),
              coverage: catalogueCoverage(lists, ids),
              gini: exposureGini(lists, ids),
              crossDimensionRate: NaN,
              sameDistrict: NaN,
              intraListSimilarity: NaN,
            }
          : measure(lists, targets, split.state.profiles, k);
        return { metrics, seekers };
      }),
    );
}

/** Tables by split: the per-regime and the common search rank the same validation splits. */
const tables = new WeakMap<EvaluationSplit, MatchingTable>();

function tableOf(split: EvaluationSplit): MatchingTable {
  let table = tables.get(split);
  if (!table) {
    table = precomputeMatching(split.state);
    tables.set(split, table);
  }
  return table;
}

/** The coordinate search shared by {@link tuneMatching} and {@link tuneCommon}. */
function coordinateSearch<M>(
  options: TuningOptions,
  measureConfig: (config: MatchingConfig) => M,
  isImprovement: (a: M, b: M) => boolean,
): SearchResult<M> {
  const weightGrid = options.weightGrid ?? [0, 0.5, 1, 2, 3];
  const lambdaGrid = options.lambdaGrid ?? PRODUCT_LAMBDA_GRID;
  const maxPasses = options.maxPasses ?? 4;
  const floors = options.floors ?? PRODUCT_FLOORS;
  type Point = MatchingConfig & { metrics: M };
  const cache = new Map<string, Point>();
  const evaluate = (config: MatchingConfig): Point => {
    const key = JSON.stringify(config);
    let found = cache.get(key);
    if (!found) {
      found = { ...config, metrics: measureConfig(config) };
      cache.set(key, found);
    }
    return found;
  };
  const better = (a: Point, b: Point) => isImprovement(a.metrics, b.metrics);
  let best = evaluate(options.start);
  for (const start of options.alsoStartFrom ?? []) {
    const next = evaluate(start);
    if (better(next, best)) best = next;
  }
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
  return { best, evaluations: cache.size, passes, converged: !changed };
}

/**
 * What `rankCandidates` (rank.ts) computes for every config alike, computed once: each seeker's
 * eligible pool with the pair's component values. Scoring is most of a ranking's cost; with it
 * cached, one config costs a weighted sum per pair and the diversification.
 */
export interface MatchingTable {
  seekers: { id: string; pool: ScoredCandidate[] }[];
  /** The state's exposure factors, as `matching` uses them (from the defaults, like the API). */
  factors: ExposureFactors;
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
  return { seekers, factors: stateExposureFactors(state, state.cut) };
}

/**
 * The lists `matching(weights, lambda)` returns, from a {@link MatchingTable}: the weighted mean
 * is summed in {@link COMPONENT_NAMES} order exactly as {@link scorePair} does, the exposure
 * factors are the state's, and the picking is {@link diversify} over the balanced scores
 * as in `rankCandidates`, so the lists are identical (a unit test checks it).
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
  const pools = table.seekers.map(({ pool }) =>
    pool.map((entry) => {
      const weighted = entry.components.reduce((sum, c, i) => sum + c.value * (weights[i] ?? 0), 0);
      // A literal, not a spread: one object shape keeps balanced()'s copies cheap (×3 faster).
      const score = Math.min(1, Math.max(0, weighted / totalWeight));
      return {
        candidate: entry.candidate,
        signals: entry.signals,
        score,
        components: entry.components,
      };
    }),
  );
  return new Map(
    table.seekers.map(({ id }, i) => {
      const ranked = diversify(balanced(pools[i] ?? [], table.factors), k, config.lambda);
      return [id, ranked.map((s) => s.candidate.id)];
    }),
  );
}
