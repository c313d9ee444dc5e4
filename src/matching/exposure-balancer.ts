import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import { type ExposureFactors, exposureFactors } from './exposure-balance';
import { excludedFor } from './matching.mapping';
import type { ScoredCandidate } from './matching.model';
import type { MatchingRepository } from './matching.repository';
import { DEFAULT_DIVERSITY_LAMBDA, scoreEligible } from './rank';
import { DEFAULT_WEIGHTS } from './scoring';

/** How the balancer samples and how often it refreshes (docs/matching.md#exposure). */
export const BALANCER_SETTINGS = {
  /** Seekers whose lists are balanced at most: all of them up to this size, else an even sample. */
  maxSeekers: 400,
  /** Seekers read per round trip. */
  batch: 50,
  /** Each seeker's best candidates that take part; further down no factor reaches the top 5. */
  poolDepth: 100,
  /**
   * How long factors are kept. Lists stay the same for the same data within this time, and one
   * computation (seconds at 50,000 partners) runs at most this often whatever the write rate.
   * @default 600000 // ten minutes
   */
  refreshMs: 10 * 60_000,
} as const;

/**
 * Keeps the exposure factors of the matching ({@link exposureFactors}) for the whole alliance:
 * computed in the background from every ACTIVE seeker's pool (a sample beyond
 * {@link BALANCER_SETTINGS.maxSeekers}), refreshed every {@link BALANCER_SETTINGS.refreshMs}. The
 * first request waits for the first computation; later ones use the latest factors while a newer
 * computation runs. Scoring yields to the event loop between seekers, so other requests are served
 * meanwhile.
 */
export class ExposureBalancer {
  private latest?: { at: number; factors: ExposureFactors };
  private running?: Promise<ExposureFactors>;

  constructor(
    private readonly repository: MatchingRepository,
    private readonly logger?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current factors; starts a refresh when they are older than the refresh time. */
  async factors(): Promise<ExposureFactors> {
    const stale = !this.latest || this.now() - this.latest.at >= BALANCER_SETTINGS.refreshMs;
    if (stale && !this.running) this.running = this.refresh();
    return this.latest?.factors ?? (this.running as Promise<ExposureFactors>);
  }

  private async refresh(): Promise<ExposureFactors> {
    const started = this.now();
    try {
      const factors = await this.compute();
      this.latest = { at: started, factors };
      this.logger?.info(
        { candidates: factors.size, ms: this.now() - started },
        'matching exposure factors computed',
      );
      return factors;
    } catch (error) {
      // Without factors the lists are still correct, only less balanced; try again next time.
      this.logger?.warn({ err: error }, 'matching exposure factors failed');
      return this.latest?.factors ?? new Map();
    } finally {
      this.running = undefined;
    }
  }

  private async compute(): Promise<ExposureFactors> {
    const active = await this.repository.findActiveIds();
    const sample = evenSample(active, BALANCER_SETTINGS.maxSeekers);
    const pools: ScoredCandidate[][] = [];
    for (let i = 0; i < sample.length; i += BALANCER_SETTINGS.batch) {
      pools.push(...(await this.poolsOf(sample.slice(i, i + BALANCER_SETTINGS.batch))));
    }
    await yieldToEventLoop();
    return exposureFactors(pools, active.length, DEFAULT_DIVERSITY_LAMBDA);
  }

  /** The scored pools of some seekers as a public list would rank them (no dismissals). */
  private async poolsOf(ids: readonly string[]): Promise<ScoredCandidate[][]> {
    const { seekers, asOf, version } = await this.repository.findSeekers(ids);
    const requests = seekers.flatMap((seeker) =>
      seeker?.status === 'ACTIVE' ? [{ seeker, excluded: excludedFor(seeker, null, null) }] : [],
    );
    const candidates = await this.repository.findCandidates(requests, {}, version);
    const pools: ScoredCandidate[][] = [];
    for (const [i, { seeker }] of requests.entries()) {
      const scored = scoreEligible(seeker.profile, candidates[i] ?? [], {
        weights: DEFAULT_WEIGHTS,
        asOf,
      });
      pools.push(scored.sort((a, b) => b.score - a.score).slice(0, BALANCER_SETTINGS.poolDepth));
      await yieldToEventLoop();
    }
    return pools;
  }
}

/** At most `max` ids spread evenly over the sorted list, so a sample covers the whole alliance. */
export function evenSample(ids: readonly string[], max: number): string[] {
  if (ids.length <= max) return [...ids];
  const stride = ids.length / max;
  return Array.from({ length: max }, (_, i) => ids[Math.floor(i * stride)] as string);
}
