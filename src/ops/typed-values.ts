import neo4j, {
  Date as Neo4jDate,
  DateTime,
  Duration,
  type Integer,
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isPoint,
  isTime,
  LocalDateTime,
  LocalTime,
  Point,
  Time,
} from 'neo4j-driver';

/**
 * A Neo4j property value as JSON, with its type kept: strings and booleans as they are, floats as
 * JSON numbers, and everything JSON would blur as a one-key object naming the type —
 * `{"$int": "42"}` (64-bit, as a string), `{"$date": "2016-06-21"}`, `{"$datetime": [...]}`.
 * Property values are never maps in Neo4j, so an object is always such a tagged value.
 */
export type TypedValue =
  | string
  | boolean
  | number
  | TypedValue[]
  | { $int: string }
  | { $float: 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { $date: string }
  | { $localtime: Component[] }
  | { $time: Component[] }
  | { $localdatetime: Component[] }
  | { $datetime: (Component | string | null)[] }
  | { $duration: Component[] }
  | { $point: number[] }
  | { $bytes: string };

/** A temporal component: a number when it is a safe integer, else the exact integer as a string. */
type Component = number | string;

/** Thrown for a value the backup format cannot carry or a malformed typed value. */
export class TypedValueError extends Error {
  override readonly name = 'TypedValueError';
}

/**
 * Encodes a property value read by the driver (lossless integers on) as a {@link TypedValue}.
 * The result is also the canonical form the graph digest hashes: equal values give equal JSON,
 * and `1` (Integer), `1.0` (Float) and `"1"` (String) give three different ones.
 *
 * @throws {TypedValueError} for `null`/`undefined` (Neo4j never stores them) and unknown types
 */
export function encodeValue(value: unknown): TypedValue {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return encodeFloat(value);
  if (Array.isArray(value)) return value.map(encodeValue);
  if (isInt(value)) return { $int: value.toString() };
  if (isDate(value)) return { $date: formatDate(value.year, value.month, value.day) };
  if (isLocalTime(value)) return { $localtime: timeParts(value) };
  if (isTime(value)) {
    return { $time: [...timeParts(value), component(value.timeZoneOffsetSeconds)] };
  }
  if (isLocalDateTime(value)) return { $localdatetime: [...dateParts(value), ...timeParts(value)] };
  if (isDateTime(value)) return { $datetime: dateTimeParts(value) };
  if (isDuration(value)) {
    return {
      $duration: [value.months, value.days, value.seconds, value.nanoseconds].map(component),
    };
  }
  if (isPoint(value)) return { $point: pointParts(value) };
  if (value instanceof Int8Array || value instanceof Uint8Array) {
    return {
      $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
    };
  }
  throw new TypedValueError(`expected a Neo4j property value, got ${describe(value)}`);
}

/**
 * Turns a {@link TypedValue} back into what the driver sends as the same Neo4j type.
 *
 * @throws {TypedValueError} for `null` and for an object that is no known typed value
 */
export function decodeValue(encoded: TypedValue): unknown {
  if (encoded === null) throw new TypedValueError('expected a value, got null');
  if (typeof encoded !== 'object') return encoded;
  if (Array.isArray(encoded)) return encoded.map(decodeValue);
  const [tag, ...rest] = Object.keys(encoded);
  if (tag === undefined || rest.length > 0) {
    throw new TypedValueError(`expected a one-key typed value, got ${JSON.stringify(encoded)}`);
  }
  const payload = (encoded as Record<string, unknown>)[tag];
  return decodeTagged(tag, payload);
}

/** Encodes a property map; keys keep their insertion order (the digest sorts them itself). */
export function encodeProperties(properties: Record<string, unknown>): Record<string, TypedValue> {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, encodeValue(v)]));
}

/** Decodes a property map of {@link TypedValue}s for the driver. */
export function decodeProperties(encoded: Record<string, TypedValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(encoded).map(([k, v]) => [k, decodeValue(v)]));
}

function decodeTagged(tag: string, payload: unknown): unknown {
  switch (tag) {
    case '$int':
      return neo4j.int(asString(tag, payload));
    case '$float':
      return decodeFloat(asString(tag, payload));
    case '$date':
      return parseDate(asString(tag, payload));
    case '$localtime': {
      const [h, m, s, ns] = parts(tag, payload, 4);
      return new LocalTime(must(h), must(m), must(s), must(ns));
    }
    case '$time': {
      const [h, m, s, ns, offset] = parts(tag, payload, 5);
      return new Time(must(h), must(m), must(s), must(ns), must(offset));
    }
    case '$localdatetime': {
      const [y, mo, d, h, mi, s, ns] = parts(tag, payload, 7);
      return new LocalDateTime(must(y), must(mo), must(d), must(h), must(mi), must(s), must(ns));
    }
    case '$datetime':
      return decodeDateTime(payload);
    case '$duration': {
      const [months, days, seconds, nanoseconds] = parts(tag, payload, 4);
      return new Duration(must(months), must(days), must(seconds), must(nanoseconds));
    }
    case '$point':
      return decodePoint(payload);
    case '$bytes':
      return new Int8Array(Buffer.from(asString(tag, payload), 'base64'));
    default:
      throw new TypedValueError(`expected a known type tag, got "${tag}"`);
  }
}

function encodeFloat(value: number): TypedValue {
  if (Number.isNaN(value)) return { $float: 'NaN' };
  if (value === Infinity) return { $float: 'Infinity' };
  if (value === -Infinity) return { $float: '-Infinity' };
  if (Object.is(value, -0)) return { $float: '-0' };
  return value;
}

function decodeFloat(text: string): number {
  const specials: Record<string, number> = {
    NaN: Number.NaN,
    Infinity: Infinity,
    '-Infinity': -Infinity,
    '-0': -0,
  };
  const value = specials[text];
  if (value === undefined)
    throw new TypedValueError(`expected NaN, ±Infinity or -0, got "${text}"`);
  return value;
}

/** Years have at least four digits and their sign (`-0044-03-15`): one shape for the parser. */
function formatDate(year: unknown, month: unknown, day: unknown): string {
  const y = Number(year);
  const yearText = `${y < 0 ? '-' : ''}${String(Math.abs(y)).padStart(4, '0')}`;
  return `${yearText}-${pad2(month)}-${pad2(day)}`;
}

function parseDate(text: string): Neo4jDate<number> {
  const match = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new TypedValueError(`expected a date YYYY-MM-DD, got "${text}"`);
  return new Neo4jDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function pad2(value: unknown): string {
  return String(Number(value)).padStart(2, '0');
}

function component(value: unknown): Component {
  if (typeof value === 'number') return value;
  if (isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  throw new TypedValueError(`expected an integer component, got ${describe(value)}`);
}

function timeParts(value: {
  hour: unknown;
  minute: unknown;
  second: unknown;
  nanosecond: unknown;
}) {
  return [value.hour, value.minute, value.second, value.nanosecond].map(component);
}

function dateParts(value: { year: unknown; month: unknown; day: unknown }) {
  return [value.year, value.month, value.day].map(component);
}

function dateTimeParts(value: DateTime<Integer | number>): (Component | string | null)[] {
  const offset = value.timeZoneOffsetSeconds;
  return [
    ...dateParts(value),
    ...timeParts(value),
    offset === undefined || offset === null ? null : component(offset),
    value.timeZoneId ?? null,
  ];
}

function decodeDateTime(payload: unknown): DateTime<Integer | number> {
  if (!Array.isArray(payload) || payload.length !== 9) {
    throw new TypedValueError(`expected $datetime as 9 components, got ${describe(payload)}`);
  }
  const [y, mo, d, h, mi, s, ns] = payload.slice(0, 7).map((p) => toInteger('$datetime', p));
  const offset = payload[7] === null ? undefined : toInteger('$datetime', payload[7]);
  const zone = payload[8] === null ? undefined : asString('$datetime', payload[8]);
  return new DateTime(
    must(y),
    must(mo),
    must(d),
    must(h),
    must(mi),
    must(s),
    must(ns),
    offset,
    zone,
  );
}

function pointParts(value: Point<Integer | number>): number[] {
  const coordinates = [Number(value.srid), value.x, value.y];
  return value.z === undefined || Number.isNaN(value.z) ? coordinates : [...coordinates, value.z];
}

function decodePoint(payload: unknown): Point<number> {
  if (!Array.isArray(payload) || (payload.length !== 3 && payload.length !== 4)) {
    throw new TypedValueError(`expected $point as [srid, x, y(, z)], got ${describe(payload)}`);
  }
  const [srid, x, y, z] = payload.map((p) => {
    if (typeof p !== 'number') throw new TypedValueError(`expected a number, got ${describe(p)}`);
    return p;
  }) as [number, number, number, number | undefined];
  return new Point(srid, x, y, z);
}

/** Components as the driver's constructors take them: numbers, or Integers beyond 2^53. */
function parts(tag: string, payload: unknown, length: number): (number | Integer)[] {
  if (!Array.isArray(payload) || payload.length !== length) {
    throw new TypedValueError(`expected ${tag} as ${length} components, got ${describe(payload)}`);
  }
  return payload.map((p) => toInteger(tag, p));
}

function toInteger(tag: string, value: unknown): number | Integer {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return neo4j.int(value);
  throw new TypedValueError(`expected an integer in ${tag}, got ${describe(value)}`);
}

/** Destructured components exist: {@link parts} checked the length. */
function must(value: number | Integer | undefined): number | Integer {
  if (value === undefined) throw new TypedValueError('expected a component, got none');
  return value;
}

function asString(tag: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypedValueError(`expected a string in ${tag}, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return typeof value;
}
