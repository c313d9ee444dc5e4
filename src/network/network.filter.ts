import { ErrorCode, userError } from '../common/errors';
import type { Language } from '../common/language';
import { KEY_PATTERN, assertIntInRange } from '../common/checks';
import type { NetworkModeName } from './network.model';

/** A network filter as a client gives it (GraphQL input or export query parameters). */
export interface NetworkFilterInput {
  sectors?: readonly string[] | null;
  statuses?: readonly string[] | null;
  dimensions?: readonly string[] | null;
  districts?: readonly string[] | null;
  cooperationKinds?: readonly string[] | null;
  from?: string | null;
  to?: string | null;
  minWeight?: number | null;
}

/**
 * A checked filter with defaults filled in and lists sorted and without duplicates, so that two
 * filters that mean the same are equal (and share a cache entry). `null` = no restriction.
 */
export interface NormalisedNetworkFilter {
  sectors: string[] | null;
  statuses: string[];
  dimensions: string[] | null;
  districts: string[] | null;
  cooperationKinds: string[] | null;
  from: string | null;
  to: string | null;
  minWeight: number;
}

/** The partner statuses a network shows unless the filter says otherwise: the members. */
export const DEFAULT_NETWORK_STATUSES = ['ACTIVE', 'PAUSED'] as const;

/** Most values one list of a network filter may hold. */
export const MAX_FILTER_VALUES = 50;

/** Largest accepted minimum edge weight (a larger one would leave no edge anyway). */
export const MAX_MIN_WEIGHT = 1_000_000;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real calendar date `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function list(
  values: readonly string[] | null | undefined,
  field: string,
  pattern?: RegExp,
): string[] | null {
  if (values == null || values.length === 0) return null;
  if (values.length > MAX_FILTER_VALUES) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected filter.${field} to hold at most ${MAX_FILTER_VALUES} values, got ${values.length}`,
      { field: `filter.${field}` },
    );
  }
  const bad = pattern ? values.findIndex((value) => !pattern.test(value)) : -1;
  if (bad >= 0) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected filter.${field}[${bad}] to be a lower-case key such as "social_origin", got ${JSON.stringify(String(values[bad]).slice(0, 80))}`,
      { field: `filter.${field}` },
    );
  }
  return [...new Set(values)].sort();
}

function date(value: string | null | undefined, field: 'from' | 'to'): string | null {
  if (value == null) return null;
  if (!isCalendarDate(value)) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected filter.${field} to be a date YYYY-MM-DD, got ${JSON.stringify(value.slice(0, 40))}`,
      { field: `filter.${field}` },
    );
  }
  return value;
}

/**
 * Checks a network filter and brings it into its normal form.
 *
 * @throws BAD_USER_INPUT (with `extensions.field`) for a list longer than {@link MAX_FILTER_VALUES},
 *   a malformed dimension or district key, a malformed date, `from` after `to`, or a `minWeight`
 *   that is not an integer from 1 to {@link MAX_MIN_WEIGHT}
 */
export function normaliseFilter(
  filter: NetworkFilterInput | null | undefined,
): NormalisedNetworkFilter {
  const input = filter ?? {};
  const from = date(input.from, 'from');
  const to = date(input.to, 'to');
  if (from !== null && to !== null && from > to) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected filter.from (${from}) to be on or before filter.to (${to})`,
      { field: 'filter.from' },
    );
  }
  const minWeight = input.minWeight ?? 1;
  assertIntInRange('filter.minWeight', minWeight, 1, MAX_MIN_WEIGHT);
  return {
    sectors: list(input.sectors, 'sectors'),
    statuses: list(input.statuses, 'statuses') ?? [...DEFAULT_NETWORK_STATUSES],
    dimensions: list(input.dimensions, 'dimensions', KEY_PATTERN),
    districts: list(input.districts, 'districts', KEY_PATTERN),
    cooperationKinds: list(input.cooperationKinds, 'cooperationKinds'),
    from,
    to,
    minWeight,
  };
}

/**
 * What identifies a network within one data version: mode, normalised filter and, in DIMENSIONS
 * mode only, the language of the dimension labels (partner names and cooperation titles have one
 * language, so other modes share one entry for all).
 */
export function networkCacheKey(
  mode: NetworkModeName,
  filter: NormalisedNetworkFilter,
  language: Language,
): string {
  return JSON.stringify([mode, filter, mode === 'DIMENSIONS' ? language : null]);
}
