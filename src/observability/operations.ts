import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { ApiMetrics, Outcome } from './metrics';

/** `operationType` when the operation never got far enough to be known (parse error, refusal). */
export const UNKNOWN_TYPE = 'unknown';
/** The role logged for callers without a token. */
export const PUBLIC_ROLE = 'PUBLIC';

const MAX_LOGGED_NAME = 100;
const MAX_LOGGED_VARIABLES = 20;
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What one log line and one set of metric updates say about one GraphQL operation. */
export interface OperationRecord {
  requestId: string;
  transport: 'http' | 'ws';
  /** The operation's name as the client sent it; `undefined` for anonymous operations. */
  operationName?: string;
  /** `query`, `mutation`, `subscription`, or {@link UNKNOWN_TYPE}. */
  operationType: string;
  durationMs: number;
  /** `extensions.code` of every error sent to the client (empty when the outcome is `ok`). */
  errorCodes: string[];
  /** Set for HTTP requests refused before an operation ran (their codes are counted elsewhere). */
  httpStatus?: number;
  /** The caller's role, or {@link PUBLIC_ROLE}; never the token or its subject. */
  role: string;
  /** Names of the variables sent, never their values (they may hold personal data). */
  variableNames: string[];
}

/**
 * Writes one JSON log line for a finished operation and updates the request, latency and error
 * metrics. Subscriptions stay out of the latency histogram: their "duration" is how long a client
 * listened, which would drown the latency of queries and mutations.
 */
export function recordOperation(
  metrics: ApiMetrics,
  logger: Logger,
  record: OperationRecord,
): void {
  const refused = record.httpStatus !== undefined && record.httpStatus >= 400;
  const outcome: Outcome = record.errorCodes.length === 0 && !refused ? 'ok' : 'error';
  const operation = metrics.operationLabel(record.operationName);
  metrics.graphqlRequests.inc({ operation, type: record.operationType, outcome });
  if (record.operationType !== 'subscription') {
    metrics.graphqlDuration.observe({ operation }, record.durationMs / 1000);
  }
  for (const code of record.errorCodes)
    metrics.graphqlErrors.inc({ code: metrics.errorCodeLabel(code) });
  logger.info(
    {
      requestId: record.requestId,
      transport: record.transport,
      operationName: truncate(record.operationName),
      operationType: record.operationType,
      durationMs: Math.round(record.durationMs * 10) / 10,
      outcome,
      errorCodes: record.errorCodes.length > 0 ? record.errorCodes : undefined,
      httpStatus: record.httpStatus,
      role: record.role,
      variableNames: record.variableNames,
    },
    'graphql operation',
  );
}

/**
 * The request id to use: the client's `x-request-id` when it is a sane token (so that a proxy's
 * id ties our log lines to its own), else `undefined` and the caller generates one. Anything else
 * is refused because it would be copied into logs and a response header.
 */
export function acceptRequestId(header: unknown): string | undefined {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : undefined;
}

/** The codes of the errors in a response; `UNKNOWN` for an error without one. */
export function errorCodesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).map((error) => {
    const code = error.extensions?.code;
    return typeof code === 'string' ? code : 'UNKNOWN';
  });
}

/** The names of the variables a client sent, bounded so that a hostile request cannot bloat logs. */
export function variableNamesOf(variables: unknown): string[] {
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) return [];
  return Object.keys(variables)
    .slice(0, MAX_LOGGED_VARIABLES)
    .map((name) => name.slice(0, MAX_LOGGED_NAME));
}

/** The role to log for a caller: its role name, never its subject or token. */
export function roleOf(user: { role: string } | null | undefined): string {
  return user?.role ?? PUBLIC_ROLE;
}

/** Milliseconds since a `process.hrtime.bigint()` reading. */
export function msSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function truncate(name: string | undefined): string | undefined {
  return name === undefined ? undefined : name.slice(0, MAX_LOGGED_NAME);
}
