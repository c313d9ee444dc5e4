import type { AuthUser } from '../auth/auth.types';
import { isSelfOrCoordinator } from '../auth/permissions';
import { ErrorCode, userError } from '../common/errors';
import { Semaphore } from '../common/semaphore';
import type { Language } from '../common/language';
import type { CypherExecutor } from '../db/executor';
import { runWrite } from '../db/write-unit';
import { explainConsortium } from './consortium-reasons';
import {
  assertConsortiumArgs,
  assertKnownDimensions,
  assertMayDismiss,
  assertSeeker,
  assertSuggestionRequest,
  type ConsortiumArgs,
  resolveWeights,
  type SuggestionRequest,
} from './matching.checks';
import { candidateFilter, excludedFor, labelsFrom, toReasons } from './matching.mapping';
import type { ScoredCandidate, Weights } from './matching.model';
import type { ExposureFactors } from './exposure-balance';
import type { MatchingRepository } from './matching.repository';
import type {
  Consortium,
  PairExplanation,
  PairRule,
  PartnerSuggestion,
  SuggestionLevel,
} from './matching.types';
import { RankingContext, type RankingSnapshot, withCommunity } from './ranking-context';
import { checkPairRules } from './pair-rules';
import { type Ranker, SlicedRanker } from './ranker';
import type { RankJob } from './ranking-steps';
import { DEFAULT_WEIGHTS, scoreLevel, scorePair } from './scoring';
import { labelKey, type ReferenceLabels, type Seeker } from './seeker';

/** How long reference names are reused before they are read again. */
export const LABEL_CACHE_MS = 5 * 60_000;

/**
 * Pool of a consortium search: the most recently active partners of each requested dimension,
 * plus (with `including`) that partner's best pair suggestions. Bounded, so a search costs the
 * same at 350 and at 50,000 partners.
 */
export const CONSORTIUM_POOL = { perDimension: 40, includingBest: 60 } as const;

/**
 * Suggestion lists and consortium searches computed at once in this process; later ones wait
 * their turn (FIFO). Each takes Neo4j reads, ranking and mapping: on 2 cores, more at once only
 * divides the same CPU among more of them and starves everyone else's requests (16 partners × 2
 * at once timed out in Neo4j and held `/healthz` for seconds; docs/performance.md). Every caller
 * still has at most `GRAPHQL_EXPENSIVE_IN_FLIGHT` operations waiting or running.
 * @default 2
 */
export const MATCHING_CONCURRENCY = 2;

/**
 * The 1-based rank a candidate with `score` would have among `others`, ranked as lists are: by
 * score weighted with the exposure factors, ties by id.
 */
function rankAmong(
  candidateId: string,
  score: number,
  others: readonly ScoredCandidate[],
  exposure: ExposureFactors,
): number {
  const weighted = (id: string, value: number) => value * (exposure.get(id) ?? 1);
  const own = weighted(candidateId, score);
  return (
    1 +
    others.filter((c) => {
      const value = weighted(c.candidate.id, c.score);
      return value > own || (value === own && c.candidate.id < candidateId);
    }).length
  );
}

/** NOT_FOUND for a partner id named by `argument`. */
function notFound(id: string, argument: string) {
  return userError(ErrorCode.NOT_FOUND, `expected partner ${id} to exist`, { argument });
}

/** Who asks and in which language the sentences are wanted. */
export interface SuggestionCaller {
  user: AuthUser | null;
  language: Language;
}

/**
 * Suggests new cooperation partners (the matching): reads seekers and bounded candidate sets from
 * the repository and ranks them with the pure pipeline of `rankCandidates` (rank.ts), through a
 * {@link Ranker} that keeps the work from blocking the event loop.
 */
export class MatchingService {
  private labelCache?: { until: number; labels: Promise<ReferenceLabels> };
  private readonly turns = new Semaphore(MATCHING_CONCURRENCY);

  constructor(
    private readonly repository: MatchingRepository,
    private readonly executor: CypherExecutor,
    private readonly context: RankingContext = new RankingContext(repository),
    private readonly ranker: Ranker = new SlicedRanker(),
  ) {}

  /**
   * The names of reference keys, read at most every {@link LABEL_CACHE_MS}: reference data
   * changes only when a process (re)loads it at start, so a short-lived copy saves a round trip
   * per request.
   */
  private referenceLabels(): Promise<ReferenceLabels> {
    const now = Date.now();
    if (!this.labelCache || this.labelCache.until < now) {
      const labels = this.repository.findLabels();
      // A failed read must not stay cached.
      labels.catch(() => (this.labelCache = undefined));
      this.labelCache = { until: now + LABEL_CACHE_MS, labels };
    }
    return this.labelCache.labels;
  }

  /**
   * Suggestions for one partner.
   * @throws NOT_FOUND for an unknown partner, BAD_USER_INPUT for a partner that is not ACTIVE,
   * for bad arguments, or for `addsDimensions` the partner already covers
   */
  async suggest(
    partnerId: string,
    request: SuggestionRequest,
    caller: SuggestionCaller,
  ): Promise<PartnerSuggestion[]> {
    assertSuggestionRequest(request);
    const weights = resolveWeights(request.weights);
    const [lists] = await this.suggestMany([partnerId], request, weights, caller, true);
    return lists ?? [];
  }

  /**
   * Suggestions for many partners at once (`Partner.suggestions` in lists): three round trips
   * whatever their number. Partners that are unknown or not ACTIVE get an empty list.
   */
  async suggestForPartners(
    partnerIds: readonly string[],
    first: number,
    caller: SuggestionCaller,
  ): Promise<PartnerSuggestion[][]> {
    assertSuggestionRequest({ first });
    return this.suggestMany(partnerIds, { first }, DEFAULT_WEIGHTS, caller, false);
  }

  /**
   * Groups of partners that together cover the requested dimensions (`searchConsortia` in consortia.ts).
   * @throws BAD_USER_INPUT for bad arguments or unknown dimensions, NOT_FOUND / BAD_USER_INPUT
   * for an unknown / inactive `including` partner
   */
  async suggestConsortia(args: ConsortiumArgs, caller: SuggestionCaller): Promise<Consortium[]> {
    assertConsortiumArgs(args);
    const weights = resolveWeights(args.weights);
    const reference = await this.referenceLabels();
    assertKnownDimensions(args.dimensions, (key) => reference.has(labelKey('dimension', key)));
    return this.turns.run(() => this.searchConsortia(args, weights, reference, caller));
  }

  /** {@link suggestConsortia} once its arguments are checked and its turn has come. */
  private async searchConsortia(
    args: ConsortiumArgs,
    weights: Weights,
    reference: ReferenceLabels,
    caller: SuggestionCaller,
  ): Promise<Consortium[]> {
    const snapshot = await this.context.current();
    const ids = new Set(
      await this.repository.findConsortiumPool(args.dimensions, CONSORTIUM_POOL.perDimension),
    );
    if (args.including) {
      (await this.includingBest(args.including, caller, snapshot)).forEach((id) => ids.add(id));
    }
    const { seekers, asOf } = await this.repository.findSeekers([...ids].sort());
    const pool = seekers
      .filter((s): s is Seeker => s?.status === 'ACTIVE')
      .map((s) => ({
        profile: withCommunity(s.profile, snapshot.communities),
        neighbours: new Map(s.former.map((f) => [f.id, f.neighbours.length])),
      }));
    const found = await this.ranker.consortia(pool, { ...args, weights, asOf });
    const labels = labelsFrom(reference);
    const byId = new Map(pool.map((m) => [m.profile.id, m]));
    return found.map((group) => ({
      partnerIds: group.memberIds,
      coverage: group.coverage,
      score: group.score,
      coveredDimensionKeys: group.covered,
      missingDimensionKeys: group.missing,
      reasons: explainConsortium(
        {
          members: group.memberIds.map((id) => byId.get(id)).filter((m) => m !== undefined),
          covered: group.covered,
          missing: group.missing,
        },
        labels,
        caller.language,
      ),
    }));
  }

  /** The including partner and its best pair suggestions, for the consortium pool. */
  private async includingBest(
    partnerId: string,
    caller: SuggestionCaller,
    snapshot: RankingSnapshot,
  ): Promise<string[]> {
    const { seekers, asOf, version } = await this.repository.findSeekers([partnerId]);
    const seeker = seekers[0] ?? null;
    assertSeeker(seeker, partnerId, null, 'including');
    const [candidates] = await this.repository.findCandidates(
      [{ seeker, excluded: excludedFor(seeker, null, caller.user) }],
      {},
      version,
    );
    const best = await this.ranker.rank(
      {
        seeker: seeker.profile,
        candidates: candidates ?? [],
        options: { weights: DEFAULT_WEIGHTS, asOf, k: CONSORTIUM_POOL.includingBest, lambda: 1 },
        balanced: false,
      },
      snapshot,
    );
    return [partnerId, ...best.map((r) => r.candidate.id)];
  }

  /**
   * Suggestions for a partner among given candidates only (the partners present at a
   * Kooperationsbörse), with the same hard rules, scores and reasons as {@link suggest}.
   * @throws NOT_FOUND / BAD_USER_INPUT for an unknown / inactive partner
   */
  async suggestAmong(
    partnerId: string,
    candidateIds: readonly string[],
    first: number,
    caller: SuggestionCaller,
  ): Promise<PartnerSuggestion[]> {
    assertSuggestionRequest({ first });
    const [reference, { seekers, asOf, version }, snapshot] = await Promise.all([
      this.referenceLabels(),
      this.repository.findSeekers([partnerId]),
      this.context.current(),
    ]);
    const seeker = seekers[0] ?? null;
    assertSeeker(seeker, partnerId, null);
    const request = { seeker, excluded: excludedFor(seeker, null, caller.user) };
    const candidates = await this.repository.findCandidatesAmong(request, candidateIds, version);
    // The partners present are a given set: exposure across the alliance does not apply.
    const job = {
      seeker: seeker.profile,
      candidates,
      options: { weights: DEFAULT_WEIGHTS, asOf, k: first },
      balanced: false,
    };
    const [list = []] = await this.ranker.suggestions([job], {
      snapshot,
      labels: reference,
      language: caller.language,
    });
    return list;
  }

  /**
   * "Why (not) X?": the score of a pair with its components and reasons, every hard rule with a
   * sentence, and the candidate's rank by score among the partner's suggestions as if it passed the
   * rules. Public like suggestions; whether the partner dismissed the candidate is only told to the
   * partner and coordinators. Scores with the default weights, as `Partner.suggestions`.
   * @throws BAD_USER_INPUT for the same partner twice, NOT_FOUND for an unknown partner
   */
  async explainPair(
    partnerId: string,
    candidateId: string,
    caller: SuggestionCaller,
  ): Promise<PairExplanation> {
    if (partnerId === candidateId) {
      throw userError(ErrorCode.BAD_USER_INPUT, 'expected candidateId to be another partner', {
        argument: 'candidateId',
      });
    }
    const [reference, { seekers, asOf, version }, facts, snapshot] = await Promise.all([
      this.referenceLabels(),
      this.repository.findSeekers([partnerId]),
      this.repository.findPairFacts(partnerId, candidateId),
      this.context.current(),
    ]);
    const { exposure, communities } = snapshot;
    const [seeker] = seekers;
    if (!seeker) throw notFound(partnerId, 'partnerId');
    if (!facts) throw notFound(candidateId, 'candidateId');
    const [found] = await this.repository.findCandidatesAmong(
      { seeker, excluded: [] },
      [candidateId],
      version,
    );
    if (!found) throw notFound(candidateId, 'candidateId');
    const candidate = { ...found, profile: withCommunity(found.profile, communities) };
    const profile = withCommunity(seeker.profile, communities);
    const scored = scorePair(profile, candidate.profile, candidate.signals, DEFAULT_WEIGHTS, asOf);
    const [pool = []] = await this.repository.findCandidates(
      [{ seeker, excluded: [...excludedFor(seeker, null, caller.user), candidateId] }],
      {},
      version,
    );
    const others = await this.ranker.scoreAll(
      {
        seeker: seeker.profile,
        candidates: pool,
        options: { weights: DEFAULT_WEIGHTS, asOf, k: 0 },
        balanced: false,
      },
      snapshot,
    );
    const labels = labelsFrom(reference);
    const rules = checkPairRules(
      profile,
      candidate.profile,
      facts.candidateName,
      {
        seekerStatus: seeker.status,
        candidateStatus: facts.candidateStatus,
        sharedCooperationId: facts.sharedCooperationId,
        ...(isSelfOrCoordinator(caller.user, partnerId)
          ? { dismissed: facts.dismissed, outcome: facts.outcome }
          : { dismissed: null, outcome: null }),
      },
      labels,
    );
    return {
      partnerId,
      candidateId,
      eligible: rules.every((r) => r.passed),
      score: scored.score,
      level: scoreLevel(scored.score) as SuggestionLevel,
      components: scored.components,
      reasons: toReasons(
        profile,
        { candidate: candidate.profile, signals: candidate.signals },
        labels,
        caller.language,
      ),
      rules: rules.map((r) => ({
        rule: r.rule as PairRule,
        passed: r.passed,
        text: r.text[caller.language],
        cooperationId: r.cooperationId ?? null,
      })),
      rank: rankAmong(candidateId, scored.score, others, exposure),
      rankedAmong: pool.length + 1,
    };
  }

  /** Dismisses a suggestion: `candidateId` is no longer suggested to `partnerId`. */
  dismiss(partnerId: string, candidateId: string, user: AuthUser | null): Promise<boolean> {
    return this.setDismissed(partnerId, candidateId, true, user);
  }

  /** Undoes {@link MatchingService.dismiss}. */
  restore(partnerId: string, candidateId: string, user: AuthUser | null): Promise<boolean> {
    return this.setDismissed(partnerId, candidateId, false, user);
  }

  /**
   * The shared pipeline of {@link suggest} and {@link suggestForPartners}: seekers and labels in
   * one round, candidates of all seekers in one more, then the ranker's lists per seeker.
   * @param strict - refuse unknown or inactive partners instead of giving them an empty list
   */
  private suggestMany(
    partnerIds: readonly string[],
    request: SuggestionRequest,
    weights: Weights,
    caller: SuggestionCaller,
    strict: boolean,
  ): Promise<PartnerSuggestion[][]> {
    return this.turns.run(() => this.computeMany(partnerIds, request, weights, caller, strict));
  }

  /** {@link suggestMany} once its turn has come. */
  private async computeMany(
    partnerIds: readonly string[],
    request: SuggestionRequest,
    weights: Weights,
    caller: SuggestionCaller,
    strict: boolean,
  ): Promise<PartnerSuggestion[][]> {
    const [reference, { seekers, asOf, version }, snapshot] = await Promise.all([
      this.referenceLabels(),
      this.repository.findSeekers(partnerIds),
      this.context.current(),
    ]);
    const active = seekers.filter((seeker, i) => {
      if (strict) assertSeeker(seeker, partnerIds[i] ?? '', request.filter);
      return seeker?.status === 'ACTIVE';
    }) as Seeker[];
    const requests = active.map((seeker) => ({
      seeker,
      excluded: excludedFor(seeker, request.filter, caller.user),
    }));
    const candidates = await this.repository.findCandidates(
      requests,
      candidateFilter(request.filter),
      version,
    );
    const jobs: RankJob[] = active.map((seeker, i) => ({
      seeker: seeker.profile,
      candidates: candidates[i] ?? [],
      options: { weights, asOf, k: request.first },
      balanced: true,
    }));
    const lists = await this.ranker.suggestions(jobs, {
      snapshot,
      labels: reference,
      language: caller.language,
    });
    const bySeeker = new Map(active.map((seeker, i) => [seeker.profile.id, lists[i] ?? []]));
    return partnerIds.map((id) => bySeeker.get(id) ?? []);
  }

  /** Dismisses or restores in one write unit, so the change is audited with the data version. */
  private async setDismissed(
    partnerId: string,
    candidateId: string,
    dismissed: boolean,
    user: AuthUser | null,
  ): Promise<boolean> {
    assertMayDismiss(user, partnerId, candidateId);
    const operation = dismissed ? 'dismissSuggestion' : 'restoreSuggestion';
    return runWrite(this.executor, { user, operation }, async (tx) => {
      const found = await this.repository.setDismissed(tx, partnerId, candidateId, dismissed);
      if (!found) {
        throw userError(
          ErrorCode.NOT_FOUND,
          `expected partners ${partnerId} and ${candidateId} to exist`,
        );
      }
      return { result: true, ids: [partnerId, candidateId] };
    });
  }
}
