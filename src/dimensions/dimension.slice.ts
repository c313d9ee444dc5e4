import type { PerRequest } from '../context';
import type { CompiledReads } from '../reads/compiled-reads';
import type { Slice } from '../slice';
import {
  type DimensionLoaderSources,
  type DimensionLoaders,
  dimensionLoaders,
} from './dimension.loaders';
import { DimensionResolver } from './dimension.resolver';
import { DimensionService } from './dimension.service';

/** The dimensions slice, with the loaders other slices read dimensions through. */
export interface DimensionsSlice extends Slice {
  loaders: PerRequest<DimensionLoaders>;
}

/** The seven diversity dimensions and their partner and cooperation connections. */
export function dimensionsSlice(
  sources: DimensionLoaderSources,
  reads: CompiledReads,
): DimensionsSlice {
  const loaders = dimensionLoaders(sources);
  const service = new DimensionService(sources.dimensions);
  return {
    name: 'dimensions',
    resolvers: [new DimensionResolver(service, loaders, reads)],
    loaders,
  };
}
