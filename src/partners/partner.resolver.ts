import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { isSelfOrCoordinator } from '../auth/permissions';
import { Role } from '../auth/auth.types';
import { ConnectionArgs, type Page, selectsTotalCount } from '../common/pagination';
import type { PerRequest, RequestContext } from '../context';
import type { PartnerLoaders } from './partner.loaders';
import { CooperationConnection, CooperationKind } from '../cooperations/cooperation.types';
import type { Cooperation } from '../cooperations/cooperation.types';
import { District } from '../districts/district.types';
import { AllianceEvent } from '../events/event.types';
import { Topic } from '../topics/topic.types';
import type { CompiledReads } from '../reads/compiled-reads';
import type { PartnerService } from './partner.service';
import {
  OfferOrNeed,
  Partner,
  PartnerConnection,
  PartnerDimension,
  PartnerFilter,
  PartnerOrder,
} from './partner.types';

/** Queries of partners and their nested fields; thin: arguments → service or loader. */
@Resolver(() => Partner)
export class PartnerResolver {
  constructor(
    private readonly partnerService: PartnerService,
    private readonly loaders: PerRequest<PartnerLoaders>,
    private readonly reads: CompiledReads,
  ) {}

  @Query(() => Partner, {
    nullable: true,
    description: 'One partner; null when the id is unknown.',
  })
  partner(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Partner | null> {
    return this.reads.serve(info, ctx, () => this.partnerService.get(id, this.loaders(ctx)));
  }

  @Query(() => PartnerConnection, { description: 'Partners, filtered and ordered, paginated.' })
  partners(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => PartnerFilter, { nullable: true }) filter: PartnerFilter | null,
    @Arg('orderBy', () => PartnerOrder, { nullable: true }) orderBy: PartnerOrder | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Partner>> {
    return this.reads.serve(info, ctx, () =>
      this.partnerService.list(args, filter, orderBy, selectsTotalCount(info)),
    );
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Contact person. Private: null unless coordinator, the partner itself, or a partner it shares its contact with (accepted contact request).',
  })
  contactName(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return this.privateField(partner, ctx, 'contactName');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Contact e-mail. Private: null unless coordinator, the partner itself, or a partner it shares its contact with (accepted contact request).',
  })
  contactEmail(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return this.privateField(partner, ctx, 'contactEmail');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Contact phone. Private: null unless coordinator, the partner itself, or a partner it shares its contact with (accepted contact request).',
  })
  contactPhone(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return this.privateField(partner, ctx, 'contactPhone');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The coordinators' internal notes. Null for everyone but coordinators.",
  })
  async internalNotes(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    if (ctx.user?.role !== Role.COORDINATOR) return null;
    return (await this.loaders(ctx).partnerPrivate.load(partner.id))?.internalNotes ?? null;
  }

  /**
   * Private fields are null, never an error, for those who may not see them: lists stay whole.
   * Besides coordinators and the partner itself, a partner it shares its contact with sees them
   * (the same rule as the compiled reads' `selfContactOrCoordinator`).
   */
  private async privateField(
    partner: Partner,
    ctx: RequestContext,
    field: 'contactName' | 'contactEmail' | 'contactPhone',
  ): Promise<string | null> {
    const loaders = this.loaders(ctx);
    if (isSelfOrCoordinator(ctx.user, partner.id)) {
      return (await loaders.partnerPrivate.load(partner.id))?.[field] ?? null;
    }
    if (ctx.user?.role !== Role.PARTNER) return null;
    return (await loaders.partnerSharedContact.load(partner.id))?.[field] ?? null;
  }

  @FieldResolver(() => [PartnerDimension], { description: 'Dimensions with perspective.' })
  dimensions(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partnerDimensions.load(partner.id);
  }

  @FieldResolver(() => [Topic], { description: 'Fields of action.' })
  topics(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partnerTopics.load(partner.id);
  }

  @FieldResolver(() => District, { nullable: true, description: 'Where it works.' })
  district(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partnerDistrict.load(partner.id);
  }

  @FieldResolver(() => [AllianceEvent], { description: 'Meetings and trainings it attended.' })
  events(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).partnerEvents.load(partner.id);
  }

  @FieldResolver(() => [OfferOrNeed], {
    description: 'Angebote: what it offers other partners, in its own order. Public.',
  })
  async offers(@Root() partner: Partner, @Ctx() ctx: RequestContext): Promise<OfferOrNeed[]> {
    return (await this.loaders(ctx).partnerOffersNeeds.load(partner.id)).offers;
  }

  @FieldResolver(() => [OfferOrNeed], {
    description: 'Bedarfe: what it looks for from other partners, in its own order. Public.',
  })
  async needs(@Root() partner: Partner, @Ctx() ctx: RequestContext): Promise<OfferOrNeed[]> {
    return (await this.loaders(ctx).partnerOffersNeeds.load(partner.id)).needs;
  }

  @FieldResolver(() => CooperationConnection, { description: 'Its cooperations, newest first.' })
  cooperations(
    @Root() partner: Partner,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('kinds', () => [CooperationKind], { nullable: true }) kinds: CooperationKind[] | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Cooperation>> {
    return this.partnerService.cooperationsOf(partner.id, args, kinds, this.loaders(ctx));
  }
}
