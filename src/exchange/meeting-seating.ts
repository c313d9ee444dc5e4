/**
 * The search behind the meeting planner (`planMeetings` in meeting-plan.ts): the seating of one
 * round, by greedy seeding and local search over partner indexes. Pure and deterministic.
 */

/** What is known about one pair of present partners; pairs not listed weigh nothing. */
export interface PairAffinity {
  a: string;
  b: string;
  /** Both expressed interest in each other in this exchange (a match). */
  mutual: boolean;
  /** Exactly one of them expressed interest in the other (a wish to meet). */
  wish: boolean;
  /** The matching's suggestion score of the pair in [0, 1]; 0 when not suggested. */
  suggestion: number;
}

/** Seating a pair that already met is worth this much less: it must never win. */
const REPEAT_PENALTY = 1e6;
/** Gains below this are rounding noise, not improvements (so the search always ends). */
const EPSILON = 1e-9;

/** Pair weights and affinities over partner indexes, and which pairs already met. */
export class PairTable {
  readonly n: number;
  private readonly weights: Float64Array;
  private readonly met: Uint8Array;
  private readonly affinity = new Map<number, PairAffinity>();

  /** @param weigh - what a pair seated together is worth (the planner's `pairWeight`) */
  constructor(
    ids: readonly string[],
    affinities: readonly PairAffinity[],
    weigh: (affinity: PairAffinity) => number,
  ) {
    this.n = ids.length;
    this.weights = new Float64Array(this.n * this.n);
    this.met = new Uint8Array(this.n * this.n);
    const index = new Map(ids.map((id, i) => [id, i]));
    for (const affinity of affinities) {
      const i = index.get(affinity.a);
      const j = index.get(affinity.b);
      if (i === undefined || j === undefined || i === j) continue;
      // A pair listed twice (e.g. once per direction) keeps the strongest of each fact.
      const merged = mergeAffinities(this.affinityOf(i, j), affinity);
      this.affinity.set(Math.min(i, j) * this.n + Math.max(i, j), merged);
      this.weights[i * this.n + j] = weigh(merged);
      this.weights[j * this.n + i] = weigh(merged);
    }
  }

  /** What pair (i, j) seated together is worth. */
  weight(i: number, j: number): number {
    return this.weights[i * this.n + j] ?? 0;
  }

  /** The weight the search uses: a repeated pair costs {@link REPEAT_PENALTY}. */
  effective(i: number, j: number): number {
    return this.met[i * this.n + j] ? -REPEAT_PENALTY : this.weight(i, j);
  }

  /** Whether pair (i, j) sat together in an earlier round. */
  hasMet(i: number, j: number): boolean {
    return this.met[i * this.n + j] === 1;
  }

  /** Records that everyone at a table met everyone else there. */
  markMet(table: readonly number[]): void {
    forEachPair(table, (i, j) => {
      this.met[i * this.n + j] = 1;
      this.met[j * this.n + i] = 1;
    });
  }

  /** What is known about pair (i, j). */
  affinityOf(i: number, j: number): PairAffinity | undefined {
    return this.affinity.get(Math.min(i, j) * this.n + Math.max(i, j));
  }
}

function mergeAffinities(known: PairAffinity | undefined, next: PairAffinity): PairAffinity {
  if (!known) return next;
  return {
    a: known.a,
    b: known.b,
    mutual: known.mutual || next.mutual,
    wish: known.wish || next.wish,
    suggestion: Math.max(known.suggestion, next.suggestion),
  };
}

/**
 * One round without a repeated pair, trying more and smaller tables when needed; else null.
 * Never more tables than `n / 2` (rounded down): nobody sits alone. With tables of two and an
 * odd count, one table therefore seats three (the only case a table exceeds `tableSize`).
 */
export function planRound(pairs: PairTable, tableSize: number, budget: number): number[][] | null {
  const { fewest, most } = tableCounts(pairs.n, tableSize);
  for (let tables = fewest; tables <= most; tables += 1) {
    const seating = new Seating(pairs, tableSizes(pairs.n, tables));
    seating.seedAndFill();
    seating.improve(budget);
    if (seating.repeats() === 0) return seating.tables();
  }
  return null;
}

/**
 * The table counts a round of `n` partners (n ≥ 2) may use: from as few as `tableSize` allows to
 * as many as keep two at every table. The fewest is capped by the most, so that an odd count
 * with tables of two gets one table of three instead of a partner alone.
 */
export function tableCounts(n: number, tableSize: number): { fewest: number; most: number } {
  const most = Math.max(1, Math.floor(n / 2));
  return { fewest: Math.min(Math.ceil(n / tableSize), most), most };
}

/** `n` seats over `tables` tables, differing by at most one, larger tables first. */
export function tableSizes(n: number, tables: number): number[] {
  return Array.from(
    { length: tables },
    (_, t) => Math.floor(n / tables) + (t < n % tables ? 1 : 0),
  );
}

/** One round's seating under construction, with each partner's links to each table. */
class Seating {
  private readonly tableOf: Int32Array;
  private readonly members: number[][];
  /** `links[i * k + t]`: the effective weight partner i has to the members of table t. */
  private readonly links: Float64Array;
  private readonly k: number;

  constructor(
    private readonly pairs: PairTable,
    private readonly sizes: readonly number[],
  ) {
    this.k = sizes.length;
    this.tableOf = new Int32Array(pairs.n).fill(-1);
    this.members = sizes.map(() => []);
    this.links = new Float64Array(pairs.n * this.k);
  }

  /** Opens each table with one of the strongest disjoint pairs, then adds the best fits. */
  seedAndFill(): void {
    let table = 0;
    for (const [i, j] of strongestPairs(this.pairs)) {
      while (table < this.k && (this.sizes[table] ?? 0) < 2) table += 1;
      if (table >= this.k) break;
      if (this.tableOf[i] !== -1 || this.tableOf[j] !== -1) continue;
      this.seat(i, table);
      this.seat(j, table);
      table += 1;
    }
    for (let left = this.unseatedCount(); left > 0; left -= 1) {
      const [partner, best] = this.bestInsertion();
      this.seat(partner, best);
    }
  }

  /** Swaps and moves single partners while that raises the round's weight, within `budget`. */
  improve(budget: number): void {
    let evaluations = 0;
    for (let improved = true; improved && evaluations < budget;) {
      improved = false;
      for (let i = 0; i < this.pairs.n && evaluations < budget; i += 1) {
        for (let j = i + 1; j < this.pairs.n; j += 1) {
          evaluations += 1;
          if (this.trySwap(i, j)) improved = true;
        }
        for (let t = 0; t < this.k; t += 1) {
          evaluations += 1;
          if (this.tryMove(i, t)) improved = true;
        }
      }
    }
  }

  /** Pairs at one table that already met in an earlier round. */
  repeats(): number {
    let count = 0;
    for (const table of this.members)
      forEachPair(table, (i, j) => void (this.pairs.hasMet(i, j) && count++));
    return count;
  }

  tables(): number[][] {
    return this.members.map((table) => [...table].sort((a, b) => a - b));
  }

  private seat(partner: number, table: number): void {
    this.tableOf[partner] = table;
    this.members[table]?.push(partner);
    this.addLinks(partner, table, 1);
  }

  /** Adds (`sign` 1) or removes (-1) a partner's weights to everyone's links to a table. */
  private addLinks(partner: number, table: number, sign: 1 | -1): void {
    for (let x = 0; x < this.pairs.n; x += 1) {
      const index = x * this.k + table;
      this.links[index] = (this.links[index] ?? 0) + sign * this.pairs.effective(x, partner);
    }
  }

  private unseatedCount(): number {
    return this.tableOf.reduce((count, table) => count + (table === -1 ? 1 : 0), 0);
  }

  /** The unseated partner and open table with the highest gain; ties: lowest indexes. */
  private bestInsertion(): [number, number] {
    let best: [number, number] = [-1, -1];
    let bestGain = -Infinity;
    for (let p = 0; p < this.pairs.n; p += 1) {
      if (this.tableOf[p] !== -1) continue;
      for (let t = 0; t < this.k; t += 1) {
        if ((this.members[t]?.length ?? 0) >= (this.sizes[t] ?? 0)) continue;
        const gain = this.link(p, t);
        if (gain > bestGain + EPSILON) [best, bestGain] = [[p, t], gain];
      }
    }
    return best;
  }

  private link(partner: number, table: number): number {
    return this.links[partner * this.k + table] ?? 0;
  }

  private trySwap(i: number, j: number): boolean {
    const a = this.tableOf[i] ?? -1;
    const b = this.tableOf[j] ?? -1;
    if (a === b) return false;
    const w = this.pairs.effective(i, j);
    const delta = this.link(i, b) - w + this.link(j, a) - w - this.link(i, a) - this.link(j, b);
    if (delta <= EPSILON) return false;
    this.unseat(i, a);
    this.unseat(j, b);
    this.seat(i, b);
    this.seat(j, a);
    return true;
  }

  /** Moves a partner to a table one seat smaller: the sizes stay the same multiset. */
  private tryMove(i: number, to: number): boolean {
    const from = this.tableOf[i] ?? -1;
    const fromSize = this.members[from]?.length ?? 0;
    if (from === to || (this.members[to]?.length ?? 0) !== fromSize - 1) return false;
    if (this.link(i, to) - this.link(i, from) <= EPSILON) return false;
    this.unseat(i, from);
    this.seat(i, to);
    return true;
  }

  private unseat(partner: number, table: number): void {
    const members = this.members[table] ?? [];
    members.splice(members.indexOf(partner), 1);
    this.tableOf[partner] = -1;
    this.addLinks(partner, table, -1);
  }
}

/** Pairs with a positive effective weight, strongest first; ties by index. */
function strongestPairs(pairs: PairTable): [number, number][] {
  const found: [number, number, number][] = [];
  for (let i = 0; i < pairs.n; i += 1) {
    for (let j = i + 1; j < pairs.n; j += 1) {
      const weight = pairs.effective(i, j);
      if (weight > 0) found.push([i, j, weight]);
    }
  }
  found.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
  return found.map(([i, j]) => [i, j]);
}

/** Calls `visit` once for every pair of a table. */
export function forEachPair(table: readonly number[], visit: (i: number, j: number) => void): void {
  for (let x = 0; x < table.length; x += 1) {
    for (let y = x + 1; y < table.length; y += 1) visit(table[x] as number, table[y] as number);
  }
}
