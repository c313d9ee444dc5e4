import type { District } from '../../src/districts/district.types';
import type { Topic } from '../../src/topics/topic.types';
import { CATALOGUE, RESOURCE_CATEGORIES, type ResourceCategory } from './offers-needs';
import { PROCESS } from './parameters';
import type { Rng } from './rng';
import { locative } from './text';
import type { DemoOfferOrNeed, PartnerKind } from './types';

/** Relative weights of the categories a kind of organisation offers and needs. */
interface KindResources {
  offers: Partial<Record<ResourceCategory, number>>;
  needs: Partial<Record<ResourceCategory, number>>;
}

/**
 * What each kind typically offers and needs, over a base weight for every category
 * ({@link PROCESS.resources}), so that an unusual offer now and then appears too. The weights
 * follow what the alliance's partners say of themselves: a congregation has a hall and helpers,
 * a migrant organisation languages and access to its community, a company rooms, catering and
 * internships, the city administration know-how and publicity.
 */
export const RESOURCES_BY_KIND: Readonly<Record<PartnerKind, KindResources>> = {
  ASSOCIATION: {
    offers: { VOLUNTEERS: 3, REACH: 2, EXPERTISE: 1, CATERING: 1, MENTORING: 1 },
    needs: { ROOMS: 3, FUNDING_KNOWHOW: 2, PUBLICITY: 2, VOLUNTEERS: 1, EQUIPMENT: 1 },
  },
  MIGRANT_ORGANISATION: {
    offers: { TRANSLATION: 4, REACH: 4, CATERING: 1.5, VOLUNTEERS: 1, MENTORING: 1 },
    needs: { ROOMS: 4, FUNDING_KNOWHOW: 3, PUBLICITY: 1.5, INTERNSHIPS: 1, EXPERTISE: 1 },
  },
  RELIGIOUS_COMMUNITY: {
    offers: { ROOMS: 4, VOLUNTEERS: 3, CATERING: 2, REACH: 2, PUBLICITY: 1 },
    needs: { TRANSLATION: 1.5, PUBLICITY: 1.5, EXPERTISE: 1, FUNDING_KNOWHOW: 1, REACH: 1 },
  },
  EDUCATION: {
    offers: { ROOMS: 3, EXPERTISE: 3, MENTORING: 2, SPORTS_GROUNDS: 1, REACH: 1 },
    needs: { TRANSLATION: 3, VOLUNTEERS: 2, MENTORING: 2, INTERNSHIPS: 2, FUNDING_KNOWHOW: 1 },
  },
  SOCIAL_SERVICE: {
    offers: { EXPERTISE: 4, ROOMS: 2, CHILDCARE: 2, REACH: 2, MENTORING: 1 },
    needs: { TRANSLATION: 3, VOLUNTEERS: 3, INTERNSHIPS: 1.5, TRANSPORT: 1, ROOMS: 1 },
  },
  CULTURE: {
    offers: { ROOMS: 3, EQUIPMENT: 2, PUBLICITY: 2, EXPERTISE: 1 },
    needs: { REACH: 3, FUNDING_KNOWHOW: 2, VOLUNTEERS: 2, TRANSLATION: 1, TRANSPORT: 1 },
  },
  SPORTS_CLUB: {
    offers: { SPORTS_GROUNDS: 5, VOLUNTEERS: 1.5, REACH: 1.5, CATERING: 1, EQUIPMENT: 1 },
    needs: { VOLUNTEERS: 4, REACH: 2, FUNDING_KNOWHOW: 1.5, TRANSPORT: 1, TRANSLATION: 1 },
  },
  YOUTH_ORGANISATION: {
    offers: { REACH: 4, VOLUNTEERS: 2, MENTORING: 1.5, EQUIPMENT: 1 },
    needs: { ROOMS: 4, VOLUNTEERS: 2, FUNDING_KNOWHOW: 2, TRANSPORT: 2, INTERNSHIPS: 1.5 },
  },
  COMPANY: {
    offers: { INTERNSHIPS: 4, ROOMS: 2, CATERING: 2, TRANSPORT: 1.5, EQUIPMENT: 1.5 },
    needs: { REACH: 3, TRANSLATION: 1, EXPERTISE: 1.5, PUBLICITY: 1 },
  },
  CHAMBER_OR_UNION: {
    offers: { EXPERTISE: 3, INTERNSHIPS: 3, ROOMS: 2, PUBLICITY: 1.5 },
    needs: { REACH: 3, TRANSLATION: 1.5, MENTORING: 1 },
  },
  PARTY_OR_FACTION: {
    offers: { PUBLICITY: 3, ROOMS: 2, REACH: 1.5, VOLUNTEERS: 1 },
    needs: { REACH: 3, EXPERTISE: 1.5, TRANSLATION: 1 },
  },
  PUBLIC_AUTHORITY: {
    offers: { EXPERTISE: 4, FUNDING_KNOWHOW: 4, PUBLICITY: 3, ROOMS: 1.5, SPORTS_GROUNDS: 1 },
    needs: { REACH: 4, TRANSLATION: 2, VOLUNTEERS: 1, EXPERTISE: 0.5 },
  },
  FOUNDATION: {
    offers: { FUNDING_KNOWHOW: 5, EXPERTISE: 2, PUBLICITY: 1.5, ROOMS: 1 },
    needs: { REACH: 3, PUBLICITY: 1, EXPERTISE: 1 },
  },
  INITIATIVE: {
    offers: { VOLUNTEERS: 3, REACH: 2.5, CATERING: 1, TRANSPORT: 1 },
    needs: { ROOMS: 3, FUNDING_KNOWHOW: 2.5, PUBLICITY: 2, EQUIPMENT: 1.5, EXPERTISE: 1 },
  },
};

/** What a partner's offers and needs are drawn from. */
export interface ResourceProfileInput {
  kind: PartnerKind;
  district: District;
  /** The partner's topics (1–3). */
  topics: readonly Topic[];
}

/** A partner's standing offers and needs, and the same categories as bit masks. */
export interface ResourceProfile {
  offers: DemoOfferOrNeed[];
  needs: DemoOfferOrNeed[];
  /** Bit `k` set: offers {@link RESOURCE_CATEGORIES}[k]. */
  offered: number;
  /** Bit `k` set: needs {@link RESOURCE_CATEGORIES}[k]. */
  needed: number;
}

/** The bit of a category in {@link ResourceProfile.offered} and `needed`. */
export function categoryBit(category: ResourceCategory): number {
  return 1 << RESOURCE_CATEGORIES.indexOf(category);
}

/**
 * Draws one partner's offers (0–4) and needs (0–3): counts by {@link PROCESS.resources}, distinct
 * categories by the kind's weights, never a category both offered and needed, each worded by a
 * random phrasing of the catalogue with 0–2 of the partner's topics.
 */
export function drawResources(rng: Rng, input: ResourceProfileInput): ResourceProfile {
  const weights = RESOURCES_BY_KIND[input.kind];
  const offerCount = rng.weightedIndex(PROCESS.resources.offerCountWeights);
  const needCount = rng.weightedIndex(PROCESS.resources.needCountWeights);
  const offered = pickCategories(rng, weights.offers, offerCount, new Set());
  const needed = pickCategories(rng, weights.needs, needCount, new Set(offered));
  return {
    offers: offered.map((c) => phrase(rng, input, c, CATALOGUE[c].offers)),
    needs: needed.map((c) => phrase(rng, input, c, CATALOGUE[c].needs)),
    offered: offered.reduce((mask, c) => mask | categoryBit(c), 0),
    needed: needed.reduce((mask, c) => mask | categoryBit(c), 0),
  };
}

/** `count` distinct categories not in `excluded`, weighted without replacement. */
function pickCategories(
  rng: Rng,
  weights: Partial<Record<ResourceCategory, number>>,
  count: number,
  excluded: ReadonlySet<ResourceCategory>,
): ResourceCategory[] {
  if (count <= 0) return [];
  const open = RESOURCE_CATEGORIES.filter((c) => !excluded.has(c));
  const base = PROCESS.resources.baseWeight;
  return rng.weightedOrder(open, (c) => base + (weights[c] ?? 0)).slice(0, count);
}

/**
 * One offer or need: a phrasing with its placeholders filled. A phrasing that names a topic is
 * about that topic; others are about none, one or two of the partner's topics.
 */
function phrase(
  rng: Rng,
  input: ResourceProfileInput,
  category: ResourceCategory,
  phrasings: readonly string[],
): DemoOfferOrNeed {
  const template = rng.pick(phrasings);
  const topics = rng.shuffle(input.topics);
  const named = template.includes('{thema}');
  const extra = rng.weightedIndex(PROCESS.resources.topicCountWeights);
  const about = topics.slice(0, Math.max(named ? 1 : 0, Math.min(2, extra)));
  const text = template
    .replace('{ort}', locative(input.district))
    .replace('{thema}', (about[0]?.nameDe ?? 'Vielfalt').replace(' & ', ' und '));
  return { text, topicKeys: about.map((t) => t.key), category };
}
