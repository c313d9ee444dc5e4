import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * A seeded random source over pure-rand's xoroshiro128+. It is the generator's only source of
 * randomness, so the same seed always gives the same alliance.
 */
export class Rng {
  private constructor(private readonly generator: JumpableRandomGenerator) {}

  /** A random source for `seed` (any integer; only its lower 32 bits count). */
  static fromSeed(seed: number): Rng {
    return new Rng(xoroshiro128plus(seed | 0));
  }

  /**
   * An independent stream for one phase of the generation. Each phase gets its own, so that a
   * change in one phase does not reshuffle the others.
   */
  fork(): Rng {
    // Jumps move 2^64 steps ahead: the child owns the next stretch, the parent the one after.
    this.generator.jump();
    const child = this.generator.clone();
    this.generator.jump();
    return new Rng(child);
  }

  /** An integer in `[min, max]`, both included. */
  int(min: number, max: number): number {
    return uniformInt(this.generator, min, max);
  }

  /**
   * A float in `[0, 1)` with 32 bits of randomness: plenty for weights and noise, and half the
   * cost of a 53-bit float in the generator's hottest loop.
   */
  float(): number {
    return (this.generator.next() >>> 0) / 4_294_967_296;
  }

  /** A float in `[min, max)`. */
  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** `true` with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /**
   * One element, uniformly.
   * @throws {RangeError} for an empty list
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('expected a non-empty list to pick from, got []');
    return items[this.int(0, items.length - 1)] as T;
  }

  /**
   * The index of one weight, chosen with probability proportional to it.
   * @returns `-1` when no weight is positive
   */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w > 0 ? w : 0;
    if (total <= 0) return -1;
    let target = this.float() * total;
    let last = -1;
    for (let i = 0; i < weights.length; i += 1) {
      const w = weights[i] ?? 0;
      if (w <= 0) continue;
      last = i;
      target -= w;
      if (target < 0) return i;
    }
    return last;
  }

  /**
   * One element with probability proportional to its weight.
   * @throws {RangeError} when no weight is positive
   */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const index = this.weightedIndex(items.map(([, w]) => w));
    const entry = items[index];
    if (entry === undefined) throw new RangeError('expected at least one positive weight');
    return entry[0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
    }
    return copy;
  }

  /**
   * All items in a random order in which heavier items tend to come first: sampling without
   * replacement proportional to weight (Efraimidis–Spirakis keys `ln(u) / w`). Taking the first
   * k is a weighted sample of k distinct items in O(n log n).
   */
  weightedOrder<T>(items: readonly T[], weight: (item: T) => number): T[] {
    const keyed = items.map((item) => ({ item, key: Math.log(1 - this.float()) / weight(item) }));
    keyed.sort((a, b) => b.key - a.key);
    return keyed.map((k) => k.item);
  }
}
