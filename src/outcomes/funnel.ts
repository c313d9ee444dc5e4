import { ErrorCode, userError } from '../common/errors';
import type { FunnelCounts, FunnelMonth } from './outcome.types';
import { OutcomeKind } from './outcome.types';

/*
 * The cooperation funnel without I/O: the period's checks, its months, and the assembly of the
 * counted rows into months and a total. The counting itself is one Cypher statement
 * (funnel.queries.ts).
 */

/** The longest period one funnel covers, in years. */
export const MAX_FUNNEL_YEARS = 5;

/** The stages the funnel counts, in funnel order. */
export enum FunnelStage {
  SUGGESTIONS_VIEWED = 'SUGGESTIONS_VIEWED',
  MATCHES = 'MATCHES',
  CONTACT_REQUESTED = 'CONTACT_REQUESTED',
  CONTACT_ACCEPTED = 'CONTACT_ACCEPTED',
  PROPOSED = 'PROPOSED',
  CONFIRMED = 'CONFIRMED',
  ENDED = 'ENDED',
  OUTCOME = 'OUTCOME',
}

/** One counted row: a stage (for OUTCOME with its kind) in a month. */
export interface FunnelRow {
  stage: FunnelStage;
  /** For {@link FunnelStage.OUTCOME}: the outcome's kind. */
  kind: string | null;
  /** `YYYY-MM`. */
  month: string;
  count: number;
}

/** A `YYYY-MM-DD` date as a UTC date (validated by the `LocalDate` scalar before). */
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * Refuses a period that ends before it starts or spans more than {@link MAX_FUNNEL_YEARS} years.
 *
 * @throws BAD_USER_INPUT naming the argument `to` (`extensions.argument` and `extensions.fields`)
 */
export function assertFunnelPeriod(from: string, to: string): void {
  const start = utc(from);
  const latest = new Date(start);
  latest.setUTCFullYear(start.getUTCFullYear() + MAX_FUNNEL_YEARS);
  const reason =
    to < from
      ? `expected to on or after from (${from}), got ${to}`
      : utc(to) > latest
        ? `expected a period of at most ${MAX_FUNNEL_YEARS} years (to on or before ${latest.toISOString().slice(0, 10)}), got ${to}`
        : null;
  if (reason === null) return;
  throw userError(ErrorCode.BAD_USER_INPUT, reason, {
    argument: 'to',
    fields: [{ path: 'to', reason }],
  });
}

/** Every month (`YYYY-MM`) from the month of `from` to the month of `to`, oldest first. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** Zero counts; the Börse-only and alliance-only stages are `null` where they do not apply. */
function emptyCounts(forExchange: boolean): FunnelCounts {
  return {
    suggestionsViewed: forExchange ? null : 0,
    matches: forExchange ? 0 : null,
    contactRequested: 0,
    contactAccepted: 0,
    proposed: 0,
    confirmed: 0,
    ended: 0,
    outcomes: Object.values(OutcomeKind).map((outcome) => ({ outcome, count: 0 })),
  };
}

/** Adds one counted row to counts (rows of a stage that does not apply are ignored). */
function add(counts: FunnelCounts, row: FunnelRow): void {
  switch (row.stage) {
    case FunnelStage.SUGGESTIONS_VIEWED:
      if (counts.suggestionsViewed !== null) counts.suggestionsViewed += row.count;
      return;
    case FunnelStage.MATCHES:
      if (counts.matches !== null) counts.matches += row.count;
      return;
    case FunnelStage.CONTACT_REQUESTED:
      counts.contactRequested += row.count;
      return;
    case FunnelStage.CONTACT_ACCEPTED:
      counts.contactAccepted += row.count;
      return;
    case FunnelStage.PROPOSED:
      counts.proposed += row.count;
      return;
    case FunnelStage.CONFIRMED:
      counts.confirmed += row.count;
      return;
    case FunnelStage.ENDED:
      counts.ended += row.count;
      return;
    case FunnelStage.OUTCOME: {
      const entry = counts.outcomes.find((o) => o.outcome === row.kind);
      if (entry) entry.count += row.count;
      return;
    }
  }
}

/**
 * The funnel's months (every month of the period, with zeros) and total from the counted rows.
 * Rows outside the period's months are ignored. Pure.
 */
export function assembleFunnel(
  months: readonly string[],
  rows: readonly FunnelRow[],
  forExchange: boolean,
): { months: FunnelMonth[]; total: FunnelCounts } {
  const byMonth = new Map(
    months.map((month) => [month, { month, ...emptyCounts(forExchange) } as FunnelMonth]),
  );
  const total = emptyCounts(forExchange);
  for (const row of rows) {
    const month = byMonth.get(row.month);
    if (!month) continue;
    add(month, row);
    add(total, row);
  }
  return { months: [...byMonth.values()], total };
}
