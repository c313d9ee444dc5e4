import { isSelfOrCoordinator } from '../auth/permissions';
import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { Language } from '../common/language';
import { coveredDimensions } from '../cooperations/cross-dimension-rule';
import type { CypherExecutor } from '../db/executor';
import { runWrite } from '../db/write-unit';
import { assertIntInRange, assertKey } from '../common/checks';
import type { ScoredCandidate, Weights } from './matching.model';
import { COMPONENT_NAMES } from './matching.model';
import {
  type CandidateFilter,
  labelKey,
  type MatchingRepository,
  type ReferenceLabels,
  type Seeker,
} from './matching.repository';
import type {
  Consortium,
  PartnerSuggestion,
  SuggestionFilter,
  WeightsInput,
} from './matching.types';
import { searchConsortia } from './consortia';
import { explainConsortium } from './consortium-reasons';
import { rankCandidates } from './rank';
import { explainPair, KEY_LABELS, type Labels } from './reasons';
import { DEFAULT_WEIGHTS, validateWeights } from './scoring';

/** How long reference names are reused before they are read again. */
export const LABEL_CACHE_MS = 5 * 60_000;

/** The longest suggestion list one request may ask for. */
export const MAX_SUGGESTIONS = 50;
/** The most ids `filter.excludeIds` may hold. */
export const MAX_EXCLUDED_IDS = 100;

/** What a list of suggestions is asked with. */
export interface SuggestionRequest {
  first: number;
  filter?: SuggestionFilter | null;
  weights?: WeightsInput | null;
}

/** The arguments of `suggestedConsortia`. */
export interface ConsortiumArgs {
  dimensions: string[];
  size: number;
  including?: string | null;
  first: number;
}

/** Bounds of `suggestedConsortia`'s arguments. */
export const CONSORTIUM_LIMITS = {
  minSize: 3,
  maxSize: 5,
  maxFirst: 20,
  minDimensions: 2,
} as const;

/**
 * Pool of a consortium search: the most recently active partners of each requested dimension,
 * plus (with `including`) that partner's best pair suggestions. Bounded, so a search costs the
 * same at 350 and at 50,000 partners.
 */
export const CONSORTIUM_POOL = { perDimension: 40, includingBest: 60 } as const;

/** Who asks and in which language the sentences are wanted. */
export interface SuggestionCaller {
  user: AuthUser | null;
  language: Language;
}

/**
 * Merges a client's weights over {@link DEFAULT_WEIGHTS}: an omitted weight keeps its default, so
 * a client can stress one component without restating the others.
 * @throws BAD_USER_INPUT for a negative or non-finite weight, or when all are zero
 */
export function resolveWeights(input: WeightsInput | null | undefined): Weights {
  const weights = Object.fromEntries(
    COMPONENT_NAMES.map((name) => [name, input?.[name] ?? DEFAULT_WEIGHTS[name]]),
  ) as Weights;
  const problems = validateWeights(weights);
  if (problems.length > 0) {
    throw userError(ErrorCode.BAD_USER_INPUT, problems.join('; '), { argument: 'weights' });
  }
  return weights;
}

/**
 * Checks the list length and the filter's keys and ids.
 * @throws BAD_USER_INPUT naming the argument
 */
export function assertSuggestionRequest({ first, filter }: SuggestionRequest): void {
  assertIntInRange('first', first, 1, MAX_SUGGESTIONS);
  for (const name of ['districts', 'boroughs', 'topics', 'addsDimensions'] as const) {
    filter?.[name]?.forEach((key) => assertKey(`filter.${name}`, key));
  }
  const excluded = filter?.excludeIds?.length ?? 0;
  if (excluded > MAX_EXCLUDED_IDS) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected at most ${MAX_EXCLUDED_IDS} filter.excludeIds, got ${excluded}`,
      { argument: 'filter.excludeIds' },
    );
  }
}

/**
 * Checks the consortium arguments.
 * @throws BAD_USER_INPUT naming the argument
 */
export function assertConsortiumArgs({ dimensions, size, first }: ConsortiumArgs): void {
  const { minSize, maxSize, maxFirst, minDimensions } = CONSORTIUM_LIMITS;
  dimensions.forEach((key) => assertKey('dimensions', key));
  const distinct = new Set(dimensions).size;
  const problems: [string, string][] = [];
  if (distinct < minDimensions || distinct !== dimensions.length) {
    problems.push([
      'dimensions',
      `expected at least ${minDimensions} distinct dimensions, got ${dimensions.join(', ') || 'none'}`,
    ]);
  }
  if (!Number.isInteger(size) || size < minSize || size > maxSize) {
    problems.push(['size', `expected size between ${minSize} and ${maxSize}, got ${size}`]);
  }
  if (!Number.isInteger(first) || first < 1 || first > maxFirst) {
    problems.push(['first', `expected first between 1 and ${maxFirst}, got ${first}`]);
  }
  const [problem] = problems;
  if (problem) throw userError(ErrorCode.BAD_USER_INPUT, problem[1], { argument: problem[0] });
}

/** Names keys from the graph's reference data, falling back to the key itself. */
function labelsFrom(reference: ReferenceLabels): Labels {
  return (kind, key) => reference.get(labelKey(kind, key)) ?? KEY_LABELS(kind, key);
}

/** Turns a ranked candidate into the API's suggestion, with reasons in the caller's language. */
export function toSuggestion(
  seeker: Seeker,
  ranked: ScoredCandidate,
  labels: Labels,
  language: Language,
): PartnerSuggestion {
  const { candidate, signals } = ranked;
  const seekerDimensions = new Set(seeker.profile.engagements.map((e) => e.dimension));
  return {
    partnerId: candidate.id,
    score: ranked.score,
    components: ranked.components,
    reasons: explainPair(seeker.profile, candidate, signals, labels).map((reason) => ({
      code: reason.code,
      ref: reason.ref ?? null,
      refName: reason.ref === undefined ? null : refName(reason.code, reason.ref, labels, language),
      partnerIds: reason.partnerIds ?? [],
      text: reason.text[language],
    })),
    coveredDimensionKeys: coveredDimensions([seeker.profile.engagements, candidate.engagements]),
    addedDimensionKeys: coveredDimensions([candidate.engagements]).filter(
      (key) => !seekerDimensions.has(key),
    ),
  };
}

function refName(code: string, ref: string, labels: Labels, language: Language): string {
  const kind =
    code === 'SHARED_TOPIC'
      ? 'topic'
      : code === 'SAME_DISTRICT'
        ? 'district'
        : code === 'SAME_BOROUGH'
          ? 'borough'
          : code === 'OTHER_SECTOR'
            ? 'sector'
            : 'dimension';
  return labels(kind, ref)[language];
}

/**
 * Suggests new cooperation partners (the matching): reads seekers and bounded candidate sets from
 * the repository and ranks them with the pure pipeline of {@link rankCandidates}.
 */
export class MatchingService {
  private labelCache?: { until: number; labels: Promise<ReferenceLabels> };

  constructor(
    private readonly repository: MatchingRepository,
    private readonly executor: CypherExecutor,
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
   * Groups of partners that together cover the requested dimensions ({@link searchConsortia}).
   * @throws BAD_USER_INPUT for bad arguments or unknown dimensions, NOT_FOUND / BAD_USER_INPUT
   * for an unknown / inactive `including` partner
   */
  async suggestConsortia(args: ConsortiumArgs, caller: SuggestionCaller): Promise<Consortium[]> {
    assertConsortiumArgs(args);
    const reference = await this.referenceLabels();
    const unknown = args.dimensions.filter((key) => !reference.has(labelKey('dimension', key)));
    if (unknown.length > 0) {
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        `expected known dimensions, got ${unknown.join(', ')}`,
        {
          argument: 'dimensions',
        },
      );
    }
    const ids = new Set(
      await this.repository.findConsortiumPool(args.dimensions, CONSORTIUM_POOL.perDimension),
    );
    if (args.including) {
      (await this.includingBest(args.including, caller)).forEach((id) => ids.add(id));
    }
    const { seekers, asOf } = await this.repository.findSeekers([...ids].sort());
    const pool = seekers
      .filter((s): s is Seeker => s?.status === 'ACTIVE')
      .map((s) => ({
        profile: s.profile,
        neighbours: new Map(s.former.map((f) => [f.id, f.neighbours.length])),
      }));
    const found = searchConsortia(pool, { ...args, weights: DEFAULT_WEIGHTS, asOf });
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
  private async includingBest(partnerId: string, caller: SuggestionCaller): Promise<string[]> {
    const { seekers, asOf, version } = await this.repository.findSeekers([partnerId]);
    const seeker = seekers[0] ?? null;
    assertSeeker(seeker, partnerId, null, 'including');
    const [candidates] = await this.repository.findCandidates(
      [{ seeker, excluded: excludedFor(seeker, null, caller.user) }],
      {},
      version,
    );
    const best = rankCandidates(seeker.profile, candidates ?? [], {
      weights: DEFAULT_WEIGHTS,
      asOf,
      k: CONSORTIUM_POOL.includingBest,
      lambda: 1,
    });
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
    const [reference, { seekers, asOf, version }] = await Promise.all([
      this.referenceLabels(),
      this.repository.findSeekers([partnerId]),
    ]);
    const seeker = seekers[0] ?? null;
    assertSeeker(seeker, partnerId, null);
    const request = { seeker, excluded: excludedFor(seeker, null, caller.user) };
    const candidates = await this.repository.findCandidatesAmong(request, candidateIds, version);
    const ranked = rankCandidates(seeker.profile, candidates, {
      weights: DEFAULT_WEIGHTS,
      asOf,
      k: first,
    });
    const labels = labelsFrom(reference);
    return ranked.map((r) => toSuggestion(seeker, r, labels, caller.language));
  }

  /** Dismisses a suggestion: `candidateId` is no longer suggested to `partnerId`. */
  dismiss(partnerId: string, candidateId: string, user: AuthUser | null): Promise<boolean> {
    return this.setDismissed(partnerId, candidateId, true, user);
  }

  /** Undoes {@link MatchingService.dismiss}. */
  restore(partnerId: string, candidateId: string, user: AuthUser | null): Promise<boolean> {
    return this.setDismissed(partnerId, candidateId, false, user);
  }

  private async suggestMany(
    partnerIds: readonly string[],
    request: SuggestionRequest,
    weights: Weights,
    caller: SuggestionCaller,
    strict: boolean,
  ): Promise<PartnerSuggestion[][]> {
    const [reference, { seekers, asOf, version }] = await Promise.all([
      this.referenceLabels(),
      this.repository.findSeekers(partnerIds),
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
    const labels = labelsFrom(reference);
    const bySeeker = new Map(
      active.map((seeker, i) => {
        const ranked = rankCandidates(seeker.profile, candidates[i] ?? [], {
          weights,
          asOf,
          k: request.first,
        });
        const list = ranked.map((r) => toSuggestion(seeker, r, labels, caller.language));
        return [seeker.profile.id, list] as const;
      }),
    );
    return partnerIds.map((id) => bySeeker.get(id) ?? []);
  }

  private async setDismissed(
    partnerId: string,
    candidateId: string,
    dismissed: boolean,
    user: AuthUser | null,
  ): Promise<boolean> {
    if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This operation needs a token.');
    if (!isSelfOrCoordinator(user, partnerId)) {
      throw userError(ErrorCode.FORBIDDEN, 'Only the partner itself or a coordinator may do this.');
    }
    if (partnerId === candidateId) {
      throw userError(ErrorCode.BAD_USER_INPUT, 'expected candidateId to be another partner', {
        argument: 'candidateId',
      });
    }
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

/** Refuses suggestions for unknown and inactive partners, and unanswerable `addsDimensions`. */
function assertSeeker(
  seeker: Seeker | null,
  partnerId: string,
  filter: SuggestionFilter | null | undefined,
  argument = 'partnerId',
): asserts seeker is Seeker {
  if (seeker === null) {
    throw userError(ErrorCode.NOT_FOUND, `expected partner ${partnerId} to exist`, { argument });
  }
  if (seeker.status !== 'ACTIVE') {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected an ACTIVE partner, got ${partnerId} with status ${seeker.status}`,
      { argument, status: seeker.status },
    );
  }
  const covered = new Set(seeker.profile.engagements.map((e) => e.dimension));
  const known = filter?.addsDimensions?.filter((key) => covered.has(key)) ?? [];
  if (known.length > 0) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected filter.addsDimensions to be dimensions ${partnerId} does not cover yet, got ${known.join(', ')}`,
      { argument: 'filter.addsDimensions' },
    );
  }
}

/**
 * Whom a seeker must never be offered. Dismissals are the partner's private preference: they
 * shape only the lists the partner itself and coordinators see, so that a public list does not
 * reveal whom a partner turned down.
 */
function excludedFor(
  seeker: Seeker,
  filter: SuggestionFilter | null | undefined,
  user: AuthUser | null,
): string[] {
  const own = isSelfOrCoordinator(user, seeker.profile.id) ? seeker.dismissed : [];
  return [
    seeker.profile.id,
    ...seeker.former.map((f) => f.id),
    ...own,
    ...(filter?.excludeIds ?? []),
  ];
}

function candidateFilter(filter: SuggestionFilter | null | undefined): CandidateFilter {
  return {
    sectors: filter?.sectors,
    districts: filter?.districts,
    boroughs: filter?.boroughs,
    topics: filter?.topics,
    dimensions: filter?.addsDimensions,
    neverCooperated: filter?.neverCooperated,
  };
}
