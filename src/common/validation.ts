import { validate, type ValidationError } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
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
