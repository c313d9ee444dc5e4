import neo4j from 'neo4j-driver';
import type { App } from '../../src/app';
import type { CypherQuery } from '../../src/db/executor';
import { Rng } from '../../seeds/demo/rng';
import { RandomSelections } from '../support/random-selections';
import { postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** A plan operator as neo4j-driver gives it. */
interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** Random operations per role in the property test. */
const OPERATIONS_PER_ROLE = Number(process.env.READ_COMPILER_RUNS ?? 60);

describe('compiled reads', () => {
  let compiled: App;
  let resolvers: App;
  let ids: { partners: string[]; cooperations: string[] };
  let viewers: Record<string, Record<string, string>>;

  beforeAll(async () => {
    [compiled, resolvers] = await Promise.all([
      startTestApp(),
      // The path before the compiler: resolvers and DataLoaders under graphql-js.
      startTestApp({ READ_COMPILER: 'false', GRAPHQL_EXECUTOR: 'graphql-js' }),
    ]);
    const read = (cypher: string) =>
      compiled.database.executor.read({ cypher }, (r) => r.get('id') as string);
    ids = {
      partners: await read(
        'MATCH (p:Partner) RETURN p.id AS id ORDER BY p.cooperationCount DESC, p.id LIMIT 20',
      ),
      cooperations: await read('MATCH (c:Cooperation) RETURN c.id AS id ORDER BY c.id LIMIT 20'),
    };
    await giveOffersAndNeeds(ids.partners.slice(0, 12));
    viewers = {
      public: {},
      partner: await partnerAuth(ids.partners[0] as string),
      coordinator: await coordinatorAuth(),
    };
  });

  afterAll(async () => {
    await compiled?.database.executor.write(
      {
        cypher: `MATCH (p:Partner)-[:OFFERS|NEEDS]->(item:Offer|Need) WHERE p.id IN $ids
DETACH DELETE item`,
        params: { ids: ids.partners },
      },
      () => null,
    );
    await compiled?.database.executor.write(
      {
        cypher: 'UNWIND $scopes AS row MATCH (p:Partner {id: row.id}) SET p.scope = row.scope',
        params: { scopes: originalScopes },
      },
      () => null,
    );
    await Promise.all([compiled?.stop(), resolvers?.stop()]);
  });

  let originalScopes: { id: string; scope: string | null }[] = [];

  /**
   * The demo has no offers or needs yet and one scope for all: gives some of the partners under
   * test lists of different lengths (some empty) and scopes (one missing, read as NEIGHBOURHOOD),
   * so that the random selections compare real values. Restored in afterAll.
   */
  async function giveOffersAndNeeds(partnerIds: string[]) {
    const executor = compiled.database.executor;
    originalScopes = await executor.read(
      {
        cypher: 'MATCH (p:Partner) WHERE p.id IN $ids RETURN p.id AS id, p.scope AS scope',
        params: { ids: partnerIds },
      },
      (r) => ({ id: r.get('id') as string, scope: r.get('scope') as string | null }),
    );
    const scopes = ['CITY', 'BOROUGH', 'NEIGHBOURHOOD', null];
    const topics = ['culture', 'youth', 'education', 'sport'];
    const rows = partnerIds.map((id, index) => ({
      id,
      scope: scopes[index % scopes.length],
      offers: Array.from({ length: index % 4 }, (_, i) => ({
        text: `Angebot ${i} von ${id}`,
        topicKeys: topics.slice(0, (index + i) % 3),
        // Written out of order: the reads must order by position.
        position: neo4j.int(3 - i),
      })),
      needs: Array.from({ length: (index + 1) % 3 }, (_, i) => ({
        text: `Bedarf ${i} von ${id}`,
        topicKeys: topics.slice(i, i + 1),
        position: neo4j.int(i),
      })),
    }));
    await executor.write(
      {
        cypher: `UNWIND $rows AS row
MATCH (p:Partner {id: row.id}) SET p.scope = row.scope
WITH p, row
CALL (p, row) {
  UNWIND row.offers AS offer
  CREATE (p)-[:OFFERS]->(:Offer {kind: 'OFFER', text: offer.text, topicKeys: offer.topicKeys,
    position: offer.position})
}
CALL (p, row) {
  UNWIND row.needs AS need
  CREATE (p)-[:NEEDS]->(:Need {kind: 'NEED', text: need.text, topicKeys: need.topicKeys,
    position: need.position})
}`,
        params: { rows },
      },
      () => null,
    );
  }

  async function statementsOf(app: App, query: string, headers: Record<string, string> = {}) {
    const statements: CypherQuery[] = [];
    const stop = app.database.executor.observe((statement) => statements.push(statement));
    try {
      const { body } = await postGraphQL(app, query, undefined, headers);
      return { body, statements };
    } finally {
      stop();
    }
  }

  /** Both answers as text: compiled under graphql-jit must equal the old path byte for byte. */
  async function bothAnswers(query: string, headers: Record<string, string>) {
    const [a, b] = await Promise.all([
      postGraphQL(compiled, query, undefined, headers),
      postGraphQL(resolvers, query, undefined, headers),
    ]);
    return { compiled: JSON.stringify(a.body), resolvers: JSON.stringify(b.body) };
  }

  it.each(['public', 'partner', 'coordinator'])(
    'should answer random selections as %s exactly as the resolvers do',
    async (role) => {
      const random = new RandomSelections(
        Rng.fromSeed(Number(process.env.READ_COMPILER_SEED ?? 4711) + role.length),
        ids,
      );
      let answeredWithData = 0;
      for (let i = 0; i < OPERATIONS_PER_ROLE; i++) {
        const query = random.operation();
        const answers = await bothAnswers(query, viewers[role] as Record<string, string>);
        if (answers.compiled !== answers.resolvers) {
          throw new Error(
            `answers differ for ${role}:\n${query}\ncompiled:  ${answers.compiled.slice(0, 2000)}\nresolvers: ${answers.resolvers.slice(0, 2000)}`,
          );
        }
        if (!answers.compiled.includes('"errors"')) answeredWithData += 1;
      }
      // Most random operations must be valid, or the comparison would prove little.
      expect(answeredWithData).toBeGreaterThan(OPERATIONS_PER_ROLE * 0.8);
    },
  );

  it.each([
    '{ districts: ["jungbusch", "innenstadt", "neckarstadt_west"] }',
    // A word of enough demo names and descriptions for three pages of 7 (Kulturverein, Kulturarbeit, …).
    '{ search: "Kultur" }',
    '{}',
  ])(
    'should page partners with %s exactly as the resolvers do, forward and back',
    async (filter) => {
      const page = (args: string) =>
        `{ partners(${args}, filter: ${filter}, orderBy: { field: JOINED_ON, direction: DESC }) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id joinedOn } } } }`;
      let args = 'first: 7';
      for (let i = 0; i < 3; i++) {
        const answers = await bothAnswers(page(args), {});
        expect(answers.compiled).toBe(answers.resolvers);
        const info = (
          JSON.parse(answers.compiled) as {
            data: { partners: { pageInfo: { endCursor: string } } };
          }
        ).data.partners.pageInfo;
        args = `first: 7, after: "${info.endCursor}"`;
      }
      const back = await bothAnswers(page(args.replace('first: 7, after', 'last: 5, before')), {});
      expect(back.compiled).toBe(back.resolvers);
      expect(back.compiled).toContain('"hasPreviousPage":true');
    },
  );

  it('should read a nested 50-partner page in one statement', async () => {
    const { body, statements } = await statementsOf(
      compiled,
      `{ partners(first: 50) { totalCount edges { cursor node { id name dimensions { perspective dimension { key } }
        district { name } cooperations(first: 5) { totalCount edges { node { id partners { role partner { id name } } } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
  });

  it('should read scope, offers and needs of a partner page in one statement, as the resolvers do', async () => {
    const query =
      '{ partners(first: 5, orderBy: { field: COOPERATION_COUNT, direction: DESC }) { edges { node { scope offers { text topicKeys } needs { text } } } } }';
    const { body, statements } = await statementsOf(compiled, query);
    expect(body.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    const answers = await bothAnswers(query, {});
    expect(answers.compiled).toBe(answers.resolvers);
    expect(answers.compiled).toMatch(/"offers":\[\{"text":"[^"]+","topicKeys":\[/);
  });

  it('should never name private properties in a statement for a public request', async () => {
    const { body, statements } = await statementsOf(
      compiled,
      '{ partners(first: 5) { edges { node { id contactName contactEmail contactPhone internalNotes } } } }',
    );
    expect(body.errors).toBeUndefined();
    const text = statements.map((s) => s.cypher).join('\n');
    // Answered as null without reading the properties.
    expect(text).toContain('[p.id, null, null, null, null]');
    expect(text).not.toMatch(/\.(contactName|contactEmail|contactPhone|internalNotes)\b/);
  });

  it('should read contact data only of the partner itself for a partner', async () => {
    const self = ids.partners[0] as string;
    const other = ids.partners[1] as string;
    const { body } = await postGraphQL<{
      a: { contactEmail: string | null };
      b: { contactEmail: string | null };
    }>(
      compiled,
      `{ a: partner(id: "${self}") { contactEmail } b: partner(id: "${other}") { contactEmail } }`,
      undefined,
      viewers.partner,
    );
    expect(body.data?.a.contactEmail).toEqual(expect.stringContaining('@'));
    expect(body.data?.b.contactEmail).toBeNull();
  });

  it('should leave a nested page after a cursor to its resolver, count it, and answer the same', async () => {
    const first = await postGraphQL<{
      partner: { cooperations: { pageInfo: { endCursor: string } } };
    }>(
      compiled,
      `{ partner(id: "${ids.partners[0]}") { cooperations(first: 1) { pageInfo { endCursor } } } }`,
    );
    const cursor = first.body.data?.partner.cooperations.pageInfo.endCursor as string;
    // The resolvers count lazily (a promise), while the compiled values are read inline.
    const query = `{ partner(id: "${ids.partners[0]}") { name cooperationCount cooperations(first: 2, after: "${cursor}") { totalCount edges { cursor node { id title } } } } }`;
    const answers = await bothAnswers(query, {});
    expect(answers.compiled).toBe(answers.resolvers);
    expect(answers.compiled).toContain('"edges":[{');
    expect(answers.compiled).toMatch(/"totalCount":[1-9]/);
    const metrics = await (await fetch(new URL('/metrics', compiled.server.url))).text();
    expect(metrics).toMatch(
      /graphql_compiled_reads_total\{field="Query.partner",outcome="partly"\} [1-9]/,
    );
  });

  it('should answer an alias that names another value field as the resolvers do', async () => {
    const query = `{ partner(id: "${ids.partners[0]}") { id: district { name } key: id name: cooperationCount }
      partners(first: 3) { edges { cursor: node { id } c: cursor } count: totalCount } }`;
    const answers = await bothAnswers(query, {});
    expect(answers.compiled).toBe(answers.resolvers);
    expect(answers.compiled).toMatch(/"id":\{"name":/);
    expect(answers.compiled).toMatch(/"edges":\[\{"cursor":\{"id":"[^"]+"\},"c":"/);
  });

  it('should give computed fields their parent under a compiled partner', async () => {
    const answers = await bothAnswers(
      `{ partner(id: "${ids.partners[0]}") { id suggestions(first: 2) { partner { id } } } }`,
      viewers.coordinator as Record<string, string>,
    );
    expect(answers.compiled).toBe(answers.resolvers);
    expect(answers.compiled).toContain('"suggestions":[{');
  });

  /** The operators of a statement's plan (EXPLAIN: planned, not run). */
  async function planOf(statement: CypherQuery): Promise<{ type: string; details: string }[]> {
    const { summary } = await compiled.database.driver.executeQuery(
      `EXPLAIN ${statement.cypher}`,
      statement.params,
    );
    const operators: { type: string; details: string }[] = [];
    const walk = (plan: PlanNode) => {
      operators.push({
        type: plan.operatorType.split('@')[0] as string,
        details: String(plan.arguments.Details ?? ''),
      });
      plan.children.forEach(walk);
    };
    walk(summary.plan as unknown as PlanNode);
    return operators;
  }

  const SORTED_PROPERTIES: Record<string, string> = {
    NAME: 'nameSortKey',
    JOINED_ON: 'joinedOn',
    COOPERATION_COUNT: 'cooperationCount',
    LAST_ACTIVITY: 'lastActiveOn',
    STARTED_ON: 'startedOn',
    TITLE: 'title',
  };
  const ORDERINGS = [
    ...['NAME', 'JOINED_ON', 'COOPERATION_COUNT', 'LAST_ACTIVITY'].flatMap((field) =>
      ['ASC', 'DESC'].map((direction) => ({
        root: 'partners',
        field,
        direction,
        sorted: `p.${SORTED_PROPERTIES[field]}`,
      })),
    ),
    ...['STARTED_ON', 'TITLE'].flatMap((field) =>
      ['ASC', 'DESC'].map((direction) => ({
        root: 'cooperations',
        field,
        direction,
        sorted: `c.${SORTED_PROPERTIES[field]}`,
      })),
    ),
  ];

  it.each(ORDERINGS)(
    'should read $root by $field $direction in index order, without sorting every node',
    async ({ root, field, direction, sorted }) => {
      const { body, statements } = await statementsOf(
        compiled,
        `{ ${root}(first: 50, orderBy: { field: ${field}, direction: ${direction} }) { totalCount edges { node { id } } } }`,
      );
      expect(body.errors).toBeUndefined();
      await expectIndexOrder(statements[0] as CypherQuery, sorted);
    },
  );

  it('should read events in date order from the index', async () => {
    const { statements } = await statementsOf(
      compiled,
      '{ events(first: 50) { edges { node { id } } } }',
    );
    await expectIndexOrder(statements[0] as CypherQuery, 'e.date');
  });

  /** The plan walks the sort property's range index and stops after the page (PartialTop). */
  async function expectIndexOrder(statement: CypherQuery, sorted: string) {
    const operators = await planOf(statement);
    const property = sorted.split('.')[1] as string;
    expect(operators).toContainEqual(
      expect.objectContaining({
        type: 'NodeIndexScan',
        details: expect.stringContaining(`(${property})`),
      }),
    );
    expect(
      operators.filter((o) => ['Top', 'Sort'].includes(o.type) && o.details.includes(sorted)),
    ).toEqual([]);
  }

  it.each([
    '{ partners(first: 50, filter: { dimensions: ["age"], districts: ["jungbusch"] }) { totalCount edges { node { id } } } }',
    '{ partners(first: 50, filter: { boroughs: ["innenstadt_jungbusch"], statuses: [ACTIVE] }) { edges { node { id } } } }',
    '{ partners(first: 50, filter: { search: "Verein" }) { totalCount edges { node { id } } } }',
    '{ partners(first: 50, filter: { dimensions: ["age"] }) { totalCount edges { node { id } } } }',
    '{ partners(first: 50, filter: { sectors: [BUSINESS], topics: ["education"] }) { totalCount edges { node { id } } } }',
    '{ partners(first: 50, filter: { joinedFrom: "2020-01-01", cooperatedSince: "2022-01-01" }) { edges { node { id } } } }',
    '{ cooperations(first: 50, filter: { kinds: [NETWORK_PROJECT], statuses: [ACTIVE] }) { totalCount edges { node { id } } } }',
    '{ cooperations(first: 50, filter: { dimension: "age", activeOn: "2023-06-01" }) { edges { node { id } } } }',
    '{ events(first: 50, filter: { kinds: [ALLIANCE_MEETING], from: "2020-01-01" }) { totalCount edges { node { id } } } }',
  ])('should start %s from an index, never from every node', async (query) => {
    const { body, statements } = await statementsOf(compiled, query);
    expect(body.errors).toBeUndefined();
    const types = (await planOf(statements[0] as CypherQuery)).map((o) => o.type);
    expect(types).not.toContain('AllNodesScan');
    expect(types).not.toContain('NodeByLabelScan');
  });

  it("should refuse bad arguments with the resolvers' errors", async () => {
    for (const query of [
      '{ partners(first: 500) { totalCount } }',
      '{ partners(after: "bm9wZQ") { totalCount } }',
      '{ partners(filter: { dimensions: ["Not A Key"] }) { totalCount } }',
      '{ partner(id: "") { id } }',
    ]) {
      const answers = await bothAnswers(query, {});
      expect(answers.compiled).toBe(answers.resolvers);
      expect(answers.compiled).toContain('BAD_USER_INPUT');
    }
  });
});
