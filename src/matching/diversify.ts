import type { PartnerProfile, ScoredCandidate } from './matching.model';

/** How alike two partner profiles are, in [0, 1]. */
export type ProfileSimilarity = (a: PartnerProfile, b: PartnerProfile) => number;

/**
 * How alike two partners are, for diversification: the mean of four equally weighted parts —
 * Jaccard of their dimensions, Jaccard of their topics, same sector (1/0), same known district (1/0).
 * Perspectives are left out on purpose: two partners on the same dimensions read as copies to a user.
 * @returns a value in [0, 1]; 1 for identical profiles with at least one dimension and topic.
 */
export function profileSimilarity(a: PartnerProfile, b: PartnerProfile): number {
  const left = featuresOf(a);
  const right = featuresOf(b);
  const dimensions = setJaccard(left.dimensions, right.dimensions);
  const topics = setJaccard(left.topics, right.topics);
  const sector = a.sector === b.sector ? 1 : 0;
  const district = a.districtKey !== null && a.districtKey === b.districtKey ? 1 : 0;
  return (dimensions + topics + sector + district) / 4;
}

/** The key sets of a profile, built once per profile: diversifying compares each many times. */
const features = new WeakMap<PartnerProfile, { dimensions: Set<string>; topics: Set<string> }>();

function featuresOf(profile: PartnerProfile) {
  let found = features.get(profile);
  if (!found) {
    found = {
      dimensions: new Set(profile.engagements.map((e) => e.dimension)),
      topics: new Set(profile.topics),
    };
    features.set(profile, found);
  }
  return found;
}

/** Jaccard index of two sets; 0 when both are empty. */
function setJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const key of a) if (b.has(key)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Picks `k` candidates by maximal marginal relevance: each step takes the candidate maximising
 * `lambda · score − (1 − lambda) · (highest similarity to one already picked)`, so the list stays
 * relevant without being k copies of one profile. Ties go to the higher score, then the smaller id,
 * which makes the result independent of the input order. Costs O(k · n) similarity calls.
 * @param k - how many to pick; fewer are returned when there are fewer candidates
 * @param lambda - 1 ranks by score alone, 0 by novelty alone
 * @param similarity - how alike two profiles are, in [0, 1]; {@link profileSimilarity} by default
 * @returns the picked candidates, in the order they were picked.
 * @throws RangeError when `k` is not a non-negative integer or `lambda` is outside [0, 1].
 */
export function diversify<T extends ScoredCandidate>(
  scored: readonly T[],
  k: number,
  lambda: number,
  similarity: ProfileSimilarity = profileSimilarity,
): T[] {
  assertArguments(k, lambda);
  const remaining = [...scored].sort(byScoreThenId);
  // Highest similarity of each remaining candidate to anything picked so far, updated per pick.
  const redundancy = remaining.map(() => 0);
  const picked: T[] = [];
  while (picked.length < k && remaining.length > 0) {
    const index = bestIndex(remaining, redundancy, lambda);
    const [chosen] = remaining.splice(index, 1);
    redundancy.splice(index, 1);
    if (chosen === undefined) break;
    picked.push(chosen);
    remaining.forEach((other, i) => {
      redundancy[i] = Math.max(redundancy[i] ?? 0, similarity(chosen.candidate, other.candidate));
    });
  }
  return picked;
}

/**
 * Index of the best MMR value; `remaining` is sorted by score then id, so keeping the first of
 * equal values gives the documented tie-break.
 */
function bestIndex(
  remaining: readonly ScoredCandidate[],
  redundancy: readonly number[],
  lambda: number,
): number {
  let best = 0;
  let bestValue = -Infinity;
  remaining.forEach((item, i) => {
    const value = lambda * item.score - (1 - lambda) * (redundancy[i] ?? 0);
    if (value > bestValue) {
      best = i;
      bestValue = value;
    }
  });
  return best;
}

function byScoreThenId(a: ScoredCandidate, b: ScoredCandidate): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.candidate.id === b.candidate.id) return 0;
  return a.candidate.id < b.candidate.id ? -1 : 1;
}

function assertArguments(k: number, lambda: number): void {
  if (!Number.isInteger(k) || k < 0) {
    throw new RangeError(`expected k to be a non-negative integer, got ${k}`);
  }
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new RangeError(`expected lambda to be between 0 and 1, got ${lambda}`);
  }
}
