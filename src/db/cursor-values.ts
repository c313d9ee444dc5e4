import { ErrorCode, userError } from '../common/errors';

/**
 * The type of an ordering's sort value, declared once per sort ({@link SortSpec.valueType}).
 * It decides both how a cursor's value is checked and how Cypher turns the parameter back into
 * the sort type, so a cursor value can never reach `date()` or `datetime()` unchecked.
 */
export enum CursorValueType {
  TEXT = 'TEXT',
  INTEGER = 'INTEGER',
  /** `YYYY-MM-DD`, a real calendar day. */
  DATE = 'DATE',
  /** An ISO date-time with offset, as `DateTime.toString()` writes it. */
  DATETIME = 'DATETIME',
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
/** Longest text sort value accepted in a cursor (names and titles are far shorter). */
const MAX_TEXT_LENGTH = 1_000;

/** Cypher turning the cursor value parameter (e.g. `$cursorValue`) into the sort type. */
export function cursorValueExpression(type: CursorValueType, parameter: string): string {
  switch (type) {
    case CursorValueType.TEXT:
      return parameter;
    case CursorValueType.INTEGER:
      return `toInteger(${parameter})`;
    case CursorValueType.DATE:
      return `date(${parameter})`;
    case CursorValueType.DATETIME:
      return `datetime(${parameter})`;
  }
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    month >= 1 &&
    month <= 12 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** Whether `value` is a valid sort value of `type` (see {@link CursorValueType}). */
export function isCursorValue(type: CursorValueType, value: unknown): boolean {
  switch (type) {
    case CursorValueType.TEXT:
      return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
    case CursorValueType.INTEGER:
      return typeof value === 'number' && Number.isSafeInteger(value);
    case CursorValueType.DATE: {
      const match = typeof value === 'string' ? DATE.exec(value) : null;
      return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
    }
    case CursorValueType.DATETIME: {
      const match = typeof value === 'string' ? DATETIME.exec(value) : null;
      if (match === null) return false;
      const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])];
      const offsetOk =
        match[9] === undefined || (Number(match[9]) <= 18 && Number(match[10]) <= 59);
      return (
        isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3])) &&
        hour <= 23 &&
        minute <= 59 &&
        second <= 59 &&
        offsetOk
      );
    }
  }
}

/**
 * Checks a decoded cursor's sort value against its ordering's type.
 *
 * @throws BAD_USER_INPUT "expected after to hold a DATE sort value, got …" for a forged cursor
 */
export function assertCursorValue(type: CursorValueType, value: unknown, argument: string): void {
  if (isCursorValue(type, value)) return;
  const shown = JSON.stringify(value)?.slice(0, 40) ?? String(value);
  throw userError(
    ErrorCode.BAD_USER_INPUT,
    `expected ${argument} to be a cursor holding a ${type} sort value, got ${shown}`,
    { argument },
  );
}
