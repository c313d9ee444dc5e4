import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../auth/auth.types';
import type { PerRequest, RequestContext } from '../context';
import type { CooperationLoaders } from '../cooperations/cooperation.loaders';
import { Cooperation } from '../cooperations/cooperation.types';
import type { DimensionLoaders } from '../dimensions/dimension.loaders';
import type { PartnerLoaders } from '../partners/partner.loaders';
import type { SuggestionLoaders } from './matching.loaders';
import { Dimension } from '../dimensions/dimension.types';
import { Partner } from '../partners/partner.types';
import type { MatchingService } from './matching.service';
import {
  Consortium,
  PairExplanation,
  PairRuleCheck,
  PartnerSuggestion,
  SuggestionFilter,
  SuggestionReason,
  WeightsInput,
} from './matching.types';

/** Loads reference objects by key, dropping keys that no longer exist. */
async function loadAll<T>(
  keys: readonly string[],
  load: (key: string) => Promise<T | null>,
): Promise<T[]> {
  const found: (T | null)[] = await Promise.all(keys.map(load));
  return found.filter((item): item is T => item !== null);
}

/** The loaders matching's fields read through (of the partner and dimension slices, and its own). */
export type MatchingLoaders = PerRequest<
  Pick<PartnerLoaders, 'partner'> &
    Pick<DimensionLoaders, 'dimension'> &
    Pick<CooperationLoaders, 'cooperation'> &
    SuggestionLoaders
>;

/**
 * Told when a partner read its own suggestions or an explanation of one (the funnel's
 * "suggestions viewed"); never told who else reads them.
 */
export type SuggestionsViewed = (partnerId: string) => void;

/**
 * Reports a successful read to `viewed` when the caller is the PARTNER whose suggestions they
 * are; reads by the public, coordinators or other partners are not a partner looking at its own.
 */
async function reportingView<T>(
  read: Promise<T>,
  partnerId: string,
  ctx: RequestContext,
  viewed: SuggestionsViewed | undefined,
): Promise<T> {
  const result = await read;
  if (viewed && ctx.user?.role === Role.PARTNER && ctx.user.partnerId === partnerId) {
    viewed(partnerId);
  }
  return result;
}

/** The matching queries; thin: arguments → matching service. */
@Resolver(() => PartnerSuggestion)
export class SuggestionResolver {
  constructor(
    private readonly matching: MatchingService,
    private readonly loaders: MatchingLoaders,
    private readonly viewed?: SuggestionsViewed,
  ) {}

  @Query(() => [PartnerSuggestion], {
    description:
      'Suggested new cooperation partners for a partner, best first and diversified: only ACTIVE partners it never cooperated with, each pair a cross-dimension cooperation (Vielfaltskooperation). Deterministic for the same data.',
  })
  suggestedPartners(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('first', () => Int, { defaultValue: 10, description: '1–50.' }) first: number,
    @Arg('filter', () => SuggestionFilter, { nullable: true }) filter: SuggestionFilter | null,
    @Arg('weights', () => WeightsInput, { nullable: true }) weights: WeightsInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerSuggestion[]> {
    const read = this.matching.suggest(partnerId, { first, filter, weights }, ctx);
    return reportingView(read, partnerId, ctx, this.viewed);
  }

  @Query(() => PairExplanation, {
    description:
      'Warum (nicht)? Why a partner is or is not suggested to another: score with components, reasons, every hard rule with a sentence, and its rank among the suggestions. Public like suggestedPartners; dismissals only for the partner and coordinators.',
  })
  explainPair(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('candidateId', () => ID) candidateId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PairExplanation> {
    return reportingView(
      this.matching.explainPair(partnerId, candidateId, ctx),
      partnerId,
      ctx,
      this.viewed,
    );
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'The partner (or a coordinator) no longer wants `candidateId` suggested; idempotent. Dismissals are private: public lists ignore them.',
  })
  dismissSuggestion(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('candidateId', () => ID) candidateId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return this.matching.dismiss(partnerId, candidateId, ctx.user);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Undoes dismissSuggestion; idempotent.' })
  restoreSuggestion(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('candidateId', () => ID) candidateId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return this.matching.restore(partnerId, candidateId, ctx.user);
  }

  @FieldResolver(() => Partner)
  async partner(@Root() suggestion: PartnerSuggestion, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partner.load(suggestion.partnerId);
  }

  @FieldResolver(() => [Dimension], { description: 'The dimensions both cover together.' })
  coveredDimensions(@Root() suggestion: PartnerSuggestion, @Ctx() ctx: RequestContext) {
    return loadAll(suggestion.coveredDimensionKeys, (key) => this.loaders(ctx).dimension.load(key));
  }

  @FieldResolver(() => [Dimension], { description: 'The dimensions the suggested partner adds.' })
  addedDimensions(@Root() suggestion: PartnerSuggestion, @Ctx() ctx: RequestContext) {
    return loadAll(suggestion.addedDimensionKeys, (key) => this.loaders(ctx).dimension.load(key));
  }
}

/** `suggestedConsortia` and the fields of a consortium that refer to other objects. */
@Resolver(() => Consortium)
export class ConsortiumResolver {
  constructor(
    private readonly matching: MatchingService,
    private readonly loaders: MatchingLoaders,
  ) {}

  @Query(() => [Consortium], {
    description:
      'Groups of 3–5 ACTIVE partners that together cover the requested dimensions, best first: by coverage, then mean pair score; each group passes the cross-dimension rule. Beam search over a bounded pool (docs/matching.md).',
  })
  suggestedConsortia(
    @Arg('dimensions', () => [String], { description: 'Dimension keys to cover (2–7).' })
    dimensions: string[],
    @Arg('size', () => Int, { defaultValue: 3, description: 'Group size, 3–5.' }) size: number,
    @Arg('including', () => ID, { nullable: true, description: 'A partner every group contains.' })
    including: string | null,
    @Arg('first', () => Int, { defaultValue: 5, description: '1–20.' }) first: number,
    @Arg('weights', () => WeightsInput, {
      nullable: true,
      description: 'Weights of the pair scores that rank groups of equal coverage.',
    })
    weights: WeightsInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Consortium[]> {
    return this.matching.suggestConsortia({ dimensions, size, including, first, weights }, ctx);
  }

  @FieldResolver(() => [Partner], { description: 'The members.' })
  partners(@Root() consortium: Consortium, @Ctx() ctx: RequestContext) {
    return loadAll(consortium.partnerIds, (id) => this.loaders(ctx).partner.load(id));
  }

  @FieldResolver(() => [Dimension], { description: 'Requested dimensions the group covers.' })
  coveredDimensions(@Root() consortium: Consortium, @Ctx() ctx: RequestContext) {
    return loadAll(consortium.coveredDimensionKeys, (key) => this.loaders(ctx).dimension.load(key));
  }

  @FieldResolver(() => [Dimension], { description: 'Requested dimensions the group misses.' })
  missingDimensions(@Root() consortium: Consortium, @Ctx() ctx: RequestContext) {
    return loadAll(consortium.missingDimensionKeys, (key) => this.loaders(ctx).dimension.load(key));
  }
}

/** The partners of a pair explanation. */
@Resolver(() => PairExplanation)
export class PairExplanationResolver {
  constructor(private readonly loaders: MatchingLoaders) {}

  @FieldResolver(() => Partner, { description: 'The partner asking.' })
  partner(@Root() explanation: PairExplanation, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partner.load(explanation.partnerId);
  }

  @FieldResolver(() => Partner, { description: 'The partner asked about.' })
  candidate(@Root() explanation: PairExplanation, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partner.load(explanation.candidateId);
  }
}

/** The cooperation a failed rule names. */
@Resolver(() => PairRuleCheck)
export class PairRuleCheckResolver {
  constructor(private readonly loaders: MatchingLoaders) {}

  @FieldResolver(() => Cooperation, {
    nullable: true,
    description: 'For a failed NO_PAST_COOPERATION: the latest cooperation of the pair.',
  })
  async cooperation(@Root() check: PairRuleCheck, @Ctx() ctx: RequestContext) {
    return check.cooperationId === null
      ? null
      : this.loaders(ctx).cooperation.load(check.cooperationId);
  }
}

/** Fields of a reason that refer to other objects. */
@Resolver(() => SuggestionReason)
export class SuggestionReasonResolver {
  constructor(private readonly loaders: MatchingLoaders) {}

  @FieldResolver(() => [Partner], {
    description: 'For COMMON_PARTNERS: (up to three of) the common former partners.',
  })
  partners(@Root() reason: SuggestionReason, @Ctx() ctx: RequestContext) {
    return loadAll(reason.partnerIds, (id) => this.loaders(ctx).partner.load(id));
  }
}

/** `Partner.suggestions` for list views, batched through a DataLoader. */
@Resolver(() => Partner)
export class PartnerSuggestionsResolver {
  constructor(
    private readonly loaders: MatchingLoaders,
    private readonly viewed?: SuggestionsViewed,
  ) {}

  @FieldResolver(() => [PartnerSuggestion], {
    description:
      'Suggested new cooperation partners (default weights), as suggestedPartners; empty for partners that are not ACTIVE. Batched: lists cost no extra round trips per partner.',
  })
  suggestions(
    @Root() partner: Partner,
    @Arg('first', () => Int, { defaultValue: 3, description: '1–50.' }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerSuggestion[]> {
    const read = this.loaders(ctx).partnerSuggestions.load({ partnerId: partner.id, first });
    return reportingView(read, partner.id, ctx, this.viewed);
  }
}
