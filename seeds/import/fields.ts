import type { ImportError } from './model';
import type { RawRow } from './parse';

/** Separates the items of a list cell (`topics`, `dimensions`, `partners`). */
export const LIST_SEPARATOR = ';';
/** Separates a key from its qualifier inside a list item (`age:COMMUNITY`, `p-1:LEAD`). */
export const PAIR_SEPARATOR = ':';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// Deliberately loose: a plausible address, not RFC 5322; the mail server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()/-]{3,}[0-9]$/;

/** Quotes a cell for a message, showing line breaks and quotes escaped. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * Reads the cells of one row and collects every problem instead of stopping at the first, so
 * that one run reports all of them. Each getter returns `undefined` when the cell is bad (and
 * records why), `null` when an optional cell is empty, otherwise the checked value.
 */
export class RowReader {
  /** The problems found so far in this row. */
  readonly errors: ImportError[] = [];

  constructor(
    private readonly file: string,
    private readonly row: RawRow,
  ) {}

  /** The row's line, for messages that point at another row. */
  get line(): number {
    return this.row.line;
  }

  /** Records a problem in `column` of this row; returns `undefined` for the getters' convenience. */
  fail(column: string, message: string): undefined {
    this.errors.push({ file: this.file, line: this.row.line, column, message });
    return undefined;
  }

  /** The trimmed cell; `null` when empty or when the column is not in the file. */
  optional(column: string): string | null {
    const value = (this.row.values[column] ?? '').trim();
    return value === '' ? null : value;
  }

  /** The trimmed cell, which must not be empty. */
  required(column: string): string | undefined {
    return this.optional(column) ?? this.fail(column, 'expected a value, got an empty cell');
  }

  /** A required id: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
  id(column: string): string | undefined {
    const value = this.required(column);
    if (value === undefined || ID.test(value)) return value;
    return this.fail(
      column,
      `expected an id of letters, digits, ".", "_" and "-", got ${quote(value)}`,
    );
  }

  /** A required value out of `allowed`. */
  oneOf<T extends string>(column: string, allowed: readonly T[]): T | undefined {
    const value = this.required(column);
    return value === undefined ? undefined : this.checkOneOf(column, value, allowed);
  }

  /** An optional value out of `allowed`. */
  optionalOneOf<T extends string>(column: string, allowed: readonly T[]): T | null | undefined {
    const value = this.optional(column);
    return value === null ? null : this.checkOneOf(column, value, allowed);
  }

  /** A required calendar date written `YYYY-MM-DD`. */
  date(column: string): string | undefined {
    const value = this.required(column);
    return value === undefined ? undefined : this.checkDate(column, value);
  }

  /** An optional calendar date written `YYYY-MM-DD`. */
  optionalDate(column: string): string | null | undefined {
    const value = this.optional(column);
    return value === null ? null : this.checkDate(column, value);
  }

  /** An optional e-mail address. */
  email(column: string): string | null | undefined {
    const value = this.optional(column);
    if (value === null || EMAIL.test(value)) return value;
    return this.fail(
      column,
      `expected an e-mail address such as name@example.org, got ${quote(value)}`,
    );
  }

  /** An optional web address with an `http` or `https` scheme and a dotted host name. */
  website(column: string): string | null | undefined {
    const value = this.optional(column);
    if (value === null || isWebAddress(value)) return value;
    return this.fail(
      column,
      `expected a web address starting with https:// or http://, got ${quote(value)}`,
    );
  }

  /** An optional phone number: digits, spaces, `+`, `(`, `)`, `/`, `-`. */
  phone(column: string): string | null | undefined {
    const value = this.optional(column);
    if (value === null || PHONE.test(value)) return value;
    return this.fail(
      column,
      `expected a phone number of digits, spaces and + ( ) / -, got ${quote(value)}`,
    );
  }

  /**
   * The `;`-separated items of a cell, trimmed, without empty items (a trailing `;` is fine).
   * Returns `undefined` when an item occurs twice, because the graph holds each relationship once.
   */
  list(column: string): string[] | undefined {
    const items = (this.optional(column) ?? '')
      .split(LIST_SEPARATOR)
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const twice = items.find((item, i) => items.indexOf(item) !== i);
    if (twice === undefined) return items;
    return this.fail(column, `expected each item once, got ${quote(twice)} twice`);
  }

  private checkOneOf<T extends string>(column: string, value: string, allowed: readonly T[]) {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(column, `expected one of ${allowed.join(', ')}, got ${quote(value)}`);
  }

  private checkDate(column: string, value: string): string | undefined {
    if (isIsoDate(value)) return value;
    return this.fail(column, `expected a date as YYYY-MM-DD, got ${quote(value)}`);
  }
}

/** Whether `value` is `YYYY-MM-DD` and names a real calendar day (no 2023-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Whether `value` is an absolute http(s) URL with a dotted host name. */
export function isWebAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
}

/**
 * Splits a list item `key:QUALIFIER` into its two parts; `undefined` when it has not exactly
 * one separator or either part is empty.
 */
export function splitPair(item: string): [string, string] | undefined {
  const parts = item.split(PAIR_SEPARATOR).map((part) => part.trim());
  if (parts.length !== 2 || parts.some((part) => part === '')) return undefined;
  return parts as [string, string];
}
