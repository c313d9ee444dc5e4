import type { App } from '../../src/app';
import {
  checkCrossDimensionRule,
  type Engagement,
  type Perspective,
} from '../../src/cooperations/cross-dimension-rule';
import type { CypherQuery } from '../../src/db/executor';
import type { PartnerProfile } from '../../src/matching/matching.model';
import { rankCandidates } from '../../src/matching/rank';
import { DEFAULT_WEIGHTS } from '../../src/matching/scoring';
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
  cooperations: { edges: { node: { partners: { partner: { id: string } }[] } }[] };
}

interface Suggestion {
  partner: { id: string };
  score: number;
  components: { name: string; value: number; weight: number }[];
  reasons: { code: string; ref: string | null; text: string; partners: { id: string }[] }[];
  coveredDimensions: { key: string }[];
  addedDimensions: { key: string }[];
}

const SUGGESTION_FIELDS = `partner { id } score components { name value weight }
  reasons { code ref text partners { id } } coveredDimensions { key } addedDimensions { key }`;

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
      for (const [seekerId, list] of lists) {
        const seeker = partners.get(seekerId) as PartnerFacts;
        for (const suggestion of list) {
          const candidate = partners.get(suggestion.partner.id) as PartnerFacts;
          for (const reason of suggestion.reasons) {
            expect(reasonHolds(reason, seeker, candidate)).toBe(true);
          }
        }
      }
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

    it('should equal the pure ranking over every active partner (the channels lose nothing at demo size)', () => {
      const asOf = [...partners.values()]
        .map((p) => p.lastActiveOn)
        .sort()
        .at(-1) as string;
      const mismatches = active.filter((seeker) => {
        const candidates = active
          .filter((c) => c.id !== seeker.id && !formerPartners.get(seeker.id)?.has(c.id))
          .map((c) => ({ profile: profileOf(c), signals: signalsOf(seeker.id, c.id) }));
        const expected = rankCandidates(profileOf(seeker), candidates, {
          weights: DEFAULT_WEIGHTS,
          asOf,
          k: 10,
        }).map((r) => r.candidate.id);
        return (
          expected.join() !==
          lists
            .get(seeker.id)
            ?.map((s) => s.partner.id)
            .join()
        );
      });
      expect(mismatches.map((m) => m.id)).toEqual([]);
    });
  });

  /** The profile of a partner as the scoring sees it, from API data only. */
  function profileOf(p: PartnerFacts): PartnerProfile {
    return {
      id: p.id,
      sector: p.sector,
      districtKey: p.district?.key ?? null,
      boroughKey: p.district?.boroughKey ?? null,
      scope: 'NEIGHBOURHOOD',
      topics: p.topics.map((t) => t.key).sort(),
      engagements: engagementsOf(p),
      cooperationCount: p.cooperationCount,
      lastActiveOn: p.lastActiveOn,
      community: null,
    };
  }

  /** Adamic–Adar on the co-cooperation graph, from API data only. */
  function signalsOf(a: string, b: string) {
    const common = [...(formerPartners.get(a) ?? [])].filter((z) => formerPartners.get(b)?.has(z));
    const adamicAdar = common.reduce((sum, z) => {
      const degree = formerPartners.get(z)?.size ?? 0;
      return degree > 1 ? sum + 1 / Math.log(degree) : sum;
    }, 0);
    return { commonPartners: common.length, adamicAdar, commonPartnerIds: common.sort() };
  }

  function reasonHolds(
    reason: Suggestion['reasons'][number],
    seeker: PartnerFacts,
    candidate: PartnerFacts,
  ): boolean {
    const seekerDims = new Set(engagementsOf(seeker).map((e) => e.dimension));
    const candidateDims = new Set(engagementsOf(candidate).map((e) => e.dimension));
    switch (reason.code) {
      case 'ADDS_DIMENSION':
        return candidateDims.has(reason.ref ?? '') && !seekerDims.has(reason.ref ?? '');
      case 'ADDS_PERSPECTIVE':
        return candidateDims.has(reason.ref ?? '') && seekerDims.has(reason.ref ?? '');
      case 'SHARED_TOPIC':
        return [seeker, candidate].every((p) => p.topics.some((t) => t.key === reason.ref));
      case 'SAME_DISTRICT':
        return seeker.district?.key === reason.ref && candidate.district?.key === reason.ref;
      case 'SAME_BOROUGH':
        return (
          seeker.district?.boroughKey === reason.ref &&
          candidate.district?.boroughKey === reason.ref
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
    const read = await postGraphQL<{ partner: { version: number } }>(
      app,
      'query V($id: ID!) { partner(id: $id) { version } }',
      { id },
    );
    const changed = await postGraphQL<{ updatePartnerProfile: { version: number } }>(
      app,
      update,
      { id, version: read.body.data?.partner.version, input },
      coordinator,
    );
    expect(changed.body.errors).toBeUndefined();
    return async () => {
      const version = changed.body.data?.updatePartnerProfile.version;
      const restored = await postGraphQL(
        app,
        update,
        { id, version, input: previous },
        coordinator,
      );
      expect(restored.body.errors).toBeUndefined();
    };
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
    const CONSORTIA = `query C($dimensions: [String!]!, $size: Int, $including: ID, $first: Int) {
      suggestedConsortia(dimensions: $dimensions, size: $size, including: $including, first: $first) {
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
