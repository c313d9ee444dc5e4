import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import { germanSortKey, germanSortKeyCypher } from '../../src/partners/german-sort-key';
import { postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth } from '../support/tokens';

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string; name: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    endCursor: string;
    startCursor: string;
  };
}

const PARTNERS = `query($first: Int, $after: String, $last: Int, $before: String, $filter: PartnerFilter, $orderBy: PartnerOrder) {
  partners(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const APPLY = `mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { id name } }`;

/** A word no demo name has, so that a search finds exactly this suite's partners. */
const WORD = `Zollerngrund${randomUUID()
  .slice(0, 6)
  .replace(/[^a-f]/g, 'x')}`;

/** Applied in this order; German order is different from code-unit order for most of them. */
const NAMES = [
  `Braun & Weber ${WORD}`,
  `Ökumenischer Kreis ${WORD}`,
  `Bäckerei Kaya ${WORD}`,
  `Zebra ${WORD}`,
  `Oase ${WORD}`,
  `Straße der Vielfalt ${WORD}`,
  `Strasse der Vielfalt ${WORD}`,
  `bunte Bühne ${WORD}`,
  `Çelik Reisen ${WORD}`,
  `Cafe Ufer ${WORD}`,
  `Übersetzerinnen ${WORD}`,
  `Uhland-Chor ${WORD}`,
];

/** The expected German order (DIN 5007-1), written out rather than computed. */
const GERMAN_ORDER = [
  `Bäckerei Kaya ${WORD}`,
  `Braun & Weber ${WORD}`,
  `bunte Bühne ${WORD}`,
  `Cafe Ufer ${WORD}`,
  `Çelik Reisen ${WORD}`,
  `Oase ${WORD}`,
  `Ökumenischer Kreis ${WORD}`,
  `Strasse der Vielfalt ${WORD}`,
  `Straße der Vielfalt ${WORD}`,
  `Übersetzerinnen ${WORD}`,
  `Uhland-Chor ${WORD}`,
  `Zebra ${WORD}`,
];

describe('German order of partner names (orderBy NAME, search results, cursors)', () => {
  let app: App;
  const created: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ APPLY_RATE_LIMIT_PER_HOUR: '1000' });
    for (const name of NAMES) {
      const { body } = await postGraphQL<{ applyForMembership: { id: string } }>(app, APPLY, {
        input: {
          name,
          sector: 'CIVIL_SOCIETY',
          kind: 'ASSOCIATION',
          contactName: 'Ayşe Demir',
          contactEmail: 'kontakt@verein.example.org',
          districtKey: 'jungbusch',
          topicKeys: ['culture'],
          dimensions: [{ key: 'age', perspective: 'COMMUNITY' }],
          acceptsDeclaration: true,
        },
      });
      const id = body.data?.applyForMembership.id;
      if (!id) throw new Error(`expected a partner, got ${JSON.stringify(body.errors)}`);
      created.push(id);
    }
  });

  afterAll(async () => {
    const run = (cypher: string) =>
      app.database.executor.write({ cypher, params: { ids: created } }, () => null);
    await run('MATCH (p:Partner) WHERE p.id IN $ids DETACH DELETE p');
    await run('MATCH (a:AuditEntry) WHERE any(id IN a.ids WHERE id IN $ids) DELETE a');
    await app.stop();
  });

  async function partners(variables: Record<string, unknown>, headers = {}): Promise<Page> {
    const { body } = await postGraphQL<{ partners: Page }>(app, PARTNERS, variables, headers);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data?.partners as Page;
  }

  const search = { search: WORD };

  it('should list search results in German order: Bäckerei before Braun, Ö among the O', async () => {
    const page = await partners({ first: 50, filter: search });
    expect(page.edges.map((e) => e.node.name)).toEqual(GERMAN_ORDER);
  });

  it('should page across umlauts with cursors, forward and backward, in German order', async () => {
    const forward: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await partners({ first: 2, after, filter: search });
      forward.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(GERMAN_ORDER);
    const backward: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await partners({ last: 3, before, filter: search });
      backward.unshift(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(GERMAN_ORDER);
  });

  it('should order descending in reverse German order', async () => {
    const page = await partners({
      first: 50,
      filter: search,
      orderBy: { field: 'NAME', direction: 'DESC' },
    });
    expect(page.edges.map((e) => e.node.name)).toEqual([...GERMAN_ORDER].reverse());
  });

  it('should order every partner of the demo by the German key, paging with cursors', async () => {
    const names: string[] = [];
    let after: string | undefined;
    let total: number | undefined;
    for (;;) {
      const page = await partners({ first: 100, after });
      total = page.totalCount;
      names.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(names).toHaveLength(total);
    const keys = names.map(germanSortKey);
    expect(keys).toEqual([...keys].sort());
    // Names with an umlaut first sit among their base letter, not after Z.
    const umlauted = names.findIndex((n) => /^[ÄÖÜ]/.test(n));
    if (umlauted >= 0) expect(names.slice(umlauted + 1).some((n) => /^[P-Z]/.test(n))).toBe(true);
  });

  it('should store the key with the anonymised name of an erased partner', async () => {
    const id = created[created.length - 1] as string;
    const { body } = await postGraphQL<{ erasePartner: { name: string } }>(
      app,
      'mutation($id: ID!) { erasePartner(id: $id) { name } }',
      { id },
      await coordinatorAuth(),
    );
    const name = body.data?.erasePartner.name as string;
    expect(name).toMatch(/^Anonymisierte Organisation /);
    const [key] = await app.database.executor.read(
      { cypher: 'MATCH (p:Partner {id: $id}) RETURN p.nameSortKey AS key', params: { id } },
      (r) => r.get('key') as string,
    );
    expect(key).toBe(germanSortKey(name));
  });

  it('should compute in Cypher (the migration 016) exactly the keys germanSortKey computes', async () => {
    const names = [...NAMES, 'İnci Çiçek Derneği', 'Łódź-Freunde', 'Ærø', 'ÄÖÜ äöü ß', 'Ştefan'];
    const keys = await app.database.executor.read(
      {
        cypher: `UNWIND $names AS name RETURN ${germanSortKeyCypher('name')} AS key`,
        params: { names },
      },
      (r) => r.get('key') as string,
    );
    expect(keys).toEqual(names.map(germanSortKey));
  });
});
