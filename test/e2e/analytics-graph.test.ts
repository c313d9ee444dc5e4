import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { BUMP_DATA_VERSION } from '../../src/db/write-unit';
import { postGraphQL, startTestApp, type GraphQLResponse } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

interface Node {
  id: string;
  label: string;
  degree: number;
  weightedDegree: number;
  betweenness: number;
  community: number;
}
interface Edge {
  source: string;
  target: string;
  weight: number;
}
interface Network {
  dataVersion: number;
  nodes: Node[];
  edges: Edge[];
  metrics: { nodes: number; communities: number; modularity: number };
}
interface GraphPartner {
  id: string;
  name: string;
  degree: number;
  community: number;
  betweenness: number;
}
interface Pair {
  first: GraphPartner;
  second: GraphPartner;
  score: number;
}

/** Every id the write test creates starts with this prefix; its afterAll deletes them. */
const PREFIX = 't-agraph-';

const PARTNER_FIELDS = 'id name degree community betweenness';
const PAIR_FIELDS = `first { ${PARTNER_FIELDS} } second { ${PARTNER_FIELDS} } score coveredDimensionKeys`;

const NETWORK = `query($mode: NetworkMode!, $filter: NetworkFilter) { network(mode: $mode, filter: $filter) {
  dataVersion
  nodes { id label degree weightedDegree betweenness community }
  edges { source target weight }
  metrics { nodes communities modularity } } }`;

/** One query per analytics field, each asking for a few fields. */
const FIELDS: Record<string, string> = {
  dimensionPairGaps: '{ dimensionPairGaps { firstDimensionKey cooperations } }',
  isolatedPartners: '{ isolatedPartners(first: 1) { totalCount } }',
  communities: '{ communities { communityCount } }',
  brokers: '{ brokers { community } }',
  bridgeOpportunities: '{ bridgeOpportunities { ties } }',
};

describe('graph analytics for coordinators', () => {
  let app: App;
  let coordinator: Record<string, string>;
  let partners: Network;
  let dimensions: Network;

  async function ask<T>(
    query: string,
    variables?: Record<string, unknown>,
    headers = coordinator,
  ): Promise<GraphQLResponse<T>> {
    return (await postGraphQL<T>(app, query, variables, headers)).body;
  }

  async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const body = await ask<T>(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  const cypher = <T>(query: string, params: Record<string, unknown>) =>
    app.database.executor.read({ cypher: query, params }, (r) => fromNeo4j<T>(r.toObject()));

  /** Shared cooperations of each pair, counted in Neo4j itself. */
  async function sharedCooperations(pairs: Pair[]): Promise<number[]> {
    const rows = await cypher<{ shared: number }>(
      `UNWIND $pairs AS pair
MATCH (a:Partner {id: pair[0]}), (b:Partner {id: pair[1]})
RETURN COUNT { (a)-[:PARTICIPATES_IN]->(:Cooperation)<-[:PARTICIPATES_IN]-(b) } AS shared`,
      { pairs: pairs.map((p) => [p.first.id, p.second.id]) },
    );
    return rows.map((r) => r.shared);
  }

  /** Dimension keys each partner engages in, read from Neo4j itself. */
  async function engagements(ids: string[]): Promise<Map<string, string[]>> {
    const rows = await cypher<{ id: string; keys: string[] }>(
      `UNWIND $ids AS id MATCH (p:Partner {id: id})
RETURN id, [(p)-[:ENGAGES_IN]->(d:Dimension) | d.key] AS keys`,
      { ids: [...new Set(ids)] },
    );
    return new Map(rows.map((r) => [r.id, r.keys]));
  }

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    const network = async (mode: string, filter: Record<string, unknown> | null = null) =>
      (await data<{ network: Network }>(NETWORK, { mode, filter })).network;
    // The gaps count Vielfaltskooperationen and network projects by default (no action days).
    [partners, dimensions] = await Promise.all([
      network('PARTNERS'),
      network('DIMENSIONS', { cooperationKinds: ['DIVERSITY_COOPERATION', 'NETWORK_PROJECT'] }),
    ]);
  });

  afterAll(async () => {
    await app.stop();
  });

  describe('access', () => {
    it.each(Object.keys(FIELDS))('should refuse %s without a token', async (field) => {
      const body = await ask(FIELDS[field] ?? '', undefined, {});
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
    });

    it.each(Object.keys(FIELDS))('should refuse %s to a partner', async (field) => {
      const own = partners.nodes[0]?.id ?? '';
      const body = await ask(FIELDS[field] ?? '', undefined, await partnerAuth(own));
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(body.data ?? null).toBeNull();
    });

    it('should refuse a first outside its range as BAD_USER_INPUT', async () => {
      for (const query of [
        '{ dimensionPairGaps(first: 0) { cooperations } }',
        '{ brokers(first: 101) { community } }',
        '{ bridgeOpportunities(first: 21) { ties } }',
        '{ communities(minSize: 0) { communityCount } }',
        '{ isolatedPartners(first: 101) { totalCount } }',
      ]) {
        const body = await ask(query);
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    });
  });

  describe('dimensionPairGaps', () => {
    const GAPS = `query($first: Int) { dimensionPairGaps(first: $first) {
      firstDimensionKey firstDimensionName secondDimensionKey secondDimensionName cooperations
      partnersInFirst partnersInSecond partnersInBoth pairs { ${PAIR_FIELDS} } } }`;
    interface Gap {
      firstDimensionKey: string;
      secondDimensionKey: string;
      firstDimensionName: string;
      cooperations: number;
      partnersInFirst: number;
      partnersInBoth: number;
      pairs: Pair[];
    }
    let all: Gap[];

    beforeAll(async () => {
      ({ dimensionPairGaps: all } = await data<{ dimensionPairGaps: Gap[] }>(GAPS, { first: 21 }));
    });

    it('should list every pair of the seven dimensions once, rarest first, ties by keys', () => {
      const keys = dimensions.nodes.map((n) => n.id).sort();
      expect(keys).toHaveLength(7);
      expect(all).toHaveLength(21);
      const names = new Set(all.map((g) => `${g.firstDimensionKey}|${g.secondDimensionKey}`));
      expect(names.size).toBe(21);
      all.forEach((gap) => expect(gap.firstDimensionKey < gap.secondDimensionKey).toBe(true));
      const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const order = (a: Gap, b: Gap) =>
        a.cooperations - b.cooperations ||
        text(a.firstDimensionKey, b.firstDimensionKey) ||
        text(a.secondDimensionKey, b.secondDimensionKey);
      expect([...all].sort(order)).toEqual(all);
    });

    it('should count the cooperations of a pair as the edge weight of network(DIMENSIONS)', () => {
      const weight = new Map(
        dimensions.edges.map((e) => [[e.source, e.target].sort().join('|'), e.weight]),
      );
      for (const gap of all) {
        const key = `${gap.firstDimensionKey}|${gap.secondDimensionKey}`;
        expect(gap.cooperations).toBe(weight.get(key) ?? 0);
      }
    });

    it('should name dimensions in the response language and count the engaged members', () => {
      const labels = new Map(dimensions.nodes.map((n) => [n.id, n.label]));
      for (const gap of all) {
        expect(gap.firstDimensionName).toBe(labels.get(gap.firstDimensionKey));
        expect(gap.partnersInBoth).toBeLessThanOrEqual(gap.partnersInFirst);
        expect(gap.partnersInFirst).toBeGreaterThan(0);
      }
    });

    it('should return first gaps, the rarest ones', async () => {
      const { dimensionPairGaps } = await data<{ dimensionPairGaps: Gap[] }>(GAPS, {});
      const withoutPairs = (gaps: Gap[]) => gaps.map(({ pairs: _pairs, ...gap }) => gap);
      expect(withoutPairs(dimensionPairGaps)).toEqual(withoutPairs(all.slice(0, 10)));
    });

    it('should propose only pairs engaged in the two dimensions that never cooperated', async () => {
      const pairs = all.flatMap((gap) => gap.pairs.map((pair) => ({ gap, pair })));
      expect(pairs.length).toBeGreaterThan(0);
      all.forEach((gap) => expect(gap.pairs.length).toBeLessThanOrEqual(3));
      const engaged = await engagements(
        pairs.flatMap(({ pair }) => [pair.first.id, pair.second.id]),
      );
      for (const { gap, pair } of pairs) {
        expect(engaged.get(pair.first.id)).toContain(gap.firstDimensionKey);
        expect(engaged.get(pair.second.id)).toContain(gap.secondDimensionKey);
      }
      expect(await sharedCooperations(pairs.map(({ pair }) => pair))).toEqual(pairs.map(() => 0));
      for (const gap of all) {
        const scores = gap.pairs.map((p) => p.score);
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      }
    });
  });

  describe('isolatedPartners', () => {
    const PAGE = `query($after: String) { isolatedPartners(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { ${PARTNER_FIELDS} partner { status } } } } }`;
    interface PageData {
      isolatedPartners: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: GraphPartner & { partner: { status: string } } }[];
      };
    }

    it('should page through exactly the nodes of degree 0, by name, each a member', async () => {
      const seen: (GraphPartner & { partner: { status: string } })[] = [];
      let after: string | null = null;
      let total = -1;
      for (let page = 0; page < 10; page += 1) {
        const { isolatedPartners: found }: PageData = await data<PageData>(PAGE, { after });
        total = found.totalCount;
        seen.push(...found.edges.map((e) => e.node));
        if (!found.pageInfo.hasNextPage) break;
        after = found.pageInfo.endCursor;
      }
      const expected = partners.nodes.filter((n) => n.degree === 0).map((n) => n.id);
      expect(expected.length).toBeGreaterThan(100);
      expect(total).toBe(expected.length);
      expect(seen.map((p) => p.id).sort()).toEqual([...expected].sort());
      seen.forEach((p) => expect(p.degree).toBe(0));
      seen.forEach((p) => expect(['ACTIVE', 'PAUSED']).toContain(p.partner.status));
      const names = seen.map((p) => p.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });
  });

  describe('communities', () => {
    const COMMUNITIES = `{ communities(first: 100) {
      dataVersion partners communityCount singletonCount modularity
      communities { id size internalTies externalTies neighbourCommunities
        dominantDimensions { key name partners share } sectors { sector partners share }
        samples { ${PARTNER_FIELDS} } } } }`;
    interface Overview {
      dataVersion: number;
      partners: number;
      communityCount: number;
      singletonCount: number;
      modularity: number;
      communities: {
        id: number;
        size: number;
        internalTies: number;
        dominantDimensions: { key: string; partners: number; share: number }[];
        sectors: { partners: number; share: number }[];
        samples: GraphPartner[];
      }[];
    }
    let overview: Overview;
    const membersOf = (community: number) =>
      partners.nodes.filter((n) => n.community === community).map((n) => n.id);

    beforeAll(async () => {
      ({ communities: overview } = await data<{ communities: Overview }>(COMMUNITIES));
    });

    it('should add up to the nodes of network(PARTNERS), singletons included', () => {
      expect(overview.dataVersion).toBe(partners.dataVersion);
      expect(overview.partners).toBe(partners.nodes.length);
      expect(overview.communityCount).toBe(partners.metrics.communities);
      expect(overview.modularity).toBe(partners.metrics.modularity);
      const listed = overview.communities.reduce((sum, c) => sum + c.size, 0);
      expect(listed + overview.singletonCount).toBe(partners.nodes.length);
      overview.communities.forEach((c) => expect(c.size).toBeGreaterThanOrEqual(2));
    });

    it('should size and sample each community as the network numbers its nodes', () => {
      for (const community of overview.communities) {
        const members = new Set(membersOf(community.id));
        expect(community.size).toBe(members.size);
        expect(community.samples.length).toBe(Math.min(5, members.size));
        community.samples.forEach((s) => expect(members.has(s.id)).toBe(true));
        const internal = partners.edges.filter(
          (e) => members.has(e.source) && members.has(e.target),
        );
        expect(community.internalTies).toBe(internal.length);
        const sectorTotal = community.sectors.reduce((sum, s) => sum + s.partners, 0);
        expect(sectorTotal).toBe(community.size);
      }
    });

    it('should name the dimensions most members engage in, as Neo4j counts them', async () => {
      const [largest] = overview.communities;
      expect(largest?.dominantDimensions).toHaveLength(3);
      const counts = await cypher<{ key: string; partners: number }>(
        `MATCH (p:Partner)-[:ENGAGES_IN]->(d:Dimension) WHERE p.id IN $ids
RETURN d.key AS key, count(DISTINCT p) AS partners ORDER BY partners DESC, key LIMIT 3`,
        { ids: membersOf(largest?.id ?? -1) },
      );
      expect(largest?.dominantDimensions.map((d) => [d.key, d.partners])).toEqual(
        counts.map((c) => [c.key, c.partners]),
      );
      largest?.dominantDimensions.forEach((d) =>
        expect(d.share).toBeCloseTo(d.partners / (largest?.size ?? 1), 10),
      );
    });
  });

  describe('brokers', () => {
    const BROKERS = `{ brokers(first: 10) { community touchedCommunities externalTies
      partner { ${PARTNER_FIELDS} } } }`;
    interface BrokerData {
      community: number;
      touchedCommunities: number[];
      externalTies: number;
      partner: GraphPartner;
    }

    it('should be the top of the network nodes by betweenness, descending', async () => {
      const { brokers } = await data<{ brokers: BrokerData[] }>(BROKERS);
      expect(brokers).toHaveLength(10);
      const expected = [...partners.nodes]
        .sort(
          (a, b) =>
            b.betweenness - a.betweenness ||
            b.weightedDegree - a.weightedDegree ||
            (a.id < b.id ? -1 : 1),
        )
        .slice(0, 10);
      expect(brokers.map((b) => b.partner.id)).toEqual(expected.map((n) => n.id));
      const values = brokers.map((b) => b.partner.betweenness);
      expect([...values].sort((a, b) => b - a)).toEqual(values);
      expect(values[0]).toBeGreaterThan(0);
    });

    it('should name the communities of the neighbours outside its own', async () => {
      const { brokers } = await data<{ brokers: BrokerData[] }>(BROKERS);
      const communityOf = new Map(partners.nodes.map((n) => [n.id, n.community]));
      for (const broker of brokers) {
        const neighbours = partners.edges.flatMap((e) =>
          e.source === broker.partner.id
            ? [e.target]
            : e.target === broker.partner.id
              ? [e.source]
              : [],
        );
        const outside = neighbours
          .map((id) => communityOf.get(id) ?? -1)
          .filter((c) => c !== broker.community);
        expect(broker.community).toBe(communityOf.get(broker.partner.id));
        expect(broker.externalTies).toBe(outside.length);
        expect(broker.touchedCommunities).toEqual([...new Set(outside)].sort((a, b) => a - b));
      }
    });
  });

  describe('bridgeOpportunities', () => {
    const BRIDGES = `{ bridgeOpportunities(first: 10) { firstCommunity secondCommunity firstSize
      secondSize ties density pairs { ${PAIR_FIELDS} } } }`;
    interface Bridge {
      firstCommunity: number;
      secondCommunity: number;
      firstSize: number;
      secondSize: number;
      ties: number;
      density: number;
      pairs: Pair[];
    }
    let bridges: Bridge[];

    beforeAll(async () => {
      ({ bridgeOpportunities: bridges } = await data<{ bridgeOpportunities: Bridge[] }>(BRIDGES));
    });

    it('should rank community pairs by tie density, counting ties as network edges', () => {
      expect(bridges).toHaveLength(10);
      const communityOf = new Map(partners.nodes.map((n) => [n.id, n.community]));
      for (const bridge of bridges) {
        expect(bridge.firstCommunity).toBeLessThan(bridge.secondCommunity);
        const between = partners.edges.filter((e) => {
          const pair = [communityOf.get(e.source), communityOf.get(e.target)];
          return pair.includes(bridge.firstCommunity) && pair.includes(bridge.secondCommunity);
        });
        expect(bridge.ties).toBe(between.length);
        const sizes = [bridge.firstCommunity, bridge.secondCommunity].map(
          (c) => partners.nodes.filter((n) => n.community === c).length,
        );
        expect([bridge.firstSize, bridge.secondSize]).toEqual(sizes);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(3);
        expect(bridge.density).toBeCloseTo(bridge.ties / (sizes[0] ?? 1) / (sizes[1] ?? 1), 10);
      }
      const densities = bridges.map((b) => b.density);
      expect([...densities].sort((a, b) => a - b)).toEqual(densities);
    });

    it('should propose pairs across the two communities that never cooperated', async () => {
      const pairs = bridges.flatMap((bridge) => bridge.pairs.map((pair) => ({ bridge, pair })));
      expect(pairs.length).toBeGreaterThan(0);
      for (const { bridge, pair } of pairs) {
        expect(pair.first.community).toBe(bridge.firstCommunity);
        expect(pair.second.community).toBe(bridge.secondCommunity);
      }
      bridges.forEach((b) => expect(b.pairs.length).toBeLessThanOrEqual(3));
      expect(await sharedCooperations(pairs.map(({ pair }) => pair))).toEqual(pairs.map(() => 0));
    });
  });

  // Last: it changes the graph the other tests compare with.
  describe('after a write', () => {
    const ids = [`${PREFIX}a`, `${PREFIX}b`];
    const ISOLATED = `query($after: String) { isolatedPartners(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    interface Isolated {
      isolatedPartners: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { id: string } }[];
      };
    }
    /** Every isolated partner's id, over all pages, and the total count. */
    async function isolated(): Promise<{ total: number; ids: string[] }> {
      const found: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { isolatedPartners: page }: Isolated = await data<Isolated>(ISOLATED, { after });
        found.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) return { total: page.totalCount, ids: found };
        after = page.pageInfo.endCursor;
      }
    }
    const write = (query: string, params: Record<string, unknown>) =>
      app.database.executor.write({ cypher: query, params }, () => null);

    afterAll(async () => {
      await write(
        `MATCH (a:AuditEntry) WHERE any(x IN a.ids WHERE x STARTS WITH $prefix) DELETE a`,
        { prefix: PREFIX },
      );
      await write(
        `MATCH (n) WHERE (n:Cooperation OR n:Partner) AND n.id STARTS WITH $prefix DETACH DELETE n`,
        { prefix: PREFIX },
      );
      await write(`MATCH (c:Cooperation) WHERE c.title = 'T-Agraph Projekt' DETACH DELETE c`, {});
      await app.database.executor.write(BUMP_DATA_VERSION, () => null);
    });

    it('should see new partners as isolated, and no longer once they cooperate', async () => {
      const before = await isolated();
      await write(
        `UNWIND $ids AS id
CREATE (p:Partner {id: id, name: 'T-Agraph ' + id, sector: 'BUSINESS', kind: 'COMPANY',
  status: 'ACTIVE', joinedOn: date('2020-01-01'), lastActiveOn: date('2020-01-01'),
  cooperationCount: 0, version: 1})
WITH p MATCH (d:Dimension) WHERE d.key IN ['age', 'religion']
CREATE (p)-[:ENGAGES_IN {perspective: 'COMMUNITY'}]->(d)`,
        { ids },
      );
      await app.database.executor.write(BUMP_DATA_VERSION, () => null);
      const added = await isolated();
      expect(added.total).toBe(before.total + 2);
      expect(added.ids.filter((id) => !before.ids.includes(id))).toEqual(ids);

      const { body } = await postGraphQL<{ createCooperation: { id: string } }>(
        app,
        `mutation($input: CreateCooperationInput!) { createCooperation(input: $input) { id } }`,
        {
          input: {
            title: 'T-Agraph Projekt',
            kind: 'NETWORK_PROJECT',
            startedOn: '2024-03-01',
            leadPartnerId: ids[0],
            partnerIds: [ids[1]],
            dimensionKeys: ['age', 'religion'],
          },
        },
        coordinator,
      );
      expect(body.errors).toBeUndefined();
      const joined = await isolated();
      expect(joined.total).toBe(before.total);
      expect(joined.ids).toEqual(before.ids);
    });
  });
});
