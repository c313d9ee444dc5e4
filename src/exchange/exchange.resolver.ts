import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { PartnerLoaders } from '../partners/partner.loaders';
import { Cooperation } from '../cooperations/cooperation.types';
import { Partner } from '../partners/partner.types';
import type { ExchangeLoaders, ExchangeReadLoaders } from './exchange.loaders';
import type { ExchangeService } from './exchange.service';
import {
  Exchange,
  ExchangeInterest,
  ExchangeInterestDirection,
  ExchangeMatch,
  ExchangeStatus,
  MeetingPlan,
  MeetingTable,
  Post,
} from './exchange.types';
import type { MeetingPlanService } from './meeting-plan.service';
import type { MyExchangeService } from './my-exchange.service';

/** Partners by id through the request's loader, in order; unknown ids are left out. */
export async function loadPartners(
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
    private readonly mine: MyExchangeService,
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

  @Query(() => [ExchangeMatch], {
    description:
      'The caller’s matches in an exchange, oldest first, with the other partner, both interests (and their posts) and the cooperation if proposed. Coordinators get all matches of the exchange.',
  })
  myMatches(
    @Arg('exchangeId', () => ID) exchangeId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExchangeMatch[]> {
    return this.mine.myMatches(ctx.user, exchangeId);
  }

  @Query(() => [ExchangeInterest], {
    description:
      'The caller’s interests in an exchange, oldest first: those it expressed (SENT), those in it (RECEIVED), or both (null), each with its match if mutual. Coordinators get all interests of the exchange.',
  })
  myInterests(
    @Arg('exchangeId', () => ID) exchangeId: string,
    @Arg('direction', () => ExchangeInterestDirection, { nullable: true })
    direction: ExchangeInterestDirection | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ExchangeInterest[]> {
    return this.mine.myInterests(ctx.user, exchangeId, direction ?? null);
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
  constructor(private readonly loaders: ExchangeReadLoaders) {}

  @FieldResolver(() => [Partner])
  partners(@Root() match: ExchangeMatch, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    return loadPartners(this.loaders(ctx).partner, match.partnerIds);
  }

  @FieldResolver(() => Cooperation, { nullable: true })
  cooperation(@Root() match: ExchangeMatch, @Ctx() ctx: RequestContext) {
    return match.cooperationId ? this.loaders(ctx).cooperation.load(match.cooperationId) : null;
  }

  @FieldResolver(() => Partner, {
    nullable: true,
    description: 'The partner of the match that is not the caller; null for coordinators.',
  })
  async otherPartner(@Root() match: ExchangeMatch, @Ctx() ctx: RequestContext) {
    const own = ctx.user?.partnerId;
    const other = match.partnerIds.find((id) => id !== own);
    if (own === undefined || !match.partnerIds.includes(own) || other === undefined) return null;
    return this.loaders(ctx).partner.load(other);
  }

  @FieldResolver(() => [ExchangeInterest], {
    description: 'Both interests, the first-interested partner’s first, with the posts they name.',
  })
  interests(@Root() match: ExchangeMatch, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).matchInterests.load(match.id);
  }
}

/** Nested fields of interests. */
@Resolver(() => ExchangeInterest)
export class ExchangeInterestResolver {
  constructor(private readonly loaders: ExchangeReadLoaders) {}

  @FieldResolver(() => Partner, { nullable: true, description: 'Who is interested.' })
  partner(@Root() interest: ExchangeInterest, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partner.load(interest.partnerId);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'In whom.' })
  target(@Root() interest: ExchangeInterest, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partner.load(interest.targetPartnerId);
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The post that sparked it, if any.' })
  post(@Root() interest: ExchangeInterest, @Ctx() ctx: RequestContext) {
    return interest.postId ? this.loaders(ctx).post.load(interest.postId) : null;
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
