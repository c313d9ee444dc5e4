import { type ChildArgs, childPageLoader } from '../common/child-page-loader';
import { perRequest } from '../context';
import type { PartnerRepository } from '../partners/partner.repository';

/** The DataLoaders of districts, one set per operation: the partners under many districts. */
export function districtLoaders(partners: PartnerRepository) {
  return perRequest(() => ({
    districtPartners: childPageLoader((keys, args: ChildArgs<Record<string, never>>) =>
      partners.findPagesByParents('District', keys, null, args.request),
    ),
  }));
}

/** The district loaders of one operation. */
export type DistrictLoaders = ReturnType<ReturnType<typeof districtLoaders>>;
