import type { Interval } from './bootstrap';

/**
 * The goals of issue #16 for the matching, as numbers. One set of default weights must serve every
 * regime; the live demo lists must not stay in one Stadtteil or show the same few partners.
 */
export const GOALS = {
  /** DEFAULT_WEIGHTS reach at least this share of a regime's own tuned recall@10 on its test cuts. */
  minShareOfBest: 0.9,
  /** The 95 % CI of recall@10(matching) / recall@10(Adamic–Adar) lies above this, in every regime. */
  minRatioLowerBound: 1.0,
  /** Live top-5 lists: at most this share of suggestions in the seeker's own Stadtteil. */
  maxSameDistrict: 0.4,
  /** Live top-5 lists: every suggestion passes the cross-dimension rule. */
  crossDimensionRate: 1,
  /** Live top-5 lists: exposure Gini at most this… */
  maxGini: 0.35,
  /** …with at least this catalogue coverage (a low Gini over few shown partners would be cheap). */
  minCoverage: 0.9,
} as const;

/** One goal, checked. */
export interface GoalCheck {
  /** What is checked, with the threshold, e.g. `NEEDS: defaults ≥ 90 % of tuned recall@10`. */
  goal: string;
  /** The measured value as printed. */
  actual: string;
  pass: boolean;
}

/** What the regime goals need: the test recalls and the paired ratio interval. */
export interface RegimeOutcome {
  regime: string;
  /** Recall@10 of DEFAULT_WEIGHTS on the regime's test cuts (pooled). */
  defaultRecall: number;
  /** Recall@10 of the regime's own tuned config on the same test cuts. */
  tunedRecall: number;
  /** recall@10(matching, defaults) / recall@10(Adamic–Adar), bootstrap CI over the test seekers. */
  ratio: Interval;
}

/** What the live goals need: the metrics of the top-5 lists of every ACTIVE partner. */
export interface LiveOutcome {
  sameDistrict: number;
  crossDimensionRate: number;
  gini: number;
  coverage: number;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * The two goals of one regime: defaults within {@link GOALS}.minShareOfBest of the tuned recall
 * (a regime whose tuned recall is 0 passes: there is nothing to reach), and the ratio interval's
 * lower bound above {@link GOALS}.minRatioLowerBound (strictly).
 */
export function regimeGoals(outcome: RegimeOutcome): GoalCheck[] {
  const share = outcome.tunedRecall > 0 ? outcome.defaultRecall / outcome.tunedRecall : 1;
  const { estimate, low, high } = outcome.ratio;
  return [
    {
      goal: `${outcome.regime}: defaults ≥ ${pct(GOALS.minShareOfBest)} of tuned recall@10`,
      actual: `${outcome.defaultRecall.toFixed(3)} / ${outcome.tunedRecall.toFixed(3)} = ${pct(share)}`,
      // The tolerance keeps a share of exactly 90 % (0.18 / 0.2 = 0.8999…) from failing on rounding.
      pass: share >= GOALS.minShareOfBest - 1e-9,
    },
    {
      goal: `${outcome.regime}: recall@10 matching / Adamic–Adar, CI lower bound > ${GOALS.minRatioLowerBound.toFixed(1)}`,
      actual: `${estimate.toFixed(2)} [${low.toFixed(2)}, ${high.toFixed(2)}]`,
      pass: low > GOALS.minRatioLowerBound,
    },
  ];
}

/** The live goals: same-Stadtteil share, cross-dimension rate, and Gini with coverage. */
export function liveGoals(live: LiveOutcome): GoalCheck[] {
  return [
    {
      goal: `live: same-Stadtteil share ≤ ${pct(GOALS.maxSameDistrict)}`,
      actual: pct(live.sameDistrict),
      pass: live.sameDistrict <= GOALS.maxSameDistrict,
    },
    {
      goal: `live: cross-dimension rate ${pct(GOALS.crossDimensionRate)}`,
      actual: pct(live.crossDimensionRate),
      pass: live.crossDimensionRate >= GOALS.crossDimensionRate,
    },
    {
      goal: `live: exposure Gini ≤ ${GOALS.maxGini} with coverage ≥ ${pct(GOALS.minCoverage)}`,
      actual: `Gini ${live.gini.toFixed(3)}, coverage ${pct(live.coverage)}`,
      pass: live.gini <= GOALS.maxGini && live.coverage >= GOALS.minCoverage,
    },
  ];
}

/** One line per goal, `PASS`/`FAIL` first, and a last line saying whether all passed. */
export function formatGoals(checks: readonly GoalCheck[]): string {
  const width = Math.max(...checks.map((c) => c.goal.length), 0);
  const lines = checks.map(
    (c) => `  ${c.pass ? 'PASS' : 'FAIL'}  ${c.goal.padEnd(width)}  ${c.actual}`,
  );
  const failed = checks.filter((c) => !c.pass).length;
  const verdict = failed === 0 ? 'all goals PASS' : `${failed} of ${checks.length} goals FAIL`;
  return [...lines, `  ${verdict}`].join('\n');
}
