import { buildSchema, type GraphQLError } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { createQueryLimits } from '../../src/limits/query-limits';
import { createWsOperationPreparer } from '../../src/limits/ws-operations';

const schema = buildSchema(`
  type Query { partner(id: ID!): Partner partners(first: Int): [Partner!]! }
  type Partner { id: ID! name: String! }
`);
const limits = { maxDepth: 5, maxAliases: 5, maxDirectives: 5, maxTokens: 200, maxCost: 100 };
const prepare = createWsOperationPreparer({
  schema,
  limits,
  checker: createQueryLimits(schema, limits),
  introspection: false,
  fieldSuggestions: false,
});

/** The codes of a refusal, or a failure when the operation was accepted. */
function refusalCodes(payload: SubscribePayload): unknown[] {
  const prepared = prepare(payload);
  if (!Array.isArray(prepared)) throw new Error(`expected a refusal of ${payload.query}`);
  return (prepared as readonly GraphQLError[]).map((error) => error.extensions.code);
}

describe('graphql-ws operations prepared as on HTTP', () => {
  it('should accept a valid operation with coercible variables', () => {
    const prepared = prepare({
      query: 'query One($id: ID!) { partner(id: $id) { id } }',
      variables: { id: 7 },
    });
    expect(Array.isArray(prepared)).toBe(false);
  });

  it('should refuse variables that do not coerce with BAD_USER_INPUT, not an uncoded error', () => {
    const query =
      'query One($id: ID!, $first: Int) { partner(id: $id) { id } partners(first: $first) { id } }';
    expect(refusalCodes({ query, variables: { id: {} } })).toEqual(['BAD_USER_INPUT']);
    expect(refusalCodes({ query, variables: {} })).toEqual(['BAD_USER_INPUT']);
    expect(refusalCodes({ query, variables: { id: 'p', first: 2 ** 40 } })).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('should refuse an operation name the document does not hold', () => {
    const query = 'query A { partners { id } } query B { partners { name } }';
    expect(refusalCodes({ query })).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(refusalCodes({ query, operationName: 'C' })).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(Array.isArray(prepare({ query, operationName: 'B' }))).toBe(false);
  });

  it('should refuse parse, validation and limit failures with their codes', () => {
    expect(refusalCodes({ query: '{ partners { ' })).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(refusalCodes({ query: '{ partners { nme } }' })).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // Introspection is off here: one error per introspection field.
    expect(new Set(refusalCodes({ query: '{ __schema { types { name } } }' }))).toEqual(
      new Set(['GRAPHQL_VALIDATION_FAILED']),
    );
    expect(refusalCodes({ query: '{ partners(first: 1000) { id name } }' })).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
  });
});
