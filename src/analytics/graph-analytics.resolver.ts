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
import { LocalDate } from '../common/scalars';
import { CooperationKind } from '../cooperations/cooperation.types';
import { ConnectionArgs, type Page } from '../common/pagination';
import type { PerRequest, RequestContext } from '../context';
import type { OutreachLoaders } from '../outreach/outreach.loaders';
import { Outreach } from '../outreach/outreach.types';
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
      'Dimension pairs rarely or never addressed together, rarest first (ties by keys): the cooperations of the given kinds (default: Vielfaltskooperationen and network projects; action-day events left out) started in the window that address both dimensions, each pair with partner pairs from the matching (ACTIVE, hard rules kept) that would combine them. `below: 2` answers "which pairs have fewer than 2 Vielfaltskooperationen, and whom could we ask?" (coordinators).',
  })
  dimensionPairGaps(
    @Arg('first', () => Int, { defaultValue: 10, description: `1–${maxGaps}.` }) first: number,
    @Arg('kinds', () => [CooperationKind], {
      nullable: true,
      description:
        'Cooperation kinds to count; omitted or empty: DIVERSITY_COOPERATION and NETWORK_PROJECT.',
    })
    kinds: CooperationKind[] | null,
    @Arg('from', () => LocalDate, {
      nullable: true,
      description: 'Only cooperations started on or after this day.',
    })
    from: string | null,
    @Arg('to', () => LocalDate, {
      nullable: true,
      description: 'Only cooperations started on or before this day.',
    })
    to: string | null,
    @Arg('below', () => Int, {
      nullable: true,
      description: 'Only pairs with fewer cooperations than this (omitted: every pair).',
    })
    below: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DimensionPairGap[]> {
    return this.analytics.dimensionPairGaps(
      { first, kinds, from: from ?? null, to: to ?? null, below: below ?? null },
      ctx,
    );
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
  constructor(
    private readonly loaders: PerRequest<Pick<PartnerLoaders, 'partner'>>,
    private readonly outreachLoaders: PerRequest<OutreachLoaders>,
  ) {}

  @FieldResolver(() => Outreach, {
    nullable: true,
    description:
      'The latest outreach recorded for this partner (recordOutreach), batched over the answer: whom somebody already asked.',
  })
  latestOutreach(@Root() node: GraphPartner, @Ctx() ctx: RequestContext): Promise<Outreach | null> {
    return this.outreachLoaders(ctx).latestOutreach.load(node.id);
  }

  @FieldResolver(() => Partner, {
    nullable: true,
    description: 'The partner itself (status, contact for coordinators, ...).',
  })
  partner(@Root() node: GraphPartner, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    return this.loaders(ctx).partner.load(node.id);
  }
}
