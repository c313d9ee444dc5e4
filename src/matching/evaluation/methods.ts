import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { type ExposureFactors, exposureFactors } from '../exposure-balance';
import { RANKING_CONTEXT_SETTINGS } from '../ranking-context';
import type { PartnerProfile, ScoredCandidate, Weights } from '../matching.model';
import { DEFAULT_DIVERSITY_LAMBDA, rankCandidates, scoreEligible } from '../rank';
import { complementarity, DEFAULT_WEIGHTS, isEligible, needFit } from '../scoring';
import { adjacentBefore, type HistoryState, pairSignals } from './history';

/**
 * A history state prepared for ranking: one seeded random order of the candidates that every
 * method uses to break ties.
 */
export interface RankingState extends HistoryState {
  /** Candidate id → position in the shared random permutation; lower wins a tie. */
  tieOrder: ReadonlyMap<string, number>;
  /** The seed of the permutation and of the `random` method. */
  seed: number;
}

/** Ranks the candidates for one seeker: at most `k` candidate ids, best first. */
export type RankingMethod = (seeker: PartnerProfile, state: RankingState, k: number) => string[];

/** A method with the name it is reported under. */
export interface NamedMethod {
  name: string;
  rank: RankingMethod;
}

/**
 * Adds the shared tie-break permutation. Ties are broken by a random order rather than by id
 * because ids are numbered in the order of joining: an id tie-break would hand every tie (and
 * popularity and common-neighbour scores tie a lot, often at 0) to the founders, and with it
 * exposure and hits they did not earn. One permutation shared by all methods keeps the comparison fair.
 */
export function withTieOrder(state: HistoryState, seed: number): RankingState {
  const order = shuffle(
    state.candidates.map((c) => c.id),
    seed,
  );
  return { ...state, seed, tieOrder: new Map(order.map((id, i) => [id, i])) };
}

/** The candidates a seeker may be offered: not itself and not a partner it cooperated with before. */
export function candidatePool(seeker: PartnerProfile, state: HistoryState): PartnerProfile[] {
  return state.candidates.filter(
    (c) => c.id !== seeker.id && !adjacentBefore(state, seeker.id, c.id),
  );
}

/**
 * A uniformly random list per seeker, from pure-rand seeded with the state's seed and the seeker's
 * id, so it does not depend on the order in which seekers are ranked.
 */
export const random: RankingMethod = (seeker, state, k) =>
  shuffle(
    candidatePool(seeker, state).map((c) => c.id),
    (state.seed ^ hashId(seeker.id)) | 0,
  ).slice(0, k);

/** Most cooperations before the cut first: "suggest the busy ones". */
export const popularity: RankingMethod = byScore((_, candidate) => candidate.cooperationCount);

/** Most common former partners first. */
export const commonNeighbours: RankingMethod = byScore(
  (seeker, candidate, state) => pairSignals(state, seeker.id, candidate.id).commonPartners,
);

/** Highest Adamic–Adar index first: the classic link-prediction baseline. */
export const adamicAdar: RankingMethod = byScore(
  (seeker, candidate, state) => pairSignals(state, seeker.id, candidate.id).adamicAdar,
);

/** The matching's complementarity component alone. */
export const complementarityOnly: RankingMethod = byScore((seeker, candidate) =>
  complementarity(seeker, candidate),
);

/**
 * The matching's needFit component alone: offers meeting needs as the full-text index finds them
 * (the state's need index); every pair scores 0 without one.
 */
export const needFitOnly: RankingMethod = byScore((seeker, candidate, state) =>
  needFit(pairSignals(state, seeker.id, candidate.id)),
);

/**
 * Adamic–Adar over the pairs the hard rule allows ({@link isEligible}): the fair baseline for the
 * matching, which may suggest nothing else.
 */
export const adamicAdarWithRule: RankingMethod = byScore(
  (seeker, candidate, state) => pairSignals(state, seeker.id, candidate.id).adamicAdar,
  isEligible,
);

/**
 * The product's matching: {@link rankCandidates} with the given weights and diversity, scored as of
 * the cut. It applies the hard rule itself and breaks its own ties by score then id, as the API does.
 * Like the API it balances exposure, with the factors of {@link stateExposureFactors}: computed in
 * the same state, so they too know nothing after the cut.
 * @param asOf - the reference date of scoring instead of the cut (the live numbers score as of the
 *   alliance's last day, as the API does)
 */
export function matching(weights: Weights, lambda: number, asOf?: string): RankingMethod {
  return (seeker, state, k) => {
    const candidates = candidatePool(seeker, state).map((profile) => ({
      profile,
      signals: pairSignals(state, seeker.id, profile.id),
    }));
    const day = asOf ?? state.cut;
    return rankCandidates(seeker, candidates, {
      weights,
      lambda,
      asOf: day,
      k,
      exposure: stateExposureFactors(state, day),
    }).map((s) => s.candidate.id);
  };
}

/** Factors by state and scoring day: one computation serves every seeker and config of a state. */
const factorCache = new WeakMap<HistoryState, Map<string, ExposureFactors>>();

/**
 * The exposure factors the API's ranking context (ranking-context.ts) computes on this state:
 * every candidate as seeker, its eligible pool scored with DEFAULT_WEIGHTS as of `asOf`, the best
 * `RANKING_CONTEXT_SETTINGS.poolDepth` of it, then {@link exposureFactors} over all ACTIVE
 * candidates with DEFAULT_DIVERSITY_LAMBDA. Communities are not known on the history (profiles
 * have `community: null`), so bridging counts the other sector only. Like the API, the factors come from the defaults whatever weights a
 * list is ranked with: a tuned config is measured as a client asking with those weights is served.
 * Memoised per state and day.
 */
export function stateExposureFactors(state: HistoryState, asOf: string): ExposureFactors {
  const cached = factorCache.get(state) ?? new Map<string, ExposureFactors>();
  factorCache.set(state, cached);
  let factors = cached.get(asOf);
  if (!factors) {
    const pools = state.candidates.map((seeker) =>
      scoreEligible(
        seeker,
        candidatePool(seeker, state).map((profile) => ({
          profile,
          signals: pairSignals(state, seeker.id, profile.id),
        })),
        { weights: DEFAULT_WEIGHTS, asOf },
      ),
    );
    factors = factorsOfPools(pools, state.candidates.length, DEFAULT_DIVERSITY_LAMBDA);
    cached.set(asOf, factors);
  }
  return factors;
}

/**
 * {@link exposureFactors} of scored pools cut as the ranking context cuts them: sorted by score (stable,
 * so ties keep the pool's order) and the best `RANKING_CONTEXT_SETTINGS.poolDepth` kept.
 */
export function factorsOfPools(
  pools: readonly (readonly ScoredCandidate[])[],
  population: number,
  lambda: number,
): ExposureFactors {
  const cut = pools.map((pool) =>
    [...pool].sort((a, b) => b.score - a.score).slice(0, RANKING_CONTEXT_SETTINGS.poolDepth),
  );
  return exposureFactors(cut, population, lambda);
}

/** Every method of the report, baselines first and the matching last. */
export function allMethods(weights: Weights, lambda: number): NamedMethod[] {
  return [
    { name: 'random', rank: random },
    { name: 'popularity', rank: popularity },
    { name: 'commonNeighbours', rank: commonNeighbours },
    { name: 'adamicAdar', rank: adamicAdar },
    { name: 'complementarity', rank: complementarityOnly },
    { name: 'needFit', rank: needFitOnly },
    { name: 'adamicAdar+rule', rank: adamicAdarWithRule },
    { name: 'matching', rank: matching(weights, lambda) },
  ];
}

/** Runs a method for every candidate as seeker: seeker id → ranked candidate ids. */
export function recommendAll(
  method: RankingMethod,
  state: RankingState,
  k: number,
): Map<string, string[]> {
  return new Map(state.candidates.map((seeker) => [seeker.id, method(seeker, state, k)]));
}

type PairScore = (seeker: PartnerProfile, candidate: PartnerProfile, state: RankingState) => number;
type PairFilter = (seeker: PartnerProfile, candidate: PartnerProfile) => boolean;

/** A method ranking the pool by a score, highest first, ties by the shared permutation. */
function byScore(score: PairScore, allowed: PairFilter = () => true): RankingMethod {
  return (seeker, state, k) =>
    candidatePool(seeker, state)
      .filter((candidate) => allowed(seeker, candidate))
      .map((candidate) => ({
        id: candidate.id,
        score: score(seeker, candidate, state),
        tie: state.tieOrder.get(candidate.id) ?? Number.MAX_SAFE_INTEGER,
      }))
      .sort((a, b) => b.score - a.score || a.tie - b.tie)
      .slice(0, k)
      .map((entry) => entry.id);
}

/** A seeded Fisher–Yates shuffle over pure-rand's xoroshiro128+. */
function shuffle(ids: readonly string[], seed: number): string[] {
  const generator = xoroshiro128plus(seed);
  const copy = [...ids];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = uniformInt(generator, 0, i);
    [copy[i], copy[j]] = [copy[j] as string, copy[i] as string];
  }
  return copy;
}

/** FNV-1a of an id: a stable 32-bit number to mix into the seed per seeker. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  }
  return hash | 0;
}
