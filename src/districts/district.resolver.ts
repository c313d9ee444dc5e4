import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { childConnection, ConnectionArgs, type Page } from '../common/pagination';
import type { PerRequest, RequestContext } from '../context';
import type { DistrictLoaders } from './district.loaders';
import type { Partner } from '../partners/partner.types';
import { PartnerConnection } from '../partners/partner.types';
import type { CompiledReads } from '../reads/compiled-reads';
import type { DistrictRepository } from './district.repository';
import { District } from './district.types';

/** Queries of the city's districts. */
@Resolver(() => District)
export class DistrictResolver {
  constructor(
    private readonly districtRepository: DistrictRepository,
    private readonly loaders: PerRequest<DistrictLoaders>,
    private readonly reads: CompiledReads,
  ) {}

  @Query(() => [District], { description: 'All districts, ordered by borough and key.' })
  districts(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<District[]> {
    return this.reads.serve(info, ctx, () => this.districtRepository.findAll());
  }

  @FieldResolver(() => PartnerConnection, { description: 'Partners located here, by name.' })
  partners(
    @Root() district: District,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Partner>> {
    return childConnection(`district:${district.key}:partners`, args, (request) =>
      this.loaders(ctx).districtPartners.load({ parentId: district.key, filter: {}, request }),
    );
  }
}
