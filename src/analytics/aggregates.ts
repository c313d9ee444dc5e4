import { ErrorCode, userError } from '../common/errors';
import { CooperationKind } from '../cooperations/cooperation.types';
import { EventKind } from '../events/event.types';
import { Perspective, Sector } from '../partners/partner.types';

/**
 * Pure logic of the coordinators' aggregate analytics (no I/O): year ranges, merging the grouped
 * rows of one Cypher round trip into a time series, expected sector-pair counts and trends.
 */

/** Earliest and latest year `networkOverview` accepts. */
export const YEAR_BOUNDS = { min: 1900, max: 2100 } as const;
/** The longest time series `networkOverview` returns, in years. */
export const MAX_OVERVIEW_YEARS = 50;

/** Statuses of member partners (the talk's "aktuell 353 BP"). */
export const MEMBER_STATUSES = ['ACTIVE', 'PAUSED'] as const;

/**
 * The cooperation kinds analytics count unless asked otherwise: the Vielfaltskooperationen and
 * network projects. Action-day events are left out by default: one organiser's event per
 * Aktionstag outnumbers the real cooperations many times and would hide the gaps.
 */
export const DEFAULT_ANALYTICS_KINDS: readonly CooperationKind[] = [
  CooperationKind.DIVERSITY_COOPERATION,
  CooperationKind.NETWORK_PROJECT,
];

/** Omitted or empty kinds mean {@link DEFAULT_ANALYTICS_KINDS}; duplicates are dropped. */
export function analyticsKinds(
  kinds: readonly CooperationKind[] | null | undefined,
): CooperationKind[] {
  return kinds?.length ? [...new Set(kinds)].sort() : [...DEFAULT_ANALYTICS_KINDS];
}

/**
 * Whether the figures of a year are incomplete: the year is not over on the cut-off day, the
 * earlier of today and the day the data end (their latest recorded activity). The current year,
 * a future year and the year an export of old data stops in are partial; a year that ends on or
 * before the cut-off is whole.
 *
 * @param today - `YYYY-MM-DD`
 * @param dataUntil - the data's latest activity `YYYY-MM-DD`, or `null` when there is none
 */
export function isPartialYear(year: number, today: string, dataUntil: string | null): boolean {
  const cutOff = dataUntil !== null && dataUntil < today ? dataUntil : today;
  return `${String(year).padStart(4, '0')}-12-31` > cutOff;
}

/** A year range as asked for; `null` means "from the data". */
export interface YearRange {
  from: number | null;
  to: number | null;
}

/**
 * Checks a year argument.
 *
 * @throws BAD_USER_INPUT for a year outside {@link YEAR_BOUNDS}
 */
export function assertYear(argument: string, year: number | null): void {
  if (year !== null && (year < YEAR_BOUNDS.min || year > YEAR_BOUNDS.max)) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected ${argument} to be a year between ${YEAR_BOUNDS.min} and ${YEAR_BOUNDS.max}, got ${year}`,
      { argument },
    );
  }
}

/**
 * Checks the `from`/`to` arguments of `networkOverview`.
 *
 * @throws BAD_USER_INPUT for a year outside {@link YEAR_BOUNDS}, `from` after `to`, or a range
 *   longer than {@link MAX_OVERVIEW_YEARS} years
 */
export function assertYearRange({ from, to }: YearRange): void {
  assertYear('from', from);
  assertYear('to', to);
  if (from !== null && to !== null && from > to) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected from to be at most to, got from ${from} and to ${to}`,
      { argument: 'from' },
    );
  }
  if (from !== null && to !== null && to - from + 1 > MAX_OVERVIEW_YEARS) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected at most ${MAX_OVERVIEW_YEARS} years, got ${to - from + 1} (${from}–${to})`,
      { argument: 'to' },
    );
  }
}

/** Cooperations counted for one kind. */
export interface KindCount {
  kind: CooperationKind;
  count: number;
}

/** The grouped rows the overview query returns, each list keyed by year. */
export interface OverviewRows {
  fromYear: number;
  toYear: number;
  /** The data's latest activity day (`Partner.lastActiveOn`), `null` without partners. */
  dataUntil: string | null;
  /** One row per year of the range. */
  partnerYears: {
    year: number;
    newPartners: number;
    newMembers: number;
    members: number;
    active: number;
  }[];
  started: { year: number; kind: CooperationKind; count: number }[];
  events: { year: number; kind: EventKind; held: number; attendees: number }[];
  actionDays: { year: number; events: number; organisers: number }[];
}

/** The figures of one year of `networkOverview`. */
export interface YearFigures {
  year: number;
  /** The year is not over on the cut-off day ({@link isPartialYear}). */
  partialYear: boolean;
  newPartners: number;
  newMembers: number;
  members: number;
  activeMembers: number;
  activeShare: number;
  cooperationsStarted: KindCount[];
  actionDayOrganisers: number;
  actionDayEvents: number;
  meetingsHeld: number;
  meetingAttendees: number;
  trainingsHeld: number;
  trainingAttendees: number;
}

function byYear<T extends { year: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) map.set(row.year, [...(map.get(row.year) ?? []), row]);
  return map;
}

/** A share rounded to four decimals; 0 when there is nothing to share. */
export function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

/**
 * Merges the overview's grouped rows into one entry per year from `fromYear` to `toYear`, with
 * zeros where nothing happened (a year without rows is a fact, not a gap).
 */
export function overviewYears(rows: OverviewRows, today: string): YearFigures[] {
  const partners = byYear(rows.partnerYears);
  const started = byYear(rows.started);
  const events = byYear(rows.events);
  const actionDays = byYear(rows.actionDays);
  const years: YearFigures[] = [];
  for (let year = rows.fromYear; year <= rows.toYear; year += 1) {
    const people = partners.get(year)?.[0];
    const event = (kind: EventKind) => events.get(year)?.find((e) => e.kind === kind);
    const actionDay = actionDays.get(year)?.[0];
    years.push({
      year,
      partialYear: isPartialYear(year, today, rows.dataUntil),
      newPartners: people?.newPartners ?? 0,
      newMembers: people?.newMembers ?? 0,
      members: people?.members ?? 0,
      activeMembers: people?.active ?? 0,
      activeShare: share(people?.active ?? 0, people?.members ?? 0),
      cooperationsStarted: Object.values(CooperationKind).map((kind) => ({
        kind,
        count: started.get(year)?.find((s) => s.kind === kind)?.count ?? 0,
      })),
      actionDayOrganisers: actionDay?.organisers ?? 0,
      actionDayEvents: actionDay?.events ?? 0,
      meetingsHeld: event(EventKind.ALLIANCE_MEETING)?.held ?? 0,
      meetingAttendees: event(EventKind.ALLIANCE_MEETING)?.attendees ?? 0,
      trainingsHeld: event(EventKind.TRAINING)?.held ?? 0,
      trainingAttendees: event(EventKind.TRAINING)?.attendees ?? 0,
    });
  }
  return years;
}

/** Which way a count moved between two windows. */
export enum TrendDirection {
  RISING = 'RISING',
  STABLE = 'STABLE',
  FALLING = 'FALLING',
}

/** Changes up to this share of the larger window count as STABLE (noise of a few cooperations). */
export const STABLE_TOLERANCE = 0.1;

/**
 * The trend from a previous window to a recent one: STABLE when the two differ by at most
 * {@link STABLE_TOLERANCE} of the larger, otherwise RISING or FALLING.
 */
export function trendDirection(recent: number, previous: number): TrendDirection {
  const larger = Math.max(recent, previous);
  if (Math.abs(recent - previous) <= STABLE_TOLERANCE * larger) return TrendDirection.STABLE;
  return recent > previous ? TrendDirection.RISING : TrendDirection.FALLING;
}

/** The two windows of a trend: the last two full years before a reference year, and the two before. */
export interface TrendWindows {
  recentFrom: number;
  recentTo: number;
  previousFrom: number;
  previousTo: number;
}

/** Windows of the trend for a reference year (the year of the data's latest activity). */
export function trendWindows(referenceYear: number): TrendWindows {
  return {
    recentFrom: referenceYear - 2,
    recentTo: referenceYear - 1,
    previousFrom: referenceYear - 4,
    previousTo: referenceYear - 3,
  };
}

/** The perspectives, in API order. */
export const PERSPECTIVES = Object.values(Perspective);
/** The sectors, in API order. */
export const SECTORS = Object.values(Sector);

/** One unordered pair of sectors; `a` ≤ `b` in {@link SECTORS} order. */
export interface SectorPair {
  a: Sector;
  b: Sector;
}

/** All unordered sector pairs, the diagonal included: 10 for four sectors. */
export function sectorPairs(sectors: readonly Sector[] = SECTORS): SectorPair[] {
  return sectors.flatMap((a, i) => sectors.slice(i).map((b) => ({ a, b })));
}

/**
 * The number of partner-pair links between two sectors expected if partners linked regardless of
 * sector, in proportion to the sectors' sizes: `total × share_a × share_b`, doubled off the
 * diagonal because an unordered pair of different sectors arises in two orders. Over all pairs
 * the expected counts add up to `total` when the shares add up to 1.
 *
 * @param totalLinks - all partner-pair links of cooperations
 * @param shareA - the share of sector a among the partners (0–1)
 * @param shareB - the share of sector b
 * @param sameSector - whether a and b are the same sector (the diagonal)
 */
export function expectedPairLinks(
  totalLinks: number,
  shareA: number,
  shareB: number,
  sameSector: boolean,
): number {
  return totalLinks * shareA * shareB * (sameSector ? 1 : 2);
}

/** One cell of the sector matrix. */
export interface SectorCell {
  sectorA: Sector;
  sectorB: Sector;
  links: number;
  cooperations: number;
  expectedLinks: number;
  /** observed / expected; `null` when nothing is expected (an empty sector). */
  ratio: number | null;
}

/** The sector matrix: sizes, the total of links, and every unordered pair. */
export interface SectorMatrixData {
  totalLinks: number;
  sectors: { sector: Sector; partners: number; share: number }[];
  cells: SectorCell[];
}

/** Builds the sector matrix from the sizes and the observed pairs of one round trip. */
export function sectorMatrix(
  sizes: readonly { sector: Sector; partners: number }[],
  observed: readonly { sectors: [Sector, Sector]; links: number; cooperations: number }[],
): SectorMatrixData {
  const totalPartners = sizes.reduce((sum, s) => sum + s.partners, 0);
  const sectors = SECTORS.map((sector) => {
    const partners = sizes.find((s) => s.sector === sector)?.partners ?? 0;
    return { sector, partners, share: share(partners, totalPartners) };
  });
  const exactShare = (sector: Sector) =>
    totalPartners > 0 ? (sizes.find((s) => s.sector === sector)?.partners ?? 0) / totalPartners : 0;
  const key = (a: Sector, b: Sector) => [a, b].sort().join('|');
  const found = new Map(observed.map((o) => [key(...o.sectors), o]));
  const totalLinks = observed.reduce((sum, o) => sum + o.links, 0);
  const cells = sectorPairs().map(({ a, b }) => {
    const cell = found.get(key(a, b));
    const expected = expectedPairLinks(totalLinks, exactShare(a), exactShare(b), a === b);
    const links = cell?.links ?? 0;
    return {
      sectorA: a,
      sectorB: b,
      links,
      cooperations: cell?.cooperations ?? 0,
      expectedLinks: Math.round(expected * 100) / 100,
      ratio: expected > 0 ? Math.round((links / expected) * 1000) / 1000 : null,
    };
  });
  return { totalLinks, sectors, cells };
}
