import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEnum,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../common/scalars';
import { expected, expectedEach, IsId } from '../common/validation';
import { KEY_PATTERN, isKey } from '../common/checks';
import { PLAN_LIMITS } from './meeting-plan';
import { PostKind } from './exchange.types';

/** Longest text of a post. */
export const MAX_POST_TEXT = 500;
/** Most dimension or topic keys a post or proposal may name. */
export const MAX_POST_KEYS = 10;

/** Keys such as `age` or `education`: at most {@link MAX_POST_KEYS}, distinct, well formed. */
function keyList(what: string, min: number): PropertyDecorator {
  const decorators = [
    ArrayMinSize(min, expected(`at least ${min} ${what}`)),
    ArrayMaxSize(MAX_POST_KEYS, expected(`at most ${MAX_POST_KEYS} ${what}`)),
    ArrayUnique(expected(`distinct ${what}`)),
    Matches(KEY_PATTERN, expectedEach(`lower-case ${what} such as "age"`, isKey)),
  ];
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/** Input of `createExchange`. */
@InputType({ description: 'A new Kooperationsbörse, prepared as DRAFT.' })
export class CreateExchangeInput {
  @Field(() => String)
  @Length(3, 200, expected('a title of 3-200 characters'))
  title!: string;

  @Field(() => ID, { nullable: true, description: 'The ALLIANCE_MEETING event it takes place at.' })
  @IsOptional()
  @IsId('an event id')
  eventId?: string | null;
}

/** The exchange and the partner an action is for (the caller's own partner, or by a coordinator). */
@ArgsType()
export class ExchangePartnerArgs {
  @Field(() => ID)
  @IsId('an exchange id')
  exchangeId!: string;

  @Field(() => ID, { description: 'Your own partner; coordinators may act for any partner.' })
  @IsId('a partner id')
  partnerId!: string;
}

/** Arguments of `expressInterest`. */
@ArgsType()
export class ExpressInterestArgs extends ExchangePartnerArgs {
  @Field(() => ID, { description: 'The partner you would like to meet; checked in too.' })
  @IsId('a partner id')
  inPartnerId!: string;

  @Field(() => ID, { nullable: true, description: 'A post of that partner that sparked it.' })
  @IsOptional()
  @IsId('a post id')
  postId?: string | null;
}

/** Input of `createPost`. */
@InputType({ description: 'An offer or need for the board of a Kooperationsbörse.' })
export class CreatePostInput {
  @Field(() => PostKind)
  @IsEnum(PostKind, expected('OFFER or NEED'))
  kind!: PostKind;

  @Field(() => String, { description: `1-${MAX_POST_TEXT} characters, not only blanks.` })
  @Length(1, MAX_POST_TEXT, expected(`a text of 1-${MAX_POST_TEXT} characters`))
  @Matches(/\S/, expected('a text that is not only blanks'))
  text!: string;

  @Field(() => [String], { defaultValue: [], description: 'Keys of dimensions it is about.' })
  @keyList('dimension keys', 0)
  dimensionKeys!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Keys of topics it is about.' })
  @keyList('topic keys', 0)
  topicKeys!: string[];
}

/** Input of `proposeCooperation`: a DIVERSITY_COOPERATION draft of the two matched partners. */
@InputType({ description: 'A draft Vielfaltskooperation of two matched partners.' })
export class ProposeCooperationInput {
  @Field(() => String)
  @Length(3, 200, expected('a title of 3-200 characters'))
  title!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Dimensions it addresses; default: all the two partners cover together.',
  })
  @IsOptional()
  @keyList('dimension keys', 1)
  dimensionKeys?: string[] | null;

  @Field(() => LocalDate, { nullable: true, description: 'Planned start; default: today.' })
  @IsOptional()
  startedOn?: string | null;
}

/** Arguments of `planMeetingRounds`. */
@ArgsType()
export class PlanMeetingRoundsArgs {
  @Field(() => ID)
  @IsId('an exchange id')
  exchangeId!: string;

  @Field(() => Int, { description: `${PLAN_LIMITS.minRounds}-${PLAN_LIMITS.maxRounds}.` })
  @IsInt(expected('an integer number of rounds'))
  @Min(PLAN_LIMITS.minRounds, expected(`at least ${PLAN_LIMITS.minRounds} round`))
  @Max(PLAN_LIMITS.maxRounds, expected(`at most ${PLAN_LIMITS.maxRounds} rounds`))
  rounds!: number;

  @Field(() => Int, {
    description: `Most partners per table: ${PLAN_LIMITS.minTableSize}-${PLAN_LIMITS.maxTableSize}.`,
  })
  @IsInt(expected('an integer table size'))
  @Min(PLAN_LIMITS.minTableSize, expected(`a table size of at least ${PLAN_LIMITS.minTableSize}`))
  @Max(PLAN_LIMITS.maxTableSize, expected(`a table size of at most ${PLAN_LIMITS.maxTableSize}`))
  tableSize!: number;
}
