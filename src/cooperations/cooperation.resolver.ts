import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, type Page, selectsTotalCount } from '../common/pagination';
import type { PerRequest, RequestContext } from '../context';
import type { PartnerLoaders } from '../partners/partner.loaders';
import type { CooperationLoaders } from './cooperation.loaders';
import { Dimension } from '../dimensions/dimension.types';
import type { CompiledReads } from '../reads/compiled-reads';
import type { CooperationService } from './cooperation.service';
import {
  Cooperation,
  CooperationConnection,
  CooperationFilter,
  CooperationOrder,
  CooperationParticipant,
} from './cooperation.types';

/** Queries of cooperations and their nested fields. */
@Resolver(() => Cooperation)
export class CooperationResolver {
  constructor(
    private readonly cooperationService: CooperationService,
    private readonly loaders: PerRequest<CooperationLoaders & Pick<PartnerLoaders, 'partner'>>,
    private readonly reads: CompiledReads,
  ) {}

  @Query(() => Cooperation, { nullable: true, description: 'One cooperation; null if unknown.' })
  cooperation(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Cooperation | null> {
    return this.reads.serve(info, ctx, () =>
      this.cooperationService.get(id, this.loaders(ctx), ctx.user),
    );
  }

  @Query(() => CooperationConnection, { description: 'Cooperations, filtered, paginated.' })
  cooperations(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => CooperationFilter, { nullable: true }) filter: CooperationFilter | null,
    @Arg('orderBy', () => CooperationOrder, { nullable: true }) orderBy: CooperationOrder | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Cooperation>> {
    return this.reads.serve(info, ctx, () =>
      this.cooperationService.list(args, filter, orderBy, selectsTotalCount(info), ctx.user),
    );
  }

  @FieldResolver(() => [CooperationParticipant], {
    description:
      'Partners with role, lead first: of a proposal its named partners, with their confirmation.',
  })
  async partners(
    @Root() cooperation: Cooperation,
    @Ctx() ctx: RequestContext,
  ): Promise<CooperationParticipant[]> {
    const participants = await this.loaders(ctx).cooperationParticipants.load(cooperation.id);
    const partners = await this.loaders(ctx).partner.loadMany(participants.map((p) => p.partnerId));
    return participants.flatMap((participant, i) => {
      const partner = partners[i];
      // A partner deleted between the two reads is left out rather than failing the list.
      return partner && !(partner instanceof Error)
        ? [{ role: participant.role, confirmedAt: participant.confirmedAt, partner }]
        : [];
    });
  }

  @FieldResolver(() => [Dimension], { description: 'The dimensions it addresses.' })
  dimensions(@Root() cooperation: Cooperation, @Ctx() ctx: RequestContext) {
    return this.loaders(ctx).cooperationDimensions.load(cooperation.id);
  }
}
