import type { App } from '../../src/app';
import { germanSortKey } from '../../src/partners/german-sort-key';
import { postGraphQL, startTestApp } from '../support/test-app';

interface PartnerNode {
  id: string;
  name: string;
  sector: string;
  status: string;
  joinedOn: string;
  cooperationCount: number;
  dimensions: { perspective: string; dimension: { key: string } }[];
  topics: { key: string }[];
  district: { key: string; boroughKey: string } | null;
}

interface Connection<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string;
    endCursor: string;
  };
}

const PARTNER_FIELDS = `id name sector status joinedOn cooperationCount
  dimensions { perspective dimension { key } } topics { key } district { key boroughKey }`;

const PARTNERS = `query($first: Int, $after: String, $last: Int, $before: String, $filter: PartnerFilter, $orderBy: PartnerOrder) {
  partners(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { ${PARTNER_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('partners', () => {
  let app: App;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.stop();
  });

  async function partners(variables: Record<string, unknown>) {
    const { body } = await postGraphQL<{ partners: Connection<PartnerNode> }>(
      app,
      PARTNERS,
      variables,
    );
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data?.partners as Connection<PartnerNode>;
  }

  async function cypherCount(cypher: string, params: Record<string, unknown> = {}) {
    const [count] = await app.database.executor.read({ cypher, params }, (r) => Number(r.get(0)));
    return count;
  }

  describe('paging', () => {
    it('should return every partner exactly once paging forward', async () => {
      const total = await cypherCount('MATCH (p:Partner) RETURN count(p)');
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await partners({ first: 100, after });
        seen.push(...page.edges.map((e) => e.node.id));
        expect(page.totalCount).toBe(total);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(total as number);
      expect(new Set(seen).size).toBe(total);
    });

    it('should return every partner exactly once paging backward, in the same order', async () => {
      const forward: string[] = [];
      let after: string | undefined;
      for (
        let page = await partners({ first: 100 });
        ;
        page = await partners({ first: 100, after })
      ) {
        forward.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const backward: string[] = [];
      let before: string | undefined;
      for (;;) {
        const page = await partners({ last: 100, before });
        backward.unshift(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backward).toEqual(forward);
    });

    it.each([
      ['NAME', 'ASC'],
      ['JOINED_ON', 'DESC'],
      ['COOPERATION_COUNT', 'DESC'],
      ['LAST_ACTIVITY', 'ASC'],
    ])('should order by %s %s with a stable tie-break across pages', async (field, direction) => {
      const orderBy = { field, direction };
      const first = await partners({ first: 30, orderBy });
      const second = await partners({ first: 30, after: first.pageInfo.endCursor, orderBy });
      const rows = [...first.edges, ...second.edges].map((e) => e.node);
      const value = (p: PartnerNode) =>
        field === 'NAME'
          ? germanSortKey(p.name)
          : field === 'COOPERATION_COUNT'
            ? p.cooperationCount
            : p.joinedOn;
      for (let i = 1; i < rows.length; i += 1) {
        const [a, b] = [rows[i - 1] as PartnerNode, rows[i] as PartnerNode];
        if (field === 'LAST_ACTIVITY') continue;
        const cmp = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : a.id < b.id ? -1 : 1;
        expect(direction === 'ASC' ? cmp : -cmp).toBeLessThan(0);
      }
      expect(new Set(rows.map((p) => p.id)).size).toBe(rows.length);
    });

    it.each([
      [{ first: 101 }, 'expected first to be an integer from 0 to 100, got 101'],
      [{ first: -1 }, 'expected first to be an integer from 0 to 100, got -1'],
      [{ last: 500 }, 'expected last to be an integer from 0 to 100, got 500'],
      [{ first: 5, last: 5 }, 'expected either first or last, got both'],
      [
        { after: 'not-a-cursor' },
        'expected after to be a cursor from this API, got a malformed one',
      ],
      [{ before: '%%%' }, 'expected before to be a cursor from this API, got a malformed one'],
    ])('should refuse %p with BAD_USER_INPUT', async (variables, message) => {
      const { body } = await postGraphQL(app, PARTNERS, variables);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toBe(message);
    });

    it('should refuse a cursor of another ordering as foreign', async () => {
      const byName = await partners({ first: 1 });
      const { body } = await postGraphQL(app, PARTNERS, {
        first: 1,
        after: byName.pageInfo.endCursor,
        orderBy: { field: 'JOINED_ON', direction: 'ASC' },
      });
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toMatch(/cursor of this connection and ordering/);
    });
  });

  describe('filters', () => {
    it('should filter by sector and status, counting like Cypher does', async () => {
      const page = await partners({
        first: 100,
        filter: { sectors: ['BUSINESS'], statuses: ['ACTIVE'] },
      });
      expect(
        page.edges.every((e) => e.node.sector === 'BUSINESS' && e.node.status === 'ACTIVE'),
      ).toBe(true);
      expect(page.totalCount).toBe(
        await cypherCount(
          "MATCH (p:Partner {sector: 'BUSINESS', status: 'ACTIVE'}) RETURN count(p)",
        ),
      );
      expect(page.totalCount).toBeGreaterThan(0);
    });

    it('should filter by all of several dimensions with a perspective', async () => {
      const filter = { dimensions: ['age', 'gender'], perspective: 'COMMUNITY' };
      const page = await partners({ first: 100, filter });
      for (const { node } of page.edges) {
        for (const key of ['age', 'gender']) {
          expect(node.dimensions).toContainEqual({ perspective: 'COMMUNITY', dimension: { key } });
        }
      }
      expect(page.totalCount).toBe(
        await cypherCount(
          `MATCH (p:Partner) WHERE all(k IN ['age','gender'] WHERE EXISTS { (p)-[:ENGAGES_IN {perspective: 'COMMUNITY'}]->(:Dimension {key: k}) }) RETURN count(p)`,
        ),
      );
    });

    it('should filter by topic, district and borough', async () => {
      const [district] = await app.database.executor.read(
        {
          cypher:
            'MATCH (p:Partner)-[:LOCATED_IN]->(d:District) RETURN d.key AS key, d.boroughKey AS borough, count(p) AS n ORDER BY n DESC LIMIT 1',
        },
        (r) => ({ key: r.get('key') as string, borough: r.get('borough') as string }),
      );
      const byDistrict = await partners({ first: 100, filter: { districts: [district?.key] } });
      expect(byDistrict.totalCount).toBeGreaterThan(0);
      expect(byDistrict.edges.every((e) => e.node.district?.key === district?.key)).toBe(true);
      const byBorough = await partners({ first: 100, filter: { boroughs: [district?.borough] } });
      expect(byBorough.totalCount).toBeGreaterThanOrEqual(byDistrict.totalCount);
      expect(byBorough.edges.every((e) => e.node.district?.boroughKey === district?.borough)).toBe(
        true,
      );
      const byTopic = await partners({ first: 100, filter: { topics: ['sport'] } });
      expect(byTopic.edges.every((e) => e.node.topics.some((t) => t.key === 'sport'))).toBe(true);
    });

    it('should filter by joining date and by cooperation since a date', async () => {
      const joined = await partners({
        first: 100,
        filter: { joinedFrom: '2020-01-01', joinedTo: '2020-12-31' },
      });
      expect(joined.edges.every((e) => e.node.joinedOn.startsWith('2020'))).toBe(true);
      expect(joined.totalCount).toBe(
        await cypherCount('MATCH (p:Partner) WHERE p.joinedOn.year = 2020 RETURN count(p)'),
      );
      const cooperated = await partners({ first: 1, filter: { cooperatedSince: '2022-01-01' } });
      expect(cooperated.totalCount).toBe(
        await cypherCount(
          "MATCH (p:Partner) WHERE EXISTS { (p)-[:PARTICIPATES_IN]->(c:Cooperation) WHERE c.startedOn >= date('2022-01-01') } RETURN count(p)",
        ),
      );
    });

    it('should refuse a malformed key in a filter with BAD_USER_INPUT', async () => {
      const { body } = await postGraphQL(app, PARTNERS, { filter: { topics: ["x' OR 1=1"] } });
      expect(body.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        argument: 'filter.topics',
      });
    });
  });

  describe('full-text search', () => {
    it('should find a partner by a prefix of a word of its name', async () => {
      const [name] = await app.database.executor.read(
        { cypher: 'MATCH (p:Partner) RETURN p.name AS name ORDER BY p.id LIMIT 1' },
        (r) => r.get('name') as string,
      );
      const word = (name as string).split(/\s+/).find((w) => /^[\p{L}]{5,}$/u.test(w)) as string;
      const page = await partners({ first: 100, filter: { search: word.slice(0, 4) } });
      expect(page.edges.map((e) => e.node.name)).toContain(name);
    });

    it.each([
      'AND OR NOT',
      '"unclosed',
      'name:(x) || y && !z',
      '*?~^{}[]\\/',
      "' RETURN 1 //",
      'a\u0000b\u001f',
      'e.V.',
      '(((',
    ])('should treat %p as plain text, never as an error', async (search) => {
      const { body } = await postGraphQL<{ partners: { totalCount: number } }>(app, PARTNERS, {
        first: 5,
        filter: { search },
      });
      expect(body.errors).toBeUndefined();
      expect(body.data?.partners.totalCount).toBeGreaterThanOrEqual(0);
    });

    it('should refuse search text longer than 200 characters', async () => {
      const { body } = await postGraphQL(app, PARTNERS, { filter: { search: 'x'.repeat(201) } });
      expect(body.errors?.[0]?.message).toBe(
        'expected search to be at most 200 characters, got 201',
      );
    });
  });
});
