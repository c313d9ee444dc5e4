import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import {
  type AuthKind,
  type FuzzOperation,
  literalsIn,
  post,
  type Request,
  type Transport,
  wsPayloadOf,
} from './request';
import { loadSchema, SchemaOperations, type ValuePools } from './schema-operations';

export { loadSchema, type ValuePools };
export { AUTH_KINDS, type AuthKind, type FuzzOperation, type Transport } from './request';

/**
 * Every request the fuzzer sends: schema operations with valid-looking and hostile arguments,
 * invalid documents, documents past the query limits, and malformed HTTP, each with one of the
 * {@link AUTH_KINDS}. A quarter of the documents go over graphql-ws instead of HTTP; the choice
 * is part of the generated value, so a seed replays it and shrinking may move an operation back
 * to HTTP (the first alternative) when the failure does not depend on the transport.
 */
export function operationArbitrary(
  schema: GraphQLSchema,
  pools: ValuePools,
): fc.Arbitrary<FuzzOperation> {
  const generator = new SchemaOperations(schema, pools);
  const special = new SpecialOperations(generator, pools);
  // Valid identities mostly, so that operations get past authentication; refused tokens too.
  const auth = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<AuthKind>('none', 'coordinator') },
    { weight: 2, arbitrary: fc.constantFrom<AuthKind>('partner0', 'partner1') },
    {
      weight: 1,
      arbitrary: fc.constantFrom<AuthKind>('garbage', 'wrongSecret', 'expired', 'basic'),
    },
  );
  const request = fc.oneof(
    { weight: 30, arbitrary: generator.schemaOperation('valid') },
    { weight: 40, arbitrary: generator.schemaOperation('hostile') },
    { weight: 6, arbitrary: special.invalidDocument() },
    { weight: 4, arbitrary: special.deepDocument() },
    { weight: 4, arbitrary: special.aliasedDocument() },
    { weight: 3, arbitrary: special.directiveDocument() },
    { weight: 2, arbitrary: special.introspection() },
    { weight: 6, arbitrary: malformedHttp() },
    { weight: 5, arbitrary: special.getRequest() },
  );
  const transport = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Transport>('http') },
    { weight: 1, arbitrary: fc.constant<Transport>('ws') },
  );
  return fc.tuple(request, auth, transport).map(([op, who, via]) => ({
    ...op,
    auth: who,
    // GET and malformed HTTP have no WebSocket form: they stay HTTP whatever was drawn.
    transport: via === 'ws' && wsPayloadOf(op) !== undefined ? via : 'http',
  }));
}

/** Documents that are not plain schema operations: invalid ones and ones past the limits. */
class SpecialOperations {
  constructor(
    private readonly schemaOps: SchemaOperations,
    private readonly pools: ValuePools,
  ) {}

  /** Documents graphql-js must refuse: syntax errors, unknown fields, cycles, wrong operations. */
  invalidDocument(): fc.Arbitrary<Request> {
    const valid = this.schemaOps
      .schemaOperation('valid')
      .map((r) => JSON.parse(r.payload).query as string);
    return fc.oneof(
      fc
        .tuple(valid, fc.nat())
        .map(([q, cut]) => post('invalid:truncated', q.slice(0, cut % q.length))),
      fc.string({ unit: 'binary', maxLength: 80 }).map((q) => post('invalid:garbage', q)),
      fc
        .constantFrom(
          '{ partners { nope } }',
          '{ partner(id: "p-00001", bogus: 1) { id } }',
          'query A { dimensions { key } } query A { topics { key } }',
          'query A { dimensions { key } } query B { topics { key } }',
          'fragment A on Partner { ...B } fragment B on Partner { ...A } { partner(id: "p-00001") { ...A } }',
          '{ dimensions { key ...on Partner { id } } }',
          'mutation { admitPartner(id: 1) }',
          'mutation { admitPartner }',
          '{ __typename @bogus }',
          '{ "}',
          '{'.repeat(5_000),
          `{ dimensions { key } } ${'# comment\n'.repeat(20_000)}`,
          `{ dimensions { ${'key '.repeat(30_000)}} }`,
        )
        .map((q) => post('invalid:document', q)),
    );
  }

  /** Selections 50 levels deep through partners and cooperations, with and without page sizes. */
  deepDocument(): fc.Arbitrary<Request> {
    return fc
      .tuple(
        fc.integer({ min: 10, max: 60 }),
        fc.boolean(),
        fc.constantFrom(...this.pools.partnerIds.slice(0, 3), 'p-99999'),
      )
      .map(([levels, paged, id]) => {
        const page = paged ? '(first: 1)' : '';
        let inner = 'id';
        // Each hop adds four levels: cooperations → edges → node → partners → partner.
        for (let depth = 0; depth < levels; depth += 4) {
          inner = `cooperations${page} { edges { node { partners { partner { id ${inner} } } } } }`;
        }
        return post('limits:depth', `query Deep($id: ID!) { partner(id: $id) { ${inner} } }`, {
          id,
        });
      });
  }

  /** Many aliases of one field, cheap and expensive ones. */
  aliasedDocument(): fc.Arbitrary<Request> {
    return fc
      .tuple(
        fc.constantFrom(10, 100, 500, 2_000),
        fc.constantFrom(
          'dimensions { key }',
          'partners(first: 100) { totalCount edges { node { id name } } }',
          'network { nodes { id } }',
          '__typename',
        ),
      )
      .map(([count, field]) => {
        const aliases = Array.from({ length: count }, (_, i) => `a${i}: ${field}`);
        return post('limits:aliases', `{ ${aliases.join(' ')} }`);
      });
  }

  /** Repeated and unknown directives. */
  directiveDocument(): fc.Arbitrary<Request> {
    return fc
      .tuple(
        fc.constantFrom(5, 50, 500),
        fc.constantFrom('@include(if: true)', '@skip(if: false)', '@deprecated', '@bogus(x: 1)'),
      )
      .map(([count, directive]) =>
        post('limits:directives', `{ dimensions ${directive.concat(' ').repeat(count)}{ key } }`),
      );
  }

  /** Introspection, which production may refuse. */
  introspection(): fc.Arbitrary<Request> {
    return fc
      .constantFrom(
        '{ __schema { types { name fields { name args { name } } } } }',
        '{ __type(name: "Partner") { fields { name } } }',
        '{ __schema { queryType { name } } }',
      )
      .map((q) => post('introspection', q));
  }

  /** Queries (and mutations, which must be refused) over GET. */
  getRequest(): fc.Arbitrary<Request> {
    return fc
      .oneof(this.schemaOps.schemaOperation('valid'), this.schemaOps.schemaOperation('hostile'))
      .map((r) => {
        const { query, variables } = JSON.parse(r.payload) as { query: string; variables: unknown };
        const params = new URLSearchParams({ query, variables: JSON.stringify(variables) });
        return { ...r, shape: 'http:get', method: 'GET' as const, payload: params.toString() };
      });
  }
}

/** Bodies no GraphQL server should take: not JSON, the wrong shape, the wrong media type, too big. */
function malformedHttp(): fc.Arbitrary<Request> {
  const raw = (
    payload: string,
    contentType = 'application/json',
    method: 'GET' | 'POST' = 'POST',
  ): Request => ({
    shape: 'http:malformed',
    kind: /mutation/.test(payload) ? 'mutation' : 'query',
    method,
    contentType,
    payload,
    texts: [payload, ...literalsIn(payload)],
  });
  return fc.oneof(
    fc.constantFrom(
      raw('{"query": '),
      raw('not json at all'),
      raw(
        '[{"query":"{ dimensions { key } }"},{"query":"mutation { admitPartner(id: \\"p-00001\\") { id } }"}]',
      ),
      raw('{"query": 42}'),
      raw('{"query": null}'),
      raw('{"query": "{ dimensions { key } }", "variables": "garbage"}'),
      raw('{"query": "{ dimensions { key } }", "variables": [1,2]}'),
      raw('{"query": "{ dimensions { key } }", "operationName": 7}'),
      raw(
        '{"query": "{ dimensions { key } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
      ),
      raw('{"query":"{ dimensions { key } }"}', 'text/plain'),
      raw('{"query":"{ dimensions { key } }"}', 'application/x-www-form-urlencoded'),
      raw('query=%7B%20dimensions%20%7B%20key%20%7D%20%7D', 'application/x-www-form-urlencoded'),
      raw('', 'application/json'),
      raw('{"__proto__": {"query": "{ dimensions { key } }"}}'),
      raw(`{"query": "{ dimensions { key } }", "pad": "${'x'.repeat(1_100_000)}"}`),
      raw(
        'query=mutation%20%7B%20admitPartner(id%3A%22p-00001%22)%20%7B%20id%20%7D%20%7D',
        'application/json',
        'GET',
      ),
    ),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => raw(s)),
  );
}
