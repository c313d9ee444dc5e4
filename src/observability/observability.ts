import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Express, NextFunction, Request, Response } from 'express';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { RequestContext } from '../context';
import type { ApiMetrics } from './metrics';
import { acceptRequestId, msSince, PUBLIC_ROLE, recordOperation, UNKNOWN_TYPE } from './operations';
import { requestLogPlugin } from './request-log.plugin';
import { countWebSockets, instrumentWebSocket } from './ws-observer';
import { ErrorCode, HTTP_STATUS } from '../common/errors';

/** Response header that carries the request id (taken from the request when sane). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** How `GET /metrics` is exposed. */
export interface MetricsEndpointConfig {
  /** `false` → no `/metrics` route at all. */
  enabled: boolean;
  /** Set → `/metrics` answers only `Authorization: Bearer <token>`. */
  token?: string;
}

/** What the server needs to log operations and serve metrics. */
export interface ObservabilityOptions {
  metrics: ApiMetrics;
  endpoint: MetricsEndpointConfig;
}

/** The pieces {@link observeServer} hands to the server, one per place it hooks in. */
export interface ServerObservation {
  /** Express middleware: assigns the request id, echoes it, logs requests refused before Apollo. */
  requestIds: (req: Request, res: Response, next: NextFunction) => void;
  /** The request id {@link requestIds} assigned to this response. */
  requestIdOf(res: Response): string;
  /** Apollo plugin: one log line and metric update per HTTP operation. */
  plugin: ApolloServerPlugin<RequestContext>;
  /**
   * graphql-ws's `useServer`, observed: one log line and metric update per WebSocket operation,
   * running subscriptions in `graphql_subscriptions`, open sockets in `websocket_connections`.
   */
  useServer: typeof useServer;
  /** Adds `GET /metrics` when enabled. */
  mountMetrics(app: Express): void;
}

/**
 * Ties logs and metrics into one server. Every HTTP request gets an id; a GraphQL request that
 * Apollo refuses before running an operation (CSRF, malformed body, invalid token) never reaches
 * the plugin's per-operation hooks, so the middleware logs and counts it when its response ends.
 */
export function observeServer(
  options: ObservabilityOptions,
  logger: Logger,
  graphqlPath: string,
): ServerObservation {
  const { metrics } = options;
  const recorded = new Set<string>();
  const requestIdOf = (res: Response) => {
    const id: unknown = res.locals.requestId;
    return typeof id === 'string' ? id : randomUUID();
  };
  return {
    requestIds: (req, res, next) => {
      const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
      res.locals.requestId = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
      const started = process.hrtime.bigint();
      // Read now: express rewrites req.path for mounted routers and may not restore it.
      const isGraphQL = req.path === graphqlPath;
      // 'close' fires for finished and aborted responses alike, so `recorded` cannot leak ids.
      res.once('close', () => {
        if (recorded.delete(requestId) || res.statusCode < 400 || !isGraphQL) return;
        recordOperation(metrics, logger, {
          requestId,
          transport: 'http',
          operationType: UNKNOWN_TYPE,
          durationMs: msSince(started),
          errorCodes: [],
          httpStatus: res.statusCode,
          role: PUBLIC_ROLE,
          variableNames: [],
        });
      });
      next();
    },
    requestIdOf,
    plugin: requestLogPlugin(metrics, logger, (id) => recorded.add(id)),
    useServer: (wsOptions, wsServer, keepAlive) => {
      countWebSockets(wsServer, metrics);
      return useServer(instrumentWebSocket(wsOptions, metrics, logger), wsServer, keepAlive);
    },
    mountMetrics: (app) => {
      if (!options.endpoint.enabled) return;
      const allowed = bearerCheck(options.endpoint.token);
      app.get('/metrics', async (req, res) => {
        if (!allowed(req.headers.authorization)) {
          res
            .status(HTTP_STATUS[ErrorCode.UNAUTHENTICATED])
            .setHeader('www-authenticate', 'Bearer')
            .json({ error: 'unauthorized' });
          return;
        }
        res.setHeader('content-type', metrics.registry.contentType);
        res.send(await metrics.registry.metrics());
      });
    },
  };
}

/** Compares bearer tokens in constant time (hashes first, so lengths do not leak either). */
function bearerCheck(token: string | undefined): (header: string | undefined) => boolean {
  if (token === undefined) return () => true;
  const expected = createHash('sha256').update(`Bearer ${token}`).digest();
  return (header) =>
    header !== undefined && timingSafeEqual(createHash('sha256').update(header).digest(), expected);
}
