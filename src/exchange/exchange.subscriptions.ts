import { Arg, Ctx, Field, ID, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../context';
import { PartnerSuggestion } from '../matching/matching.types';
import {
  type ActivityDetails,
  ExchangeActivityDetails,
  ExchangeActivityType,
} from './exchange-activity.types';
import { toActivityDetails } from './exchange-activity.details';
import type { ExchangeEvent } from './exchange-events';
import { activityCursor, type ExchangeStreamService } from './exchange-stream.service';

/** One event of an exchange's live stream, as subscribers get it. */
@ObjectType({ description: 'Something that happened in a Kooperationsbörse, in stream order.' })
export class ExchangeActivity {
  @Field(() => String, { description: 'Resume after this event with `exchangeActivity(after:)`.' })
  cursor!: string;

  @Field(() => Int, { description: 'Position in the exchange stream: 1, 2, 3, … without gaps.' })
  sequence!: number;

  @Field(() => ExchangeActivityType)
  type!: ExchangeActivityType;

  @Field(() => String, { description: 'When it was committed (ISO date-time).' })
  at!: string;

  @Field(() => ID, { nullable: true, description: 'The partner who acted; null for coordinators.' })
  actorId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The partner the event is about.' })
  partnerId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The other partner (interests, matches).' })
  targetPartnerId!: string | null;

  @Field(() => ID, { nullable: true })
  postId!: string | null;

  @Field(() => ID, { nullable: true })
  matchId!: string | null;

  @Field(() => ID, { nullable: true })
  cooperationId!: string | null;

  @Field(() => ExchangeActivityDetails, {
    description:
      'What the event is about, typed by `type`: select with inline fragments; partners, posts, matches and cooperations resolve in one batch per kind.',
  })
  details!: ActivityDetails;

  @Field(() => String, {
    description: 'All details of the event as a JSON object.',
    deprecationReason:
      'Use `details` (a typed union, one member per `type`). `data` stays for one release and is then removed.',
  })
  data!: string;
}

const idOf = (payload: Record<string, unknown>, key: string): string | null =>
  typeof payload[key] === 'string' ? payload[key] : null;

/** Maps a stored event to its GraphQL shape. */
export function toActivity(event: ExchangeEvent): ExchangeActivity {
  const { payload } = event;
  return {
    cursor: activityCursor(event),
    sequence: event.sequence,
    type: event.type as ExchangeActivityType,
    at: event.at,
    actorId: event.actorId,
    partnerId: idOf(payload, 'partnerId'),
    targetPartnerId: idOf(payload, 'targetPartnerId'),
    postId: idOf(payload, 'postId'),
    matchId: idOf(payload, 'matchId'),
    cooperationId: idOf(payload, 'cooperationId'),
    details: toActivityDetails(event),
    data: JSON.stringify(payload),
  };
}

interface ActivityArgs {
  exchangeId: string;
  after?: string | null;
}

interface SuggestionArgs {
  exchangeId: string;
  first: number;
}

/**
 * The live streams of a Kooperationsbörse over graphql-ws; thin: arguments → stream service.
 *
 * A factory, not a plain class: type-graphql calls a subscription's `subscribe` without the
 * resolver instance, so the stream service reaches it through this closure (the schema is built
 * from the returned instance's class only, so each app gets its own).
 */
export function exchangeSubscriptionResolver(streams: ExchangeStreamService): object {
  @Resolver()
  class ExchangeSubscriptionResolver {
    @Subscription(() => ExchangeActivity, {
      description:
        'The activity of an exchange: what was missed after `after` (a cursor), then live, in order, each event once. Coordinators see everything; partners checked in see public events and those addressed to them. Completes when the exchange closes or the partner checks out.',
      subscribe: ({ args, context }) => {
        const { exchangeId, after } = args as ActivityArgs;
        return streams.activity(exchangeId, after, (context as RequestContext).user);
      },
    })
    exchangeActivity(
      @Root() event: ExchangeEvent,
      @Arg('exchangeId', () => ID) _exchangeId: string,
      @Arg('after', () => String, { nullable: true }) _after: string | null,
    ): ExchangeActivity {
      return toActivity(event);
    }

    @Subscription(() => [PartnerSuggestion], {
      description:
        'The partner’s suggestions among the partners present now; a new list whenever check-ins change it. For partners checked in to the exchange.',
      subscribe: ({ args, context }) => {
        const { exchangeId, first } = args as SuggestionArgs;
        const { user, language } = context as RequestContext;
        return streams.mySuggestions(exchangeId, first, user, language);
      },
    })
    mySuggestions(
      @Root() suggestions: PartnerSuggestion[],
      @Arg('exchangeId', () => ID) _exchangeId: string,
      @Arg('first', () => Int, { defaultValue: 5, description: '1–50.' }) _first: number,
      @Ctx() _ctx: RequestContext,
    ): PartnerSuggestion[] {
      return suggestions;
    }
  }
  return new ExchangeSubscriptionResolver();
}
