import { buildSchema, type GraphQLError, parse } from 'graphql';
import { ErrorCode } from '../../src/common/errors';
import { ConfigError, loadConfig } from '../../src/config';
import { DEFAULT_PAGE_SIZE } from '../../src/common/pagination';
import {
  createQueryLimits,
  FIELD_WORK,
  DEFAULT_LIST_SIZE,
  parseOptions,
  type QueryLimits,
} from '../../src/limits/query-limits';

/** A miniature of the API's shapes: a Relay connection, a plain list, a list with `first`. */
const schema = buildSchema(`
  type Query {
    partners(first: Int, last: Int, after: String): PartnerConnection!
    dimensions: [Dimension!]!
    partner(id: ID!): Partner
  }
  type PartnerConnection { edges: [PartnerEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type PartnerEdge { node: Partner! cursor: String! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Partner {
    id: ID!
    name: String!
    dimensions: [Dimension!]!
    suggestions(first: Int! = 3): [Partner!]!
    cooperations(first: Int): PartnerConnection!
  }
  type Dimension { key: String! }
`);

const LIMITS: QueryLimits = {
  maxDepth: 6,
  maxAliases: 2,
  maxDirectives: 2,
  maxTokens: 200,
  maxCost: 1_000,
};

const limits = createQueryLimits(schema, LIMITS);
const costOf = (query: string, variables?: Record<string, unknown>) =>
  limits.cost(parse(query), variables);
const refusalOf = (query: string, variables?: Record<string, unknown>) =>
  limits.check(parse(query), variables);

function expectRefused(error: GraphQLError | undefined, limit: string, maximum: number) {
  expect(error?.extensions).toMatchObject({ code: ErrorCode.QUERY_TOO_COMPLEX, limit, maximum });
}

describe('query cost', () => {
  it('should count a scalar field as 1', () => {
    expect(costOf('{ partner(id: "p") { id name } }')).toBe(1 + 2);
  });

  it('should multiply a connection by its first argument, counting its edges once', () => {
    // partners: 1 + 10 × (edges: 1 + 1 × (node: 1 + id))
    expect(costOf('{ partners(first: 10) { edges { node { id } } } }')).toBe(1 + 10 * 3);
  });

  it('should read the page size from variables', () => {
    const query = 'query($n: Int) { partners(first: $n) { edges { node { id } } } }';
    expect(costOf(query, { n: 50 })).toBe(1 + 50 * 3);
  });

  it('should assume the default page size for a connection without first or last', () => {
    expect(costOf('{ partners { totalCount } }')).toBe(1 + DEFAULT_PAGE_SIZE * 1);
  });

  it('should use the last argument when paging backward', () => {
    expect(costOf('{ partners(last: 4) { totalCount } }')).toBe(1 + 4);
  });

  it("should use a list field's own default for first, and add a computing field's work", () => {
    expect(costOf('{ partner(id: "p") { suggestions { id } } }')).toBe(
      1 + (1 + (FIELD_WORK['Partner.suggestions'] ?? Number.NaN) + 3 * 1),
    );
  });

  it('should count the work of a computing field once per parent item', () => {
    const list = costOf(
      '{ partners(first: 10) { edges { node { suggestions(first: 1) { id } } } } }',
    );
    const plain = costOf('{ partners(first: 10) { edges { node { id } } } }');
    expect(list - plain).toBeGreaterThanOrEqual(10 * 1_000);
  });

  it('should assume the default list size for a list without first', () => {
    expect(costOf('{ dimensions { key } }')).toBe(1 + DEFAULT_LIST_SIZE * 1);
  });

  it('should multiply nested pages', () => {
    const query = `{ partners(first: 10) { edges { node {
      cooperations(first: 5) { edges { node { id } } } } } } }`;
    // inner: 1 + 5 × 3 = 16; node: 1 + 16 = 17; edges: 1 + 17 = 18
    expect(costOf(query)).toBe(1 + 10 * 18);
  });

  it('should count fragments where they are spread', () => {
    const query = `{ partners(first: 10) { edges { node { ...P } } } }
      fragment P on Partner { id name }`;
    expect(costOf(query)).toBe(1 + 10 * (1 + (1 + 2)));
  });

  it('should leave introspection and __typename free', () => {
    expect(costOf('{ __typename __schema { types { name fields { name } } } }')).toBe(0);
  });

  it('should take the costliest operation of a document', () => {
    const query = `query Small { dimensions { key } }
      query Large { partners(first: 30) { totalCount } }`;
    expect(costOf(query)).toBe(1 + 30);
  });

  it('should not estimate an operation whose variables do not coerce', () => {
    const query = 'query($n: Int!) { partners(first: $n) { totalCount } }';
    expect(costOf(query, { n: 'many' })).toBe(0);
  });
});

describe('query limits', () => {
  it('should accept an operation within every limit', () => {
    expect(refusalOf('{ partners(first: 10) { edges { node { id name } } } }')).toBeUndefined();
  });

  it('should refuse an operation deeper than maxDepth', () => {
    const deep = `{ partners { edges { node { cooperations { edges { node {
      cooperations { totalCount } } } } } } } }`;
    const error = refusalOf(deep);
    expectRefused(error, 'depth', LIMITS.maxDepth);
    expect(error?.message).toBe('Query depth limit of 6 exceeded, found 8.');
  });

  it('should refuse more aliases than maxAliases', () => {
    const error = refusalOf(
      '{ a: dimensions { key } b: dimensions { key } c: dimensions { key } }',
    );
    expectRefused(error, 'aliases', LIMITS.maxAliases);
    expect(error?.message).toBe('Aliases limit of 2 exceeded, found 3.');
  });

  it('should refuse more directives than maxDirectives', () => {
    const error = refusalOf(
      '{ dimensions @include(if: true) { key @include(if: true) } partners @skip(if: false) { totalCount } }',
    );
    expectRefused(error, 'directives', LIMITS.maxDirectives);
  });

  it('should refuse an operation costing more than maxCost, with the estimate', () => {
    const error = refusalOf(`{ partners(first: 100) { edges { node {
      cooperations(first: 100) { totalCount } } } } }`);
    expectRefused(error, 'cost', LIMITS.maxCost);
    expect(error?.extensions.cost).toBe(1 + 100 * (1 + (1 + (1 + 100))));
    expect(error?.message).toBe(
      `Query cost limit of 1000 exceeded, found ${error?.extensions.cost}.`,
    );
  });

  it('should apply the page size of the variables to the cost limit', () => {
    const query = 'query($n: Int) { partners(first: $n) { edges { node { id } } } }';
    expect(refusalOf(query, { n: 10 })).toBeUndefined();
    expectRefused(refusalOf(query, { n: 1_000 }), 'cost', LIMITS.maxCost);
  });

  it('should refuse fragments that expand beyond what can be estimated', () => {
    // Each fragment spreads the next twice: 2^20 fields from a few hundred tokens.
    const levels = 20;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Query { __typename }`
        : `fragment F${i} on Query { ...F${i + 1} ... on Query { ...F${i + 1} } }`,
    );
    const shallow = createQueryLimits(schema, { ...LIMITS, maxDepth: 100 });
    const error = shallow.check(parse(`{ ...F0 } ${fragments.join(' ')}`));
    expectRefused(error, 'cost', LIMITS.maxCost);
    expect(error?.message).toMatch(/could not be estimated within 10000 fields/);
  });

  it('should stop parsing a document with more tokens than maxTokens', () => {
    const aliases = Array.from({ length: 80 }, (_, i) => `a${i}: __typename`).join(' ');
    expect(() => parse(`{ ${aliases} }`, parseOptions(LIMITS))).toThrow(
      'Document contains more that 200 tokens. Parsing aborted.',
    );
    expect(() => parse('{ dimensions { key } }', parseOptions(LIMITS))).not.toThrow();
  });
});

describe('limits configuration', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };

  it('should switch introspection and field suggestions off in production by default', () => {
    expect(loadConfig(production).http).toMatchObject({
      introspection: false,
      fieldSuggestions: false,
    });
    expect(loadConfig({ NODE_ENV: 'development' }).http).toMatchObject({
      introspection: true,
      fieldSuggestions: true,
    });
  });

  it('should let the environment switch them on in production', () => {
    const config = loadConfig({
      ...production,
      GRAPHQL_INTROSPECTION: 'true',
      GRAPHQL_FIELD_SUGGESTIONS: 'true',
    });
    expect(config.http).toMatchObject({ introspection: true, fieldSuggestions: true });
  });

  it('should read the limits from the environment', () => {
    const config = loadConfig({
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_ALIASES: '0',
      GRAPHQL_MAX_DIRECTIVES: '5',
      GRAPHQL_MAX_TOKENS: '500',
      GRAPHQL_MAX_COST: '1000',
      HTTP_BODY_LIMIT: '1MB',
      WS_MAX_PAYLOAD_BYTES: '1024',
      WS_CONNECTION_INIT_TIMEOUT_MS: '500',
      NEO4J_TX_TIMEOUT_MS: '2000',
    });
    expect(config.http.limits).toEqual({
      maxDepth: 8,
      maxAliases: 0,
      maxDirectives: 5,
      maxTokens: 500,
      maxCost: 1000,
    });
    expect(config.http.bodyLimit).toBe('1mb');
    expect(config.http.webSocket).toMatchObject({
      maxPayloadBytes: 1024,
      connectionInitTimeoutMs: 500,
    });
    expect(config.neo4j.txTimeoutMs).toBe(2000);
  });

  it('should read CORS origins as a comma-separated list', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).http.corsOrigins,
    ).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(loadConfig({ CORS_ORIGINS: '*' }).http.corsOrigins).toEqual(['*']);
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '0', /GRAPHQL_MAX_DEPTH: expected a positive integer, got "0"/],
    ['GRAPHQL_MAX_ALIASES', '-1', /GRAPHQL_MAX_ALIASES: expected 0 or a positive integer/],
    ['HTTP_BODY_LIMIT', 'huge', /HTTP_BODY_LIMIT: expected a size such as 256kb or 1mb/],
    ['CORS_ORIGINS', 'example.org', /CORS_ORIGINS: expected \* or origins .* got "example.org"/],
    ['GRAPHQL_INTROSPECTION', 'sometimes', /GRAPHQL_INTROSPECTION/],
  ])('should refuse %s=%p with a ConfigError', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
