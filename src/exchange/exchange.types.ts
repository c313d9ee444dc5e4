import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Dimension } from '../dimensions/dimension.types';
import { AllianceEvent } from '../events/event.types';
import { Topic } from '../topics/topic.types';

/** Lifecycle of an exchange: DRAFT → OPEN → CLOSED. */
export enum ExchangeStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(ExchangeStatus, {
  name: 'ExchangeStatus',
  description: 'DRAFT (prepared) → OPEN (partners check in and act) → CLOSED.',
});

/** What a post says: the partner offers something or needs something. */
export enum PostKind {
  OFFER = 'OFFER',
  NEED = 'NEED',
}
registerEnumType(PostKind, { name: 'PostKind', description: 'Angebot (OFFER) or Bedarf (NEED).' });

/** Whether a post is still on the board. */
export enum PostStatus {
  ACTIVE = 'ACTIVE',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PostStatus, { name: 'PostStatus' });

/** Which of a partner's interests `myInterests` lists. */
export enum ExchangeInterestDirection {
  /** Those the partner expressed. */
  SENT = 'SENT',
  /** Those expressed in the partner. */
  RECEIVED = 'RECEIVED',
}
registerEnumType(ExchangeInterestDirection, {
  name: 'ExchangeInterestDirection',
  description: 'SENT (the partner is interested) or RECEIVED (others are interested in it).',
});

/** An offer or need a partner posted in an exchange. */
@ObjectType({ description: 'An offer or need (Angebot/Bedarf) posted in a Kooperationsbörse.' })
export class Post {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  exchangeId!: string;

  /** The author's id (the `partner` field resolves it). */
  partnerId!: string;

  @Field(() => PostKind)
  kind!: PostKind;

  @Field(() => String)
  text!: string;

  @Field(() => PostStatus)
  status!: PostStatus;

  @Field(() => [Dimension], { description: 'Dimensions the post is about.' })
  dimensions!: Dimension[];

  @Field(() => [Topic], { description: 'Fields of action the post is about.' })
  topics!: Topic[];

  @Field(() => String, { description: 'ISO date-time.' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'ISO date-time; null while ACTIVE.' })
  withdrawnAt!: string | null;
}

/** A Kooperationsbörse session at an alliance meeting. */
@ObjectType({ description: 'A cooperation exchange (Kooperationsbörse) at an alliance meeting.' })
export class Exchange {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => ExchangeStatus)
  status!: ExchangeStatus;

  @Field(() => AllianceEvent, {
    nullable: true,
    description: 'The alliance meeting it belongs to.',
  })
  event!: AllianceEvent | null;

  @Field(() => String, { description: 'ISO date-time.' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'ISO date-time; null while DRAFT.' })
  openedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date-time; null until CLOSED.' })
  closedAt!: string | null;

  /** Ids of the partners checked in now (the `present` field resolves them). */
  presentIds!: string[];

  @Field(() => [Post], { description: 'Active posts, oldest first.' })
  posts!: Post[];

  @Field(() => Int, { description: 'Partners checked in now.' })
  presentCount!: number;

  @Field(() => Int, { description: 'Active posts.' })
  postCount!: number;

  @Field(() => Int, { description: 'Mutual matches so far (who matched is private).' })
  matchCount!: number;
}

/** Two partners of an exchange interested in each other. */
@ObjectType({ description: 'A mutual interest of two partners in an exchange (Match).' })
export class ExchangeMatch {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  exchangeId!: string;

  @Field(() => [ID], { description: 'Both partners: who was interested first, then the other.' })
  partnerIds!: string[];

  @Field(() => String, { description: 'ISO date-time.' })
  createdAt!: string;

  @Field(() => ID, { nullable: true, description: 'The cooperation proposed from this match.' })
  cooperationId!: string | null;
}

/** A partner's interest in another partner present in an exchange. */
@ObjectType({ description: 'Interest of a partner in another partner (Interesse).' })
export class ExchangeInterest {
  @Field(() => ID)
  exchangeId!: string;

  @Field(() => ID)
  partnerId!: string;

  @Field(() => ID)
  targetPartnerId!: string;

  @Field(() => ID, { nullable: true, description: 'The post that sparked it, if any.' })
  postId!: string | null;

  @Field(() => String, { description: 'ISO date-time.' })
  createdAt!: string;

  @Field(() => ExchangeMatch, { nullable: true, description: 'Set when the interest is mutual.' })
  match!: ExchangeMatch | null;
}

/** One table of one round. */
@ObjectType({ description: 'One table of a round (Tisch).' })
export class MeetingTable {
  @Field(() => Int, { description: '1, 2, …' })
  number!: number;

  @Field(() => [ID])
  partnerIds!: string[];
}

/** One round of a meeting plan. */
@ObjectType({ description: 'One round of table talks (Gesprächsrunde).' })
export class MeetingRound {
  @Field(() => Int, { description: '1, 2, …' })
  number!: number;

  @Field(() => [MeetingTable])
  tables!: MeetingTable[];
}

/** How many seated pairs of each kind a plan reached. */
@ObjectType({ description: 'Pairs seated together, each counted in its best kind.' })
export class MeetingPlanBreakdown {
  @Field(() => Int, { description: 'Pairs interested in each other (matches).' })
  mutualMatches!: number;

  @Field(() => Int, { description: 'Pairs where one wished to meet the other.' })
  wishes!: number;

  @Field(() => Int, { description: 'Other pairs the matching suggests.' })
  suggestions!: number;
}

/** The published round-by-round table plan of an exchange. */
@ObjectType({ description: 'The published table plan of a Kooperationsbörse (Tischplan).' })
export class MeetingPlan {
  @Field(() => ID)
  exchangeId!: string;

  @Field(() => String, { description: 'ISO date-time of publication.' })
  publishedAt!: string;

  @Field(() => Int, { description: 'Rounds asked for; `rounds` may hold fewer.' })
  requestedRounds!: number;

  @Field(() => Int)
  tableSize!: number;

  @Field(() => [MeetingRound], {
    description: 'Fewer than asked when every further round would seat a pair a second time.',
  })
  rounds!: MeetingRound[];

  @Field(() => Float, { description: 'Sum of the weights of all pairs seated together.' })
  score!: number;

  @Field(() => MeetingPlanBreakdown)
  breakdown!: MeetingPlanBreakdown;
}
