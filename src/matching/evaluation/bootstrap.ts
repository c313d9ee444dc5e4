import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A point estimate with its bootstrap confidence interval. */
export interface Interval {
  /** The statistic on the original sample. */
  estimate: number;
  /** Lower bound of the percentile interval. */
  low: number;
  /** Upper bound of the percentile interval. */
  high: number;
}

/** How to resample. */
export interface BootstrapOptions {
  /** Number of resamples. @default 1000 */
  resamples?: number;
  /** Seed of pure-rand's xoroshiro128+; the same seed and size give the same resamples. @default 42 */
  seed?: number;
  /** Coverage of the interval. @default 0.95 */
  level?: number;
}

/**
 * Drawn resamples of `n` units, as multiplicities: `weights[r][i]` is how often unit i was drawn
 * in resample r (the weights of a resample sum to n). Every statistic evaluated on one
 * {@link Resamples} sees the same draws, so statistics of different methods are paired and a ratio
 * of two means is computed on the same resample.
 */
export interface Resamples {
  n: number;
  level: number;
  weights: readonly Uint32Array[];
}

/** A statistic of a weighted sample: each unit counted as often as its weight says. */
export type Statistic = (weights: Uint32Array) => number;

/**
 * Draws the resamples of a sample of `n` units, with replacement (the nonparametric bootstrap).
 * Deterministic: pure-rand seeded with `seed`. Costs O(resamples · n).
 * @throws RangeError when `n` or `resamples` is not a non-negative integer or `level` is outside (0, 1).
 */
export function drawResamples(n: number, options: BootstrapOptions = {}): Resamples {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`expected n to be a non-negative integer, got ${n}`);
  }
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`expected resamples to be a positive integer, got ${resamples}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`expected level to be between 0 and 1, got ${level}`);
  }
  const generator = xoroshiro128plus(options.seed ?? 42);
  const weights: Uint32Array[] = [];
  for (let r = 0; r < resamples; r += 1) {
    const counts = new Uint32Array(n);
    for (let i = 0; i < n; i += 1) {
      const drawn = uniformInt(generator, 0, n - 1);
      counts[drawn] = (counts[drawn] ?? 0) + 1;
    }
    weights.push(counts);
  }
  return { n, level, weights };
}

/**
 * The percentile interval of a statistic: the statistic on the original sample (every weight 1)
 * and the (1 − level) / 2 and (1 + level) / 2 quantiles of its values on the resamples (linear
 * interpolation between order statistics). Not guaranteed to contain the estimate for skewed
 * statistics; for means of a few dozen units or more it does in practice.
 */
export function interval(resamples: Resamples, statistic: Statistic): Interval {
  const estimate = statistic(new Uint32Array(resamples.n).fill(1));
  const values = resamples.weights.map(statistic).sort((a, b) => a - b);
  const tail = (1 - resamples.level) / 2;
  return { estimate, low: quantile(values, tail), high: quantile(values, 1 - tail) };
}

/**
 * The weighted mean of per-unit values.
 * @returns 0 for an empty sample.
 */
export function meanOf(values: readonly number[]): Statistic {
  return (weights) => {
    let sum = 0;
    let count = 0;
    values.forEach((value, i) => {
      const w = weights[i] ?? 0;
      sum += w * value;
      count += w;
    });
    return count === 0 ? 0 : sum / count;
  };
}

/**
 * The ratio of two weighted means over the same units, mean(numerator) / mean(denominator).
 * A zero denominator gives +∞ when the numerator is positive and 1 when both are 0 (no
 * difference), so the resample still counts in the interval instead of turning NaN.
 * @param numerator - per-unit values of the upper method, aligned with `denominator`
 */
export function ratioOfMeans(
  numerator: readonly number[],
  denominator: readonly number[],
): Statistic {
  return (weights) => {
    let top = 0;
    let bottom = 0;
    numerator.forEach((value, i) => {
      const w = weights[i] ?? 0;
      top += w * value;
      bottom += w * (denominator[i] ?? 0);
    });
    if (bottom === 0) return top > 0 ? Infinity : 1;
    return top / bottom;
  };
}

/** The p-quantile of ascending values, interpolating linearly (R's type 7); NaN when empty. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  // ∞ − ∞ would give NaN; an infinite bound stays infinite.
  return lower === upper ? lower : lower + (position - below) * (upper - lower);
}
