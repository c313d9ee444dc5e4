import type { PartnerProfile, ScoredCandidate } from './matching.model';

/**
 * How alike two partners are (the evaluation's intra-list similarity): the mean of four equally weighted parts —
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
 * Mean pairwise {@link profileSimilarity} of a list: 0 for a list of strangers, 1 for copies.
 * Reported by the evaluation next to the lists' accuracy.
 * @returns 0 for lists shorter than two.
 */
export function intraListSimilarity(profiles: readonly PartnerProfile[]): number {
  let sum = 0;
  let pairs = 0;
  profiles.forEach((a, i) =>
    profiles.slice(i + 1).forEach((b) => {
      sum += profileSimilarity(a, b);
      pairs += 1;
    }),
  );
  return pairs === 0 ? 0 : sum / pairs;
}

/** What a list covers so far: dimensions, sectors and districts of the partners picked. */
interface Coverage {
  dimensions: Set<string>;
  sectors: Set<string>;
  districts: Set<string>;
}

/**
 * How much of a candidate a list does not cover yet, in [0, 1]: the mean of three equal parts —
 * the share of its dimensions not covered, 1 for a sector not covered, 1 for a district not covered
 * (or unknown). A copy of a partner picked already brings 0, a partner of another profile 1.
 */
export function novelty(candidate: PartnerProfile, covered: Coverage): number {
  const dimensions = featuresOf(candidate).dimensions;
  let newDimensions = 0;
  for (const key of dimensions) if (!covered.dimensions.has(key)) newDimensions += 1;
  const dimensionPart = dimensions.size === 0 ? 0 : newDimensions / dimensions.size;
  const sectorPart = covered.sectors.has(candidate.sector) ? 0 : 1;
  const district = candidate.districtKey;
  const districtPart = district !== null && covered.districts.has(district) ? 0 : 1;
  return (dimensionPart + sectorPart + districtPart) / 3;
}

/**
 * Picks `k` candidates that cover the dimensions, sectors and districts on offer (coverage-based
 * diversification in the spirit of xQuAD): each step takes the candidate maximising
 * `score · (lambda + (1 − lambda) · novelty)`, where {@link novelty} is the share of the candidate
 * the list does not cover yet. A near-copy of a pick keeps only `lambda` of its score, so with
 * `lambda` below 2/3 any candidate of another profile scoring at least two thirds of the best comes
 * before a copy — five near-copies never fill a list while such a candidate exists. Ties go to the
 * higher score, then the smaller id, so the input order does not matter. O(k · n).
 * @param k - how many to pick; fewer are returned when there are fewer candidates
 * @param lambda - 1 ranks by score alone, 0 lets novelty weigh as much as the score
 * @returns the picked candidates, in the order they were picked.
 * @throws RangeError when `k` is not a non-negative integer or `lambda` is outside [0, 1].
 */
export function diversify<T extends ScoredCandidate>(
  scored: readonly T[],
  k: number,
  lambda: number,
): T[] {
  assertArguments(k, lambda);
  const remaining = [...scored].sort(byScoreThenId);
  const covered: Coverage = { dimensions: new Set(), sectors: new Set(), districts: new Set() };
  const picked: T[] = [];
  while (picked.length < k && remaining.length > 0) {
    const index = bestIndex(remaining, covered, lambda);
    const [chosen] = remaining.splice(index, 1);
    if (chosen === undefined) break;
    picked.push(chosen);
    featuresOf(chosen.candidate).dimensions.forEach((key) => covered.dimensions.add(key));
    covered.sectors.add(chosen.candidate.sector);
    if (chosen.candidate.districtKey !== null) covered.districts.add(chosen.candidate.districtKey);
  }
  return picked;
}

/**
 * Index of the best diversified value; `remaining` is sorted by score then id, so keeping the
 * first of equal values gives the documented tie-break. Once a value cannot be beaten by a lower
 * score (scores only fall along the list), the scan stops.
 */
function bestIndex(remaining: readonly ScoredCandidate[], covered: Coverage, lambda: number) {
  let best = 0;
  let bestValue = -Infinity;
  for (const [i, item] of remaining.entries()) {
    if (item.score <= bestValue) break;
    const value = item.score * (lambda + (1 - lambda) * novelty(item.candidate, covered));
    if (value > bestValue) {
      best = i;
      bestValue = value;
    }
  }
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
