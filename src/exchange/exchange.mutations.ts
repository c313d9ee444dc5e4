import { Arg, Args, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/auth.types';
import type { RequestContext } from '../context';
import { Cooperation } from '../cooperations/cooperation.types';
import type { ExchangeInterestService } from './exchange-interest.service';
import type { ExchangeParticipationService } from './exchange-participation.service';
import {
  CreateExchangeInput,
  CreatePostInput,
  ExchangePartnerArgs,
  ExpressInterestArgs,
  PlanMeetingRoundsArgs,
  ProposeCooperationInput,
} from './exchange.inputs';
import type { ExchangeService } from './exchange.service';
import { Exchange, ExchangeInterest, MeetingPlan, Post } from './exchange.types';
import type { MeetingPlanService } from './meeting-plan.service';

/**
 * Mutations of a Kooperationsbörse; thin: arguments → service. Partners act for themselves,
 * coordinators for anyone; the services check which partner and which exchange state.
 */
@Resolver()
export class ExchangeMutationResolver {
  constructor(
    private readonly exchanges: ExchangeService,
    private readonly participation: ExchangeParticipationService,
    private readonly interests: ExchangeInterestService,
    private readonly meetingPlans: MeetingPlanService,
  ) {}

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Exchange, { description: 'Prepares a DRAFT Kooperationsbörse (coordinators).' })
  createExchange(
    @Arg('input', () => CreateExchangeInput) input: CreateExchangeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Exchange> {
    return this.exchanges.create(ctx.user, input);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Exchange, { description: 'DRAFT → OPEN (coordinators).' })
  openExchange(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Exchange> {
    return this.exchanges.open(ctx.user, id);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => Exchange, { description: 'OPEN → CLOSED (coordinators).' })
  closeExchange(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Exchange> {
    return this.exchanges.close(ctx.user, id);
  }

  @Authorized()
  @Mutation(() => Exchange, {
    description: 'Checks an ACTIVE partner in to an OPEN exchange; again changes nothing.',
  })
  checkIn(@Args(() => ExchangePartnerArgs) args: ExchangePartnerArgs, @Ctx() ctx: RequestContext) {
    return this.participation.checkIn(ctx.user, args);
  }

  @Authorized()
  @Mutation(() => Exchange, { description: 'Checks a partner out; when not checked in, no-op.' })
  checkOut(@Args(() => ExchangePartnerArgs) args: ExchangePartnerArgs, @Ctx() ctx: RequestContext) {
    return this.participation.checkOut(ctx.user, args);
  }

  @Authorized()
  @Mutation(() => Post, { description: 'Posts an offer or need (partners checked in).' })
  createPost(
    @Args(() => ExchangePartnerArgs) args: ExchangePartnerArgs,
    @Arg('input', () => CreatePostInput) input: CreatePostInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Post> {
    return this.participation.createPost(ctx.user, args, input);
  }

  @Authorized()
  @Mutation(() => Post, { description: 'Withdraws a post (its author or a coordinator).' })
  withdrawPost(@Arg('postId', () => ID) postId: string, @Ctx() ctx: RequestContext) {
    return this.participation.withdrawPost(ctx.user, postId);
  }

  @Authorized()
  @Mutation(() => ExchangeInterest, {
    description:
      'Wish to meet another partner checked in; seen only by that partner. Mutual interest is a match.',
  })
  expressInterest(
    @Args(() => ExpressInterestArgs) args: ExpressInterestArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<ExchangeInterest> {
    return this.interests.expressInterest(ctx.user, args);
  }

  @Authorized()
  @Mutation(() => Cooperation, {
    description:
      'Creates a DRAFT Vielfaltskooperation of a match’s two partners (either of them, or a coordinator).',
  })
  proposeCooperation(
    @Arg('matchId', () => ID) matchId: string,
    @Arg('input', () => ProposeCooperationInput) input: ProposeCooperationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Cooperation> {
    return this.interests.proposeCooperation(ctx.user, matchId, input);
  }

  @Authorized(Role.COORDINATOR)
  @Mutation(() => MeetingPlan, {
    description:
      'Plans and publishes table rounds for the partners checked in (coordinators): matches, wishes and suggestions together, no pair twice.',
  })
  planMeetingRounds(
    @Args(() => PlanMeetingRoundsArgs) args: PlanMeetingRoundsArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<MeetingPlan> {
    return this.meetingPlans.plan(ctx.user, args);
  }
}
