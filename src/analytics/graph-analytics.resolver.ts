import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../auth/auth.types';
import { ConnectionArgs, type Page } from '../common/pagination';
import type { PerRequest, RequestContext } from '../context';
import type { PartnerLoaders } from '../partners/partner.loaders';
import { Partner } from '../partners/partner.types';
import { GRAPH_ANALYTICS_LIMITS, type GraphAnalyticsService } from './graph-analytics.service';
import {
  BridgeOpportunity,
  Broker,
  CommunityOverview,
  DimensionPairGap,
  GraphPartner,
  IsolatedPartnerConnection,
} from './graph-analytics.types';

const { maxGaps, maxBrokers, maxBridges, maxCommunities, bridgeMinSize } = GRAPH_ANALYTICS_LIMITS;

/**
 * The coordinators' graph analytics ("where is the network thin?"); thin: arguments → service.
 * Coordinator only: the answers name partners who never took part and whom to approach.
 */
@Resolver()
export class GraphAnalyticsResolver {
  constructor(private readonly analytics: GraphAnalyticsService) {}

  @Authorized(Role.COORDINATOR)
  @Query(() => [DimensionPairGap], {
    description:
      'Dimension pairs the members rarely or never combine in cooperations, rarest first (ties by keys), each with partner pairs from the matching that would combine them (coordinators).',
  })
  dimensionPairGaps(
    @Arg('first', () => Int, { defaultValue: 10, description: `1–${maxGaps}.` }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<DimensionPairGap[]> {
    return this.analytics.dimensionPairGaps(first, ctx);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => IsolatedPartnerConnection, {
    description:
      'Member partners (ACTIVE, PAUSED) without any edge in network(mode: PARTNERS), i.e. no cooperation with another member, by name (coordinators).',
  })
  isolatedPartners(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<GraphPartner>> {
    return this.analytics.isolatedPartners(args, ctx);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => CommunityOverview, {
    description:
      'The Louvain communities of network(mode: PARTNERS) with dominant dimensions, sectors and sample members (coordinators).',
  })
  communities(
    @Arg('first', () => Int, { defaultValue: 20, description: `1–${maxCommunities}.` })
    first: number,
    @Arg('minSize', () => Int, {
      defaultValue: 2,
      description: 'Leave out smaller communities (1 lists the singletons too).',
    })
    minSize: number,
    @Ctx() ctx: RequestContext,
  ): Promise<CommunityOverview> {
    return this.analytics.communities(first, minSize, ctx);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => [Broker], {
    description:
      'The partners of highest betweenness in network(mode: PARTNERS) (ties by weighted degree, then id), with the communities they touch (coordinators).',
  })
  brokers(
    @Arg('first', () => Int, { defaultValue: 10, description: `1–${maxBrokers}.` }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Broker[]> {
    return this.analytics.brokers(first, ctx);
  }

  @Authorized(Role.COORDINATOR)
  @Query(() => [BridgeOpportunity], {
    description:
      'Community pairs with the fewest ties relative to their sizes (ties / (size × size)), each with partner pairs from the matching that would connect them (coordinators).',
  })
  bridgeOpportunities(
    @Arg('first', () => Int, { defaultValue: 10, description: `1–${maxBridges}.` }) first: number,
    @Arg('minSize', () => Int, {
      defaultValue: bridgeMinSize,
      description: 'Only communities of at least this many members.',
    })
    minSize: number,
    @Ctx() ctx: RequestContext,
  ): Promise<BridgeOpportunity[]> {
    return this.analytics.bridgeOpportunities(first, minSize, ctx);
  }
}

/** `GraphPartner.partner`: the whole partner, batched through the request's loader. */
@Resolver(() => GraphPartner)
export class GraphPartnerResolver {
  constructor(private readonly loaders: PerRequest<Pick<PartnerLoaders, 'partner'>>) {}

  @FieldResolver(() => Partner, {
    nullable: true,
    description: 'The partner itself (status, contact for coordinators, ...).',
  })
  partner(@Root() node: GraphPartner, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    return this.loaders(ctx).partner.load(node.id);
  }
}
