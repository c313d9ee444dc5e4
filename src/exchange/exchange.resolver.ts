import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { PerRequest, RequestContext } from '../context';
import type { CooperationLoaders } from '../cooperations/cooperation.loaders';
import type { PartnerLoaders } from '../partners/partner.loaders';
import { Cooperation } from '../cooperations/cooperation.types';
import { Partner } from '../partners/partner.types';
import type { ExchangeService } from './exchange.service';
import {
  Exchange,
  ExchangeMatch,
  ExchangeStatus,
  MeetingPlan,
  MeetingTable,
  Post,
} from './exchange.types';
import type { MeetingPlanService } from './meeting-plan.service';

/** The loaders the exchange's nested fields read through (of the partner and cooperation slices). */
export type ExchangeLoaders = PerRequest<
  Pick<PartnerLoaders, 'partner'> & Pick<CooperationLoaders, 'cooperation'>
>;

/** Partners by id through the request's loader, in order; unknown ids are left out. */
async function loadPartners(
  loaders: PartnerLoaders['partner'],
  ids: readonly string[],
): Promise<Partner[]> {
  const partners = await loaders.loadMany(ids);
  return partners.filter((p): p is Partner => p !== null && !(p instanceof Error));
}

/** Queries of exchanges (Kooperationsbörse) and their nested fields; thin: arguments → service. */
@Resolver(() => Exchange)
export class ExchangeResolver {
  constructor(
    private readonly exchangeService: ExchangeService,
    private readonly meetingPlans: MeetingPlanService,
    private readonly loaders: ExchangeLoaders,
  ) {}

  @Query(() => Exchange, { nullable: true, description: 'One Kooperationsbörse; null if unknown.' })
  exchange(@Arg('id', () => ID) id: string): Promise<Exchange | null> {
    return this.exchangeService.get(id);
  }

  @Query(() => [Exchange], { description: 'Kooperationsbörsen, newest first.' })
  exchanges(
    @Arg('status', () => ExchangeStatus, { nullable: true }) status: ExchangeStatus | null,
    @Arg('first', () => Int, { defaultValue: 20, description: '1–100.' }) first: number,
  ): Promise<Exchange[]> {
    return this.exchangeService.list(status ?? null, first);
  }

  @Query(() => MeetingPlan, {
    nullable: true,
    description: 'The published table plan of an exchange; null before one is published.',
  })
  meetingPlan(@Arg('exchangeId', () => ID) exchangeId: string): Promise<MeetingPlan | null> {
    return this.meetingPlans.meetingPlan(exchangeId);
  }

  @FieldResolver(() => [Partner], { description: 'Partners checked in now.' })
  present(@Root() exchange: Exchange, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    return loadPartners(this.loaders(ctx).partner, exchange.presentIds);
  }
}

/** Nested fields of posts. */
@Resolver(() => Post)
export class PostResolver {
  constructor(private readonly loaders: ExchangeLoaders) {}

  @FieldResolver(() => Partner, { description: 'Who posted it.' })
  async partner(@Root() post: Post, @Ctx() ctx: RequestContext): Promise<Partner> {
    const partner = await this.loaders(ctx).partner.load(post.partnerId);
    if (!partner) throw new Error(`post ${post.id} has no partner ${post.partnerId}`);
    return partner;
  }
}

/** Nested fields of matches. */
@Resolver(() => ExchangeMatch)
export class ExchangeMatchResolver {
  constructor(private readonly loaders: ExchangeLoaders) {}

  @FieldResolver(() => [Partner])
  partners(@Root() match: ExchangeMatch, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    return loadPartners(this.loaders(ctx).partner, match.partnerIds);
  }

  @FieldResolver(() => Cooperation, { nullable: true })
  cooperation(@Root() match: ExchangeMatch, @Ctx() ctx: RequestContext) {
    return match.cooperationId ? this.loaders(ctx).cooperation.load(match.cooperationId) : null;
  }
}

/** Nested fields of a meeting plan's tables. */
@Resolver(() => MeetingTable)
export class MeetingTableResolver {
  constructor(private readonly loaders: ExchangeLoaders) {}

  @FieldResolver(() => [Partner], { description: 'Who sits at the table.' })
  partners(@Root() table: MeetingTable, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    return loadPartners(this.loaders(ctx).partner, table.partnerIds);
  }
}
