import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  type ExecutionArgs,
  execute,
  getVariableValues,
  type GraphQLSchema,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** Which executor runs operations over HTTP (`GRAPHQL_EXECUTOR`). */
export type ExecutorChoice = 'jit' | 'graphql-js';

/** Operations compiled per parsed document (one per operation name). */
const OPERATIONS_PER_DOCUMENT = 8;

/**
 * Runs Apollo Server's operations with graphql-jit instead of graphql-js: each operation is
 * compiled once into a function that resolves its selection without graphql-js's per-field
 * bookkeeping (argument values, paths, result maps for every field). For the nested 50-partner
 * query of `bench:read` one process served 18–27 % more requests than with graphql-js
 * (docs/performance.md). Resolvers, errors, nullability and variable coercion behave as with
 * graphql-js; a document graphql-jit cannot compile is executed by graphql-js.
 *
 * Apollo Server takes a custom executor only through its gateway interface, so this is one:
 * it serves the schema it is given, unchanged. Compiled operations are kept per parsed
 * document, whose objects Apollo keeps in its bounded document store, so they go with it.
 */
export function jitExecutor(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compiledFor = (document: DocumentNode, operationName: string | null) => {
    let operations = compiled.get(document);
    if (!operations) {
      operations = new Map();
      compiled.set(document, operations);
    }
    const key = operationName ?? '';
    let query = operations.get(key);
    if (query === undefined) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      query = isCompiledQuery(result) ? result : null;
      if (operations.size < OPERATIONS_PER_DOCUMENT) operations.set(key, query);
    }
    return query;
  };
  return {
    load: () =>
      Promise.resolve({
        executor: async (request) => {
          // No operation resolved: several without `operationName`, or an unknown name. graphql-js
          // answers with the error that Apollo turns into OPERATION_RESOLUTION_FAILURE (400);
          // reading the missing operation's variables below would throw and answer 500.
          if (!request.operation) return execute(graphqlJsArgs(schema, request));
          const query = compiledFor(request.document, request.operationName);
          const variables = request.request.variables ?? {};
          // Variables are coerced by graphql-js: its errors name the variable's definition,
          // which Apollo answers as BAD_USER_INPUT with HTTP 400 (graphql-jit's would end as
          // internal errors), and graphql-jit 0.8 misses the defaults of required input fields.
          // Coerced values coerce to themselves, so graphql-jit gets those.
          const coerced = getVariableValues(
            schema,
            request.operation.variableDefinitions ?? [],
            variables,
          );
          if (coerced.errors) return { errors: coerced.errors };
          if (query) return query.query(undefined, request.context, coerced.coerced);
          return execute(graphqlJsArgs(schema, request));
        },
      }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: () => Promise.resolve(),
  };
}

/** The arguments of graphql-js's `execute` for a request Apollo hands the gateway executor. */
function graphqlJsArgs(
  schema: GraphQLSchema,
  request: Parameters<GatewayExecutor>[0],
): ExecutionArgs {
  return {
    schema,
    document: request.document,
    contextValue: request.context,
    variableValues: request.request.variables ?? {},
    operationName: request.operationName,
  };
}
