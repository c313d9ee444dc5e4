import type { Client } from 'graphql-ws';
import type { App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { CypherExecutor, type CypherQuery } from '../../src/db/executor';
import { type GraphQLResponse, postGraphQL, startTestApp, wsClient } from '../support/test-app';
import { TEST_JWT_SECRET } from '../support/tokens';

/** The query the network viewer sends (viewer/api.ts); it must always pass the limits. */
const VIEWER_NETWORK = `query ViewerNetwork {
  network(mode: PARTNERS) {
    nodes { id label sector size degree community x y }
    edges { source target weight }
    metrics { communities }
  }
}`;

const DEFAULTS = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET }).http.limits;

/** One query per limit, each just over its default (and nothing else over a limit). */
const OVER_THE_LIMIT = {
  depth: `{ partners(first: 1) { edges { node { cooperations(first: 1) { edges { node {
    partners { partner { cooperations(first: 1) { edges { node { partners { partner { id } } } } } } } } } } } } } }`,
  aliases: `{ ${Array.from({ length: DEFAULTS.maxAliases + 1 }, (_, i) => `d${i}: dimensions { key }`).join(' ')} }`,
  directives: `{ dimensions { ${Array.from({ length: DEFAULTS.maxDirectives + 1 }, () => 'key @include(if: true)').join(' ')} } }`,
  cost: `{ partners(first: 100) { edges { node { cooperations(first: 100) { edges { node {
    partners { partner { cooperations(first: 100) { totalCount } } } } } } } } } }`,
};

/** A document with more tokens than the default limit, cheap in every other respect. */
const TOO_MANY_TOKENS = `{ ${'__typename '.repeat(DEFAULTS.maxTokens)} }`;

type ErrorList = NonNullable<GraphQLResponse['errors']>;

/** Runs an operation over graphql-ws and resolves with its errors (the `error` message's payload). */
function wsErrors(client: Client, query: string): Promise<ErrorList> {
  return new Promise((resolve, reject) => {
    client.subscribe(
      { query },
      {
        next: (result) => (result.errors ? resolve(result.errors as ErrorList) : undefined),
        error: (errors) => resolve(errors as ErrorList),
        complete: () => reject(new Error('completed without errors')),
      },
    );
  });
}

describe('query limits', () => {
  let app: App;
  let client: Client;

  beforeAll(async () => {
    app = await startTestApp();
    client = wsClient(app);
  });

  afterAll(async () => {
    await client.dispose();
    await app.stop();
  });

  /** Runs `work` and counts the Cypher statements sent meanwhile. */
  async function statementsDuring<T>(work: () => Promise<T>): Promise<[T, CypherQuery[]]> {
    const statements: CypherQuery[] = [];
    const stop = app.database.executor.observe((statement) => statements.push(statement));
    try {
      return [await work(), statements];
    } finally {
      stop();
    }
  }

  describe.each(Object.entries(OVER_THE_LIMIT))('over the %s limit', (limit, query) => {
    it('should refuse the operation over HTTP with QUERY_TOO_COMPLEX before any Cypher runs', async () => {
      const [response, statements] = await statementsDuring(() =>
        postGraphQL(app, query, undefined, { accept: 'application/graphql-response+json' }),
      );
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit }),
        }),
      ]);
      expect(statements).toHaveLength(0);
    });

    it('should refuse the operation over graphql-ws the same way', async () => {
      const [errors, statements] = await statementsDuring(() => wsErrors(client, query));
      expect(errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit }),
        }),
      ]);
      expect(statements).toHaveLength(0);
    });
  });

  it('should name the limit, the maximum and the estimate of a refused cost', async () => {
    const { body } = await postGraphQL(app, OVER_THE_LIMIT.cost);
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'cost',
      maximum: DEFAULTS.maxCost,
      cost: expect.any(Number),
    });
    expect(body.errors?.[0]?.message).toMatch(/^Query cost limit of 500000 exceeded, found \d+\.$/);
  });

  it('should count page sizes given as variables', async () => {
    const query = `query($n: Int) { partners(first: $n) { edges { node {
      cooperations(first: $n) { edges { node { partners { partner { id } } } } } } } } }`;
    const small = await postGraphQL(app, query, { n: 5 });
    expect(small.body.errors).toBeUndefined();
    const large = await postGraphQL(app, query, { n: 100 });
    expect(large.body.errors).toBeUndefined();
    const { body } = await postGraphQL(
      app,
      query.replace(
        'partners { partner { id } }',
        'partners { partner { cooperations(first: $n) { totalCount } } }',
      ),
      { n: 100 },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('should stop parsing a document over the token limit, on both transports', async () => {
    const [http, statements] = await statementsDuring(() => postGraphQL(app, TOO_MANY_TOKENS));
    const message = `Syntax Error: Document contains more that ${DEFAULTS.maxTokens} tokens. Parsing aborted.`;
    expect(http.body.errors).toEqual([
      expect.objectContaining({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
    ]);
    expect(await wsErrors(client, TOO_MANY_TOKENS)).toEqual([
      expect.objectContaining({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
    ]);
    expect(statements).toHaveLength(0);
  });

  it("should let the viewer's network query through", async () => {
    const { body } = await postGraphQL<{ network: { nodes: unknown[] } }>(app, VIEWER_NETWORK);
    expect(body.errors).toBeUndefined();
    expect(body.data?.network.nodes.length).toBeGreaterThan(300);
  });

  it('should allow introspection and field suggestions outside production', async () => {
    const { body } = await postGraphQL(
      app,
      '{ __schema { queryType { name } } partnrs { totalCount } }',
    );
    expect(body.errors?.[0]?.message).toBe(
      'Cannot query field "partnrs" on type "Query". Did you mean "partners" or "partner"?',
    );
    const introspection = await postGraphQL(app, '{ __schema { queryType { name } } }');
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('should stop a runaway Cypher query at NEO4J_TX_TIMEOUT_MS with QUERY_TIMEOUT', async () => {
    const executor = new CypherExecutor(app.database.driver, 'neo4j', undefined, 300);
    const started = Date.now();
    const runaway = executor.read(
      { cypher: 'UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n' },
      (record) => record.get('n'),
    );
    await expect(runaway).rejects.toMatchObject({ extensions: { code: 'QUERY_TIMEOUT' } });
    // Neo4j checks timeouts every 2 s (db.transaction.monitor.check.interval).
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('query limits in production', () => {
  let app: App;
  let client: Client;

  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', GRAPHQL_MAX_DEPTH: '3' });
    client = wsClient(app);
  });

  afterAll(async () => {
    await client.dispose();
    await app.stop();
  });

  it('should refuse introspection on both transports', async () => {
    const query = '{ __schema { queryType { name } } }';
    const { body } = await postGraphQL(app, query);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.data).toBeUndefined();
    const errors = await wsErrors(client, query);
    expect(errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors[0]?.message).toMatch(/introspection/i);
  });

  it('should not suggest field names on either transport', async () => {
    const query = '{ partnrs { totalCount } }';
    const expected = [
      expect.objectContaining({
        message: 'Cannot query field "partnrs" on type "Query".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ];
    expect((await postGraphQL(app, query)).body.errors).toEqual(expected);
    expect(await wsErrors(client, query)).toEqual(expected);
  });

  it('should apply limits set in the environment', async () => {
    const query = '{ partners(first: 1) { edges { node { id } } } }';
    const { body } = await postGraphQL(app, query);
    expect(body.errors?.[0]?.message).toBe('Query depth limit of 3 exceeded, found 4.');
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'depth',
      maximum: 3,
    });
    expect((await wsErrors(client, query))[0]?.message).toBe(
      'Query depth limit of 3 exceeded, found 4.',
    );
  });
});
