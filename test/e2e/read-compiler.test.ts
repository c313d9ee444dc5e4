import type { App } from '../../src/app';
import type { CypherQuery } from '../../src/db/executor';
import { Rng } from '../../seeds/demo/rng';
import { RandomSelections } from '../support/random-selections';
import { postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

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
      startTestApp({ READ_COMPILER: 'false' }),
    ]);
    const read = (cypher: string) =>
      compiled.database.executor.read({ cypher }, (r) => r.get('id') as string);
    ids = {
      partners: await read(
        'MATCH (p:Partner) RETURN p.id AS id ORDER BY p.cooperationCount DESC, p.id LIMIT 20',
      ),
      cooperations: await read('MATCH (c:Cooperation) RETURN c.id AS id ORDER BY c.id LIMIT 20'),
    };
    viewers = {
      public: {},
      partner: await partnerAuth(ids.partners[0] as string),
      coordinator: await coordinatorAuth(),
    };
  });

  afterAll(async () => {
    await Promise.all([compiled?.stop(), resolvers?.stop()]);
  });

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

  /** Both answers as text: the compiled one must equal the DataLoader path byte for byte. */
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

  it('should read a nested 50-partner page in one statement', async () => {
    const { body, statements } = await statementsOf(
      compiled,
      `{ partners(first: 50) { totalCount edges { cursor node { id name dimensions { perspective dimension { key } }
        district { name } cooperations(first: 5) { totalCount edges { node { id partners { role partner { id name } } } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
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
    const query = `{ partner(id: "${ids.partners[0]}") { name cooperations(first: 2, after: "${cursor}") { edges { node { id title } } } } }`;
    const answers = await bothAnswers(query, {});
    expect(answers.compiled).toBe(answers.resolvers);
    expect(answers.compiled).toContain('"edges":[{');
    const metrics = await (await fetch(new URL('/metrics', compiled.server.url))).text();
    expect(metrics).toMatch(
      /graphql_compiled_reads_total\{field="Query.partner",outcome="partly"\} [1-9]/,
    );
  });

  it('should give computed fields their parent under a compiled partner', async () => {
    const answers = await bothAnswers(
      `{ partner(id: "${ids.partners[0]}") { id suggestions(first: 2) { partner { id } } } }`,
      viewers.coordinator as Record<string, string>,
    );
    expect(answers.compiled).toBe(answers.resolvers);
    expect(answers.compiled).toContain('"suggestions":[{');
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
