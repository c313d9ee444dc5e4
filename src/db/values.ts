import { isDate, isDateTime, isInt, isLocalDateTime } from 'neo4j-driver';

/**
 * Turns values read from Neo4j into plain JSON-friendly values, deeply: integers become numbers,
 * dates become `YYYY-MM-DD` strings, date-times ISO strings. Our integers (counts, versions) stay
 * far below 2^53, so `toNumber()` is exact.
 */
export function fromNeo4j<T = unknown>(value: unknown): T {
  return convert(value) as T;
}

function convert(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (isInt(value)) return value.toNumber();
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value)) return value.toString();
  if (Array.isArray(value)) return value.map(convert);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convert(inner)]));
  }
  return value;
}
