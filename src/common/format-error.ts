import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from './errors';

/** Codes that Apollo Server and graphql-js set for faults of the request itself; safe to pass on. */
const REQUEST_FAULT_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

// INTERNAL_SERVER_ERROR is what Apollo puts on any unexpected error: its message is never safe.
const CLIENT_SAFE_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  ...REQUEST_FAULT_CODES,
]);

/**
 * Builds the `formatError` used on HTTP and WebSocket alike. Errors with a known code keep their
 * message (without stack traces); anything else is logged in full and masked as
 * `Internal server error`, so no stack trace or Cypher fragment ever reaches a client.
 *
 * The returned function never throws: a throwing `formatError` would itself leak internals.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError => {
    try {
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && CLIENT_SAFE_CODES.has(code)) {
        const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
        return { ...formatted, extensions };
      }
      logger.error({ err: original }, 'unexpected error in GraphQL operation');
    } catch {
      // Fall through to the masked error: formatting must not fail.
    }
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
