import type { DemoAlliance } from '../../../seeds/demo/types';
import { type DistrictRef, type EvaluationSplit, type NeedIndex, splitAt } from './history';

/** One cut of the rolling evaluation: learn before `cut`, predict `[cut, until)`. */
export interface CutWindow {
  cut: string;
  /** Exclusive end of the predicted window. */
  until: string;
  /** Whether the tuning may look at it (`validation`) or only the final numbers (`test`). */
  role: 'validation' | 'test';
}

/**
 * The yearly cuts, on the anniversary of the talk (12 June). Each predicts the 12 months up to
 * the next cut; the last one predicts until the alliance's as-of day.
 */
export const ROLLING_CUTS = ['2018-06-12', '2019-06-12', '2020-06-12', '2021-06-12'] as const;

/**
 * How many of the earliest cuts are validation cuts; the rest are test cuts. The validation
 * windows end where the first test cut begins (2020-06-12), so nothing the tuning sees lies in a
 * test window.
 * @default 2 // validation 2018 and 2019, test 2020 and 2021
 */
export const VALIDATION_CUT_COUNT = 2;

/**
 * The windows of rolling cuts: cut i predicts until cut i + 1, the last one until the day after
 * `asOf` (so `asOf` itself is predicted). The first `validationCount` are validation windows.
 * @throws RangeError when the cuts are not strictly ascending days before `asOf`, or
 *   `validationCount` leaves no test window.
 */
export function rollingWindows(
  cuts: readonly string[],
  asOf: string,
  validationCount: number = VALIDATION_CUT_COUNT,
): CutWindow[] {
  cuts.forEach((cut, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cut) || cut > asOf || (i > 0 && cut <= (cuts[i - 1] ?? ''))) {
      throw new RangeError(
        `expected strictly ascending cuts YYYY-MM-DD up to ${asOf}, got ${cuts.join(', ')}`,
      );
    }
  });
  if (!Number.isInteger(validationCount) || validationCount < 0 || validationCount >= cuts.length) {
    throw new RangeError(
      `expected a validation count in [0, ${cuts.length - 1}], got ${validationCount}`,
    );
  }
  return cuts.map((cut, i) => ({
    cut,
    until: cuts[i + 1] ?? nextDay(asOf),
    role: i < validationCount ? 'validation' : 'test',
  }));
}

/** The splits of a regime's alliance, grouped by role, in cut order. */
export interface RollingSplits {
  validation: EvaluationSplit[];
  test: EvaluationSplit[];
}

/**
 * The split of every window: each state is built from the history strictly before its cut (see
 * `historyBefore`), so a later window's events never reach an earlier state.
 * @param needs - the pairs' need matches, shared by every cut (offers and needs are static)
 */
export function rollingSplits(
  alliance: DemoAlliance,
  districts: readonly DistrictRef[],
  windows: readonly CutWindow[],
  needs?: NeedIndex,
): RollingSplits {
  const splits: RollingSplits = { validation: [], test: [] };
  for (const window of windows) {
    splits[window.role].push(splitAt(alliance, districts, window.cut, window.until, needs));
  }
  return splits;
}

/** The day after a `YYYY-MM-DD` day: the exclusive end of a window that includes it. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
