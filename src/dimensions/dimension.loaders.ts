import DataLoader from 'dataloader';
import { type ChildArgs, childPageLoader } from '../common/child-page-loader';
import { perRequest } from '../context';
import type { CooperationRepository } from '../cooperations/cooperation.repository';
import type { CooperationFilter } from '../cooperations/cooperation.types';
import { alignById } from '../db/cypher';
import type { PartnerRepository } from '../partners/partner.repository';
import type { DimensionRepository } from './dimension.repository';
import type { Dimension } from './dimension.types';

/** What the dimension loaders read through. */
export interface DimensionLoaderSources {
  dimensions: DimensionRepository;
  partners: PartnerRepository;
  cooperations: CooperationRepository;
}

/**
 * The DataLoaders of dimensions, one set per operation: dimensions by key, and the partner and
 * cooperation connections under many dimensions at once (one query per field, not per parent).
 */
export function dimensionLoaders({ dimensions, partners, cooperations }: DimensionLoaderSources) {
  return perRequest(() => ({
    dimension: new DataLoader(async (keys: readonly string[]) => {
      const found = await dimensions.findByKeys(keys);
      return alignById<Dimension | null>(
        keys,
        found.map((d) => [d.key, d]),
        null,
      );
    }),
    dimensionPartners: childPageLoader((keys, args: ChildArgs<{ perspective: string | null }>) =>
      partners.findPagesByParents('Dimension', keys, args.filter.perspective, args.request),
    ),
    dimensionCooperations: childPageLoader((keys, args: ChildArgs<CooperationFilter>) =>
      cooperations.findPagesByParents('Dimension', keys, args.filter, args.request),
    ),
  }));
}

/** The dimension loaders of one operation. */
export type DimensionLoaders = ReturnType<ReturnType<typeof dimensionLoaders>>;
