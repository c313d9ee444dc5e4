import { IsOptional, ValidateBy } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ErrorCode, userError } from '../common/errors';
import { LocalDate } from '../common/scalars';
import { describeValue, IsId } from '../common/validation';
import { OutcomeKind } from './outcome.types';

/** Longest note of an outcome, in characters. */
export const MAX_OUTCOME_NOTE = 1000;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * What is wrong with an outcome's note, or `null` when it is fine: at most
 * {@link MAX_OUTCOME_NOTE} characters (code points, so an emoji counts once) and no control
 * characters — line breaks included, as for every text the API stores for others to list.
 */
export function noteProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'a text';
  if (CONTROL_CHARACTER.test(value)) return 'a text without control characters';
  if ([...value].length > MAX_OUTCOME_NOTE)
    return `a text of at most ${MAX_OUTCOME_NOTE} characters`;
  return null;
}

/** An input field holding a note, checked by {@link noteProblem}. */
function IsNote(): PropertyDecorator {
  return ValidateBy({
    name: 'isOutcomeNote',
    validator: {
      validate: (value: unknown) => noteProblem(value) === null,
      defaultMessage: (args) =>
        `expected ${noteProblem(args?.value) ?? 'a text'}, got ${describeValue(args?.value)}`,
    },
  });
}

/** What `recordOutcome` is given. */
@InputType({
  description:
    'Ein Ergebnis festhalten (record an outcome) about another partner or a Börse match of one’s own: exactly one of aboutPartnerId and matchId.',
})
export class RecordOutcomeInput {
  @Field(() => ID, { nullable: true, description: 'The other partner of the pair.' })
  @IsOptional()
  @IsId('a partner id')
  aboutPartnerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A Börse match the caller is part of.' })
  @IsOptional()
  @IsId('a match id')
  matchId?: string | null;

  @Field(() => OutcomeKind)
  outcome!: OutcomeKind;

  @Field(() => String, {
    nullable: true,
    description: `The author’s own note: at most ${MAX_OUTCOME_NOTE} characters, no control characters (no line breaks). Private like the outcome.`,
  })
  @IsOptional()
  @IsNote()
  note?: string | null;
}

/**
 * Refuses an input naming both or neither of the pair and the match.
 *
 * @throws BAD_USER_INPUT with both paths in `extensions.fields`
 */
export function assertOneSubject(input: RecordOutcomeInput): void {
  const given = [input.aboutPartnerId, input.matchId].filter((v) => v != null).length;
  if (given === 1) return;
  const reason = `expected exactly one of aboutPartnerId and matchId, got ${given === 0 ? 'none' : 'both'}`;
  throw userError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${reason}`, {
    fields: [
      { path: 'input.aboutPartnerId', reason },
      { path: 'input.matchId', reason },
    ],
  });
}

/** The arguments of `cooperationFunnel`. */
@ArgsType()
export class FunnelArgs {
  @Field(() => LocalDate, { description: 'First day counted (UTC).' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day counted (UTC), at most five years after from.' })
  to!: string;

  @Field(() => ID, { nullable: true, description: 'Count only this Kooperationsbörse.' })
  exchangeId?: string | null;
}
