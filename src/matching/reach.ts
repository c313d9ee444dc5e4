import type { Seeker } from './seeker';

/** What a seeker's former partners tell about candidates. */
export interface NetworkReach {
  /** The network channel: partners of former partners, most ties first, capped. */
  channel: string[];
  /** The seeker's former partners who also cooperated with a candidate. */
  commonOf: (candidateId: string) => string[];
  /** A former partner's degree in the co-cooperation graph. */
  degreeOf: (formerId: string) => number;
}

/**
 * Works out the network channel and common partners from the seeker's former partners. Pure:
 * it needs no read beyond the seeker's own row, which already carries each former partner's
 * co-partners, so the network channel costs no extra round trip.
 *
 * Order of the channel: most common former partners first, ties by id, so the cap cuts the same
 * candidates on every run. O(F·N + C log C) for F former partners with N co-partners each and C
 * distinct co-partners.
 *
 * @param excluded - ids never to put in the channel (they still count as common partners'
 *   neighbours, which is harmless: excluded ids are never scored)
 * @param limit - the most ids the channel holds (`CHANNEL_LIMITS.network` in production)
 */
export function networkReach(
  seeker: Pick<Seeker, 'former'>,
  excluded: readonly string[],
  limit: number,
): NetworkReach {
  const skip = new Set(excluded);
  const common = new Map<string, string[]>();
  for (const former of seeker.former) {
    for (const neighbour of former.neighbours) {
      const formers = common.get(neighbour);
      if (formers) formers.push(former.id);
      else common.set(neighbour, [former.id]);
    }
  }
  const channel = [...common.entries()]
    .filter(([id]) => !skip.has(id))
    .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([id]) => id);
  const degrees = new Map(seeker.former.map((f) => [f.id, f.neighbours.length]));
  return {
    channel,
    commonOf: (id) => common.get(id) ?? [],
    degreeOf: (id) => degrees.get(id) ?? 0,
  };
}
