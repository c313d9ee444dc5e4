import type { App } from '../../src/app';
import type { CypherQuery } from '../../src/db/executor';
import { postGraphQL, startTestApp } from '../support/test-app';

const FIFTY_PARTNERS_NESTED = `{
  partners(first: 50, orderBy: { field: COOPERATION_COUNT, direction: DESC }) {
    edges { node {
      id name
      dimensions { perspective dimension { key nameDe } }
      topics { key }
      district { name borough }
      cooperations(first: 10) {
        totalCount
        edges { node { id title kind partners { role partner { id name } } } }
      }
    } }
  }
}`;

describe('nested reads', () => {
  let app: App;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.stop();
  });

  /** Runs an operation and records every Cypher statement it sends. */
  async function withRoundTrips(query: string, variables?: Record<string, unknown>) {
    const statements: CypherQuery[] = [];
    const stop = app.database.executor.observe((statement) => statements.push(statement));
    try {
      const { body } = await postGraphQL(app, query, variables);
      return { body, statements };
    } finally {
      stop();
    }
  }

  it('should load 50 partners with dimensions, topics, cooperations and their partners in a constant number of round trips', async () => {
    const { body, statements } = await withRoundTrips(FIFTY_PARTNERS_NESTED);
    expect(body.errors).toBeUndefined();
    const edges = (
      body.data as { partners: { edges: { node: { cooperations: { edges: unknown[] } } }[] } }
    ).partners.edges;
    expect(edges).toHaveLength(50);
    expect(edges.some((e) => e.node.cooperations.edges.length > 1)).toBe(true);
    // One compiled statement for the root field (READ_COMPILER); read-compiler.test.ts compares
    // it with the DataLoader path.
    expect(statements).toHaveLength(1);
  });

  it('should not grow the number of round trips with the page size', async () => {
    const small = await withRoundTrips(FIFTY_PARTNERS_NESTED.replace('first: 50', 'first: 5'));
    const large = await withRoundTrips(FIFTY_PARTNERS_NESTED);
    expect(large.statements.length).toBe(small.statements.length);
  });

  it("should give a cooperation's partners with their roles, exactly one lead", async () => {
    const { body } = await postGraphQL<{
      cooperations: {
        edges: {
          node: { kind: string; partners: { role: string }[]; dimensions: { key: string }[] };
        }[];
      };
    }>(
      app,
      '{ cooperations(first: 20, filter: { kinds: [DIVERSITY_COOPERATION] }) { edges { node { kind partners { role } dimensions { key } } } } }',
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.cooperations.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.partners.filter((p) => p.role === 'LEAD')).toHaveLength(1);
      expect(node.partners.length).toBeGreaterThanOrEqual(2);
      expect(node.dimensions.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('should filter cooperations like the talk counts them: diversity cooperations currently funded', async () => {
    const { body } = await postGraphQL<{
      all: { totalCount: number };
      funded: { totalCount: number };
    }>(
      app,
      `{ all: cooperations(filter: { kinds: [DIVERSITY_COOPERATION] }) { totalCount }
         funded: cooperations(filter: { kinds: [DIVERSITY_COOPERATION], currentlyFunded: true }) { totalCount } }`,
    );
    expect(body.data).toEqual({ all: { totalCount: 54 }, funded: { totalCount: 5 } });
  });

  it('should list cooperations active on a date and between two sectors', async () => {
    const { body } = await postGraphQL<{
      cooperations: {
        edges: {
          node: {
            startedOn: string;
            endedOn: string | null;
            partners: { partner: { sector: string } }[];
          };
        }[];
      };
    }>(
      app,
      `{ cooperations(first: 50, filter: { activeOn: "2021-06-01", sectorPair: [BUSINESS, CIVIL_SOCIETY] }) {
           edges { node { startedOn endedOn partners { partner { sector } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    for (const { node } of body.data?.cooperations.edges ?? []) {
      expect(node.startedOn <= '2021-06-01').toBe(true);
      expect(node.endedOn === null || node.endedOn >= '2021-06-01').toBe(true);
      const sectors = node.partners.map((p) => p.partner.sector);
      expect(sectors).toEqual(expect.arrayContaining(['BUSINESS', 'CIVIL_SOCIETY']));
    }
  });

  it('should refuse a sector pair of one sector', async () => {
    const { body } = await postGraphQL(
      app,
      '{ cooperations(filter: { sectorPair: [BUSINESS] }) { totalCount } }',
    );
    expect(body.errors?.[0]?.message).toBe('expected filter.sectorPair to name 2 sectors, got 1');
  });

  it("should page a dimension's partners and cooperations, in one statement over all seven dimensions", async () => {
    const { body, statements } = await withRoundTrips(
      '{ dimensions { key partners(first: 3, perspective: ADVOCACY) { totalCount edges { node { id } } } cooperations(first: 2) { totalCount } } }',
    );
    expect(body.errors).toBeUndefined();
    const dims = (
      body.data as {
        dimensions: { key: string; partners: { totalCount: number; edges: unknown[] } }[];
      }
    ).dimensions;
    expect(dims).toHaveLength(7);
    expect(dims.every((d) => d.partners.edges.length <= 3)).toBe(true);
    expect(statements).toHaveLength(1);
    const [age] = await app.database.executor.read(
      {
        cypher:
          "MATCH (p:Partner)-[:ENGAGES_IN {perspective: 'ADVOCACY'}]->(:Dimension {key: 'age'}) RETURN count(DISTINCT p)",
      },
      (r) => Number(r.get(0)),
    );
    expect(dims.find((d) => d.key === 'age')?.partners.totalCount).toBe(age);
  });

  it("should page one partner's cooperations with its own cursor", async () => {
    const query = `query($after: String) { partners(first: 1, orderBy: { field: COOPERATION_COUNT, direction: DESC }) {
      edges { node { cooperationCount cooperations(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } } } }`;
    type Result = {
      partners: {
        edges: {
          node: {
            cooperationCount: number;
            cooperations: {
              totalCount: number;
              pageInfo: { hasNextPage: boolean; endCursor: string };
              edges: { node: { id: string } }[];
            };
          };
        }[];
      };
    };
    const first = await postGraphQL<Result>(app, query);
    const node = first.body.data?.partners.edges[0]?.node;
    expect(node?.cooperations.totalCount).toBe(node?.cooperationCount);
    const second = await postGraphQL<Result>(app, query, {
      after: node?.cooperations.pageInfo.endCursor,
    });
    const ids = [
      ...(node?.cooperations.edges ?? []),
      ...(second.body.data?.partners.edges[0]?.node.cooperations.edges ?? []),
    ].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(Math.min(4, node?.cooperationCount ?? 0));
  });

  it('should list events newest first, filtered by kind, with participants counted', async () => {
    const { body } = await postGraphQL<{
      events: {
        totalCount: number;
        edges: { node: { kind: string; date: string; participantCount: number } }[];
      };
    }>(
      app,
      '{ events(first: 10, filter: { kinds: [ACTION_DAYS] }) { totalCount edges { node { kind date participantCount } } } }',
    );
    const nodes = body.data?.events.edges.map((e) => e.node) ?? [];
    expect(body.data?.events.totalCount).toBe(7);
    expect(nodes.map((n) => n.date)).toEqual([...nodes.map((n) => n.date)].sort().reverse());
    expect(nodes.every((n) => n.kind === 'ACTION_DAYS' && n.participantCount > 50)).toBe(true);
  });

  it('should list topics and districts with their partners', async () => {
    const { body } = await postGraphQL<{
      topics: { key: string }[];
      districts: { key: string; partners: { totalCount: number } }[];
    }>(
      app,
      '{ topics { key nameDe } districts { key name borough partners(first: 1) { totalCount } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.topics.length).toBeGreaterThanOrEqual(10);
    expect(body.data?.districts.length).toBeGreaterThanOrEqual(17);
    const located = body.data?.districts.reduce((sum, d) => sum + d.partners.totalCount, 0);
    const [partnersWithDistrict] = await app.database.executor.read(
      { cypher: 'MATCH (p:Partner)-[:LOCATED_IN]->(:District) RETURN count(p)' },
      (r) => Number(r.get(0)),
    );
    expect(located).toBe(partnersWithDistrict);
  });

  it('should answer partner(id) and null for an unknown id', async () => {
    const { body } = await postGraphQL<{ known: { id: string } | null; unknown: null }>(
      app,
      '{ known: partner(id: "p-00001") { id } unknown: partner(id: "nope") { id } }',
    );
    expect(body.data).toEqual({ known: { id: 'p-00001' }, unknown: null });
  });
});
