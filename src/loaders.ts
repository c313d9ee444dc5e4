import DataLoader from 'dataloader';
import type { ChildPage, PageRequest } from './common/pagination';
import { alignById } from './db/cypher';
import type { CooperationFilter } from './cooperations/cooperation.types';
import type { Dimension } from './dimensions/dimension.types';
import type { PartnerSuggestion } from './matching/matching.types';
import type { Repositories } from './services';

/** Computes the suggestions of many partners at once, for the caller of the request. */
export type SuggestionBatch = (
  partnerIds: readonly string[],
  first: number,
) => Promise<PartnerSuggestion[][]>;

/** The arguments of a nested connection, shared by all parents of one batch. */
interface ChildArgs<F> {
  filter: F;
  request: PageRequest;
}

/** A key of a nested-connection loader: the parent and the connection's arguments. */
export interface ChildKey<F> extends ChildArgs<F> {
  parentId: string;
}

/**
 * A loader for a nested connection under many parents: keys with equal arguments are fetched in
 * one query; different arguments (e.g. a cursor, which names one parent) form their own query.
 */
function childPageLoader<F, T>(
  fetch: (parentIds: string[], args: ChildArgs<F>) => Promise<ChildPage<T>[]>,
) {
  return new DataLoader<ChildKey<F>, ChildPage<T>, string>(
    async (keys) => {
      const groups = new Map<string, { args: ChildArgs<F>; indexes: number[] }>();
      keys.forEach(({ parentId: _parentId, ...args }, index) => {
        const group = groups.get(JSON.stringify(args)) ?? { args, indexes: [] };
        group.indexes.push(index);
        groups.set(JSON.stringify(args), group);
      });
      const pages = new Array<ChildPage<T>>(keys.length);
      await Promise.all(
        [...groups.values()].map(async ({ args, indexes }) => {
          const fetched = await fetch(
            indexes.map((i) => (keys[i] as ChildKey<F>).parentId),
            args,
          );
          indexes.forEach((keyIndex, i) => (pages[keyIndex] = fetched[i] as ChildPage<T>));
        }),
      );
      return pages;
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}

/**
 * The DataLoaders of one request. Every nested field reads through one of them, so a list of
 * N parents costs one query per field, not N (no N+1). Made per request so that no cached value
 * outlives its request.
 */
export function createLoaders(repositories: Repositories, suggestions: SuggestionBatch) {
  const { partners, cooperations, topics, events, dimensions } = repositories;
  return {
    dimension: new DataLoader(async (keys: readonly string[]) => {
      const found = await dimensions.findByKeys(keys);
      return alignById<Dimension | null>(
        keys,
        found.map((d) => [d.key, d]),
        null,
      );
    }),
    partnerSuggestions: new DataLoader<
      { partnerId: string; first: number },
      PartnerSuggestion[],
      string
    >(
      async (keys) => {
        // Keys with the same length are computed together: two round trips for any number.
        const lists = new Map<string, PartnerSuggestion[]>();
        for (const first of new Set(keys.map((k) => k.first))) {
          const ids = keys.filter((k) => k.first === first).map((k) => k.partnerId);
          const computed = await suggestions(ids, first);
          ids.forEach((id, i) => lists.set(`${id}/${first}`, computed[i] ?? []));
        }
        return keys.map((k) => lists.get(`${k.partnerId}/${k.first}`) ?? []);
      },
      { cacheKeyFn: (key) => `${key.partnerId}/${key.first}` },
    ),
    partner: new DataLoader((ids: readonly string[]) => partners.findByIds(ids)),
    partnerPrivate: new DataLoader((ids: readonly string[]) => partners.findPrivate(ids)),
    partnerDimensions: new DataLoader((ids: readonly string[]) => partners.findDimensions(ids)),
    partnerTopics: new DataLoader((ids: readonly string[]) => topics.findByPartners(ids)),
    partnerDistrict: new DataLoader((ids: readonly string[]) => partners.findDistricts(ids)),
    partnerEvents: new DataLoader((ids: readonly string[]) => events.findAttendedBy(ids)),
    partnerCooperations: childPageLoader((ids, args: ChildArgs<CooperationFilter>) =>
      cooperations.findPagesByParents('Partner', ids, args.filter, args.request),
    ),
    cooperation: new DataLoader((ids: readonly string[]) => cooperations.findByIds(ids)),
    cooperationParticipants: new DataLoader((ids: readonly string[]) =>
      cooperations.findParticipants(ids),
    ),
    cooperationDimensions: new DataLoader((ids: readonly string[]) =>
      cooperations.findDimensions(ids),
    ),
    dimensionPartners: childPageLoader((keys, args: ChildArgs<{ perspective: string | null }>) =>
      partners.findPagesByParents('Dimension', keys, args.filter.perspective, args.request),
    ),
    dimensionCooperations: childPageLoader((keys, args: ChildArgs<CooperationFilter>) =>
      cooperations.findPagesByParents('Dimension', keys, args.filter, args.request),
    ),
    districtPartners: childPageLoader((keys, args: ChildArgs<Record<string, never>>) =>
      partners.findPagesByParents('District', keys, null, args.request),
    ),
  };
}

/** The loaders of one request. */
export type Loaders = ReturnType<typeof createLoaders>;
