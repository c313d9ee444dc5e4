import { COMPONENT_NAMES } from '../matching.model';
import type { Interval } from './bootstrap';
import type { CutWindow } from './cuts';
import type { CommonReport, LiveReport, MethodResult, RegimeReport } from './evaluation';
import { K, LIVE_K, RESAMPLES, TUNING_MAX_GINI } from './evaluation';
import { type EvaluationSplit, targetsBySeeker } from './history';
import type { MatchingConfig } from './tuning';

/*
 * The text of `eval:matching`. Only formatting: every number is computed in evaluation.ts, so the
 * report can change without touching what is measured.
 */

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number) => x.toFixed(3);
const ci = (x: Interval) => `${num(x.estimate)} [${num(x.low)}, ${num(x.high)}]`;

const COLUMNS: readonly [string, number][] = [
  ['method', 18],
  [`recall@${K} [95 % CI]`, 24],
  [`nDCG@${K} [95 % CI]`, 24],
  ['coverage', 10],
  ['Gini', 7],
  ['cross-dim', 10],
  ['same-Stt.', 10],
  ['ILS', 7],
];

const line = (cells: readonly string[]) =>
  cells
    .map((c, i) => (i === 0 ? c.padEnd(COLUMNS[0]?.[1] ?? 0) : c.padStart(COLUMNS[i]?.[1] ?? 0)))
    .join('');

/** The header of {@link formatMethodRow}'s table. */
export const TABLE_HEADER = line(COLUMNS.map(([name]) => name));

/** One method's row: recall and nDCG with CIs, then the spread of its lists. */
export function formatMethodRow(result: MethodResult): string {
  const m = result.pooled;
  return line([
    result.name,
    ci(result.recall),
    ci(result.ndcg),
    pct(m.coverage),
    num(m.gini),
    pct(m.crossDimensionRate),
    pct(m.sameDistrict),
    num(m.intraListSimilarity),
  ]);
}

/** Weights and lambda on one line. */
export function formatConfig(config: MatchingConfig): string {
  const weights = COMPONENT_NAMES.map((n) => `${n} ${config.weights[n]}`).join(', ');
  return `${weights}; lambda ${config.lambda}`;
}

/** A config as TypeScript, ready to paste over DEFAULT_WEIGHTS and DEFAULT_DIVERSITY_LAMBDA. */
export function formatConfigAsTypeScript(config: MatchingConfig): string {
  return [
    'export const DEFAULT_WEIGHTS: Weights = {',
    ...COMPONENT_NAMES.map((n) => `  ${n}: ${config.weights[n]},`),
    '};',
    `export const DEFAULT_DIVERSITY_LAMBDA = ${config.lambda};`,
  ].join('\n');
}

/** The windows: which cut learns from what and predicts what, by role. */
export function formatWindows(windows: readonly CutWindow[]): string {
  return windows
    .map((w) => `  ${w.role.padEnd(10)}  learn before ${w.cut}, predict [${w.cut}, ${w.until})`)
    .join('\n');
}

/** One split's sizes on one line. */
export function formatSplit(split: EvaluationSplit): string {
  const seekers = (pairs: EvaluationSplit['newPairs']) => targetsBySeeker(pairs).size;
  return [
    `    cut ${split.state.cut}: ${split.state.candidates.length} candidates,`,
    `${split.newPairs.length} new pairs (${seekers(split.newPairs)} seekers),`,
    `${split.crossDimensionPairs.length} cross-dimension`,
  ].join(' ');
}

/** Everything about one regime: its cuts, the tuning, the table and the ratio. */
export function formatRegime(report: RegimeReport): string {
  const { tuned } = report;
  const passes = `${tuned.passes} pass${tuned.passes === 1 ? '' : 'es'}`;
  const end = tuned.converged ? 'converged' : 'stopped at the pass limit';
  return [
    `== Regime ${report.regime} ==`,
    '  validation cuts:',
    ...report.splits.validation.map(formatSplit),
    '  test cuts:',
    ...report.splits.test.map(formatSplit),
    `  tuned on the validation cuts (${tuned.evaluations} configs, ${passes}, ${end}; Gini ≤ ${TUNING_MAX_GINI} ${tuned.feasible ? 'met' : 'NOT met'}):`,
    `    ${formatConfig(tuned)}`,
    `    validation recall@${K} ${num(tuned.validation.recall)}`,
    '',
    `  Test cuts pooled: ${report.units} (cut, seeker) units with ≥ 1 new pair; targets: all new pairs;`,
    `  "matching" = DEFAULT_WEIGHTS, "matching (tuned)" = the config above.`,
    TABLE_HEADER,
    ...report.methods.map(formatMethodRow),
    '',
    `  recall@${K} matching / adamicAdar:          ${ci(report.ratio)}`,
    `  recall@${K} matching (tuned) / adamicAdar:  ${ci(report.tunedRatio)}  (for information)`,
  ].join('\n');
}

/** The common config: the search, the config as TypeScript and its shares. */
export function formatCommon(common: CommonReport): string {
  const { search } = common;
  const passes = `${search.passes} pass${search.passes === 1 ? '' : 'es'}`;
  const end = search.converged ? 'converged' : 'stopped at the pass limit';
  return [
    `== Best common config (for information) ==`,
    `  Coordinate search on the validation cuts of all regimes, maximising min over regimes of`,
    `  recall@${K} / the regime's own tuned recall@${K} (${search.evaluations} configs, ${passes}, ${end};`,
    `  Gini ≤ ${TUNING_MAX_GINI} in every regime ${search.feasible ? 'met' : 'NOT met'}):`,
    ...formatConfigAsTypeScript(search)
      .split('\n')
      .map((l) => `    ${l}`),
    `  ${'regime'.padEnd(18)}${'valid. share'.padStart(14)}${'test recall'.padStart(14)}${'test share'.padStart(14)}   test ratio to adamicAdar [95 % CI]`,
    ...search.regimes.map((r, i) => {
      const test = common.test[i];
      const ratio = test ? ci(test.ratio) : '';
      return `  ${r.name.padEnd(18)}${pct(r.share).padStart(14)}${num(test?.recall ?? 0).padStart(14)}${pct(test?.share ?? 0).padStart(14)}   ${ratio}`;
    }),
    `  minimum validation share ${pct(search.minShare)}`,
  ].join('\n');
}

/** The live numbers. */
export function formatLive(live: LiveReport, header: string): string {
  return [
    `== Live demo numbers (${header}) ==`,
    `  top-${LIVE_K} lists of the matching with DEFAULT_WEIGHTS for ${live.seekers} ACTIVE partners (mean length ${live.meanLength.toFixed(2)})`,
    `  same-Stadtteil share   ${pct(live.sameDistrict)}`,
    `  cross-dimension rate   ${pct(live.crossDimensionRate)}`,
    `  exposure Gini          ${num(live.gini)}`,
    `  catalogue coverage     ${pct(live.coverage)}`,
    `  intra-list similarity  ${num(live.intraListSimilarity)}`,
  ].join('\n');
}

/** What the tables' columns mean, printed once under the title. */
export const LEGEND = [
  `recall@${K} and nDCG@${K}: mean over the pooled test seekers; 95 % CI: percentile bootstrap, ${RESAMPLES} seeded`,
  `resamples of the seekers (with replacement), paired across methods. coverage, Gini, cross-dim, same-Stt.`,
  `(share of suggestions in the seeker's own Stadtteil) and ILS (intra-list similarity, mean pairwise`,
  `profileSimilarity within a list): means over the test cuts.`,
].join('\n');
