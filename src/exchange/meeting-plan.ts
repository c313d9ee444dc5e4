/**
 * The meeting planner of a Kooperationsbörse: round-by-round table assignments for the partners
 * present. Pure (no I/O) and deterministic: the same partners and affinities give the same plan,
 * whatever order they come in.
 */
import { forEachPair, type PairAffinity, PairTable, planRound } from './meeting-seating';

/**
 * What a pair seated together is worth: a base for a match or a wish, plus the suggestion score
 * times `suggestion`. A match outweighs two wishes and a wish any suggestion, so the planner
 * never trades a pair for a lesser one.
 */
export const PAIR_WEIGHTS = { mutual: 10, wish: 4, suggestion: 2 } as const;

/** Bounds of the planner's arguments (the API refuses others with BAD_USER_INPUT). */
export const PLAN_LIMITS = { minRounds: 1, maxRounds: 10, minTableSize: 2, maxTableSize: 10 };

/** How many seated pairs of each kind a plan reached; each pair counts in its best kind. */
export interface PlanBreakdown {
  mutualMatches: number;
  wishes: number;
  suggestions: number;
}

/** A plan: `rounds[r][t]` are the partner ids (sorted) at table `t` in round `r`. */
export interface PlannedMeetings {
  rounds: string[][][];
  /** The sum of {@link pairWeight} over every pair seated together, rounded to 3 decimals. */
  score: number;
  breakdown: PlanBreakdown;
}

/** Tuning of the search. */
export interface PlanOptions {
  rounds: number;
  tableSize: number;
  /** Swap and move evaluations per attempt at one round. @default 100_000 */
  budget?: number;
}

/** A suggestion score of the matching from one partner to another, in [0, 1]. */
export interface PairScore {
  a: string;
  b: string;
  score: number;
}

/**
 * The affinities of present partners: interests in both directions make a match, in one a wish;
 * a pair's suggestion score is the higher of its two directions.
 *
 * @param interests - `[from, to]`: `from` expressed interest in `to`
 */
export function pairAffinities(
  interests: readonly (readonly [string, string])[],
  scores: readonly PairScore[],
): PairAffinity[] {
  const byPair = new Map<string, PairAffinity & { directions: Set<string> }>();
  const entry = (a: string, b: string) => {
    const [low, high] = a < b ? [a, b] : [b, a];
    const key = `${low}|${high}`;
    const known = byPair.get(key);
    if (known) return known;
    const created = {
      a: low,
      b: high,
      mutual: false,
      wish: false,
      suggestion: 0,
      directions: new Set<string>(),
    };
    byPair.set(key, created);
    return created;
  };
  for (const [from, to] of interests) entry(from, to).directions.add(from);
  for (const { a, b, score } of scores) {
    const pair = entry(a, b);
    pair.suggestion = Math.max(pair.suggestion, score);
  }
  return [...byPair.values()].map(({ directions, ...pair }) => ({
    ...pair,
    mutual: directions.size === 2,
    wish: directions.size === 1,
  }));
}

/** The weight of a pair seated together ({@link PAIR_WEIGHTS}). */
export function pairWeight(affinity: PairAffinity): number {
  const base = affinity.mutual ? PAIR_WEIGHTS.mutual : affinity.wish ? PAIR_WEIGHTS.wish : 0;
  return base + PAIR_WEIGHTS.suggestion * Math.min(1, Math.max(0, affinity.suggestion));
}

/**
 * Plans up to `options.rounds` rounds: every present partner sits at exactly one table per
 * round, tables hold at most `tableSize` and differ by at most one seat, nobody sits alone (with
 * tables of two and an odd count, one table seats three), and no pair sits together twice. Each round is seeded greedily (the strongest pairs open the tables, then the
 * partner with the largest gain joins a table) and improved by swaps and moves of single
 * partners until none helps or the budget is spent. Rounds are planned in order, so early
 * rounds get the strongest pairs and later rounds the next ones.
 *
 * When no table layout (down to tables of two) can avoid repeating a pair, the plan ends early:
 * it then has fewer rounds than asked.
 *
 * @param partnerIds - the present partners (duplicates are ignored)
 * @param affinities - what links pairs; pairs with unknown partners are ignored
 */
export function planMeetings(
  partnerIds: readonly string[],
  affinities: readonly PairAffinity[],
  options: PlanOptions,
): PlannedMeetings {
  const ids = [...new Set(partnerIds)].sort();
  const pairs = new PairTable(ids, affinities, pairWeight);
  const rounds: number[][][] = [];
  for (let r = 0; r < options.rounds && ids.length >= 2; r += 1) {
    const round = planRound(pairs, options.tableSize, options.budget ?? 100_000);
    if (!round) break;
    round.forEach((table) => pairs.markMet(table));
    rounds.push(round);
  }
  return summarise(ids, pairs, rounds);
}

/** Turns index tables into ids and totals the score and the breakdown. */
function summarise(
  ids: readonly string[],
  pairs: PairTable,
  rounds: number[][][],
): PlannedMeetings {
  const breakdown: PlanBreakdown = { mutualMatches: 0, wishes: 0, suggestions: 0 };
  let score = 0;
  for (const table of rounds.flat()) {
    forEachPair(table, (i, j) => {
      score += pairs.weight(i, j);
      const affinity = pairs.affinityOf(i, j);
      if (affinity?.mutual) breakdown.mutualMatches += 1;
      else if (affinity?.wish) breakdown.wishes += 1;
      else if ((affinity?.suggestion ?? 0) > 0) breakdown.suggestions += 1;
    });
  }
  return {
    rounds: rounds.map((round) => round.map((table) => table.map((i) => ids[i] as string))),
    score: Math.round(score * 1000) / 1000,
    breakdown,
  };
}
