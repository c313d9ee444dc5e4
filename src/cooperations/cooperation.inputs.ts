import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEnum,
  IsIn,
  IsOptional,
  Length,
  Matches,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { LocalDate } from '../common/scalars';
import { KEY_PATTERN } from '../dimensions/dimension.service';
import { EventKind } from '../events/event.types';
import { CooperationKind, ParticipationRole } from './cooperation.types';

/** Most items a list argument of these mutations may hold. */
export const MAX_LIST_SIZE = 50;

/** Longest id accepted (as `assertId` of the read side). */
export const MAX_ID_LENGTH = 100;

/** The funding programmes a cooperation may name. */
export const FUNDING_PROGRAMMES = ['DEMOKRATIE_LEBEN'] as const;

/** A short, printable description of a refused value for "expected X, got Y" messages. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `${value.length} item(s)`;
  if (typeof value === 'string' && value.length > 40) {
    return `${JSON.stringify(`${value.slice(0, 40)}…`)} (${value.length} characters)`;
  }
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** A class-validator message in the style "expected X, got Y". */
export const expected =
  (what: string) =>
  (args: ValidationArguments): string =>
    `expected ${what}, got ${describeValue(args.value)}`;

/** Like {@link expected} for `each` validators: names the first refused item and its index. */
export const expectedEach =
  (what: string, ok: (item: unknown) => boolean) =>
  (args: ValidationArguments): string => {
    const items: unknown[] = Array.isArray(args.value) ? args.value : [];
    const index = items.findIndex((item) => !ok(item));
    return `expected ${what}, got ${describeValue(items[index])} at index ${index}`;
  };

const isId = (item: unknown) =>
  typeof item === 'string' && item.length >= 1 && item.length <= MAX_ID_LENGTH;

const idLength = (what: string) =>
  Length(1, MAX_ID_LENGTH, { message: expected(`${what} of 1-${MAX_ID_LENGTH} characters`) });

const idsLength = (what: string) =>
  Length(1, MAX_ID_LENGTH, {
    each: true,
    message: expectedEach(`${what} of 1-${MAX_ID_LENGTH} characters`, isId),
  });

/**
 * `eventId` must be given exactly for ACTION_DAY_EVENT cooperations: they belong to the year's
 * ACTION_DAYS event; other kinds belong to no event.
 */
function EventIdMatchesKind(): PropertyDecorator {
  return ValidateBy({
    name: 'eventIdMatchesKind',
    validator: {
      validate: (value: unknown, args) => {
        const actionDay = (args?.object as CreateCooperationInput).kind === 'ACTION_DAY_EVENT';
        return actionDay ? typeof value === 'string' && value.length > 0 : value == null;
      },
      defaultMessage: (args) =>
        (args?.object as CreateCooperationInput).kind === 'ACTION_DAY_EVENT'
          ? `expected the ACTION_DAYS event id for an ACTION_DAY_EVENT, got ${describeValue(args?.value)}`
          : `expected no eventId for a ${String((args?.object as CreateCooperationInput).kind)}, got ${describeValue(args?.value)}`,
    },
  });
}

/** Input of `createCooperation`. */
@InputType({ description: 'A new cooperation (Kooperation); its lead is one of the partners.' })
export class CreateCooperationInput {
  @Field(() => String)
  @Length(3, 200, { message: expected('a title of 3-200 characters') })
  title!: string;

  @Field(() => CooperationKind)
  @IsEnum(CooperationKind, { message: expected('a CooperationKind') })
  kind!: CooperationKind;

  @Field(() => LocalDate)
  startedOn!: string;

  @Field(() => String, { nullable: true, description: 'Funding programme: DEMOKRATIE_LEBEN.' })
  @IsOptional()
  @IsIn(FUNDING_PROGRAMMES, { message: expected(`funding ${FUNDING_PROGRAMMES.join(' or ')}`) })
  funding?: string | null;

  @Field(() => ID, { description: 'The lead partner (Federführung).' })
  @idLength('a lead partner id')
  leadPartnerId!: string;

  @Field(() => [ID], { description: 'The other partners (without the lead).' })
  @ArrayMaxSize(MAX_LIST_SIZE, { message: expected(`at most ${MAX_LIST_SIZE} partner ids`) })
  @ArrayUnique({ message: expected('distinct partner ids') })
  @idsLength('partner ids')
  partnerIds!: string[];

  @Field(() => [String], { description: 'Keys of the dimensions it addresses.' })
  @ArrayMinSize(1, { message: expected('at least 1 dimension key') })
  @ArrayMaxSize(MAX_LIST_SIZE, { message: expected(`at most ${MAX_LIST_SIZE} dimension keys`) })
  @ArrayUnique({ message: expected('distinct dimension keys') })
  @Matches(KEY_PATTERN, {
    each: true,
    message: expectedEach('lower-case dimension keys such as "age"', (key) =>
      KEY_PATTERN.test(String(key)),
    ),
  })
  dimensionKeys!: string[];

  @Field(() => ID, { nullable: true, description: 'For ACTION_DAY_EVENT: the ACTION_DAYS event.' })
  @EventIdMatchesKind()
  eventId?: string | null;
}

/** Arguments of `addCooperationPartner`. */
@ArgsType()
export class AddCooperationPartnerArgs {
  @Field(() => ID)
  @idLength('a cooperation id')
  cooperationId!: string;

  @Field(() => ID)
  @idLength('a partner id')
  partnerId!: string;

  @Field(() => ParticipationRole, {
    defaultValue: ParticipationRole.PARTNER,
    description: 'Only PARTNER: a cooperation has exactly one LEAD.',
  })
  @IsIn([ParticipationRole.PARTNER], { message: expected('role PARTNER (one LEAD only)') })
  role!: ParticipationRole;
}

/** Arguments of `endCooperation`. */
@ArgsType()
export class EndCooperationArgs {
  @Field(() => ID)
  @idLength('a cooperation id')
  cooperationId!: string;

  @Field(() => LocalDate, { description: 'On or after the day it started.' })
  endedOn!: string;
}

/** Input of `recordEvent`. */
@InputType({ description: 'An alliance event that took place or is planned.' })
export class RecordEventInput {
  @Field(() => EventKind)
  @IsEnum(EventKind, { message: expected('an EventKind') })
  kind!: EventKind;

  @Field(() => String)
  @Length(3, 200, { message: expected('a title of 3-200 characters') })
  title!: string;

  @Field(() => LocalDate)
  date!: string;
}

/** Arguments of `recordAttendance`. */
@ArgsType()
export class RecordAttendanceArgs {
  @Field(() => ID)
  @idLength('an event id')
  eventId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1, { message: expected('at least 1 partner id') })
  @ArrayMaxSize(MAX_LIST_SIZE, { message: expected(`at most ${MAX_LIST_SIZE} partner ids`) })
  @ArrayUnique({ message: expected('distinct partner ids') })
  @idsLength('partner ids')
  partnerIds!: string[];
}
