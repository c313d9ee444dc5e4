import DataLoader from 'dataloader';
import { perRequest } from '../context';
import type { OutreachRepository } from './outreach.repository';
import type { Outreach } from './outreach.types';

/**
 * The latest outreach of many partners in one round trip per operation (a page of inactive
 * partners, the candidates of all gaps).
 */
export function outreachLoaders(repository: OutreachRepository) {
  return perRequest(() => ({
    latestOutreach: new DataLoader<string, Outreach | null>(async (ids) => {
      const latest = await repository.latest(ids);
      return ids.map((id) => latest.get(id) ?? null);
    }),
  }));
}

/** The outreach loaders of one operation. */
export type OutreachLoaders = ReturnType<ReturnType<typeof outreachLoaders>>;
