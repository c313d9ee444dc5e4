import { ErrorCode, userError } from '../common/errors';
import { assertKey } from '../common/checks';
import { PartnerStatus, Perspective, Sector } from '../partners/partner.types';
import type { AudienceFilter } from './audience.types';

/**
 * Pure logic of the audience (whom to invite for an offer): filter checks and the CSV export's
 * query parameters (the CSV itself: audience-csv.ts).
 */

/** Most values one list of the audience filter may hold. */
export const MAX_FILTER_VALUES = 100;
/** Most rows one CSV export holds; a larger audience must be narrowed first. */
export const MAX_CSV_ROWS = 50_000;

/** An audience filter after checks, with its defaults applied. */
export interface NormalisedAudienceFilter {
  dimensions: string[];
  perspective: Perspective | null;
  topics: string[];
  districts: string[];
  boroughs: string[];
  sectors: Sector[];
  statuses: PartnerStatus[];
  activeSince: string | null;
  inactiveSince: string | null;
}

/** Whether a text is a real calendar day `YYYY-MM-DD`. */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

function assertList(argument: string, values: readonly unknown[]): void {
  if (values.length > MAX_FILTER_VALUES) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected at most ${MAX_FILTER_VALUES} values in ${argument}, got ${values.length}`,
      { argument },
    );
  }
}

function assertDay(argument: string, day: string | null | undefined): void {
  if (day != null && !isCalendarDay(day)) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected ${argument} to be a date YYYY-MM-DD, got ${JSON.stringify(day.slice(0, 40))}`,
      { argument },
    );
  }
}

/**
 * Checks an audience filter and applies its defaults (statuses: ACTIVE).
 *
 * @throws BAD_USER_INPUT for malformed keys, lists longer than {@link MAX_FILTER_VALUES} or
 *   malformed dates, naming the argument (`filter.topics`, …)
 */
export function normaliseAudienceFilter(filter: AudienceFilter): NormalisedAudienceFilter {
  const keys = {
    dimensions: filter.dimensions ?? [],
    topics: filter.topics ?? [],
    districts: filter.districts ?? [],
    boroughs: filter.boroughs ?? [],
  };
  for (const [name, values] of Object.entries(keys)) {
    assertList(`filter.${name}`, values);
    values.forEach((key) => assertKey(`filter.${name}`, key));
  }
  assertList('filter.sectors', filter.sectors ?? []);
  assertList('filter.statuses', filter.statuses ?? []);
  assertDay('filter.activeSince', filter.activeSince);
  assertDay('filter.inactiveSince', filter.inactiveSince);
  return {
    ...keys,
    perspective: filter.perspective ?? null,
    sectors: filter.sectors ?? [],
    statuses: filter.statuses?.length ? filter.statuses : [PartnerStatus.ACTIVE],
    activeSince: filter.activeSince ?? null,
    inactiveSince: filter.inactiveSince ?? null,
  };
}

/** The list parameters of `GET /export/audience.csv`, with their allowed values (null: keys). */
const LIST_PARAMETERS = {
  dimensions: null,
  topics: null,
  districts: null,
  boroughs: null,
  sectors: Object.values(Sector) as string[],
  statuses: Object.values(PartnerStatus) as string[],
} as const;
const SINGLE_PARAMETERS = ['perspective', 'activeSince', 'inactiveSince'] as const;
/** Every query parameter the CSV export understands (`format` is read by `parseCsvFormat`). */
export const AUDIENCE_PARAMETERS = [
  ...Object.keys(LIST_PARAMETERS),
  ...SINGLE_PARAMETERS,
  'format',
];

export function badParameter(parameter: string, message: string) {
  return userError(ErrorCode.BAD_USER_INPUT, message, { parameter });
}

function listParameter(query: Record<string, unknown>, name: keyof typeof LIST_PARAMETERS) {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((part) => String(part).split(','))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const allowed = LIST_PARAMETERS[name];
  const bad = allowed ? values.find((value) => !allowed.includes(value)) : undefined;
  if (allowed && bad !== undefined) {
    throw badParameter(
      name,
      `expected ${name} to be among ${allowed.join(', ')}, got ${JSON.stringify(bad.slice(0, 40))}`,
    );
  }
  return values;
}

export function singleParameter(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw badParameter(name, `expected ${name} once, got it several times`);
  }
  return value;
}

/**
 * Reads the audience filter of `GET /export/audience.csv` from its query parameters: lists as
 * comma-separated values or repeated parameters, `perspective`, `activeSince` and `inactiveSince`
 * once each. The filter is then checked like the GraphQL argument.
 *
 * @throws BAD_USER_INPUT (with `extensions.parameter`) for an unknown parameter, an unknown enum
 *   value or a repeated single parameter
 */
export function parseAudienceQuery(query: Record<string, unknown>): AudienceFilter {
  const unknown = Object.keys(query).find((name) => !AUDIENCE_PARAMETERS.includes(name));
  if (unknown !== undefined) {
    throw badParameter(
      unknown,
      `expected parameters among ${AUDIENCE_PARAMETERS.join(', ')}, got ${JSON.stringify(unknown.slice(0, 40))}`,
    );
  }
  const perspective = singleParameter(query, 'perspective');
  if (
    perspective !== undefined &&
    !(Object.values(Perspective) as string[]).includes(perspective)
  ) {
    throw badParameter(
      'perspective',
      `expected perspective to be one of ${Object.values(Perspective).join(', ')}, got ${JSON.stringify(perspective.slice(0, 40))}`,
    );
  }
  return {
    dimensions: listParameter(query, 'dimensions'),
    topics: listParameter(query, 'topics'),
    districts: listParameter(query, 'districts'),
    boroughs: listParameter(query, 'boroughs'),
    sectors: listParameter(query, 'sectors') as Sector[] | undefined,
    statuses: listParameter(query, 'statuses') as PartnerStatus[] | undefined,
    perspective: perspective as Perspective | undefined,
    activeSince: singleParameter(query, 'activeSince'),
    inactiveSince: singleParameter(query, 'inactiveSince'),
  };
}
