import type { DemoAlliance } from '../../../seeds/demo/types';
import { DEFAULT_DIVERSITY_LAMBDA } from '../rank';
import { DEFAULT_WEIGHTS } from '../scoring';
import { drawResamples, interval, type Interval, meanOf, ratioOfMeans } from './bootstrap';
import { type CutWindow, nextDay, rollingSplits, type RollingSplits } from './cuts';
import { type LiveOutcome, type RegimeOutcome } from './goals';
import {
  type DistrictRef,
  type EvaluationSplit,
  historyBefore,
  type NeedIndex,
  targetsBySeeker,
} from './history';
import { allMethods, matching, type NamedMethod, recommendAll, withTieOrder } from './methods';
import {
  catalogueCoverage,
  crossDimensionRate,
  exposureGini,
  intraListSimilarity,
  measure,
  type MetricRow,
  sameDistrictShare,
  type SeekerScore,
  seekerScores,
} from './metrics';
import {
  type CommonTuningResult,
  type MatchingConfig,
  pooledRow,
  seekersWithTargets,
  tuneCommon,
  type TuningResult,
  tuneMatching,
} from './tuning';

/** List length of every offline metric. */
export const K = 10;
/** List length of the live numbers: what the demo's partner page shows. */
export const LIVE_K = 5;
/** Exposure constraint of the tuning on the validation lists (Gini ≤ this). */
export const TUNING_MAX_GINI = 0.5;
/** Resamples of every bootstrap interval. */
export const RESAMPLES = 1000;

/** The production defaults: what the matching does when a client sets no weights. */
export const DEFAULT_CONFIG: MatchingConfig = {
  weights: DEFAULT_WEIGHTS,
  lambda: DEFAULT_DIVERSITY_LAMBDA,
};

/** Name of the matching with defaults in every table; the ratio goal compares it to Adamic–Adar. */
export const MATCHING = 'matching';
/** Name of the matching with the regime's own tuned config. */
export const MATCHING_TUNED = 'matching (tuned)';
/** Name of the baseline of the ratio goal. */
export const BASELINE = 'adamicAdar';

/** One method on a regime's test cuts. */
export interface MethodResult {
  name: string;
  /** Pooled over the test cuts against all new pairs (see `pooledRow`). */
  pooled: MetricRow;
  /** Recall@10 over the pooled test seekers, with its bootstrap CI. */
  recall: Interval;
  /** nDCG@10 likewise. */
  ndcg: Interval;
  /** Per (cut, seeker) unit, in unit order: the resampled values. */
  scores: SeekerScore[];
}

/** What one regime's evaluation needs: its alliance, the reference districts and need matches. */
export interface RegimeInput {
  regime: string;
  alliance: DemoAlliance;
  districts: readonly DistrictRef[];
  windows: readonly CutWindow[];
  /** From the full-text index; without it needFit is 0 everywhere. */
  needs?: NeedIndex;
}

/** Everything reported about one regime. */
export interface RegimeReport {
  regime: string;
  splits: RollingSplits;
  /** Tuned on the validation cuts only. */
  tuned: TuningResult;
  /** Every baseline, the matching with defaults and with the tuned config, on the test cuts. */
  methods: MethodResult[];
  /** Number of (test cut, seeker) units with at least one target: the bootstrap's sample. */
  units: number;
  /** recall@10(matching) / recall@10(Adamic–Adar), paired bootstrap over the units. */
  ratio: Interval;
  /** The same for the tuned config: whether the ratio goal is within reach of weights at all. */
  tunedRatio: Interval;
  /** What the regime goals check. */
  outcome: RegimeOutcome;
}

/**
 * Evaluates one regime: tunes on the validation cuts, then runs every method (baselines, the
 * matching with {@link DEFAULT_CONFIG} and with the tuned config) on the test cuts and bootstraps
 * their recall@10 and nDCG@10 over the pooled test seekers. Pure and deterministic for a given
 * `seed` (tie-break permutation, `random`, resamples).
 */
export function evaluateRegime(input: RegimeInput, seed: number): RegimeReport {
  const splits = rollingSplits(input.alliance, input.districts, input.windows, input.needs);
  const tuned = tuneMatching(splits.validation, {
    start: DEFAULT_CONFIG,
    k: K,
    maxGini: TUNING_MAX_GINI,
  });
  const methods: NamedMethod[] = [
    ...allMethods(DEFAULT_CONFIG.weights, DEFAULT_CONFIG.lambda),
    { name: MATCHING_TUNED, rank: matching(tuned.weights, tuned.lambda) },
  ];
  const raw = methods.map((method) => runOnSplits(method, splits.test, seed));
  const units = raw[0]?.scores.length ?? 0;
  const resamples = drawResamples(units, { resamples: RESAMPLES, seed });
  const results = raw.map((r): MethodResult => ({
    ...r,
    recall: interval(resamples, meanOf(r.scores.map((s) => s.recall))),
    ndcg: interval(resamples, meanOf(r.scores.map((s) => s.ndcg))),
  }));
  const recallsOf = (name: string) => methodNamed(results, name).scores.map((s) => s.recall);
  const ratio = interval(resamples, ratioOfMeans(recallsOf(MATCHING), recallsOf(BASELINE)));
  const tunedRatio = interval(
    resamples,
    ratioOfMeans(recallsOf(MATCHING_TUNED), recallsOf(BASELINE)),
  );
  return {
    regime: input.regime,
    splits,
    tuned,
    methods: results,
    units,
    ratio,
    tunedRatio,
    outcome: {
      regime: input.regime,
      defaultRecall: methodNamed(results, MATCHING).pooled.recall,
      tunedRecall: methodNamed(results, MATCHING_TUNED).pooled.recall,
      ratio,
    },
  };
}

/** The common config and how it does on each regime's test cuts. */
export interface CommonReport {
  search: CommonTuningResult;
  /**
   * Per regime: its test recall@10, the share of the regime's own tuned test recall, and its
   * recall ratio to Adamic–Adar on the regime's resamples.
   */
  test: { regime: string; recall: number; share: number; ratio: Interval }[];
}

/**
 * The single config that does best across regimes: {@link tuneCommon} on the validation cuts
 * (each regime's best = its own tuned validation recall), started from the best of the defaults
 * and each regime's tuned config; then its
 * recall on each regime's test cuts, for information.
 */
export function commonConfig(reports: readonly RegimeReport[], seed: number): CommonReport {
  const search = tuneCommon(
    reports.map((r) => ({
      name: r.regime,
      splits: r.splits.validation,
      bestRecall: r.tuned.validation.recall,
    })),
    {
      start: DEFAULT_CONFIG,
      alsoStartFrom: reports.map((r) => ({ weights: r.tuned.weights, lambda: r.tuned.lambda })),
      k: K,
      maxGini: TUNING_MAX_GINI,
    },
  );
  const method = { name: 'common', rank: matching(search.weights, search.lambda) };
  const test = reports.map((r) => {
    const { pooled, scores } = runOnSplits(method, r.splits.test, seed);
    const resamples = drawResamples(r.units, { resamples: RESAMPLES, seed });
    const baseline = methodNamed(r.methods, BASELINE).scores.map((u) => u.recall);
    const recalls = scores.map((u) => u.recall);
    return {
      regime: r.regime,
      recall: pooled.recall,
      share: r.outcome.tunedRecall > 0 ? pooled.recall / r.outcome.tunedRecall : 1,
      ratio: interval(resamples, ratioOfMeans(recalls, baseline)),
    };
  });
  return { search, test };
}

/** The live numbers: the top-5 lists of every ACTIVE partner with the defaults, today. */
export interface LiveReport extends LiveOutcome {
  /** Seekers (ACTIVE partners) with a list. */
  seekers: number;
  /** Mean list length (shorter than 5 when fewer candidates pass the rule). */
  meanLength: number;
  intraListSimilarity: number;
}

/**
 * The matching as the demo shows it: the state is the whole history as of `asOf` (every ACTIVE
 * partner is a seeker and a candidate, former partners excluded), scored as of `asOf` with
 * `config`, top {@link LIVE_K}.
 */
export function liveNumbers(
  alliance: DemoAlliance,
  districts: readonly DistrictRef[],
  needs: NeedIndex | undefined,
  config: MatchingConfig = DEFAULT_CONFIG,
): LiveReport {
  const { asOf, seed } = alliance.options;
  const state = withTieOrder(historyBefore(alliance, districts, nextDay(asOf), needs), seed);
  const lists = recommendAll(matching(config.weights, config.lambda, asOf), state, LIVE_K);
  const ids = state.candidates.map((c) => c.id);
  const lengths = [...lists.values()].map((l) => l.length);
  return {
    seekers: lists.size,
    meanLength: lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, lengths.length),
    sameDistrict: sameDistrictShare(lists, state.profiles),
    crossDimensionRate: crossDimensionRate(lists, state.profiles),
    gini: exposureGini(lists, ids),
    coverage: catalogueCoverage(lists, ids),
    intraListSimilarity: intraListSimilarity(lists, state.profiles),
  };
}

/**
 * One method on several test splits: its lists per split against all new pairs, pooled, and its
 * per-seeker scores concatenated in split order (the units of the bootstrap; every method has the
 * same units, because they depend on the targets only).
 */
function runOnSplits(
  method: NamedMethod,
  splits: readonly EvaluationSplit[],
  seed: number,
): Omit<MethodResult, 'recall' | 'ndcg'> {
  const perSplit = splits.map((split) => {
    const lists = recommendAll(method.rank, withTieOrder(split.state, seed), K);
    const targets = targetsBySeeker(split.newPairs);
    return {
      metrics: measure(lists, targets, split.state.profiles, K),
      seekers: seekersWithTargets(split),
      scores: seekerScores(lists, targets, K),
    };
  });
  return {
    name: method.name,
    pooled: pooledRow(perSplit),
    scores: perSplit.flatMap((s) => s.scores),
  };
}

/** The result of the method called `name`. */
export function methodNamed(results: readonly MethodResult[], name: string): MethodResult {
  const found = results.find((r) => r.name === name);
  if (!found) {
    throw new Error(`expected a method "${name}", got ${results.map((r) => r.name).join(', ')}`);
  }
  return found;
}
