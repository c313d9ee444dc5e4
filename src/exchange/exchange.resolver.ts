import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
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

/** Partners by id through the request's loader, in order; unknown ids are left out. */
async function loadPartners(ctx: RequestContext, ids: readonly string[]): Promise<Partner[]> {
  const partners = await ctx.loaders.partner.loadMany(ids);
  return partners.filter((p): p is Partner => p !== null && !(p instanceof Error));
}

/** Queries of exchanges (Kooperationsbörse) and their nested fields; thin: arguments → service. */
@Resolver(() => Exchange)
export class ExchangeResolver {
  constructor(
    private readonly exchangeService: ExchangeService,
    private readonly meetingPlans: MeetingPlanService,
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
    return loadPartners(ctx, exchange.presentIds);
  }
}

/** Nested fields of posts. */
@Resolver(() => Post)
export class PostResolver {
  @FieldResolver(() => Partner, { description: 'Who posted it.' })
  async partner(@Root() post: Post, @Ctx() ctx: RequestContext): Promise<Partner> {
    const partner = await ctx.loaders.partner.load(post.partnerId);
    if (!partner) throw new Error(`post ${post.id} has no partner ${post.partnerId}`);
    return partner;
  }
}

/** Nested fields of matches. */
@Resolver(() => ExchangeMatch)
export class ExchangeMatchResolver {
  @FieldResolver(() => [Partner])
  partners(@Root() match: ExchangeMatch, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    return loadPartners(ctx, match.partnerIds);
  }

  @FieldResolver(() => Cooperation, { nullable: true })
  cooperation(@Root() match: ExchangeMatch, @Ctx() ctx: RequestContext) {
    return match.cooperationId ? ctx.loaders.cooperation.load(match.cooperationId) : null;
  }
}

/** Nested fields of a meeting plan's tables. */
@Resolver(() => MeetingTable)
export class MeetingTableResolver {
  @FieldResolver(() => [Partner], { description: 'Who sits at the table.' })
  partners(@Root() table: MeetingTable, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    return loadPartners(ctx, table.partnerIds);
  }
}
