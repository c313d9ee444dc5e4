import { createUnionType, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ExchangeEventType } from './exchange-events';
import { ExchangeStatus, PostKind } from './exchange.types';

/** What happened in a Kooperationsbörse: the GraphQL face of {@link ExchangeEventType}. */
export enum ExchangeActivityType {
  EXCHANGE_OPENED = 'EXCHANGE_OPENED',
  EXCHANGE_CLOSED = 'EXCHANGE_CLOSED',
  CHECKED_IN = 'CHECKED_IN',
  CHECKED_OUT = 'CHECKED_OUT',
  POST_CREATED = 'POST_CREATED',
  POST_WITHDRAWN = 'POST_WITHDRAWN',
  INTEREST_EXPRESSED = 'INTEREST_EXPRESSED',
  MATCH = 'MATCH',
  COOPERATION_PROPOSED = 'COOPERATION_PROPOSED',
  MEETING_PLAN_PUBLISHED = 'MEETING_PLAN_PUBLISHED',
}
registerEnumType(ExchangeActivityType, {
  name: 'ExchangeActivityType',
  description: 'What happened in a Kooperationsbörse; `details` has one type per value.',
});

/** Fails to compile when a stored event type has no enum value, or an enum value no event type. */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const everyTypeCovered: SameSet<`${ExchangeActivityType}`, ExchangeEventType> = true;
void everyTypeCovered;

/** Details of EXCHANGE_OPENED. */
@ObjectType({ description: 'The exchange opened: partners may check in.' })
export class ExchangeOpened {
  @Field(() => ExchangeStatus, { description: 'The status it changed to.' })
  status!: ExchangeStatus;

  @Field(() => ID, { nullable: true, description: 'The alliance meeting of the exchange, if any.' })
  eventId!: string | null;
}

/** Details of EXCHANGE_CLOSED. */
@ObjectType({ description: 'The exchange closed: the stream ends here.' })
export class ExchangeClosed {
  @Field(() => ExchangeStatus, { description: 'The status it changed to.' })
  status!: ExchangeStatus;

  @Field(() => ID, { nullable: true, description: 'The alliance meeting of the exchange, if any.' })
  eventId!: string | null;
}

/** Details of CHECKED_IN (the `partner` field resolves the partner). */
@ObjectType({ description: 'A partner checked in (and so attended the alliance meeting).' })
export class ExchangeCheckedIn {
  @Field(() => ID)
  partnerId!: string;
}

/** Details of CHECKED_OUT (the `partner` field resolves the partner). */
@ObjectType({ description: 'A partner checked out, left the alliance or was erased.' })
export class ExchangeCheckedOut {
  @Field(() => ID)
  partnerId!: string;
}

/** What the details of a post's events share (the `post` and `partner` fields resolve them). */
@ObjectType()
abstract class ExchangePostEvent {
  @Field(() => ID)
  postId!: string;

  @Field(() => ID, { description: 'The author.' })
  partnerId!: string;

  @Field(() => PostKind)
  kind!: PostKind;
}

/** Details of POST_CREATED. */
@ObjectType({ description: 'A partner posted an offer or need.' })
export class ExchangePostCreated extends ExchangePostEvent {}

/** Details of POST_WITHDRAWN. */
@ObjectType({ description: 'A post was withdrawn (by its author, a coordinator, or on erasure).' })
export class ExchangePostWithdrawn extends ExchangePostEvent {}

/** Details of INTEREST_EXPRESSED (seen by its target and coordinators only). */
@ObjectType({ description: 'A partner wants to meet the target (seen by the target only).' })
export class ExchangeInterestExpressed {
  @Field(() => ID, { description: 'Who is interested.' })
  partnerId!: string;

  @Field(() => ID, { description: 'In whom.' })
  targetPartnerId!: string;

  @Field(() => ID, { nullable: true, description: 'The post of the target that sparked it.' })
  postId!: string | null;
}

/** Details of MATCH (seen by both partners and coordinators only). */
@ObjectType({ description: 'Two partners are interested in each other (seen by both only).' })
export class ExchangeMatchCreated {
  @Field(() => ID)
  matchId!: string;

  @Field(() => [ID], { description: 'Who was interested first, then who completed the match.' })
  partnerIds!: string[];
}

/** Details of COOPERATION_PROPOSED (seen by both partners and coordinators only). */
@ObjectType({ description: 'A cooperation was proposed from a match (seen by both only).' })
export class ExchangeCooperationProposed {
  @Field(() => ID)
  matchId!: string;

  @Field(() => ID)
  cooperationId!: string;

  @Field(() => ID, { description: 'The proposing (lead) partner.' })
  partnerId!: string;

  @Field(() => ID, { description: 'The other partner of the match.' })
  targetPartnerId!: string;
}

/** Details of MEETING_PLAN_PUBLISHED (the plan itself: query `meetingPlan`). */
@ObjectType({ description: 'A table plan was published; query `meetingPlan` for it.' })
export class ExchangeMeetingPlanPublished {
  @Field(() => Int, { description: 'Rounds planned.' })
  rounds!: number;

  @Field(() => Int)
  tableSize!: number;

  @Field(() => Float)
  score!: number;

  @Field(() => Int, { description: 'Partners present when it was planned.' })
  partnerCount!: number;
}

/** The classes of {@link ExchangeActivityDetails}, one per event type. */
export const DETAILS_TYPES = {
  EXCHANGE_OPENED: ExchangeOpened,
  EXCHANGE_CLOSED: ExchangeClosed,
  CHECKED_IN: ExchangeCheckedIn,
  CHECKED_OUT: ExchangeCheckedOut,
  POST_CREATED: ExchangePostCreated,
  POST_WITHDRAWN: ExchangePostWithdrawn,
  INTEREST_EXPRESSED: ExchangeInterestExpressed,
  MATCH: ExchangeMatchCreated,
  COOPERATION_PROPOSED: ExchangeCooperationProposed,
  MEETING_PLAN_PUBLISHED: ExchangeMeetingPlanPublished,
} as const satisfies Record<ExchangeActivityType, new () => object>;

/** The details of one activity, tagged with its type so the union can name its member. */
export type ActivityDetails = {
  [K in keyof typeof DETAILS_TYPES]: InstanceType<(typeof DETAILS_TYPES)[K]> & { type: K };
}[keyof typeof DETAILS_TYPES];

/** The typed details of an activity: one member per {@link ExchangeActivityType}. */
export const ExchangeActivityDetails = createUnionType({
  name: 'ExchangeActivityDetails',
  description:
    'What an activity is about, one type per `ExchangeActivityType`; select with inline fragments (`... on ExchangePostCreated { post { text } }`).',
  types: () => Object.values(DETAILS_TYPES),
  resolveType: (details) => DETAILS_TYPES[(details as ActivityDetails).type].name,
});
