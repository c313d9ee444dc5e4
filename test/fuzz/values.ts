import fc from 'fast-check';

/**
 * Strings that try to break out of where a value goes: Cypher, Lucene, JSON, templates, the
 * console, Unicode handling. Every string argument of the API gets some of these.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  // Cypher injection
  "' OR 1=1 //",
  '" OR ""="',
  '}) MATCH (n) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n RETURN 1 //",
  "x' }) WITH 1 AS x CALL db.labels() YIELD label RETURN label //",
  "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
  '`) MERGE (x:Pwned) //',
  '$id',
  "{id: 'p-00001'}",
  '\\u0027 OR true //',
  // Lucene query syntax (full-text search)
  '*:*',
  'name:(a OR b)~',
  '"unbalanced',
  '(((',
  ']]',
  'field:[a TO',
  'a AND',
  'OR',
  '~',
  '*',
  '?',
  '\\',
  '/regex/',
  'a^1000000',
  '&& || ! : + -',
  'name:*',
  // Unicode: direction overrides, zero width, emoji, combining marks, lone surrogates
  '\u202Eevil\u202C',
  'zero\u200Bwidth\uFEFF',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  '\uD800',
  'a\uDFFFb',
  'e\u0301\u0301\u0301',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'İıſß',
  'مرحبا',
  // Control characters and NUL
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31mred',
  '\r\n\r\n',
  '\t\v\f',
  // Numbers as text
  '9007199254740993',
  '1e308',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  // Formats and templates
  '%s%n%x',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '',
  ' ',
];

/** Numbers at and past the edges of GraphQL's Int (32 bit) and JavaScript's safe integers. */
export const HOSTILE_NUMBERS: readonly number[] = [
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  1e308,
  -1e308,
  5e-324,
  -0,
  0.5,
  -1,
  0,
  1e21,
];

/** A string of about `bytes` bytes made of a hostile string repeated (100 KB by default). */
export function longString(seed: string, bytes = 100_000): string {
  const unit = seed.length > 0 ? seed : 'x';
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** One hostile string: from the list, a long one, or random Unicode. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((s) => longString(s)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_STRINGS))
      .map(([a, b]) => `${a}${b}`),
  },
);

/** One hostile number. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.double({ noNaN: true }),
  fc.integer(),
);

/** A JSON value of the wrong type for almost any argument. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  hostileNumber,
  fc.boolean(),
  hostileString,
  fc.constant({}),
  fc.constant([]),
  // An own `__proto__` key, as a JSON body carries it (an object literal would set the prototype).
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}')),
  fc.constant([[[[[]]]]]),
);

/** Dates in and around the LocalDate format: valid days, impossible days, other shapes. */
export const dateString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2023-02-29',
      '2024-02-30',
      '0000-00-00',
      '99999-01-01',
      '-0001-01-01',
      '2024-1-1',
      '2024-01-01T00:00:00Z',
      '12.06.2023',
    ),
  },
);

/**
 * The cursor scopes of the root connections (`<connection>:<field>:<direction>`), so that a
 * generated cursor passes the scope check and its values reach the validation behind it.
 */
const CURSOR_SCOPES = [
  'partners:NAME:ASC',
  'partners:JOINED_ON:DESC',
  'partners:COOPERATION_COUNT:DESC',
  'partners:LAST_ACTIVITY:ASC',
  'cooperations:STARTED_ON:DESC',
  'cooperations:TITLE:ASC',
  'events:DATE:DESC',
];

/**
 * Cursors made like the API's own (base64url of `[scope, value, id]`) but with hostile values:
 * impossible dates, numbers out of range, wrong types, nested values, hostile ids — the forged
 * cursors that once gave an internal error instead of BAD_USER_INPUT.
 */
export const codecCursor: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...CURSOR_SCOPES),
    fc.oneof(dateString, wrongValue, fc.constantFrom('2016-13-45', '9999-99-99', 'NaN')),
    fc.oneof(fc.constantFrom('p-00001', 'c-00001'), wrongValue),
  )
  .map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url'));
