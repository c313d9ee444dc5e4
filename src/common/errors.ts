import { GraphQLError } from 'graphql';

/**
 * Every `extensions.code` this API puts on a GraphQL error. The list is kept in sync with
 * `docs/errors.md` by a test; a retired code must never be reused for another meaning.
 */
export enum ErrorCode {
  /** An argument or input is malformed or breaks a domain rule; nothing was changed. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The thing an operation acts on does not exist. */
  NOT_FOUND = 'NOT_FOUND',
  /** The caller is known but may not do this. */
  FORBIDDEN = 'FORBIDDEN',
  /** The caller's token is missing where needed, expired, malformed or wrongly signed. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The change collides with the current state (status, version, a concurrent write). */
  CONFLICT = 'CONFLICT',
  /** A rate limit was hit (e.g. applications per IP); `extensions.retryAfterSeconds` says when to retry. */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** Neo4j cannot be reached right now; retrying later may succeed. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /**
   * The operation breaks a query limit (depth, aliases, directives, cost); `extensions.limit` and
   * `extensions.maximum` say which. Refused before anything was read.
   */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The HTTP request body is larger than `HTTP_BODY_LIMIT` (status 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** Neo4j stopped a transaction that ran longer than `NEO4J_TX_TIMEOUT_MS`; nothing was changed. */
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  /** Anything unexpected; the details are logged, never sent to the client. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * The HTTP status each code stands for, used wherever the API answers with a status of its own:
 * the plain HTTP routes (exports, CSV) and token refusals. GraphQL responses keep 200 for errors
 * in execution, as the GraphQL over HTTP spec asks.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.QUERY_TIMEOUT]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * Close codes of the GraphQL over WebSocket protocol, re-exported so that the whole API
 * has one place for its codes (4400 BadRequest, 4403 Forbidden, 4408 ConnectionInitialisationTimeout, ...).
 */
export { CloseCode } from 'graphql-ws';

/**
 * Makes the one kind of error resolvers and services throw at clients.
 *
 * @param code - what went wrong, see {@link ErrorCode}
 * @param message - a sentence a person understands, in the style "expected X, got Y"
 * @param details - extra machine-readable facts (e.g. `field`, `currentStatus`), added to `extensions`
 * @returns a `GraphQLError` with `extensions.code` set; it is safe to show to clients
 */
export function userError(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code } });
}
