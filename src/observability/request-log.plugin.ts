import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { getOperationAST } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../common/errors';
import type { RequestContext } from '../context';
import type { ApiMetrics } from './metrics';
import {
  errorCodesOf,
  msSince,
  recordOperation,
  roleOf,
  UNKNOWN_TYPE,
  variableNamesOf,
} from './operations';

/**
 * An Apollo Server plugin that logs every HTTP GraphQL operation as one JSON line and counts it in
 * the metrics (see {@link recordOperation}). `recorded` receives the request id of every operation
 * it logged, so that the HTTP layer can log requests refused before Apollo ran an operation.
 */
export function requestLogPlugin(
  metrics: ApiMetrics,
  logger: Logger,
  recorded: (requestId: string) => void,
): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: async ({ contextValue }) => {
      const started = process.hrtime.bigint();
      return {
        willSendResponse: async (requestContext) => {
          const { requestId, user } = contextValue;
          recorded(requestId);
          recordOperation(metrics, logger, {
            requestId,
            transport: 'http',
            ...operationOf(requestContext),
            durationMs: msSince(started),
            errorCodes: errorCodesOf(sentErrors(requestContext)),
            role: roleOf(user),
            variableNames: variableNamesOf(requestContext.request.variables),
          });
        },
      };
    },
    // A context that cannot be made (e.g. an invalid token) ends the request before
    // requestDidStart; its error still counts (the HTTP layer logs the request).
    contextCreationDidFail: async ({ error }) => {
      metrics.graphqlErrors.inc({ code: metrics.errorCodeLabel(codeOf(error)) });
    },
    // Likewise a malformed request or one refused by CSRF prevention (code BAD_REQUEST).
    invalidRequestWasReceived: async ({ error }) => {
      metrics.graphqlErrors.inc({ code: metrics.errorCodeLabel(codeOf(error)) });
    },
  };
}

/** The operation's name and type, as far as parsing and validation got. */
function operationOf(requestContext: GraphQLRequestContextWillSendResponse<RequestContext>) {
  const { request, document } = requestContext;
  const operation =
    requestContext.operation ??
    (document ? getOperationAST(document, request.operationName) : null);
  return {
    operationName: operation?.name?.value ?? request.operationName ?? undefined,
    operationType: operation?.operation ?? UNKNOWN_TYPE,
  };
}

/** The errors the client receives (already formatted, so masked codes are the ones counted). */
function sentErrors(requestContext: GraphQLRequestContextWillSendResponse<RequestContext>) {
  const { body } = requestContext.response;
  return body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
}

/** The code the client will see: the error's own, or the masked one for anything unexpected. */
function codeOf(error: Error): string {
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}
