import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import { TimeSlicer } from '../common/time-slicer';
import { type ExposureFactors, exposureFactorSteps } from './exposure-balance';
import { excludedFor } from './matching.mapping';
import type { PartnerProfile, ScoredCandidate } from './matching.model';
import type { MatchingRepository } from './matching.repository';
import { type Candidate, DEFAULT_DIVERSITY_LAMBDA, type RankOptions, scoreEligible } from './rank';
import { DEFAULT_WEIGHTS } from './scoring';

/** What ranking needs of the whole alliance, beyond the pairs: kept and refreshed together. */
export interface RankingSnapshot {
  /** Exposure factors of candidates ({@link exposureFactors}). */
  exposure: ExposureFactors;
  /** Community of each partner that has cooperated, from the network slice (bridging). */
  communities: ReadonlyMap<string, string>;
}

/** Where the communities of the co-cooperation graph come from (the network slice). */
export type CommunitySource = () => Promise<ReadonlyMap<string, string>>;

/**
 * Scores one seeker's eligible candidates in input order, as `scoreEligible` does with the
 * seeker and candidates placed in their communities. The matching slice hands in its ranker's
 * (a worker thread): a refresh scores hundreds of pools, which on the event loop delayed every
 * request while it ran (nested 50-partner page at 353 partners: p50 36 ms; during a refresh
 * 54 ms scored on the loop, 48 ms in the worker).
 */
export type PoolScorer = (
  seeker: PartnerProfile,
  candidates: readonly Candidate[],
  options: Pick<RankOptions, 'weights' | 'asOf'>,
  communities: ReadonlyMap<string, string>,
) => Promise<ScoredCandidate[]>;

/** Scores on the event loop, a seeker at a time between other work (tests, no ranker). */
const scoreOnTheLoop: PoolScorer = async (seeker, candidates, options, communities) => {
  await yieldToEventLoop();
  return scoreEligible(
    withCommunity(seeker, communities),
    inCommunities(candidates, communities),
    options,
  );
};

/** How the context samples and how often it refreshes (docs/matching.md#exposure). */
export const RANKING_CONTEXT_SETTINGS = {
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

/** Where a {@link RankingContext} gets communities, time and CPU from; all optional. */
export interface RankingContextOptions {
  communities?: CommunitySource;
  logger?: Logger;
  now?: () => number;
  /** Runs the exposure factors' steps on the event loop. */
  slicer?: TimeSlicer;
  score?: PoolScorer;
}

/**
 * Keeps what ranking needs of the whole alliance ({@link RankingSnapshot}): the communities of the
 * co-cooperation graph and the exposure factors, computed in the background from every ACTIVE
 * seeker's pool (a sample beyond {@link RANKING_CONTEXT_SETTINGS.maxSeekers}) and refreshed every
 * {@link RANKING_CONTEXT_SETTINGS.refreshMs}. The first request waits for the first computation;
 * later ones use the latest snapshot while a newer one is computed. The pools are scored by
 * the {@link PoolScorer} (the ranking worker in the app) and the factors are computed in slices
 * on the event loop, so other requests are served meanwhile.
 */
export class RankingContext {
  private latest?: { at: number; snapshot: RankingSnapshot };
  private running?: Promise<RankingSnapshot>;

  private readonly communities: CommunitySource;
  private readonly logger?: Logger;
  private readonly now: () => number;
  private readonly slicer: TimeSlicer;
  private readonly score: PoolScorer;

  constructor(
    private readonly repository: MatchingRepository,
    options: RankingContextOptions = {},
  ) {
    this.communities = options.communities ?? (async () => new Map());
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.slicer = options.slicer ?? new TimeSlicer();
    this.score = options.score ?? scoreOnTheLoop;
  }

  /** The current snapshot; starts a refresh when it is older than the refresh time. */
  async current(): Promise<RankingSnapshot> {
    const age = this.latest ? this.now() - this.latest.at : Infinity;
    if (age >= RANKING_CONTEXT_SETTINGS.refreshMs && !this.running) this.running = this.refresh();
    return this.latest?.snapshot ?? (this.running as Promise<RankingSnapshot>);
  }

  private async refresh(): Promise<RankingSnapshot> {
    const started = this.now();
    try {
      const snapshot = await this.compute();
      // An alliance without ACTIVE partners (a start before the data is loaded) is not kept.
      if (snapshot.exposure.size > 0) this.latest = { at: started, snapshot };
      this.logger?.info(
        { candidates: snapshot.exposure.size, ms: this.now() - started },
        'matching ranking context computed',
      );
      return snapshot;
    } catch (error) {
      // Without it lists are still correct, only less balanced; try again at the next request.
      this.logger?.warn({ err: error }, 'matching ranking context failed');
      return this.latest?.snapshot ?? { exposure: new Map(), communities: new Map() };
    } finally {
      this.running = undefined;
    }
  }

  private async compute(): Promise<RankingSnapshot> {
    const [active, communities] = await Promise.all([
      this.repository.findActiveIds(),
      this.communities(),
    ]);
    const sample = evenSample(active, RANKING_CONTEXT_SETTINGS.maxSeekers);
    const pools: ScoredCandidate[][] = [];
    for (let i = 0; i < sample.length; i += RANKING_CONTEXT_SETTINGS.batch) {
      const ids = sample.slice(i, i + RANKING_CONTEXT_SETTINGS.batch);
      pools.push(...(await this.poolsOf(ids, communities)));
    }
    const exposure = await this.slicer.run(
      exposureFactorSteps(pools, active.length, DEFAULT_DIVERSITY_LAMBDA),
    );
    return { exposure, communities };
  }

  /** The scored pools of some seekers as a public list would rank them (no dismissals). */
  private async poolsOf(
    ids: readonly string[],
    communities: ReadonlyMap<string, string>,
  ): Promise<ScoredCandidate[][]> {
    const { seekers, asOf, version } = await this.repository.findSeekers(ids);
    const requests = seekers.flatMap((seeker) =>
      seeker?.status === 'ACTIVE' ? [{ seeker, excluded: excludedFor(seeker, null, null) }] : [],
    );
    const candidates = await this.repository.findCandidates(requests, {}, version);
    const pools: ScoredCandidate[][] = [];
    // One seeker at a time, so that requests' own ranking jobs queue between them.
    for (const [i, { seeker }] of requests.entries()) {
      const options = { weights: DEFAULT_WEIGHTS, asOf };
      const scored = await this.score(seeker.profile, candidates[i] ?? [], options, communities);
      pools.push(
        scored.sort((a, b) => b.score - a.score).slice(0, RANKING_CONTEXT_SETTINGS.poolDepth),
      );
    }
    return pools;
  }
}

/** A profile with its community from the snapshot (`null` for partners that never cooperated). */
export function withCommunity(
  profile: PartnerProfile,
  communities: ReadonlyMap<string, string>,
): PartnerProfile {
  return { ...profile, community: communities.get(profile.id) ?? null };
}

/** Candidates whose profiles carry their communities. */
export function inCommunities(
  candidates: readonly Candidate[],
  communities: ReadonlyMap<string, string>,
): Candidate[] {
  return candidates.map((c) => ({ ...c, profile: withCommunity(c.profile, communities) }));
}

/** At most `max` ids spread evenly over the sorted list, so a sample covers the whole alliance. */
function evenSample(ids: readonly string[], max: number): string[] {
  if (ids.length <= max) return [...ids];
  const stride = ids.length / max;
  return Array.from({ length: max }, (_, i) => ids[Math.floor(i * stride)] as string);
}
