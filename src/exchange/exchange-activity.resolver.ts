import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { Cooperation } from '../cooperations/cooperation.types';
import { Partner } from '../partners/partner.types';
import {
  ExchangeCheckedIn,
  ExchangeCheckedOut,
  ExchangeCooperationProposed,
  ExchangeInterestExpressed,
  ExchangeMatchCreated,
  ExchangePostCreated,
  ExchangePostWithdrawn,
} from './exchange-activity.types';
import type { ExchangeReadLoaders } from './exchange.loaders';
import { loadPartners } from './exchange.resolver';
import { ExchangeMatch, Post } from './exchange.types';

/*
 * The object fields of an activity's details. Each reads through the operation's loaders, so a
 * page of activities costs one query per kind (partners, posts, matches, cooperations). Partners
 * and posts may be null: a partner erased since, a post of an erased partner.
 */

/** `partner` of presence details. */
function presenceResolver(type: typeof ExchangeCheckedIn | typeof ExchangeCheckedOut) {
  @Resolver(() => type)
  class PresenceResolver {
    constructor(readonly loaders: ExchangeReadLoaders) {}

    @FieldResolver(() => Partner, { nullable: true })
    partner(@Root() details: ExchangeCheckedIn, @Ctx() ctx: RequestContext) {
      return this.loaders(ctx).partner.load(details.partnerId);
    }
  }
  return PresenceResolver;
}

/** `post` and `partner` (the author) of post details. */
function postResolver(type: typeof ExchangePostCreated | typeof ExchangePostWithdrawn) {
  @Resolver(() => type)
  class PostDetailsResolver {
    constructor(readonly loaders: ExchangeReadLoaders) {}

    @FieldResolver(() => Post, { nullable: true, description: 'The post as it is now.' })
    post(@Root() details: ExchangePostCreated, @Ctx() ctx: RequestContext) {
      return this.loaders(ctx).post.load(details.postId);
    }

    @FieldResolver(() => Partner, { nullable: true, description: 'The author.' })
    partner(@Root() details: ExchangePostCreated, @Ctx() ctx: RequestContext) {
      return this.loaders(ctx).partner.load(details.partnerId);
    }
  }
  return PostDetailsResolver;
}

/** Nested fields of INTEREST_EXPRESSED details. */
@Resolver(() => ExchangeInterestExpressed)
export class InterestExpressedResolver {
  constructor(private readonly loaders: ExchangeReadLoaders) {}

  @FieldResolver(() => Partner, { nullable: true, description: 'Who is interested.' })
  partner(@Root() details: ExchangeInterestExpressed, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partner.load(details.partnerId);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'In whom.' })
  target(@Root() details: ExchangeInterestExpressed, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partner.load(details.targetPartnerId);
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The post that sparked it.' })
  post(@Root() details: ExchangeInterestExpressed, @Ctx() ctx: RequestContext) {
    return details.postId ? this.loaders(ctx).post.load(details.postId) : null;
  }
}

/** Nested fields of MATCH details. */
@Resolver(() => ExchangeMatchCreated)
export class MatchCreatedResolver {
  constructor(private readonly loaders: ExchangeReadLoaders) {}

  @FieldResolver(() => ExchangeMatch, { nullable: true, description: 'The match as it is now.' })
  match(@Root() details: ExchangeMatchCreated, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).match.load(details.matchId);
  }

  @FieldResolver(() => [Partner], { description: 'Both partners, in the order of `partnerIds`.' })
  partners(@Root() details: ExchangeMatchCreated, @Ctx() ctx: RequestContext) {
    return loadPartners(this.loaders(ctx).partner, details.partnerIds);
  }
}

/** Nested fields of COOPERATION_PROPOSED details. */
@Resolver(() => ExchangeCooperationProposed)
export class CooperationProposedResolver {
  constructor(private readonly loaders: ExchangeReadLoaders) {}

  @FieldResolver(() => Cooperation, {
    nullable: true,
    description: 'The proposed cooperation as it is now; null when the caller may not see it.',
  })
  cooperation(@Root() details: ExchangeCooperationProposed, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).cooperation.load(details.cooperationId);
  }

  @FieldResolver(() => ExchangeMatch, { nullable: true })
  match(@Root() details: ExchangeCooperationProposed, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).match.load(details.matchId);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The proposing (lead) partner.' })
  partner(@Root() details: ExchangeCooperationProposed, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partner.load(details.partnerId);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The other partner.' })
  target(@Root() details: ExchangeCooperationProposed, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partner.load(details.targetPartnerId);
  }
}

// Made once, at import like every decorated class: each app lists the same classes.
const CheckedInResolver = presenceResolver(ExchangeCheckedIn);
const CheckedOutResolver = presenceResolver(ExchangeCheckedOut);
const PostCreatedResolver = postResolver(ExchangePostCreated);
const PostWithdrawnResolver = postResolver(ExchangePostWithdrawn);

/** Every resolver of activity details, built with the slice's loaders. */
export function activityDetailsResolvers(loaders: ExchangeReadLoaders): object[] {
  const classes = [
    CheckedInResolver,
    CheckedOutResolver,
    PostCreatedResolver,
    PostWithdrawnResolver,
    InterestExpressedResolver,
    MatchCreatedResolver,
    CooperationProposedResolver,
  ];
  return classes.map((Class) => new Class(loaders));
}
