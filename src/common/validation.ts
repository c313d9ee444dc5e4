import {
  Length,
  validate,
  type ValidationArguments,
  type ValidationError,
  type ValidationOptions,
} from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { MAX_ID_LENGTH } from './checks';
import { ErrorCode, userError } from './errors';

/** One refused field: its path in the input and why. */
export interface FieldProblem {
  path: string;
  reason: string;
}

/** Flattens class-validator's nested errors into paths such as `input.dimensions[1].key`. */
export function fieldProblems(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ path, reason }));
    return [...own, ...fieldProblems(error.children ?? [], path)];
  });
}

/**
 * type-graphql's `validateFn`: runs class-validator on every input object and refuses bad input
 * with BAD_USER_INPUT, naming each field path and reason (`extensions.fields`), before any
 * resolver or Cypher runs.
 */
export const validateInput: ValidatorFn = async (value, _type, { info }) => {
  if (value === null || typeof value !== 'object') return;
  const objects = Array.isArray(value) ? value : [value];
  const problems: FieldProblem[] = [];
  for (const [index, object] of objects.entries()) {
    if (object === null || typeof object !== 'object') continue;
    const prefix = Array.isArray(value) ? `${info.fieldName}[${index}]` : 'input';
    problems.push(...fieldProblems(await validate(object, { forbidUnknownValues: false }), prefix));
  }
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.path}: ${p.reason}`).join('; ');
    throw userError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${summary}`, { fields: problems });
  }
};

/** A short, printable description of a refused value for "expected X, got Y" messages. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `${value.length} item(s)`;
  if (typeof value === 'string' && value.length > 40) {
    return `${JSON.stringify(`${value.slice(0, 40)}…`)} (${value.length} characters)`;
  }
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/**
 * class-validator options whose message reads "expected X, got Y".
 *
 * @param what - what a valid value is, e.g. "an e-mail address"
 */
export function expected(what: string): ValidationOptions {
  return {
    message: (args: ValidationArguments) => `expected ${what}, got ${describeValue(args.value)}`,
  };
}

/**
 * Like {@link expected} for a validator applied to each item of an array: the message names the
 * first refused item and its index ("expected X, got Y at index 2").
 *
 * @param ok - whether one item is valid (the same test the validator makes)
 */
export function expectedEach(what: string, ok: (item: unknown) => boolean): ValidationOptions {
  return {
    each: true,
    message: (args: ValidationArguments) => {
      const items: unknown[] = Array.isArray(args.value) ? args.value : [args.value];
      const index = items.findIndex((item) => !ok(item));
      return `expected ${what}, got ${describeValue(items[index])} at index ${index}`;
    },
  };
}

/** Whether a value is an id as {@link assertId} accepts it. */
const isId = (item: unknown) =>
  typeof item === 'string' && item.length >= 1 && item.length <= MAX_ID_LENGTH;

/** An input field holding one id (1–{@link MAX_ID_LENGTH} characters). */
export const IsId = (what: string): PropertyDecorator =>
  Length(1, MAX_ID_LENGTH, expected(`${what} of 1-${MAX_ID_LENGTH} characters`));

/** An input field holding a list of ids, each as {@link IsId}. */
export const AreIds = (what: string): PropertyDecorator =>
  Length(1, MAX_ID_LENGTH, expectedEach(`${what} of 1-${MAX_ID_LENGTH} characters`, isId));
