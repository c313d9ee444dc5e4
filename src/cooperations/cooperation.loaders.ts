import DataLoader from 'dataloader';
import { perRequest } from '../context';
import type { CooperationRepository } from './cooperation.repository';

/** The DataLoaders of cooperations, one set per operation (no N+1 under a list). */
export function cooperationLoaders(cooperations: CooperationRepository) {
  return perRequest(() => ({
    cooperation: new DataLoader((ids: readonly string[]) => cooperations.findByIds(ids)),
    cooperationParticipants: new DataLoader((ids: readonly string[]) =>
      cooperations.findParticipants(ids),
    ),
    cooperationDimensions: new DataLoader((ids: readonly string[]) =>
      cooperations.findDimensions(ids),
    ),
  }));
}

/** The cooperation loaders of one operation. */
export type CooperationLoaders = ReturnType<ReturnType<typeof cooperationLoaders>>;
