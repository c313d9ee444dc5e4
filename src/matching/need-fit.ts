import type { NeedMatch } from './matching.model';

/**
 * Where a text fit starts and stops to count. Measured on the demo's offers and needs against the
 * generator's hidden categories (docs/matching.md#needfit): of the matches with fit below 0.2 only
 * 2–23 % pair an offer with a need of the same kind (chance: one shared word such as "Angebote"),
 * 0.2–0.3 43 %, 0.3–0.4 81 %, from 0.4 on 90 % and more. So a fit counts from 0.2 and fully from 0.5.
 */
export const FIT_RANGE = { floor: 0.2, full: 0.5 } as const;

/** How strongly a match counts in the score: its fit rescaled from {@link FIT_RANGE} to [0, 1]. */
export function matchStrength(fit: number): number {
  const strength = (clampFit(fit) - FIT_RANGE.floor) / (FIT_RANGE.full - FIT_RANGE.floor);
  return Math.min(1, Math.max(0, strength));
}

/** One full-text hit of a seeker's offer or need on another partner's item, as the query returns it. */
export interface NeedHit {
  candidateId: string;
  /** The kind of the seeker's own item: NEED when the candidate's item is an offer. */
  ownKind: 'OFFER' | 'NEED';
  /** The seeker's text. */
  own: string;
  /** The candidate's text. */
  theirs: string;
  /**
   * The hit's full-text score relative to the seeker's item's own score for the same query (the
   * better of the German and English index); above 1 when a shorter text repeats the words.
   */
  fit: number;
}

/**
 * How well an offer answers a need: the relative full-text score, clamped to [0, 1].
 * @returns 0 for a missing, negative or non-finite value.
 */
function clampFit(fit: number): number {
  return Number.isFinite(fit) && fit > 0 ? Math.min(1, fit) : 0;
}

/**
 * The need matches of one seeker, by candidate: each hit becomes a {@link NeedMatch} seen from the
 * seeker, best fit first (ties by text, so the order does not depend on the index). The same
 * (need, offer) found twice (e.g. by both analyzers' rows) counts once.
 */
export function needMatchesByCandidate(
  hits: readonly NeedHit[],
): Map<string, readonly NeedMatch[]> {
  const byCandidate = new Map<string, Map<string, NeedMatch>>();
  for (const hit of hits) {
    const theyOffer = hit.ownKind === 'NEED';
    const match: NeedMatch = {
      direction: theyOffer ? 'THEY_OFFER' : 'YOU_OFFER',
      need: theyOffer ? hit.own : hit.theirs,
      offer: theyOffer ? hit.theirs : hit.own,
      fit: clampFit(hit.fit),
    };
    const matches = byCandidate.get(hit.candidateId) ?? new Map<string, NeedMatch>();
    const key = `${match.direction}\u0000${match.need}\u0000${match.offer}`;
    if ((matches.get(key)?.fit ?? -1) < match.fit) matches.set(key, match);
    byCandidate.set(hit.candidateId, matches);
  }
  return new Map(
    [...byCandidate].map(([id, matches]) => [id, [...matches.values()].sort(byFitThenText)]),
  );
}

/**
 * The need channel of candidate retrieval: candidates with a need match, best reciprocal fit first
 * (ties by id), without the excluded ones, at most `limit`.
 */
export function needChannel(
  matches: ReadonlyMap<string, readonly NeedMatch[]>,
  excluded: readonly string[],
  limit: number,
): string[] {
  const skip = new Set(excluded);
  return [...matches]
    .filter(([id]) => !skip.has(id))
    .map(([id, list]) => [id, bestFitSum(list)] as const)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([id]) => id);
}

/** Best fit per direction, added: mutual fits come before one-sided ones. */
function bestFitSum(matches: readonly NeedMatch[]): number {
  const best = { THEY_OFFER: 0, YOU_OFFER: 0 };
  for (const m of matches) best[m.direction] = Math.max(best[m.direction], m.fit);
  return best.THEY_OFFER + best.YOU_OFFER;
}

function byFitThenText(a: NeedMatch, b: NeedMatch): number {
  if (a.fit !== b.fit) return b.fit - a.fit;
  const left = `${a.need}\u0000${a.offer}`;
  const right = `${b.need}\u0000${b.offer}`;
  return left < right ? -1 : left > right ? 1 : 0;
}
