/**
 * Buddies for inactive partners (pure, no I/O): an experienced ACTIVE partner who fits, so that a
 * partner who never or long ago took part is paired with someone who knows how a cooperation in
 * the alliance works — not with another newcomer.
 */
import { compareText } from '../common/pagination';

/** Cooperations (any kind, ACTIVE or ENDED) a partner needs to count as experienced. */
export const BUDDY_MIN_COOPERATIONS = 3;

/** The part of a matching suggestion the buddy choice needs. */
export interface BuddyCandidate {
  partnerId: string;
  score: number;
}

/**
 * The buddy among a partner's suggestions: candidates with at least
 * {@link BUDDY_MIN_COOPERATIONS} cooperations, best matching score first, then more
 * cooperations, then id. The suggestions already obey the matching's hard rules (ACTIVE, never
 * cooperated, a valid cross-dimension pair), so fit comes from the matching and experience from
 * the count.
 *
 * @param experience - cooperations per ACTIVE candidate; a candidate missing here is not ACTIVE
 * @returns the chosen suggestion, or `null` when no candidate is experienced enough
 */
export function chooseBuddy<S extends BuddyCandidate>(
  suggestions: readonly S[],
  experience: ReadonlyMap<string, number>,
  minCooperations: number = BUDDY_MIN_COOPERATIONS,
): S | null {
  let best: S | null = null;
  let bestCount = 0;
  for (const s of suggestions) {
    const count = experience.get(s.partnerId) ?? 0;
    if (count < minCooperations) continue;
    if (
      best === null ||
      s.score > best.score ||
      (s.score === best.score &&
        (count > bestCount ||
          (count === bestCount && compareText(s.partnerId, best.partnerId) < 0)))
    ) {
      best = s;
      bestCount = count;
    }
  }
  return best;
}
