import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import type { NetworkService, NetworkView } from './network.service';
import { Network, NetworkFilter, NetworkMode } from './network.types';

/** The `network` query; thin: arguments → service. Public: it holds public partner data only. */
@Resolver(() => Network)
export class NetworkResolver {
  constructor(private readonly networkService: NetworkService) {}

  @Query(() => Network, {
    description:
      'A render-ready network of the alliance: nodes with metrics, communities and ForceAtlas2 positions, edges, whole-graph metrics. Cached per data version.',
  })
  network(
    @Arg('mode', () => NetworkMode, { defaultValue: NetworkMode.PARTNERS }) mode: NetworkMode,
    @Arg('filter', () => NetworkFilter, { nullable: true }) filter: NetworkFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NetworkView> {
    return this.networkService.network(mode, filter, ctx.language);
  }
}
