import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  type DocumentNode,
  type ExecutionArgs,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { parseOptions, type QueryLimitChecker, type QueryLimits } from './query-limits';

/** What {@link createWsOperationPreparer} needs: the same settings Apollo gets on HTTP. */
export interface WsOperationOptions {
  schema: GraphQLSchema;
  limits: Pick<QueryLimits, 'maxTokens'>;
  checker: QueryLimitChecker;
  /** Whether `__schema` and `__type` may be queried. */
  introspection: boolean;
  /** Whether validation errors may suggest similar field names. */
  fieldSuggestions: boolean;
}

/**
 * Makes the graphql-ws `onSubscribe` step that treats an operation exactly as Apollo does on
 * HTTP: parse with the token limit, validate (with introspection and field suggestions as
 * configured), check the query limits, then pick the operation and coerce its variables. Errors
 * carry Apollo's codes (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`,
 * `OPERATION_RESOLUTION_FAILURE`, `BAD_USER_INPUT`) or `QUERY_TOO_COMPLEX`, and graphql-ws sends
 * them as the operation's `error` message; the socket stays open. The last two steps are here
 * because graphql-js's `execute` would report them as errors without a code, which the error
 * formatter masks as internal errors (found by the fuzzer over graphql-ws).
 *
 * @returns the arguments to execute (graphql-ws adds context and root), or the errors
 */
export function createWsOperationPreparer(options: WsOperationOptions) {
  const { schema, checker } = options;
  const rules = options.introspection
    ? specifiedRules
    : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const parsing = parseOptions(options.limits);
  return (payload: SubscribePayload, maxCost?: number): ExecutionArgs | readonly GraphQLError[] => {
    let document;
    try {
      document = parse(payload.query, parsing);
    } catch (error) {
      return [withCode(error, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) {
      return invalid.map((error) =>
        withCode(
          options.fieldSuggestions ? error : withoutSuggestions(error),
          ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
        ),
      );
    }
    const refused = checker.check(document, payload.variables, maxCost);
    if (refused !== undefined) return [refused];
    const unusable = operationErrors(schema, document, payload);
    if (unusable.length > 0) return unusable;
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
    };
  };
}

/** Errors of choosing the operation (`operationName`) and coercing its variables; empty if none. */
function operationErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  payload: SubscribePayload,
): GraphQLError[] {
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) {
    const message = payload.operationName
      ? `Unknown operation named "${payload.operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return [
      new GraphQLError(message, {
        extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE },
      }),
    ];
  }
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    payload.variables ?? {},
  );
  return (coerced.errors ?? []).map((error) =>
    withCode(error, ApolloServerErrorCode.BAD_USER_INPUT),
  );
}

function withCode(error: unknown, code: string): GraphQLError {
  if (!(error instanceof GraphQLError)) throw error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/** Drops "Did you mean …?" as Apollo's `hideSchemaDetailsFromClientErrors` does on HTTP. */
function withoutSuggestions(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message.replace(/ ?Did you mean(.+?)\?$/, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: error.extensions,
  });
}
