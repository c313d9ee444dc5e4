/** Milliseconds of one day. */
const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`). The generator counts in whole days so
 * that dates compare and add as plain integers.
 *
 * @throws {RangeError} when the text is not a real calendar date
 */
export function toDay(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`expected a date as YYYY-MM-DD, got "${iso}"`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (fromDay(ms / DAY_MS) !== iso) throw new RangeError(`expected a calendar date, got "${iso}"`);
  return ms / DAY_MS;
}

const isoCache = new Map<number, string>();

/** The ISO date (`YYYY-MM-DD`) of a day number (cached: a few thousand days recur ~10⁵ times). */
export function fromDay(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** Day number of a calendar date (month 1–12). */
export function dayOf(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / DAY_MS;
}

/** The calendar year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

const MONTHS_DE = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];

/** "März 2021": German month and year of a day number. */
export function monthYearDe(day: number): string {
  const date = new Date(day * DAY_MS);
  return `${MONTHS_DE[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}`;
}
