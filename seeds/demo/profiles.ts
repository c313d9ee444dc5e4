import type { Engagement, Perspective } from '../../src/cooperations/cross-dimension-rule';
import { PROCESS } from './parameters';
import type { Rng } from './rng';
import type { PartnerKind, Sector } from './types';

/** Kinds per sector with their relative frequency. */
export const KINDS_BY_SECTOR: Record<Sector, readonly (readonly [PartnerKind, number])[]> = {
  CIVIL_SOCIETY: [
    ['ASSOCIATION', 0.2],
    ['MIGRANT_ORGANISATION', 0.14],
    ['RELIGIOUS_COMMUNITY', 0.1],
    ['EDUCATION', 0.08],
    ['SOCIAL_SERVICE', 0.12],
    ['CULTURE', 0.1],
    ['SPORTS_CLUB', 0.09],
    ['YOUTH_ORGANISATION', 0.07],
    ['FOUNDATION', 0.03],
    ['INITIATIVE', 0.07],
  ],
  BUSINESS: [
    ['COMPANY', 0.85],
    ['CHAMBER_OR_UNION', 0.15],
  ],
  POLITICS: [['PARTY_OR_FACTION', 1]],
  ADMINISTRATION: [
    ['PUBLIC_AUTHORITY', 0.75],
    ['EDUCATION', 0.25],
  ],
};

/**
 * What a kind of organisation typically works on: extra weight per dimension and topic key (on
 * top of a base weight every key has) and the weights of the perspectives COMMUNITY, ADVOCACY,
 * SERVICE. A migrant organisation speaks for its community; a public authority serves.
 */
interface KindProfile {
  dimensions: Readonly<Record<string, number>>;
  topics: Readonly<Record<string, number>>;
  perspectives: readonly [number, number, number];
}

const PROFILES: Record<PartnerKind, KindProfile> = {
  ASSOCIATION: {
    dimensions: { gender: 2, age: 2, social_origin: 2, abilities: 1.5, sexual_orientation: 1.5 },
    topics: { housing: 2, family: 2, culture: 1.5, antidiscrimination: 1.5 },
    perspectives: [0.4, 0.4, 0.2],
  },
  MIGRANT_ORGANISATION: {
    dimensions: { ethnic_origin: 8, religion: 2, gender: 1.5 },
    topics: { language: 3, culture: 3, education: 2, family: 2, youth: 1.5 },
    perspectives: [0.7, 0.2, 0.1],
  },
  RELIGIOUS_COMMUNITY: {
    dimensions: { religion: 10, ethnic_origin: 3, age: 1.5 },
    topics: { religion_dialogue: 6, family: 2, seniors: 1.5, youth: 1.5 },
    perspectives: [0.75, 0.1, 0.15],
  },
  EDUCATION: {
    dimensions: { age: 4, social_origin: 4, ethnic_origin: 2, abilities: 2 },
    topics: { education: 6, language: 3, youth: 2, family: 1.5 },
    perspectives: [0.1, 0.2, 0.7],
  },
  SOCIAL_SERVICE: {
    dimensions: { social_origin: 5, abilities: 4, age: 3, ethnic_origin: 2 },
    topics: { health: 3, family: 3, housing: 3, work: 2, seniors: 2 },
    perspectives: [0.1, 0.25, 0.65],
  },
  CULTURE: {
    dimensions: { ethnic_origin: 3, sexual_orientation: 2, abilities: 2, gender: 1.5 },
    topics: { culture: 8, media: 2, education: 1.5 },
    perspectives: [0.4, 0.3, 0.3],
  },
  SPORTS_CLUB: {
    dimensions: { age: 4, abilities: 3, ethnic_origin: 3, gender: 2 },
    topics: { sport: 10, youth: 3, health: 2 },
    perspectives: [0.6, 0.1, 0.3],
  },
  YOUTH_ORGANISATION: {
    dimensions: { age: 6, social_origin: 3, sexual_orientation: 2, ethnic_origin: 2 },
    topics: { youth: 10, education: 2, politics_participation: 2 },
    perspectives: [0.4, 0.35, 0.25],
  },
  FOUNDATION: {
    dimensions: { social_origin: 4, age: 2, ethnic_origin: 2 },
    topics: { education: 3, culture: 2, work: 1.5 },
    perspectives: [0.1, 0.5, 0.4],
  },
  INITIATIVE: {
    dimensions: { ethnic_origin: 3, sexual_orientation: 2, gender: 2, social_origin: 2 },
    topics: { antidiscrimination: 5, politics_participation: 3, housing: 2 },
    perspectives: [0.3, 0.6, 0.1],
  },
  COMPANY: {
    dimensions: { gender: 3, ethnic_origin: 3, abilities: 3, age: 2 },
    topics: { work: 10, education: 2 },
    perspectives: [0.05, 0.35, 0.6],
  },
  CHAMBER_OR_UNION: {
    dimensions: { social_origin: 4, ethnic_origin: 3, gender: 3 },
    topics: { work: 10, education: 3, politics_participation: 2 },
    perspectives: [0.1, 0.7, 0.2],
  },
  PARTY_OR_FACTION: {
    dimensions: {},
    topics: { politics_participation: 10, antidiscrimination: 2 },
    perspectives: [0.05, 0.9, 0.05],
  },
  PUBLIC_AUTHORITY: {
    dimensions: { social_origin: 2, ethnic_origin: 2, age: 2 },
    topics: { politics_participation: 2, education: 1.5, housing: 1.5 },
    perspectives: [0.02, 0.18, 0.8],
  },
};

const BASE_DIMENSION_WEIGHT = 0.6;
const BASE_TOPIC_WEIGHT = 0.4;
const PERSPECTIVES: readonly Perspective[] = ['COMMUNITY', 'ADVOCACY', 'SERVICE'];

/** Relative number of organisations per district: the centre and the Neckarstadt are dense. */
const DISTRICT_WEIGHTS: Readonly<Record<string, number>> = {
  innenstadt: 4,
  neckarstadt_west: 2.5,
  jungbusch: 1.5,
  neckarstadt_ost: 1.5,
  schwetzingerstadt: 1.3,
  kaefertal_mitte: 1.3,
};

/** The weight of a district for drawing a partner's location. */
export function districtWeight(key: string): number {
  return DISTRICT_WEIGHTS[key] ?? 1;
}

/**
 * Draws `count` distinct keys: first the hinted ones (in order, known keys only), then by the
 * kind's weights.
 */
function drawKeys(
  rng: Rng,
  keys: readonly string[],
  weights: Readonly<Record<string, number>>,
  base: number,
  hints: readonly string[],
  count: number,
): string[] {
  const known = new Set(keys);
  const chosen = [...new Set(hints.filter((k) => known.has(k)))].slice(0, count);
  const rest = keys.filter((k) => !chosen.includes(k));
  const ordered = rng.weightedOrder(rest, (k) => base + (weights[k] ?? 0));
  return [...chosen, ...ordered.slice(0, Math.max(0, count - chosen.length))].sort();
}

/** The number of items, 1–3, from {@link PROCESS} weights. */
function drawCount(rng: Rng, weights: readonly number[]): number {
  return rng.weightedIndex(weights) + 1;
}

/**
 * A partner's engagements: 1–3 dimensions (name hints first, then by kind), each with a
 * perspective typical of the kind, occasionally a second one.
 */
export function drawEngagements(
  rng: Rng,
  kind: PartnerKind,
  dimensionKeys: readonly string[],
  hints: readonly string[],
): Engagement[] {
  const profile = PROFILES[kind];
  const count = drawCount(rng, PROCESS.dimensionCountWeights);
  const keys = drawKeys(
    rng,
    dimensionKeys,
    profile.dimensions,
    BASE_DIMENSION_WEIGHT,
    hints,
    count,
  );
  const engagements: Engagement[] = [];
  for (const dimension of keys) {
    const first = rng.weightedIndex(profile.perspectives);
    engagements.push({ dimension, perspective: PERSPECTIVES[first] ?? 'COMMUNITY' });
    if (rng.chance(PROCESS.secondPerspectiveChance)) {
      const others = PERSPECTIVES.filter((_, i) => i !== first);
      engagements.push({ dimension, perspective: rng.pick(others) });
    }
  }
  return engagements;
}

/** A partner's 1–3 topics: name hints first, then by kind. */
export function drawTopics(
  rng: Rng,
  kind: PartnerKind,
  topicKeys: readonly string[],
  hints: readonly string[],
): string[] {
  const count = drawCount(rng, PROCESS.topicCountWeights);
  return drawKeys(rng, topicKeys, PROFILES[kind].topics, BASE_TOPIC_WEIGHT, hints, count);
}
