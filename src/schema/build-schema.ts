import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType, type PubSub } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import {
  GraphAnalyticsResolver,
  GraphPartnerResolver,
} from '../analytics/graph-analytics.resolver';
import { AnalyticsResolver, InactivePartnerResolver } from '../analytics/analytics.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import { validateInput } from '../common/validation';
import { CooperationMutationResolver } from '../cooperations/cooperation.mutations';
import { PartnerMutationResolver } from '../partners/partner.mutations';
import { CooperationResolver } from '../cooperations/cooperation.resolver';
import { DimensionResolver } from '../dimensions/dimension.resolver';
import { DistrictResolver } from '../districts/district.resolver';
import { EventResolver } from '../events/event.resolver';
import {
  ConsortiumResolver,
  PartnerSuggestionsResolver,
  SuggestionReasonResolver,
  SuggestionResolver,
} from '../matching/matching.resolver';
import { ExchangeMutationResolver } from '../exchange/exchange.mutations';
import {
  ExchangeMatchResolver,
  ExchangeResolver,
  MeetingTableResolver,
  PostResolver,
} from '../exchange/exchange.resolver';
import { ExchangeSubscriptionResolver } from '../exchange/exchange.subscriptions';
import { NetworkResolver } from '../network/network.resolver';
import { PartnerResolver } from '../partners/partner.resolver';
import type { Services } from '../services';
import { TopicResolver } from '../topics/topic.resolver';

/** Every resolver class of the API; a slice adds its resolver here. */
const RESOLVERS = [
  DimensionResolver,
  TopicResolver,
  DistrictResolver,
  PartnerResolver,
  CooperationResolver,
  EventResolver,
  AuditResolver,
  PartnerMutationResolver,
  CooperationMutationResolver,
  SuggestionResolver,
  SuggestionReasonResolver,
  PartnerSuggestionsResolver,
  ConsortiumResolver,
  NetworkResolver,
  GraphAnalyticsResolver,
  GraphPartnerResolver,
  AnalyticsResolver,
  InactivePartnerResolver,
  ExchangeSubscriptionResolver,
  ExchangeResolver,
  PostResolver,
  ExchangeMatchResolver,
  MeetingTableResolver,
  ExchangeMutationResolver,
] as const;

/**
 * A container that hands type-graphql the resolver instances, each built once with the services it
 * needs (constructor injection without a DI framework).
 */
function resolverContainer(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>([
    [DimensionResolver, new DimensionResolver(services.dimensions)],
    [TopicResolver, new TopicResolver(services.topics)],
    [DistrictResolver, new DistrictResolver(services.districts)],
    [PartnerResolver, new PartnerResolver(services.partners)],
    [CooperationResolver, new CooperationResolver(services.cooperations)],
    [EventResolver, new EventResolver(services.events)],
    [AuditResolver, new AuditResolver(services.audit)],
    [PartnerMutationResolver, new PartnerMutationResolver(services.partnerWrites)],
    [CooperationMutationResolver, new CooperationMutationResolver(services.cooperationWrites)],
    [SuggestionResolver, new SuggestionResolver(services.matching)],
    [NetworkResolver, new NetworkResolver(services.network)],
    [GraphAnalyticsResolver, new GraphAnalyticsResolver(services.graphAnalytics)],
    [AnalyticsResolver, new AnalyticsResolver(services.analytics)],
    [InactivePartnerResolver, new InactivePartnerResolver()],
    [GraphPartnerResolver, new GraphPartnerResolver()],
    [SuggestionReasonResolver, new SuggestionReasonResolver()],
    [PartnerSuggestionsResolver, new PartnerSuggestionsResolver()],
    [ConsortiumResolver, new ConsortiumResolver(services.matching)],
    [ExchangeSubscriptionResolver, new ExchangeSubscriptionResolver()],
    [ExchangeResolver, new ExchangeResolver(services.exchanges, services.meetingPlans)],
    [PostResolver, new PostResolver()],
    [ExchangeMatchResolver, new ExchangeMatchResolver()],
    [MeetingTableResolver, new MeetingTableResolver()],
    [
      ExchangeMutationResolver,
      new ExchangeMutationResolver(
        services.exchanges,
        services.exchangeParticipation,
        services.exchangeInterests,
        services.meetingPlans,
      ),
    ],
  ]);
  return {
    get(resolverClass) {
      const instance = instances.get(resolverClass);
      if (instance === undefined) throw new Error(`no instance for ${String(resolverClass)}`);
      return instance;
    },
  };
}

/**
 * type-graphql insists on a PubSub once a schema has subscriptions, even when each subscription
 * brings its own `subscribe` (ours read the exchange event streams). This one refuses topic
 * subscriptions, so a resolver using `topics` fails loudly instead of never receiving anything.
 */
const NO_TOPIC_PUBSUB: PubSub = {
  publish: () => {
    throw new Error(
      'topic subscriptions are not used: publish exchange events on the exchange bus',
    );
  },
  subscribe: () => {
    throw new Error('topic subscriptions are not used: give @Subscription a subscribe function');
  },
};

/**
 * Builds the executable schema.
 *
 * @param services - the services resolvers call; omit to build a schema only for printing SDL
 */
export function buildAppSchema(services?: Services): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    container: services ? resolverContainer(services) : undefined,
    validateFn: validateInput,
    authChecker,
    pubSub: NO_TOPIC_PUBSUB,
  });
}
