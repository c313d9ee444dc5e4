import type { PartnerRepository } from '../partners/partner.repository';
import type { CompiledReads } from '../reads/compiled-reads';
import type { Slice } from '../slice';
import { districtLoaders } from './district.loaders';
import type { DistrictRepository } from './district.repository';
import { DistrictResolver } from './district.resolver';

/** What the districts slice reads through. */
export interface DistrictSliceSources {
  districts: DistrictRepository;
  partners: PartnerRepository;
}

/**
 * The districts slice (Stadtteile). A plain reference list without logic, so the repository
 * serves as the service.
 */
export function districtsSlice(
  { districts, partners }: DistrictSliceSources,
  reads: CompiledReads,
): Slice {
  const resolver = new DistrictResolver(districts, districtLoaders(partners), reads);
  return { name: 'districts', resolvers: [resolver] };
}
