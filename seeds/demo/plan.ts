import { dayOf, toDay, yearOf } from './dates';
import { EARLIEST_AS_OF, PROCESS, TALK } from './parameters';
import type { DemoOptions, DemoRegime } from './types';

/** The default options: the alliance as it stood on the day of the talk. */
export const DEFAULT_OPTIONS: Required<DemoOptions> = {
  partners: TALK.memberPartners,
  seed: 42,
  asOf: TALK.date,
  regime: 'PLACE_AND_TOPIC',
};

/** The regimes of {@link DemoOptions.regime}, the default first. */
export const REGIMES: readonly DemoRegime[] = ['PLACE_AND_TOPIC', 'NEEDS', 'BRIDGING'];

/** Bounds of `partners`: fewer cannot hold the talk's structure, more would not fit in memory. */
export const PARTNER_LIMITS = { min: 20, max: 1_000_000 } as const;

/** The target counts of one year of einander.Aktionstage. */
export interface ActionDaysPlan {
  year: number;
  events: number;
  organisers: number;
}

/** How many of everything the generator makes, before it decides who does what. */
export interface DemoPlan {
  /** `partners / 353`. */
  scale: number;
  members: number;
  paused: number;
  applied: number;
  left: number;
  /** Member partners who never take part in anything. */
  dormant: number;
  diversity: { total: number; funded: number };
  network: { total: number; funded: number };
  actionDays: ActionDaysPlan[];
  /** Alliance meetings per season and multiplier of trainings: grows with the alliance. */
  eventMultiplier: number;
}

/**
 * Fills in defaults and checks the options.
 *
 * @throws {RangeError} "expected …, got …" for a partner count that is not an integer within
 *   {@link PARTNER_LIMITS}, a seed that is not a safe integer, or an `asOf` that is not a calendar
 *   date on or after {@link EARLIEST_AS_OF}, or a regime not in {@link REGIMES}
 */
export function resolveOptions(options: DemoOptions = {}): Required<DemoOptions> {
  const resolved = { ...DEFAULT_OPTIONS, ...stripUndefined(options) };
  const { partners, seed, asOf } = resolved;
  if (
    !Number.isInteger(partners) ||
    partners < PARTNER_LIMITS.min ||
    partners > PARTNER_LIMITS.max
  ) {
    throw new RangeError(
      `expected partners to be an integer from ${PARTNER_LIMITS.min} to ${PARTNER_LIMITS.max}, got ${partners}`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`expected seed to be an integer, got ${seed}`);
  }
  if (!isCalendarDate(asOf) || toDay(asOf) < toDay(EARLIEST_AS_OF)) {
    throw new RangeError(
      `expected asOf to be a date (YYYY-MM-DD) on or after ${EARLIEST_AS_OF}, got "${asOf}"`,
    );
  }
  if (!REGIMES.includes(resolved.regime)) {
    throw new RangeError(
      `expected regime to be one of ${REGIMES.join(', ')}, got ${JSON.stringify(resolved.regime)}`,
    );
  }
  return resolved;
}

function isCalendarDate(text: unknown): text is string {
  try {
    return typeof text === 'string' && toDay(text) >= 0;
  } catch {
    return false;
  }
}

function stripUndefined(options: DemoOptions): DemoOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

/**
 * The counts for the given options: exactly the talk's figures at 353 partners, proportional
 * (rounded) otherwise.
 */
export function planAlliance(options: Required<DemoOptions>): DemoPlan {
  const scale = options.partners / TALK.memberPartners;
  const scaled = (n: number) => Math.round(n * scale);
  const members = options.partners;
  return {
    scale,
    members,
    paused: Math.round(PROCESS.pausedShare * members),
    applied: scaled(TALK.applied),
    left: scaled(TALK.left),
    dormant: Math.round(PROCESS.dormantShare * members),
    diversity: {
      total: scaled(TALK.diversityCooperations.total),
      funded: scaled(TALK.diversityCooperations.funded),
    },
    network: {
      total: scaled(TALK.networkProjects.total),
      funded: scaled(TALK.networkProjects.funded),
    },
    actionDays: planActionDays(toDay(options.asOf), scale),
    eventMultiplier: Math.max(1, Math.round(scale)),
  };
}

/**
 * The years with a complete autumn series of action days before `asOf`, each with its number of
 * events and distinct organisers. The totals are the talk's averages times the number of years,
 * spread over the years by {@link actionDaysProfile}, so the averages hold exactly.
 */
export function planActionDays(asOfDay: number, scale: number): ActionDaysPlan[] {
  const years: number[] = [];
  for (let year = 2016; dayOf(year, 11, 1) <= asOfDay; year += 1) years.push(year);
  const weights = years.map(actionDaysProfile);
  const events = apportion(
    Math.round(TALK.actionDays.eventsPerYear * scale * years.length),
    weights,
  );
  const organisers = apportion(
    Math.round(TALK.actionDays.organisersPerYear * scale * years.length),
    weights,
  );
  return years.map((year, i) => ({ year, events: events[i] ?? 0, organisers: organisers[i] ?? 0 }));
}

/**
 * Relative size of a year's action days: small in the founding year, growing with the alliance,
 * with a dent in the pandemic years 2020/21.
 */
export function actionDaysProfile(year: number): number {
  if (year <= 2016) return 0.6;
  const growth = Math.min(1.35, 0.85 + 0.08 * (year - 2017));
  const pandemic = year === 2020 ? 0.75 : year === 2021 ? 0.92 : 1;
  return growth * pandemic;
}

/**
 * Splits `total` into integers proportional to `weights` that add up to `total` exactly
 * (largest remainder method; ties go to the earlier weight).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || weights.length === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    missing -= 1;
  }
  return counts;
}

/** The calendar years from the founding year to the year of `asOfDay`. */
export function allianceYears(asOfDay: number): number[] {
  const years: number[] = [];
  for (let year = 2016; year <= yearOf(asOfDay); year += 1) years.push(year);
  return years;
}
