import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { childConnection, ConnectionArgs, type Page } from '../common/pagination';
import type { PerRequest, RequestContext } from '../context';
import type { DimensionLoaders } from './dimension.loaders';
import { type Cooperation, CooperationConnection } from '../cooperations/cooperation.types';
import { type Partner, PartnerConnection, Perspective } from '../partners/partner.types';
import type { CompiledReads } from '../reads/compiled-reads';
import type { DimensionService } from './dimension.service';
import { Dimension } from './dimension.types';

/** Queries of the diversity dimensions and their nested connections. */
@Resolver(() => Dimension)
export class DimensionResolver {
  constructor(
    private readonly dimensionService: DimensionService,
    private readonly loaders: PerRequest<DimensionLoaders>,
    private readonly reads: CompiledReads,
  ) {}

  @Query(() => [Dimension], { description: 'The seven diversity dimensions, ordered by key.' })
  dimensions(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Dimension[]> {
    return this.reads.serve(info, ctx, () => this.dimensionService.list());
  }

  @Query(() => Dimension, {
    nullable: true,
    description: 'One dimension by key; null when no dimension has that key.',
  })
  dimension(
    @Arg('key', () => String) key: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Dimension | null> {
    return this.reads.serve(info, ctx, () => this.dimensionService.get(key));
  }

  @FieldResolver(() => PartnerConnection, { description: 'Partners engaging in it, by name.' })
  partners(
    @Root() dimension: Dimension,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('perspective', () => Perspective, { nullable: true }) perspective: Perspective | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Partner>> {
    return childConnection(
      `dimension:${dimension.key}:partners:${perspective ?? 'ANY'}`,
      args,
      (request) =>
        this.loaders(ctx).dimensionPartners.load({
          parentId: dimension.key,
          filter: { perspective },
          request,
        }),
    );
  }

  @FieldResolver(() => CooperationConnection, { description: 'Cooperations addressing it.' })
  cooperations(
    @Root() dimension: Dimension,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Cooperation>> {
    return childConnection(`dimension:${dimension.key}:cooperations`, args, (request) =>
      this.loaders(ctx).dimensionCooperations.load({
        parentId: dimension.key,
        filter: {},
        request,
      }),
    );
  }
}
