import { brings, checkCrossDimensionRule } from '../cooperations/cross-dimension-rule';
import {
  COMPONENT_NAMES,
  type ComponentName,
  type NetworkSignals,
  type PairScore,
  type PartnerProfile,
  type Weights,
} from './matching.model';
import { matchStrength } from './need-fit';

/**
 * Weight of a new perspective on a dimension the seeker already covers, relative to a whole new
 * dimension (1). A new dimension is what a *Vielfaltskooperation* is about; a new perspective on a
 * known one still helps both sides learn, but less.
 * @default 0.5
 */
export const NEW_PERSPECTIVE_WEIGHT = 0.5;

/**
 * Days after which activity has decayed to 1/e (≈ 0.37).
 * @default 365 // one year: the alliance's rhythm of action days and meetings
 */
export const ACTIVITY_DECAY_DAYS = 365;

/**
 * Default weights: one set for every kind of alliance, chosen with `npm run eval:matching` on three
 * generator regimes (place and topic, needs, bridging; docs/matching-evaluation.md) under the
 * product goals — at most 40 % of a list in the seeker's own Stadtteil, exposure balanced. Measured
 * alternatives: proximity 2 with needFit 2 reached only 78 % of the tuned recall in the place
 * regime; proximity 3 with needFit 1.5 put 45 % of the lists in the own Stadtteil. The
 * cross-dimension rule needs no weight: {@link isEligible} enforces it on every suggestion.
 * Clients can still set any weight per request.
 */
export const DEFAULT_WEIGHTS: Weights = {
  complementarity: 1,
  needFit: 2,
  commonGround: 2,
  proximity: 2.5,
  networkTrust: 2,
  bridging: 1,
  activity: 0.5,
  exposure: 0.5,
};

const MS_PER_DAY = 86_400_000;

/**
 * Jaccard index |A ∩ B| / |A ∪ B| of two key lists (duplicates ignored).
 * @returns a value in [0, 1]; 0 when both are empty, because nothing in common is no overlap.
 */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  const union = new Set([...left, ...right]).size;
  if (union === 0) return 0;
  const shared = [...left].filter((key) => right.has(key)).length;
  return shared / union;
}

/**
 * How much of the seeker's remaining room one more unit of gain fills: the value of `g` units is
 * 1 − (1 − BREADTH_STEP)^g, so one new dimension gives 0.5, two 0.75, three 0.875.
 * @default 0.5
 */
export const BREADTH_STEP = 0.5;

/**
 * Complementarity: how much the pair gains, with diminishing returns. Every dimension the candidate
 * brings that is new to the seeker counts 1, every new perspective on a dimension the seeker
 * already covers {@link NEW_PERSPECTIVE_WEIGHT}; the sum g becomes 1 − (1 − {@link BREADTH_STEP})^g.
 * So a candidate bringing three new dimensions ranks above one bringing one (breadth counts), but
 * the tenth adds little (listing many does not win).
 * @returns a value in [0, 1); 0 when the candidate adds nothing.
 */
export function complementarity(seeker: PartnerProfile, candidate: PartnerProfile): number {
  const seekerDimensions = new Set(seeker.engagements.map((e) => e.dimension));
  const added = brings(candidate.engagements, seeker.engagements);
  const newDimensions = new Set(
    added.filter((e) => !seekerDimensions.has(e.dimension)).map((e) => e.dimension),
  );
  const newPerspectives = added.filter((e) => seekerDimensions.has(e.dimension)).length;
  const gain = newDimensions.size + NEW_PERSPECTIVE_WEIGHT * newPerspectives;
  return 1 - Math.pow(1 - BREADTH_STEP, gain);
}

/**
 * Need fit: how well one side's offers answer the other side's needs, in both directions — the
 * strongest match ({@link matchStrength}) of the candidate's offers to the seeker's needs and of
 * the seeker's offers to the candidate's needs, averaged. So a mutual fit (both 1) scores 1 and a
 * one-sided one at most 0.5: mutual ranks above one-sided, as at a Kooperationsbörse.
 * @returns a value in [0, 1]; 0 without matches.
 */
export function needFit(signals: NetworkSignals): number {
  let theyOffer = 0;
  let youOffer = 0;
  for (const match of signals.needMatches ?? []) {
    const fit = matchStrength(match.fit);
    if (match.direction === 'THEY_OFFER') theyOffer = Math.max(theyOffer, fit);
    else youOffer = Math.max(youOffer, fit);
  }
  return (theyOffer + youOffer) / 2;
}

/**
 * Common ground: Jaccard index of the two partners' topics. Shared fields of action give a
 * cooperation something concrete to work on.
 * @returns a value in [0, 1]; 0 when neither has topics.
 */
export function commonGround(seeker: PartnerProfile, candidate: PartnerProfile): number {
  return jaccard(seeker.topics, candidate.topics);
}

/**
 * Proximity of a pair where one side works city-wide: what place gives an average pair of the
 * alliance (the mean proximity over all pairs of ACTIVE non-city-wide demo partners is 0.057; a
 * unit test keeps the two together). Neither a bonus — a fixed 0.5 made city offices the best
 * match of every distant partner — nor a penalty.
 * @default 0.06
 */
export const NEUTRAL_PROXIMITY = 0.06;

/**
 * Proximity: 1 in the same district, 0.5 in another district of the same borough, 0 otherwise or
 * when either location is unknown. Local partners meet more easily and share a neighbourhood.
 *
 * Scope changes what "near" means: when either partner works city-wide, place says nothing about
 * how easily they meet, so proximity is neutral ({@link NEUTRAL_PROXIMITY}, whichever district
 * they sit in); a partner working in its whole borough is as near to the borough's other
 * districts as to its own.
 * @returns a value in [0, 1].
 */
export function proximity(seeker: PartnerProfile, candidate: PartnerProfile): number {
  if (seeker.scope === 'CITY' || candidate.scope === 'CITY') return NEUTRAL_PROXIMITY;
  if (seeker.districtKey !== null && seeker.districtKey === candidate.districtKey) return 1;
  if (seeker.boroughKey === null || seeker.boroughKey !== candidate.boroughKey) return 0;
  return seeker.scope === 'BOROUGH' || candidate.scope === 'BOROUGH' ? 1 : 0.5;
}

/**
 * Network trust: 1 − e^(−Adamic–Adar). Common former partners vouch for a candidate, rare ones
 * more than hubs (that is what Adamic–Adar weighs); the exponential saturates, so a few strong ties
 * count nearly as much as many.
 * @returns a value in [0, 1); 0 for no common partners or a negative / non-finite index.
 */
export function networkTrust(signals: NetworkSignals): number {
  const index = signals.adamicAdar;
  if (!Number.isFinite(index) || index <= 0) return 0;
  return 1 - Math.exp(-index);
}

/**
 * The network signals of a pair from its common former partners: their number and the Adamic–Adar
 * index Σ 1 / ln(degree), where degree is a common partner's number of distinct co-partners.
 * A degree ≤ 1 cannot occur for a common partner (it knows both); skipping it keeps the sum finite.
 * @param common - ids of the common former partners (duplicates ignored)
 * @param degreeOf - the degree of a common partner in the co-cooperation graph
 */
export function networkSignals(
  common: readonly string[],
  degreeOf: (id: string) => number,
): NetworkSignals {
  const ids = [...new Set(common)].sort();
  const adamicAdar = ids.reduce((sum, id) => {
    const degree = degreeOf(id);
    return degree > 1 ? sum + 1 / Math.log(degree) : sum;
  }, 0);
  return { commonPartners: ids.length, adamicAdar, commonPartnerIds: ids };
}

/**
 * Bridging: 0.5 for another sector plus 0.5 for another community of the co-cooperation graph
 * (only when both communities are known). Ties across sectors and clusters spread the alliance's
 * ideas further than ties inside one bubble.
 * @returns 0, 0.5 or 1.
 */
export function bridging(seeker: PartnerProfile, candidate: PartnerProfile): number {
  const otherSector = seeker.sector !== candidate.sector ? 0.5 : 0;
  const known = seeker.community != null && candidate.community != null;
  const otherCommunity = known && seeker.community !== candidate.community ? 0.5 : 0;
  return otherSector + otherCommunity;
}

/**
 * Activity: e^(−days since `lastActiveOn` / {@link ACTIVITY_DECAY_DAYS}), measured at `asOf`.
 * Active partners are more likely to answer; activity after `asOf` counts as today.
 * @param asOf - the reference date, `YYYY-MM-DD`
 * @returns a value in (0, 1].
 * @throws RangeError when a date is not a valid `YYYY-MM-DD`.
 */
export function activity(candidate: PartnerProfile, asOf: string): number {
  const days =
    (parseDay(asOf, 'asOf') - parseDay(candidate.lastActiveOn, 'lastActiveOn')) / MS_PER_DAY;
  return Math.exp(-Math.max(0, days) / ACTIVITY_DECAY_DAYS);
}

/**
 * Exposure boost: 1 for a candidate that has never cooperated, else 0. Gives the alliance's silent
 * members (its *Mobilisierungspotential*) a chance against well-connected partners.
 * @returns 1 or 0.
 */
export function exposure(candidate: PartnerProfile): number {
  return candidate.cooperationCount === 0 ? 1 : 0;
}

/**
 * Problems with a set of weights, as "expected …, got …" messages.
 * @returns an empty list when every weight is finite and ≥ 0 and at least one is positive.
 */
export function validateWeights(weights: Weights): string[] {
  const problems = COMPONENT_NAMES.flatMap((name) => {
    const weight = weights[name];
    if (!Number.isFinite(weight))
      return [`expected weights.${name} to be a finite number, got ${weight}`];
    if (weight < 0) return [`expected weights.${name} to be ≥ 0, got ${weight}`];
    return [];
  });
  if (problems.length === 0 && COMPONENT_NAMES.every((name) => weights[name] === 0)) {
    problems.push('expected at least one positive weight, got all zero');
  }
  return problems;
}

/**
 * The hard rule: a pair may only be suggested when it forms a *Vielfaltskooperation*, i.e. satisfies
 * {@link checkCrossDimensionRule}, and is not the partner itself.
 *
 * A seeker without any engagement brings nothing, so no pair with it can pass the rule. We decided
 * that such a seeker still gets suggestions, as a first step towards one: the candidate alone must
 * then cover at least two dimensions, so the pair still spans two, and the reasons say why
 * (NO_DIMENSIONS_YET). A cooperation proposed from it is still checked by the full rule, which
 * then asks the seeker to name its dimensions.
 */
export function isEligible(seeker: PartnerProfile, candidate: PartnerProfile): boolean {
  if (seeker.id === candidate.id) return false;
  if (seeker.engagements.length === 0) {
    return new Set(candidate.engagements.map((e) => e.dimension)).size >= 2;
  }
  return checkCrossDimensionRule([seeker.engagements, candidate.engagements]) === null;
}

/**
 * Scores one (seeker, candidate) pair as the weighted mean of all components.
 * Pure and deterministic: the same inputs always give the same output.
 * @param asOf - the reference date for {@link activity}, `YYYY-MM-DD`
 * @returns the score in [0, 1] and every component with its value and weight.
 * @throws RangeError when {@link validateWeights} finds problems (callers should validate first and
 * report BAD_USER_INPUT) or a date is invalid.
 */
export function scorePair(
  seeker: PartnerProfile,
  candidate: PartnerProfile,
  signals: NetworkSignals,
  weights: Weights,
  asOf: string,
): PairScore {
  assertValidWeights(weights);
  const values = componentValues(seeker, candidate, signals, asOf);
  const components = COMPONENT_NAMES.map((name) => ({
    name,
    value: clampUnit(values[name]),
    weight: weights[name],
  }));
  const totalWeight = components.reduce((sum, c) => sum + c.weight, 0);
  const weighted = components.reduce((sum, c) => sum + c.value * c.weight, 0);
  return { score: clampUnit(weighted / totalWeight), components };
}

/** Weight objects already found valid: ranking scores hundreds of pairs with one object. */
const validWeights = new WeakSet<Weights>();

function assertValidWeights(weights: Weights): void {
  if (validWeights.has(weights)) return;
  const problems = validateWeights(weights);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  validWeights.add(weights);
}

function componentValues(
  seeker: PartnerProfile,
  candidate: PartnerProfile,
  signals: NetworkSignals,
  asOf: string,
): Record<ComponentName, number> {
  return {
    complementarity: complementarity(seeker, candidate),
    needFit: needFit(signals),
    commonGround: commonGround(seeker, candidate),
    proximity: proximity(seeker, candidate),
    networkTrust: networkTrust(signals),
    bridging: bridging(seeker, candidate),
    activity: activity(candidate, asOf),
    exposure: exposure(candidate),
  };
}

/** Guards the [0, 1] contract against floating-point drift (e.g. 1.0000000000000002). */
function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Milliseconds since the epoch of a `YYYY-MM-DD` day at UTC midnight; UTC avoids DST shifts. */
function parseDay(day: string, name: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  // Date.UTC rolls 2023-02-30 over to March; the round trip catches that.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`expected ${name} to be a date YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  return time;
}

/** How good a suggestion is, in words: what the raw score means for a partner. */
export type ScoreLevel = 'STRONG' | 'GOOD' | 'POSSIBLE';

/**
 * The score from which a suggestion is STRONG or GOOD (docs/matching.md#levels). Set from the
 * scores of the demo's listed suggestions with the default weights (top 5 of every ACTIVE partner:
 * 40 % below 0.317, 85 % below 0.402): about the best sixth of what partners see is STRONG, the
 * next half GOOD, the rest POSSIBLE — still a Vielfaltskooperation, but with less to build on.
 */
export const LEVEL_THRESHOLDS = { STRONG: 0.4, GOOD: 0.32 } as const;

/** The {@link ScoreLevel} of a score. */
export function scoreLevel(score: number): ScoreLevel {
  if (score >= LEVEL_THRESHOLDS.STRONG) return 'STRONG';
  if (score >= LEVEL_THRESHOLDS.GOOD) return 'GOOD';
  return 'POSSIBLE';
}
