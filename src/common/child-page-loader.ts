import DataLoader from 'dataloader';
import type { ChildPage, PageRequest } from './pagination';

/** The arguments of a nested connection, shared by all parents of one batch. */
export interface ChildArgs<F> {
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
export function childPageLoader<F, T>(
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
