import type { App } from '../../src/app';
import {
  checkCrossDimensionRule,
  type Engagement,
  type Perspective,
} from '../../src/cooperations/cross-dimension-rule';
import type { CypherQuery } from '../../src/db/executor';
import { excludedFor } from '../../src/matching/matching.mapping';
import { MatchingRepository } from '../../src/matching/matching.repository';
import { COMPONENT_NAMES, type PartnerProfile } from '../../src/matching/matching.model';
import { scoreEligible } from '../../src/matching/rank';
import { inCommunities, withCommunity } from '../../src/matching/ranking-context';
import type { Seeker } from '../../src/matching/seeker';
import { DEFAULT_WEIGHTS, isEligible } from '../../src/matching/scoring';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Everything the tests need to know about one partner, read over the public API. */
interface PartnerFacts {
  id: string;
  status: string;
  sector: string;
  cooperationCount: number;
  lastActiveOn: string;
  dimensions: { perspective: Perspective; dimension: { key: string } }[];
  topics: { key: string }[];
  district: { key: string; boroughKey: string } | null;
  scope: 'NEIGHBOURHOOD' | 'BOROUGH' | 'CITY';
  offers: { text: string }[];
  needs: { text: string }[];
  cooperations: { edges: { node: { partners: { partner: { id: string } }[] } }[] };
}

interface Suggestion {
  partner: { id: string };
  score: number;
  components: { name: string; value: number; weight: number }[];
  level: string;
  reasons: {
    code: string;
    ref: string | null;
    text: string;
    partners: { id: string }[];
    quote: { need: string; offer: string } | null;
  }[];
  coveredDimensions: { key: string }[];
  addedDimensions: { key: string }[];
}

const SUGGESTION_FIELDS = `partner { id } score level components { name value weight }
  reasons { code ref text partners { id } quote { need offer } }
  coveredDimensions { key } addedDimensions { key }`;

const SUGGEST = `query Suggest($id: ID!, $first: Int, $filter: SuggestionFilter, $weights: WeightsInput) {
  suggestedPartners(partnerId: $id, first: $first, filter: $filter, weights: $weights) { ${SUGGESTION_FIELDS} }
}`;

const ALL_PARTNERS = `query All($after: String) {
  partners(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id status sector cooperationCount lastActiveOn
      dimensions { perspective dimension { key } }
      topics { key }
      district { key boroughKey }
      scope offers { text } needs { text }
      cooperations(first: 100) { edges { node { partners { partner { id } } } } }
    } }
  }
}`;

/** A page of a root connection with `nodes`. */
interface NodesPage<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string };
  edges: { node: T }[];
}

const engagementsOf = (p: PartnerFacts): Engagement[] =>
  p.dimensions.map((d) => ({ dimension: d.dimension.key, perspective: d.perspective }));

describe('suggestedPartners (the matching)', () => {
  let app: App;
  const partners = new Map<string, PartnerFacts>();
  const formerPartners = new Map<string, Set<string>>();
  /** `id|OFFER|text` and `id|NEED|text` of posts in an open exchange, when read. */
  const openPosts = new Set<string>();
  let active: PartnerFacts[];

  async function suggest(
    id: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    const { body } = await postGraphQL<{ suggestedPartners: Suggestion[] }>(
      app,
      SUGGEST,
      { id, ...variables },
      headers,
    );
    return body;
  }

  async function suggestOk(id: string, variables: Record<string, unknown> = {}) {
    const body = await suggest(id, variables);
    expect(body.errors).toBeUndefined();
    return body.data?.suggestedPartners ?? [];
  }

  /** Every node of a `partners` connection query with an `$after` variable, page by page. */
  async function allNodes<T>(query: string): Promise<T[]> {
    const nodes: T[] = [];
    let after: string | null = null;
    do {
      const response: { body: GraphQLResponse<{ partners: NodesPage<T> }> } = await postGraphQL(
        app,
        query,
        { after },
      );
      const page = response.body.data?.partners;
      if (!page) throw new Error(JSON.stringify(response.body.errors));
      nodes.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    return nodes;
  }

  beforeAll(async () => {
    app = await startTestApp();
    for (const p of await allNodes<PartnerFacts>(ALL_PARTNERS)) partners.set(p.id, p);
    for (const p of partners.values()) {
      const ids = p.cooperations.edges.flatMap((c) => c.node.partners.map((x) => x.partner.id));
      formerPartners.set(p.id, new Set(ids.filter((id) => id !== p.id)));
    }
    active = [...partners.values()].filter((p) => p.status === 'ACTIVE');
  });

  afterAll(async () => {
    await app.stop();
  });

  /** Every active partner's suggestions through the batched `Partner.suggestions` field. */
  async function everyonesSuggestions(): Promise<Map<string, Suggestion[]>> {
    const nodes = await allNodes<{ id: string; suggestions: Suggestion[] }>(
      `query Lists($after: String) { partners(first: 100, after: $after, filter: { statuses: [ACTIVE] }) {
        pageInfo { hasNextPage endCursor } edges { node { id suggestions(first: 10) { ${SUGGESTION_FIELDS} } } } } }`,
    );
    return new Map(nodes.map((p) => [p.id, p.suggestions]));
  }

  describe('for every active demo partner', () => {
    let lists: Map<string, Suggestion[]>;

    beforeAll(async () => {
      lists = await everyonesSuggestions();
      // Other suites may leave posts in an open Kooperationsbörse; they count as offers and needs.
      const posts = await app.database.executor.read(
        {
          cypher: `MATCH (a:Partner)-[:POSTED]->(p:Post {status: 'ACTIVE'})-[:IN]->(:Exchange {status: 'OPEN'})
RETURN a.id + '|' + p.kind + '|' + p.text AS item`,
        },
        (r) => r.get('item') as string,
      );
      posts.forEach((item) => openPosts.add(item));
    });

    it('should give every active partner ten suggestions', () => {
      expect(lists.size).toBe(active.length);
      for (const list of lists.values()) expect(list).toHaveLength(10);
    });

    it('should never suggest the partner itself, a former partner or an inactive partner', () => {
      for (const [seekerId, list] of lists) {
        for (const { partner } of list) {
          expect(partner.id).not.toBe(seekerId);
          expect(formerPartners.get(seekerId)?.has(partner.id)).toBe(false);
          expect(partners.get(partner.id)?.status).toBe('ACTIVE');
        }
      }
    });

    it('should make every suggested pair satisfy the cross-dimension rule', () => {
      for (const [seekerId, list] of lists) {
        const seeker = engagementsOf(partners.get(seekerId) as PartnerFacts);
        for (const { partner } of list) {
          const candidate = engagementsOf(partners.get(partner.id) as PartnerFacts);
          expect(checkCrossDimensionRule([seeker, candidate])).toBeNull();
        }
      }
    });

    it('should give scores in [0, 1] that are the weighted mean of the components', () => {
      for (const list of lists.values()) {
        for (const { score, components } of list) {
          const total = components.reduce((sum, c) => sum + c.weight, 0);
          const mean = components.reduce((sum, c) => sum + c.value * c.weight, 0) / total;
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
          expect(score).toBeCloseTo(mean, 10);
        }
      }
    });

    it('should only give reasons that are true in the graph', () => {
      const untrue = [...lists].flatMap(([seekerId, list]) => {
        const seeker = partners.get(seekerId) as PartnerFacts;
        return list.flatMap((suggestion) => {
          const candidate = partners.get(suggestion.partner.id) as PartnerFacts;
          return suggestion.reasons
            .filter((reason) => !reasonHolds(reason, seeker, candidate))
            .map((reason) => `${seekerId}→${candidate.id}: ${reason.code} ${reason.text}`);
        });
      });
      expect(untrue).toEqual([]);
    });

    it('should report covered and added dimensions as the pair has them', () => {
      for (const [seekerId, list] of lists) {
        const seekerKeys = new Set(
          engagementsOf(partners.get(seekerId) as PartnerFacts).map((e) => e.dimension),
        );
        for (const suggestion of list) {
          const candidateKeys = engagementsOf(
            partners.get(suggestion.partner.id) as PartnerFacts,
          ).map((e) => e.dimension);
          const covered = [...new Set([...seekerKeys, ...candidateKeys])].sort();
          const added = [...new Set(candidateKeys)].filter((k) => !seekerKeys.has(k)).sort();
          expect(suggestion.coveredDimensions.map((d) => d.key).sort()).toEqual(covered);
          expect(suggestion.addedDimensions.map((d) => d.key).sort()).toEqual(added);
        }
      }
    });

    it('should diversify: some lists are not in plain score order', () => {
      const reordered = [...lists.values()].filter((list) =>
        list.some((s, i) => i > 0 && s.score > (list[i - 1]?.score ?? Infinity)),
      );
      expect(reordered.length).toBeGreaterThan(0);
    });

    it('should score every eligible active partner: the channels lose nothing at demo size', async () => {
      const repository = new MatchingRepository(app.database.executor);
      const { seekers, version } = await repository.findSeekers(active.map((p) => p.id));
      const requests = seekers.map((seeker) => ({
        seeker: seeker as Seeker,
        excluded: [seeker?.profile.id ?? '', ...(seeker?.former.map((f) => f.id) ?? [])],
      }));
      const found = await repository.findCandidates(requests, {}, version);
      const profiles = new Map(seekers.map((s) => [s?.profile.id, s?.profile]));
      const missing = requests.flatMap(({ seeker, excluded }, i) => {
        const reached = new Set(found[i]?.map((c) => c.profile.id));
        return active
          .filter((c) => !excluded.includes(c.id) && !reached.has(c.id))
          .filter((c) => isEligible(seeker.profile, profiles.get(c.id) as PartnerProfile))
          .map((c) => `${seeker.profile.id}→${c.id}`);
      });
      expect(missing).toEqual([]);
    });

    it('should rank as the pure pipeline does with the candidates it read', async () => {
      const repository = new MatchingRepository(app.database.executor);
      const sample = active.filter((_, i) => i % 25 === 0);
      const { seekers, asOf, version } = await repository.findSeekers(sample.map((p) => p.id));
      const requests = seekers.map((seeker) => ({
        seeker: seeker as Seeker,
        excluded: excludedFor(seeker as Seeker, null, null),
      }));
      const found = await repository.findCandidates(requests, {}, version);
      const network = await postGraphQL<{
        network: { nodes: { id: string; degree: number; community: number }[] };
      }>(app, '{ network(mode: PARTNERS) { nodes { id degree community } } }');
      const communities = new Map(
        (network.body.data?.network.nodes ?? [])
          .filter((n) => n.degree > 0)
          .map((n) => [n.id, `c${n.community}`]),
      );
      requests.forEach(({ seeker }, i) => {
        const listed = lists.get(seeker.profile.id) ?? [];
        const pure = new Map(
          scoreEligible(
            withCommunity(seeker.profile, communities),
            inCommunities(found[i] ?? [], communities),
            { weights: DEFAULT_WEIGHTS, asOf },
          ).map((c) => [c.candidate.id, c.score]),
        );
        for (const suggestion of listed) {
          expect(suggestion.score).toBeCloseTo(pure.get(suggestion.partner.id) ?? NaN, 12);
        }
      });
    });
  });

  /** Whether a partner offers or needs a text: on its profile or in an open exchange's post. */
  function hasItem(partner: PartnerFacts, kind: 'OFFER' | 'NEED', text: string | undefined) {
    const items = kind === 'OFFER' ? partner.offers : partner.needs;
    return (
      items.some((item) => item.text === text) || openPosts.has(`${partner.id}|${kind}|${text}`)
    );
  }

  function reasonHolds(
    reason: Suggestion['reasons'][number],
    seeker: PartnerFacts,
    candidate: PartnerFacts,
  ): boolean {
    const seekerDims = new Set(engagementsOf(seeker).map((e) => e.dimension));
    const candidateDims = new Set(engagementsOf(candidate).map((e) => e.dimension));
    const notCityWide = seeker.scope !== 'CITY' && candidate.scope !== 'CITY';
    switch (reason.code) {
      case 'ADDS_DIMENSION':
        return candidateDims.has(reason.ref ?? '') && !seekerDims.has(reason.ref ?? '');
      case 'ADDS_PERSPECTIVE':
        return candidateDims.has(reason.ref ?? '') && seekerDims.has(reason.ref ?? '');
      case 'SHARED_TOPIC':
        return [seeker, candidate].every((p) => p.topics.some((t) => t.key === reason.ref));
      case 'SAME_DISTRICT':
        return (
          notCityWide &&
          seeker.district?.key === reason.ref &&
          candidate.district?.key === reason.ref
        );
      case 'SAME_BOROUGH':
        return (
          notCityWide &&
          seeker.district?.boroughKey === reason.ref &&
          candidate.district?.boroughKey === reason.ref
        );
      case 'WORKS_CITY_WIDE':
        return candidate.scope === 'CITY';
      case 'OFFERS_WHAT_YOU_NEED':
        return (
          hasItem(candidate, 'OFFER', reason.quote?.offer) &&
          hasItem(seeker, 'NEED', reason.quote?.need)
        );
      case 'NEEDS_WHAT_YOU_OFFER':
        return (
          hasItem(seeker, 'OFFER', reason.quote?.offer) &&
          hasItem(candidate, 'NEED', reason.quote?.need)
        );
      case 'COMMON_PARTNERS':
        return (
          reason.partners.length > 0 &&
          reason.partners.every(
            ({ id }) =>
              formerPartners.get(seeker.id)?.has(id) && formerPartners.get(candidate.id)?.has(id),
          )
        );
      case 'OTHER_SECTOR':
        return seeker.sector !== candidate.sector && reason.ref === candidate.sector;
      case 'NEVER_COOPERATED':
        return candidate.cooperationCount === 0;
      case 'OTHER_COMMUNITY':
        // Communities come from the network of cooperations: both sides must have cooperated.
        return seeker.cooperationCount > 0 && candidate.cooperationCount > 0;
      default:
        return false;
    }
  }

  /**
   * Changes a partner's profile as a coordinator (reading its current version first) and
   * returns a function that puts the given previous values back.
   */
  async function updateProfile(
    id: string,
    input: Record<string, unknown>,
    previous: Record<string, unknown>,
  ) {
    const coordinator = await coordinatorAuth();
    const update = `mutation U($id: ID!, $version: Int!, $input: UpdatePartnerProfileInput!) {
      updatePartnerProfile(id: $id, version: $version, input: $input) { version } }`;
    // The current version at each change, so restores may nest.
    const change = async (values: Record<string, unknown>) => {
      const read = await postGraphQL<{ partner: { version: number } }>(
        app,
        'query V($id: ID!) { partner(id: $id) { version } }',
        { id },
      );
      const changed = await postGraphQL(
        app,
        update,
        { id, version: read.body.data?.partner.version, input: values },
        coordinator,
      );
      expect(changed.body.errors).toBeUndefined();
    };
    await change(input);
    return () => change(previous);
  }

  /** A seeker with cooperations, several topics and a district, for the single-list tests. */
  function typicalSeeker(): PartnerFacts {
    return active.find(
      (p) => p.cooperationCount >= 3 && p.topics.length >= 2 && p.dimensions.length >= 1,
    ) as PartnerFacts;
  }

  it('should be deterministic for the same data', async () => {
    const seeker = typicalSeeker();
    expect(await suggestOk(seeker.id)).toEqual(await suggestOk(seeker.id));
  });

  it('should write the sentences in the language of Accept-Language', async () => {
    const seeker = typicalSeeker();
    const german = await suggest(seeker.id, {}, { 'accept-language': 'de-DE,de;q=0.9' });
    const english = await suggest(seeker.id, {}, { 'accept-language': 'en-GB,en;q=0.8,de;q=0.5' });
    const text = (body: typeof german) =>
      body.data?.suggestedPartners.flatMap((s) => s.reasons.map((r) => r.text)) ?? [];
    expect(text(german).length).toBeGreaterThan(0);
    expect(text(german)).not.toEqual(text(english));
    expect(text(english).some((t) => /^(Brings|Adds|Is|Has|Comes)/.test(t))).toBe(true);
    expect(text(german).some((t) => /^(Bringt|Ist|Sitzt|Hat|Kommt)/.test(t))).toBe(true);
  });

  describe('filters', () => {
    it('should only suggest partners of the given sectors', async () => {
      const list = await suggestOk(typicalSeeker().id, { filter: { sectors: ['BUSINESS'] } });
      expect(list.length).toBeGreaterThan(0);
      for (const s of list) expect(partners.get(s.partner.id)?.sector).toBe('BUSINESS');
    });

    it('should only suggest partners of the given district or borough', async () => {
      const district = active[0]?.district?.key as string;
      const inDistrict = await suggestOk(typicalSeeker().id, { filter: { districts: [district] } });
      for (const s of inDistrict) expect(partners.get(s.partner.id)?.district?.key).toBe(district);
      const borough = active[1]?.district?.boroughKey as string;
      const inBorough = await suggestOk(typicalSeeker().id, { filter: { boroughs: [borough] } });
      expect(inBorough.length).toBeGreaterThan(0);
      for (const s of inBorough) {
        expect(partners.get(s.partner.id)?.district?.boroughKey).toBe(borough);
      }
    });

    it('should only suggest partners active in a given topic', async () => {
      const list = await suggestOk(typicalSeeker().id, { filter: { topics: ['sport'] } });
      expect(list.length).toBeGreaterThan(0);
      for (const s of list) {
        expect(partners.get(s.partner.id)?.topics.map((t) => t.key)).toContain('sport');
      }
    });

    it('should only suggest partners adding the requested dimensions', async () => {
      const seeker = typicalSeeker();
      const own = new Set(engagementsOf(seeker).map((e) => e.dimension));
      const missing = [
        'age',
        'ethnic_origin',
        'gender',
        'abilities',
        'religion',
        'sexual_orientation',
        'social_origin',
      ].find((k) => !own.has(k)) as string;
      const list = await suggestOk(seeker.id, { filter: { addsDimensions: [missing] } });
      expect(list.length).toBeGreaterThan(0);
      for (const s of list) expect(s.addedDimensions.map((d) => d.key)).toContain(missing);
      const refused = await suggest(seeker.id, { filter: { addsDimensions: [[...own][0]] } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('should only suggest partners who never cooperated, and leave out excluded ids', async () => {
      const seeker = typicalSeeker();
      const fresh = await suggestOk(seeker.id, { filter: { neverCooperated: true } });
      expect(fresh.length).toBeGreaterThan(0);
      for (const s of fresh) expect(partners.get(s.partner.id)?.cooperationCount).toBe(0);
      const full = await suggestOk(seeker.id);
      const excluded = full.slice(0, 3).map((s) => s.partner.id);
      const rest = await suggestOk(seeker.id, { filter: { excludeIds: excluded } });
      for (const s of rest) expect(excluded).not.toContain(s.partner.id);
    });
  });

  describe('weights', () => {
    it('should rank by proximity alone when only proximity weighs', async () => {
      const weights = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0]));
      const list = await suggestOk(typicalSeeker().id, { weights: { ...weights, proximity: 1 } });
      const top = list[0]?.components.find((c) => c.name === 'proximity');
      expect(top?.value).toBe(1);
      expect(list[0]?.score).toBe(1);
    });

    it('should refuse negative and all-zero weights', async () => {
      const negative = await suggest(typicalSeeker().id, { weights: { proximity: -1 } });
      expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const zero = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0]));
      const allZero = await suggest(typicalSeeker().id, { weights: zero });
      expect(allZero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('refused requests', () => {
    it('should answer NOT_FOUND for an unknown partner', async () => {
      const body = await suggest('p-99999');
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('should answer BAD_USER_INPUT for a partner that is not active', async () => {
      const paused = [...partners.values()].find((p) => p.status === 'PAUSED') as PartnerFacts;
      const body = await suggest(paused.id);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('should answer BAD_USER_INPUT for a list length outside 1–50 or a malformed key', async () => {
      for (const first of [0, 51]) {
        const body = await suggest(typicalSeeker().id, { first });
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
      const body = await suggest(typicalSeeker().id, { filter: { topics: ["x' OR 1=1"] } });
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('should still suggest partners to a partner without dimensions, and say why', async () => {
    const seeker = typicalSeeker();
    const restore = await updateProfile(
      seeker.id,
      { dimensions: [] },
      {
        dimensions: seeker.dimensions.map((d) => ({
          key: d.dimension.key,
          perspective: d.perspective,
        })),
      },
    );
    try {
      const list = await suggestOk(seeker.id);
      expect(list.length).toBe(10);
      for (const s of list) {
        expect(s.reasons[0]?.code).toBe('NO_DIMENSIONS_YET');
        expect(s.coveredDimensions.length).toBeGreaterThanOrEqual(2);
      }
    } finally {
      await restore();
    }
  });

  it('should see a change to a candidate at the next request (the profile cache follows the data version)', async () => {
    const seeker = typicalSeeker();
    const [top] = await suggestOk(seeker.id);
    const candidate = partners.get(top?.partner.id as string) as PartnerFacts;
    const seekerTopics = seeker.topics.map((t) => t.key).sort();
    const restore = await updateProfile(
      candidate.id,
      { topicKeys: seekerTopics },
      { topicKeys: candidate.topics.map((t) => t.key) },
    );
    try {
      const after = await suggestOk(seeker.id);
      const same = after.find((s) => s.partner.id === candidate.id);
      const shared = same?.reasons.filter((r) => r.code === 'SHARED_TOPIC').map((r) => r.ref);
      expect(shared?.sort()).toEqual(seekerTopics);
    } finally {
      await restore();
    }
  });

  describe('suggestedConsortia', () => {
    const CONSORTIA = `query C($dimensions: [String!]!, $size: Int, $including: ID, $first: Int, $weights: WeightsInput) {
      suggestedConsortia(dimensions: $dimensions, size: $size, including: $including, first: $first, weights: $weights) {
        coverage score reasons partners { id status } coveredDimensions { key } missingDimensions { key } } }`;
    interface Group {
      coverage: number;
      score: number;
      reasons: string[];
      partners: { id: string; status: string }[];
      coveredDimensions: { key: string }[];
      missingDimensions: { key: string }[];
    }
    const consortia = async (variables: Record<string, unknown>) =>
      (await postGraphQL<{ suggestedConsortia: Group[] }>(app, CONSORTIA, variables)).body;

    it('should score groups with the given weights and refuse bad ones', async () => {
      const dimensions = ['age', 'religion', 'gender'];
      const byDefault = await consortia({ dimensions, size: 3, first: 3 });
      const onlyExposure = await consortia({
        dimensions,
        size: 3,
        first: 3,
        weights: Object.fromEntries(
          COMPONENT_NAMES.filter((name) => name !== 'exposure').map((name) => [name, 0]),
        ),
      });
      expect(byDefault.errors).toBeUndefined();
      expect(onlyExposure.errors).toBeUndefined();
      const scores = (body: typeof byDefault) => body.data?.suggestedConsortia.map((g) => g.score);
      expect(scores(onlyExposure)).not.toEqual(scores(byDefault));
      // With exposure alone a group's mean pair score is the share of members who never cooperated.
      for (const score of scores(onlyExposure) ?? [])
        expect([0, 1 / 3, 2 / 3, 1]).toContainEqual(expect.closeTo(score, 12));
      const refused = await consortia({ dimensions, weights: { proximity: -1 } });
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'weights',
      });
    });

    it('should find groups of the requested size that cover the dimensions and pass the rule', async () => {
      const dimensions = ['age', 'religion', 'abilities', 'gender'];
      const body = await consortia({ dimensions, size: 4, first: 5 });
      expect(body.errors).toBeUndefined();
      const groups = body.data?.suggestedConsortia ?? [];
      expect(groups.length).toBeGreaterThan(0);
      expect(groups[0]?.coverage).toBe(1);
      for (const group of groups) {
        expect(group.partners).toHaveLength(4);
        expect(new Set(group.partners.map((p) => p.id)).size).toBe(4);
        for (const p of group.partners) expect(p.status).toBe('ACTIVE');
        const engagements = group.partners.map((p) =>
          engagementsOf(partners.get(p.id) as PartnerFacts),
        );
        expect(checkCrossDimensionRule(engagements)).toBeNull();
        const covered = new Set(engagements.flat().map((e) => e.dimension));
        expect(group.coveredDimensions.map((d) => d.key).sort()).toEqual(
          dimensions.filter((d) => covered.has(d)).sort(),
        );
        expect(group.reasons.length).toBeGreaterThan(0);
      }
      const ranks = groups.map((g) => [g.coverage, g.score] as const);
      ranks.forEach((rank, i) => {
        const previous = ranks[i - 1];
        if (previous)
          expect(previous[0] > rank[0] || (previous[0] === rank[0] && previous[1] >= rank[1])).toBe(
            true,
          );
      });
    });

    it('should put the including partner in every group, deterministically', async () => {
      const including = typicalSeeker().id;
      const variables = { dimensions: ['age', 'religion', 'social_origin'], size: 3, including };
      const first = await consortia(variables);
      expect(first.errors).toBeUndefined();
      for (const group of first.data?.suggestedConsortia ?? []) {
        expect(group.partners[0]?.id).toBe(including);
      }
      expect(await consortia(variables)).toEqual(first);
    });

    it('should refuse bad arguments with BAD_USER_INPUT and an unknown including partner with NOT_FOUND', async () => {
      for (const variables of [
        { dimensions: ['age'] },
        { dimensions: ['age', 'gender'], size: 6 },
        { dimensions: ['age', 'no_such_dimension'] },
      ]) {
        const body = await consortia(variables);
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
      const unknown = await consortia({ dimensions: ['age', 'gender'], including: 'p-99999' });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('dismissSuggestion', () => {
    const DISMISS = `mutation D($p: ID!, $c: ID!) { dismissSuggestion(partnerId: $p, candidateId: $c) }`;
    const RESTORE = `mutation R($p: ID!, $c: ID!) { restoreSuggestion(partnerId: $p, candidateId: $c) }`;

    it('should stop suggesting a dismissed partner to the partner itself, until restored', async () => {
      const seeker = typicalSeeker();
      const own = await partnerAuth(seeker.id);
      const before = await suggest(seeker.id, {}, own);
      const dismissed = before.data?.suggestedPartners[0]?.partner.id as string;
      const result = await postGraphQL(app, DISMISS, { p: seeker.id, c: dismissed }, own);
      expect(result.body.data).toEqual({ dismissSuggestion: true });
      try {
        const after = await suggest(seeker.id, {}, own);
        expect(after.data?.suggestedPartners.map((s) => s.partner.id)).not.toContain(dismissed);
        // Dismissals are private: the public list does not reveal them.
        const anonymous = await suggestOk(seeker.id);
        expect(anonymous.map((s) => s.partner.id)).toContain(dismissed);
      } finally {
        await postGraphQL(app, RESTORE, { p: seeker.id, c: dismissed }, own);
      }
      const restored = await suggest(seeker.id, {}, own);
      expect(restored.data?.suggestedPartners[0]?.partner.id).toBe(dismissed);
    });

    it('should refuse anonymous callers, other partners and unknown partners', async () => {
      const [seeker, other] = active;
      const variables = { p: seeker?.id, c: other?.id };
      const anonymous = await postGraphQL(app, DISMISS, variables);
      expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const foreign = await postGraphQL(
        app,
        DISMISS,
        variables,
        await partnerAuth(other?.id as string),
      );
      expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const unknown = await postGraphQL(
        app,
        DISMISS,
        { p: seeker?.id, c: 'p-99999' },
        await coordinatorAuth(),
      );
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('explainPair ("why not X?")', () => {
    const EXPLAIN = `query E($p: ID!, $c: ID!) { explainPair(partnerId: $p, candidateId: $c) {
      partner { id } candidate { id } eligible score level rank rankedAmong
      components { name value weight } reasons { code text quote { need offer } }
      rules { rule passed text cooperation { id partners { partner { id } } } } } }`;

    interface Explanation {
      partner: { id: string };
      candidate: { id: string };
      eligible: boolean;
      score: number;
      level: string;
      rank: number;
      rankedAmong: number;
      components: { name: string; value: number; weight: number }[];
      reasons: { code: string; text: string }[];
      rules: {
        rule: string;
        passed: boolean;
        text: string;
        cooperation: { id: string; partners: { partner: { id: string } }[] } | null;
      }[];
    }

    async function explain(p: string, c: string, headers: Record<string, string> = {}) {
      const { body } = await postGraphQL<{ explainPair: Explanation }>(
        app,
        EXPLAIN,
        { p, c },
        headers,
      );
      return body;
    }

    async function explainOk(p: string, c: string, headers: Record<string, string> = {}) {
      const body = await explain(p, c, headers);
      expect(body.errors).toBeUndefined();
      return body.data?.explainPair as Explanation;
    }

    const ruleOf = (e: Explanation, rule: string) => e.rules.find((r) => r.rule === rule);

    it('should explain a listed suggestion with its own score, level and reasons, every rule passed', async () => {
      const seeker = typicalSeeker();
      const [first] = await suggestOk(seeker.id, { first: 3 });
      const e = await explainOk(seeker.id, first?.partner.id as string);
      expect(e.eligible).toBe(true);
      expect(e.rules.every((r) => r.passed)).toBe(true);
      expect(e.rules.map((r) => r.rule)).toEqual([
        'SEEKER_ACTIVE',
        'CANDIDATE_ACTIVE',
        'NO_PAST_COOPERATION',
        'CROSS_DIMENSION',
      ]);
      expect(e.score).toBeCloseTo(first?.score ?? NaN, 12);
      expect(e.level).toBe(first?.level);
      expect(e.reasons.map((r) => r.code)).toEqual(first?.reasons.map((r) => r.code));
      expect(e.rank).toBeGreaterThanOrEqual(1);
      expect(e.rank).toBeLessThanOrEqual(10);
      expect(e.rankedAmong).toBeGreaterThan(e.rank);
    });

    it('should name the past cooperation of former partners, in German by default', async () => {
      const seeker = typicalSeeker();
      const former = [...(formerPartners.get(seeker.id) ?? [])][0] as string;
      const e = await explainOk(seeker.id, former);
      const rule = ruleOf(e, 'NO_PAST_COOPERATION');
      expect(rule?.passed).toBe(false);
      expect(e.eligible).toBe(false);
      const members = rule?.cooperation?.partners.map((x) => x.partner.id) ?? [];
      expect(members).toEqual(expect.arrayContaining([seeker.id, former]));
      expect(rule?.text).toContain(rule?.cooperation?.id);
      expect(rule?.text).toMatch(/^Sie haben mit .+ bereits kooperiert/);
    });

    it('should say that a partner is not active', async () => {
      const seeker = typicalSeeker();
      const paused = [...partners.values()].find((p) => p.status === 'PAUSED') as PartnerFacts;
      const e = await explainOk(seeker.id, paused.id);
      expect(ruleOf(e, 'CANDIDATE_ACTIVE')).toMatchObject({ passed: false });
      expect(ruleOf(e, 'CANDIDATE_ACTIVE')?.text).toContain('ruhend');
    });

    it('should name the failing part of the cross-dimension rule', async () => {
      const single = (p: PartnerFacts) => new Set(engagementsOf(p).map((x) => x.dimension));
      const pair = active.flatMap((a) =>
        active
          .filter((b) => b.id !== a.id && !formerPartners.get(a.id)?.has(b.id))
          .filter((b) => {
            const profiles = [engagementsOf(a), engagementsOf(b)];
            return a.dimensions.length > 0 && checkCrossDimensionRule(profiles) !== null;
          })
          .map((b) => [a, b] as const),
      )[0];
      expect(pair).toBeDefined();
      const [a, b] = pair as readonly [PartnerFacts, PartnerFacts];
      const e = await explainOk(a.id, b.id);
      const rule = ruleOf(e, 'CROSS_DIMENSION');
      expect(rule?.passed).toBe(false);
      const together = new Set([...single(a), ...single(b)]);
      expect(rule?.text).toMatch(
        together.size < 2
          ? /nur .* ab; eine Vielfaltskooperation braucht/
          : /(bringt|bringen) keine Dimension/,
      );
    });

    it('should show a dismissal to the partner itself only', async () => {
      const seeker = typicalSeeker();
      const own = await partnerAuth(seeker.id);
      const [first] = await suggestOk(seeker.id, { first: 1 });
      const candidate = first?.partner.id as string;
      const DISMISS = `mutation D($p: ID!, $c: ID!) { dismissSuggestion(partnerId: $p, candidateId: $c) }`;
      const RESTORE = `mutation R($p: ID!, $c: ID!) { restoreSuggestion(partnerId: $p, candidateId: $c) }`;
      await postGraphQL(app, DISMISS, { p: seeker.id, c: candidate }, own);
      try {
        const mine = await explainOk(seeker.id, candidate, own);
        expect(ruleOf(mine, 'NOT_DISMISSED')).toMatchObject({ passed: false });
        expect(mine.eligible).toBe(false);
        const anonymous = await explainOk(seeker.id, candidate);
        expect(ruleOf(anonymous, 'NOT_DISMISSED')).toBeUndefined();
        expect(anonymous.eligible).toBe(true);
      } finally {
        await postGraphQL(app, RESTORE, { p: seeker.id, c: candidate }, own);
      }
    });

    it('should refuse the same partner twice and unknown partners, naming the argument', async () => {
      const seeker = typicalSeeker();
      const same = await explain(seeker.id, seeker.id);
      expect(same.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'candidateId',
      });
      const unknown = await explain(seeker.id, 'p-99999');
      expect(unknown.errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        argument: 'candidateId',
      });
      const unknownSeeker = await explain('p-99999', seeker.id);
      expect(unknownSeeker.errors?.[0]?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        argument: 'partnerId',
      });
    });
  });

  describe('offers and needs', () => {
    const needFitOf = (e: { components: { name: string; value: number }[] }) =>
      e.components.find((c) => c.name === 'needFit')?.value ?? NaN;

    /** Two partners in different boroughs that may form a Vielfaltskooperation. */
    function farPair(): readonly [PartnerFacts, PartnerFacts] {
      return active.flatMap((x) =>
        active
          .filter(
            (y) =>
              y.id > x.id &&
              x.scope === 'NEIGHBOURHOOD' &&
              y.scope === 'NEIGHBOURHOOD' &&
              x.district?.boroughKey !== y.district?.boroughKey &&
              !formerPartners.get(x.id)?.has(y.id) &&
              x.dimensions.length > 0 &&
              checkCrossDimensionRule([engagementsOf(x), engagementsOf(y)]) === null,
          )
          .map((y) => [x, y] as const),
      )[0] as readonly [PartnerFacts, PartnerFacts];
    }

    it('should match an offer to a need across the city, both ways, and quote them', async () => {
      const [a, b] = farPair();
      const EXPLAIN_FIT = `query E($p: ID!, $c: ID!) { explainPair(partnerId: $p, candidateId: $c) {
        components { name value } reasons { code quote { need offer } } } }`;
      const explainFit = async () =>
        (
          await postGraphQL<{
            explainPair: {
              components: { name: string; value: number }[];
              reasons: { code: string; quote: { need: string; offer: string } | null }[];
            };
          }>(app, EXPLAIN_FIT, { p: a.id, c: b.id })
        ).body.data?.explainPair;
      const restoreA = await updateProfile(
        a.id,
        {
          needs: [{ text: 'Proberaum für unseren Jugendchor gesucht' }],
          offers: [{ text: 'Unser Chor singt gern bei Ihrem Sommerfest' }],
        },
        {
          needs: a.needs.map(({ text }) => ({ text })),
          offers: a.offers.map(({ text }) => ({ text })),
        },
      );
      const restoreB = await updateProfile(
        b.id,
        {
          offers: [{ text: 'Proberaum für Chöre, abends frei' }],
          needs: [{ text: 'Suchen einen Chor für unser Sommerfest' }],
        },
        {
          needs: b.needs.map(({ text }) => ({ text })),
          offers: b.offers.map(({ text }) => ({ text })),
        },
      );
      try {
        const mutual = await explainFit();
        expect(needFitOf(mutual ?? { components: [] })).toBeGreaterThan(0.3);
        const quotes = Object.fromEntries(
          (mutual?.reasons ?? []).filter((r) => r.quote).map((r) => [r.code, r.quote]),
        );
        expect(quotes).toEqual({
          OFFERS_WHAT_YOU_NEED: {
            need: 'Proberaum für unseren Jugendchor gesucht',
            offer: 'Proberaum für Chöre, abends frei',
          },
          NEEDS_WHAT_YOU_OFFER: {
            need: 'Suchen einen Chor für unser Sommerfest',
            offer: 'Unser Chor singt gern bei Ihrem Sommerfest',
          },
        });
        // One-sided: the candidate no longer needs anything the seeker offers.
        const restoreNeed = await updateProfile(
          b.id,
          { needs: [] },
          {
            needs: [{ text: 'Suchen einen Chor für unser Sommerfest' }],
          },
        );
        try {
          const oneSided = await explainFit();
          expect(needFitOf(oneSided ?? { components: [] })).toBeGreaterThan(0);
          expect(needFitOf(oneSided ?? { components: [] })).toBeLessThan(
            needFitOf(mutual ?? { components: [] }),
          );
        } finally {
          await restoreNeed();
        }
      } finally {
        await restoreB();
        await restoreA();
      }
    });

    it('should count a need posted at an open Kooperationsbörse until the exchange closes', async () => {
      const [a, b] = farPair();
      const coordinator = await coordinatorAuth();
      const run = async <T>(query: string, variables: Record<string, unknown>) => {
        const { body } = await postGraphQL<T>(app, query, variables, coordinator);
        expect(body.errors).toBeUndefined();
        return body.data as T;
      };
      const need = 'Dolmetschen für unsere Elternabende auf Arabisch gesucht';
      const needQuotes = async () => {
        const { explainPair } = await run<{
          explainPair: { reasons: { code: string; quote: { need: string } | null }[] };
        }>(
          `query E($p: ID!, $c: ID!) { explainPair(partnerId: $p, candidateId: $c) {
            reasons { code quote { need } } } }`,
          { p: a.id, c: b.id },
        );
        return explainPair.reasons
          .filter((r) => r.code === 'OFFERS_WHAT_YOU_NEED')
          .map((r) => r.quote?.need);
      };
      const restore = await updateProfile(
        b.id,
        { offers: [{ text: 'Wir dolmetschen Arabisch und Kurdisch bei Elternabenden' }] },
        { offers: b.offers.map(({ text }) => ({ text })) },
      );
      try {
        const { createExchange } = await run<{ createExchange: { id: string } }>(
          'mutation { createExchange(input: { title: "Börse Sprachmittlung" }) { id } }',
          {},
        );
        const exchangeId = createExchange.id;
        await run('mutation O($id: ID!) { openExchange(id: $id) { id } }', { id: exchangeId });
        await run(
          'mutation C($x: ID!, $p: ID!) { checkIn(exchangeId: $x, partnerId: $p) { id } }',
          {
            x: exchangeId,
            p: a.id,
          },
        );
        await run(
          `mutation P($x: ID!, $p: ID!, $text: String!) {
            createPost(exchangeId: $x, partnerId: $p, input: { kind: NEED, text: $text }) { id } }`,
          { x: exchangeId, p: a.id, text: need },
        );
        expect(await needQuotes()).toEqual([need]);
        await run('mutation X($id: ID!) { closeExchange(id: $id) { id } }', { id: exchangeId });
        expect(await needQuotes()).not.toContain(need);
      } finally {
        await restore();
      }
    });
  });

  describe('round trips', () => {
    async function statementsOf(query: string) {
      const statements: CypherQuery[] = [];
      const stop = app.database.executor.observe((s) => statements.push(s));
      try {
        const { body } = await postGraphQL(app, query);
        expect(body.errors).toBeUndefined();
      } finally {
        stop();
      }
      return statements.length;
    }

    it('should compute the suggestions of a list of partners in a constant number of round trips', async () => {
      const list = (
        n: number,
      ) => `{ partners(first: ${n}, filter: { statuses: [ACTIVE] }) { edges { node {
        id suggestions(first: 5) { score partner { id name } reasons { code partners { id } } addedDimensions { key } } } } } }`;
      // Warm the per-process caches (reference names, candidate profiles) so that both runs
      // read the same kinds of data.
      await statementsOf(list(50));
      const five = await statementsOf(list(5));
      const fifty = await statementsOf(list(50));
      expect(fifty).toBe(five);
      // partners page; seekers, candidates; suggested partners; dimensions; reason partners
      expect(fifty).toBeLessThanOrEqual(6);
    });
  });
});
