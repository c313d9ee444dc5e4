import { parseArgs } from 'node:util';
import { generateDemoAlliance } from '../../../seeds/demo/generate';
import type { DemoAlliance } from '../../../seeds/demo/types';
import { readReferenceData } from '../../../seeds/reference/load-reference-data';
import { DEFAULT_DIVERSITY_LAMBDA } from '../rank';
import { DEFAULT_WEIGHTS } from '../scoring';
import { COMPONENT_NAMES } from '../matching.model';
import { type DistrictRef, type EvaluationSplit, splitAt, targetsBySeeker } from './history';
import { allMethods, matching, recommendAll, withTieOrder } from './methods';
import { type MetricRow, measureSplit, type SplitMetrics } from './metrics';
import { type MatchingConfig, type TuningResult, tuneMatching } from './tuning';

/** The test cut: learn before it, predict `[TEST_CUT, asOf]`. */
export const TEST_CUT = '2021-06-12';
/** The validation cut: learn before it, predict `[VALIDATION_CUT, TEST_CUT)`; tuning sees only this. */
export const VALIDATION_CUT = '2019-06-12';
/** List length of every metric. */
export const K = 10;
/** The goals of the issue: matching vs Adamic–Adar recall ratio, and the exposure limit. */
export const GOALS = { recallRatio: 1.2, maxGini: 0.5 } as const;

/** One cut's evaluation: its split and every method's metrics. */
export interface CutReport {
  split: EvaluationSplit;
  rows: { name: string; metrics: SplitMetrics }[];
}

/**
 * Runs every method on a split and measures it against both target sets. Pure and deterministic:
 * `seed` fixes the tie-break permutation and the `random` method.
 */
export function evaluateCut(
  split: EvaluationSplit,
  config: MatchingConfig,
  seed: number,
  k: number = K,
): CutReport {
  const state = withTieOrder(split.state, seed);
  const rows = allMethods(config.weights, config.lambda).map(({ name, rank }) => ({
    name,
    metrics: measureSplit(recommendAll(rank, state, k), split, k),
  }));
  return { split, rows };
}

/** The test and validation splits of a demo alliance (see {@link TEST_CUT}). */
export function evaluationSplits(
  alliance: DemoAlliance,
  districts: readonly DistrictRef[],
): { test: EvaluationSplit; validation: EvaluationSplit } {
  return {
    test: splitAt(alliance, districts, TEST_CUT, nextDay(alliance.options.asOf)),
    validation: splitAt(alliance, districts, VALIDATION_CUT, TEST_CUT),
  };
}

/** The day after a `YYYY-MM-DD` day: the exclusive end of a window that includes it. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number) => x.toFixed(3);
const COLUMNS = ['recall@10', 'nDCG@10', 'MRR', 'coverage', 'Gini', 'cross-dim'];

/** A split's sizes in one paragraph. */
export function formatSplit(name: string, split: EvaluationSplit): string {
  const seekers = (pairs: EvaluationSplit['newPairs']) => targetsBySeeker(pairs).size;
  return [
    `${name}: learn before ${split.state.cut}, predict [${split.state.cut}, ${split.until})`,
    `  candidate seekers ${split.state.candidates.length}`,
    `  new pairs ${split.newPairs.length} (seekers with ≥1: ${seekers(split.newPairs)})`,
    `  cross-dimension new pairs ${split.crossDimensionPairs.length} (seekers with ≥1: ${seekers(split.crossDimensionPairs)})`,
  ].join('\n');
}

/** One table row. */
export function formatRow(name: string, m: MetricRow): string {
  const cells = [num(m.recall), num(m.ndcg), num(m.mrr), pct(m.coverage), num(m.gini)];
  return `${name.padEnd(18)}${[...cells, pct(m.crossDimensionRate)].map((c) => c.padStart(11)).join('')}`;
}

/** The header of {@link formatRow}'s table. */
export const TABLE_HEADER = `${'method'.padEnd(18)}${COLUMNS.map((c) => c.padStart(11)).join('')}`;

/** Both tables of a cut. */
export function formatCut(report: CutReport): string {
  const table = (title: string, pick: (m: SplitMetrics) => MetricRow) =>
    [title, TABLE_HEADER, ...report.rows.map((r) => formatRow(r.name, pick(r.metrics)))].join('\n');
  return [
    table('Targets: all new pairs', (m) => m.all),
    '',
    table('Targets: cross-dimension new pairs', (m) => m.crossDimension),
  ].join('\n');
}

/** Weights and lambda on one line. */
export function formatConfig(config: MatchingConfig): string {
  const weights = COMPONENT_NAMES.map((n) => `${n} ${config.weights[n]}`).join(', ');
  return `${weights}; lambda ${config.lambda}`;
}

/** Everything `eval:matching` prints, as data. */
export interface EvaluationReport {
  alliance: DemoAlliance['options'];
  /** The test cut with the current defaults for `matching`. */
  test: CutReport;
  validation: EvaluationSplit;
  /** The search on the validation cut, started from the current defaults. */
  tuned: TuningResult;
  /** The tuned config's `matching` lists on the test cut. */
  tunedOnTest: SplitMetrics;
}

/**
 * The whole evaluation of a demo alliance: both cuts, every method, the tuning on validation and
 * the tuned config on test. Pure; takes a few seconds at the default 353 partners.
 */
export function runEvaluation(
  alliance: DemoAlliance,
  districts: readonly DistrictRef[],
): EvaluationReport {
  const { seed } = alliance.options;
  const { test, validation } = evaluationSplits(alliance, districts);
  const defaults = { weights: DEFAULT_WEIGHTS, lambda: DEFAULT_DIVERSITY_LAMBDA };
  const tuned = tuneMatching(validation, { start: defaults, k: K, maxGini: GOALS.maxGini });
  const lists = recommendAll(
    matching(tuned.weights, tuned.lambda),
    withTieOrder(test.state, seed),
    K,
  );
  return {
    alliance: alliance.options,
    test: evaluateCut(test, defaults, seed),
    validation,
    tuned,
    tunedOnTest: measureSplit(lists, test, K),
  };
}

/** The report as `eval:matching` prints it. */
export function formatReport(report: EvaluationReport): string {
  const { partners, seed, asOf } = report.alliance;
  const adamicAdar = row(report.test, 'adamicAdar').all;
  const fairBaseline = row(report.test, 'adamicAdar+rule').all;
  return [
    `eval:matching: demo alliance of ${partners} partners, seed ${seed}, as of ${asOf}; k = ${K}`,
    '',
    formatSplit('Test cut', report.test.split),
    formatSplit('Validation cut', report.validation),
    '',
    `Test cut, matching with DEFAULT_WEIGHTS and lambda ${DEFAULT_DIVERSITY_LAMBDA}:`,
    formatCut(report.test),
    '',
    formatTuning(report.tuned, report.tunedOnTest),
    '',
    formatGoals('DEFAULT_WEIGHTS', row(report.test, 'matching').all, adamicAdar, fairBaseline),
    formatGoals('tuned weights', report.tunedOnTest.all, adamicAdar, fairBaseline),
  ].join('\n');
}

/** The goal lines for one matching row against the Adamic–Adar rows of the same table. */
function formatGoals(
  label: string,
  matchingRow: MetricRow,
  adamicAdar: MetricRow,
  fairBaseline: MetricRow,
): string {
  const ratio = (base: MetricRow) =>
    base.recall > 0 ? matchingRow.recall / base.recall : Infinity;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  return [
    `Goals (${label}; test cut, all new pairs):`,
    `  recall@10 matching ${num(matchingRow.recall)} vs Adamic–Adar ${num(adamicAdar.recall)}: ratio ${ratio(adamicAdar).toFixed(2)} (goal ≥ ${GOALS.recallRatio}) ${verdict(ratio(adamicAdar) >= GOALS.recallRatio)}`,
    `    (for information: vs adamicAdar+rule ${num(fairBaseline.recall)}, ratio ${ratio(fairBaseline).toFixed(2)})`,
    `  cross-dimension rate ${pct(matchingRow.crossDimensionRate)} (goal 100 %) ${verdict(matchingRow.crossDimensionRate === 1)}`,
    `  exposure Gini ${num(matchingRow.gini)} (goal ≤ ${GOALS.maxGini}) ${verdict(matchingRow.gini <= GOALS.maxGini)}`,
  ].join('\n');
}

/** The tuning section: the search, its result on validation and on test. */
function formatTuning(tuned: TuningResult, onTest: SplitMetrics): string {
  const passes = `${tuned.passes} pass${tuned.passes === 1 ? '' : 'es'}`;
  const end = tuned.converged ? 'converged' : 'stopped at the pass limit';
  return [
    `Tuning on the validation cut (${tuned.evaluations} configs, ${passes}, ${end}):`,
    `  start  ${formatConfig({ weights: DEFAULT_WEIGHTS, lambda: DEFAULT_DIVERSITY_LAMBDA })}`,
    `  tuned  ${formatConfig(tuned)}`,
    `  exposure Gini ≤ ${GOALS.maxGini} on validation: ${tuned.feasible ? 'met' : 'NOT met'}`,
    TABLE_HEADER,
    formatRow('tuned, valid.', tuned.validation),
    formatRow('tuned, test all', onTest.all),
    formatRow('tuned, test x-dim', onTest.crossDimension),
  ].join('\n');
}

function row(report: CutReport, name: string): SplitMetrics {
  const found = report.rows.find((r) => r.name === name);
  if (!found)
    throw new Error(`expected a row "${name}", got ${report.rows.map((r) => r.name).join(', ')}`);
  return found.metrics;
}

/** `--partners N --seed S`, defaults 353 and 42; the generator checks the ranges. */
function parseCli(argv: readonly string[]): { partners: number; seed: number } {
  const { values } = parseArgs({
    args: [...argv],
    options: { partners: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const integer = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    if (!/^-?\d+$/.test(text))
      throw new RangeError(`expected --${name} to be an integer, got "${text}"`);
    return Number(text);
  };
  return {
    partners: integer('partners', values.partners, 353),
    seed: integer('seed', values.seed, 42),
  };
}

/**
 * `npm run eval:matching -- [--partners N] [--seed S]`: the report on stdout; the run time on
 * stderr, so that stdout is the same on every run.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const reference = await readReferenceData();
  const alliance = generateDemoAlliance(parseCli(process.argv.slice(2)), reference);
  process.stdout.write(`${formatReport(runEvaluation(alliance, reference.districts))}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`eval:matching took ${seconds} s\n`);
}

// Only as the entry point: tests import the pure functions above without running anything.
if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`eval:matching failed: ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  });
}
