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
} from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { LocalDate } from '../common/scalars';
import { KEY_PATTERN, isKey } from '../common/checks';
import { EventKind } from '../events/event.types';
import { CooperationKind, ParticipationRole } from './cooperation.types';
import { describeValue, expected, expectedEach, IsId, AreIds } from '../common/validation';

/** Most items a list argument of these mutations may hold. */
export const MAX_LIST_SIZE = 50;

/** The funding programmes a cooperation may name. */
export const FUNDING_PROGRAMMES = ['DEMOKRATIE_LEBEN'] as const;

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
  @Length(3, 200, expected('a title of 3-200 characters'))
  title!: string;

  @Field(() => CooperationKind)
  @IsEnum(CooperationKind, expected('a CooperationKind'))
  kind!: CooperationKind;

  @Field(() => LocalDate)
  startedOn!: string;

  @Field(() => String, { nullable: true, description: 'Funding programme: DEMOKRATIE_LEBEN.' })
  @IsOptional()
  @IsIn(FUNDING_PROGRAMMES, expected(`funding ${FUNDING_PROGRAMMES.join(' or ')}`))
  funding?: string | null;

  @Field(() => ID, { description: 'The lead partner (Federführung).' })
  @IsId('a lead partner id')
  leadPartnerId!: string;

  @Field(() => [ID], { description: 'The other partners (without the lead).' })
  @ArrayMaxSize(MAX_LIST_SIZE, expected(`at most ${MAX_LIST_SIZE} partner ids`))
  @ArrayUnique(expected('distinct partner ids'))
  @AreIds('partner ids')
  partnerIds!: string[];

  @Field(() => [String], { description: 'Keys of the dimensions it addresses.' })
  @ArrayMinSize(1, expected('at least 1 dimension key'))
  @ArrayMaxSize(MAX_LIST_SIZE, expected(`at most ${MAX_LIST_SIZE} dimension keys`))
  @ArrayUnique(expected('distinct dimension keys'))
  @Matches(KEY_PATTERN, expectedEach('lower-case dimension keys such as "age"', isKey))
  dimensionKeys!: string[];

  @Field(() => ID, { nullable: true, description: 'For ACTION_DAY_EVENT: the ACTION_DAYS event.' })
  @EventIdMatchesKind()
  eventId?: string | null;
}

/** Arguments of `addCooperationPartner`. */
@ArgsType()
export class AddCooperationPartnerArgs {
  @Field(() => ID)
  @IsId('a cooperation id')
  cooperationId!: string;

  @Field(() => ID)
  @IsId('a partner id')
  partnerId!: string;

  @Field(() => ParticipationRole, {
    defaultValue: ParticipationRole.PARTNER,
    description: 'Only PARTNER: a cooperation has exactly one LEAD.',
  })
  @IsIn([ParticipationRole.PARTNER], expected('role PARTNER (one LEAD only)'))
  role!: ParticipationRole;
}

/** Arguments of `endCooperation`. */
@ArgsType()
export class EndCooperationArgs {
  @Field(() => ID)
  @IsId('a cooperation id')
  cooperationId!: string;

  @Field(() => LocalDate, { description: 'On or after the day it started.' })
  endedOn!: string;
}

/** Input of `recordEvent`. */
@InputType({ description: 'An alliance event that took place or is planned.' })
export class RecordEventInput {
  @Field(() => EventKind)
  @IsEnum(EventKind, expected('an EventKind'))
  kind!: EventKind;

  @Field(() => String)
  @Length(3, 200, expected('a title of 3-200 characters'))
  title!: string;

  @Field(() => LocalDate)
  date!: string;
}

/** Arguments of `recordAttendance`. */
@ArgsType()
export class RecordAttendanceArgs {
  @Field(() => ID)
  @IsId('an event id')
  eventId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1, expected('at least 1 partner id'))
  @ArrayMaxSize(MAX_LIST_SIZE, expected(`at most ${MAX_LIST_SIZE} partner ids`))
  @ArrayUnique(expected('distinct partner ids'))
  @AreIds('partner ids')
  partnerIds!: string[];
}

/** Arguments of `confirmCooperation`, `declineCooperation` and `withdrawProposal`. */
@ArgsType()
export class ProposalArgs {
  @Field(() => ID, { description: 'The proposed cooperation (status DRAFT).' })
  @IsId('a cooperation id')
  id!: string;
}
