import type { Steps } from '../common/time-slicer';
import { checkCrossDimensionRule } from '../cooperations/cross-dimension-rule';
import type { NetworkSignals, PartnerProfile, Weights } from './matching.model';
import { networkSignals, scorePair } from './scoring';

/**
 * Width of the beam: how many partial groups survive each step. Wider finds better groups and
 * costs linearly more; 30 × a pool of ~300 keeps a search well under a second.
 * @default 30
 */
export const BEAM_WIDTH = 30;

/** A pool member: its profile and its co-cooperation neighbours (with their degrees). */
export interface PoolMember {
  profile: PartnerProfile;
  /** Former cooperation partners: id → degree in the co-cooperation graph. */
  neighbours: ReadonlyMap<string, number>;
}

/** What to search for. */
export interface ConsortiumQuery {
  /** Dimension keys the group should cover together. */
  dimensions: readonly string[];
  /** Group size (3–5). */
  size: number;
  /** A member every group must contain; it must be in the pool. */
  including?: string | null;
  /** How many groups to return. */
  first: number;
  weights: Weights;
  /** Reference date of the activity component. */
  asOf: string;
}

/** A group found by {@link searchConsortia}. */
export interface ConsortiumResult {
  /** Member ids: `including` first, the others by id. */
  memberIds: string[];
  /** Share of the requested dimensions the group covers. */
  coverage: number;
  /** Mean symmetric pair score over all member pairs. */
  score: number;
  covered: string[];
  missing: string[];
}

interface PartialGroup {
  members: PoolMember[];
  coverage: number;
  score: number;
}

/**
 * Searches groups of `size` partners that together cover the requested dimensions, by beam search:
 * start from `including` (or from every pool member), extend every partial group by every pool
 * member, keep the {@link BEAM_WIDTH} best extensions, repeat until the groups have `size` members.
 * "Best" means higher coverage of the requested dimensions, then higher mean pair score (the
 * matching's score, averaged over both directions and all pairs), then smaller ids. Finished groups
 * must pass the cross-dimension rule for groups. The result is varied: a group sharing more than
 * `size − 2` members with a better one is skipped, so the list is not one core with swapped
 * last members. Pure and deterministic; cost O(size · width · pool · size²) cached pair scores.
 */
export function searchConsortia(
  pool: readonly PoolMember[],
  query: ConsortiumQuery,
): ConsortiumResult[] {
  const steps = consortiumSteps(pool, query);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * {@link searchConsortia} as steps (time-slicer.ts): it yields after extending each partial group
 * by the whole pool (a few hundred pair sums), so a search shares the event loop.
 */
export function* consortiumSteps(
  pool: readonly PoolMember[],
  query: ConsortiumQuery,
): Steps<ConsortiumResult[]> {
  const pairScore = pairScorer(query.weights, query.asOf);
  const requested = new Set(query.dimensions);
  const seedMembers = query.including ? pool.filter((m) => m.profile.id === query.including) : pool;
  // Every pool member seeds: single members have no pair score yet to prune by.
  let beam: PartialGroup[] = seedMembers.map((m) => evaluate([m], 0, requested));
  for (let size = 1; size < query.size; size++) {
    const seen = new Set<string>();
    const extended: PartialGroup[] = [];
    for (const group of beam) {
      for (const member of pool) {
        if (group.members.includes(member)) continue;
        const members = [...group.members, member];
        const key = groupKey(members);
        if (seen.has(key)) continue;
        seen.add(key);
        extended.push(evaluate(members, pairSum(members, pairScore), requested));
      }
      yield;
    }
    beam = best(extended, BEAM_WIDTH);
  }
  const valid = beam.filter(
    (g) =>
      g.members.length === query.size &&
      checkCrossDimensionRule(g.members.map((m) => m.profile.engagements)) === null,
  );
  return varied(valid, query.size - 2, query.first).map((g) =>
    toResult(g, requested, query.including),
  );
}

/**
 * Sum of the pair scores, added in id order: a group reached along different paths must get the
 * same floating-point sum, or the ranking would depend on the order of the pool.
 */
function pairSum(
  members: readonly PoolMember[],
  pairScore: (a: PoolMember, b: PoolMember) => number,
) {
  const sorted = [...members].sort((a, b) => (a.profile.id < b.profile.id ? -1 : 1));
  return sorted.reduce(
    (sum, a, i) => sorted.slice(i + 1).reduce((inner, b) => inner + pairScore(a, b), sum),
    0,
  );
}

function evaluate(members: PoolMember[], pairSum: number, requested: Set<string>): PartialGroup {
  const covered = coveredOf(members, requested);
  const pairs = (members.length * (members.length - 1)) / 2;
  return {
    members,
    coverage: requested.size === 0 ? 0 : covered.length / requested.size,
    score: pairs === 0 ? 0 : pairSum / pairs,
  };
}

function coveredOf(members: readonly PoolMember[], requested: Set<string>): string[] {
  const keys = members.flatMap((m) => m.profile.engagements.map((e) => e.dimension));
  return [...new Set(keys)].filter((key) => requested.has(key)).sort();
}

function best(groups: PartialGroup[], width: number): PartialGroup[] {
  return [...groups].sort(compareGroups).slice(0, width);
}

function compareGroups(a: PartialGroup, b: PartialGroup): number {
  if (a.coverage !== b.coverage) return b.coverage - a.coverage;
  if (a.score !== b.score) return b.score - a.score;
  const left = groupKey(a.members);
  const right = groupKey(b.members);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Greedy: keeps groups in rank order unless they share more than `maxShared` members with a kept one. */
function varied(groups: PartialGroup[], maxShared: number, first: number): PartialGroup[] {
  const kept: PartialGroup[] = [];
  for (const group of [...groups].sort(compareGroups)) {
    if (kept.length >= first) break;
    const ids = new Set(group.members.map((m) => m.profile.id));
    const overlapping = kept.some(
      (k) => k.members.filter((m) => ids.has(m.profile.id)).length > maxShared,
    );
    if (!overlapping) kept.push(group);
  }
  return kept;
}

function toResult(
  group: PartialGroup,
  requested: Set<string>,
  including: string | null | undefined,
): ConsortiumResult {
  const covered = coveredOf(group.members, requested);
  return {
    // A path-independent order: the search may reach one group from different seeds.
    memberIds: group.members
      .map((m) => m.profile.id)
      .sort((a, b) => (a === including ? -1 : b === including ? 1 : a < b ? -1 : 1)),
    coverage: group.coverage,
    score: group.score,
    covered,
    missing: [...requested].filter((key) => !covered.includes(key)).sort(),
  };
}

function groupKey(members: readonly PoolMember[]): string {
  return members
    .map((m) => m.profile.id)
    .sort()
    .join(',');
}

/** Symmetric pair score (mean of both directions), cached per unordered pair. */
function pairScorer(weights: Weights, asOf: string) {
  const cache = new Map<string, number>();
  return (a: PoolMember, b: PoolMember): number => {
    const key =
      a.profile.id < b.profile.id
        ? `${a.profile.id}|${b.profile.id}`
        : `${b.profile.id}|${a.profile.id}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const signals = pairSignals(a, b);
    const value =
      (scorePair(a.profile, b.profile, signals, weights, asOf).score +
        scorePair(b.profile, a.profile, signals, weights, asOf).score) /
      2;
    cache.set(key, value);
    return value;
  };
}

/** Network signals of two pool members over their common former partners. */
function pairSignals(a: PoolMember, b: PoolMember): NetworkSignals {
  const common = [...a.neighbours.keys()].filter((id) => b.neighbours.has(id));
  return networkSignals(common, (id) => a.neighbours.get(id) ?? 0);
}
