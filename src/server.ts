import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jitExecutor } from './schema/jit-executor';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { authenticate } from './auth/authenticate';
import type { TokenRevocations } from './auth/token-revocations';
import type { PartnerStandings } from './auth/token-sweep';
import type { TokenVerifier } from './auth/tokens';
import { createErrorFormatter } from './common/format-error';
import type { AppConfig } from './config';
import { preferredLanguage } from './common/language';
import { subscribeSharingResults } from './common/shared-subscribe';
import type { Caller, RequestContext } from './context';
import { graphqlOverHttpPlugin } from './limits/graphql-over-http';
import { clientAddressOf } from './limits/client-address';
import { bodyErrorHandler, corsMiddleware } from './limits/http-guards';
import { createQueryLimits, parseOptions } from './limits/query-limits';
import { Admission } from './limits/admission';
import { holdBackRepeatOffenders, queryLimitsPlugin } from './limits/query-limits.plugin';
import { wsAdmission } from './limits/ws-admission';
import { createWsOperationPreparer } from './limits/ws-operations';
import { webSocketPolicy, type WsExtra } from './limits/ws-connections';
import { type ObservabilityOptions, observeServer } from './observability/observability';

/** Path of the GraphQL endpoint, for HTTP and WebSocket alike. */
export const GRAPHQL_PATH = '/graphql';

/** What `/readyz` asks before it answers 200. */
export interface ReadinessProbe {
  /** Whether migrations and reference data have been applied by this process. */
  prepared(): boolean;
  /** Whether Neo4j answers a query right now. */
  ping(): Promise<boolean>;
}

/** A listening API server. */
export interface ApiServer {
  /** `http://host:port/graphql`; the WebSocket endpoint is the same with `ws://`. */
  url: string;
  port: number;
  /** Stops accepting, lets running requests finish, closes WebSockets. Safe to call twice. */
  stop(): Promise<void>;
}

/** Everything {@link startServer} needs. */
export interface ServerOptions {
  config: AppConfig['http'];
  schema: GraphQLSchema;
  /** Makes the context of one operation for a caller, on HTTP and WebSocket alike. */
  context: (caller: Caller) => RequestContext;
  /** Adds further HTTP routes (e.g. exports) before the GraphQL endpoint. */
  routes?: (app: express.Express) => void;
  /** Checks bearer tokens (HTTP `Authorization` header, WebSocket `connectionParams`). */
  verifyToken: TokenVerifier;
  /** Announces partners whose tokens ended: their open WebSockets are closed with 4403. */
  tokenRevocations: TokenRevocations;
  /** Reads many partners' `tokensValidAfter` at once: the periodic check of open sockets. */
  partnerStandings: PartnerStandings;
  readiness: ReadinessProbe;
  logger: Logger;
  /** Operation logs, metrics and `GET /metrics`. */
  observability: ObservabilityOptions;
}

/**
 * Starts Apollo Server (HTTP) and graphql-ws (WebSocket) on one port and path, plus the health
 * endpoints `GET /healthz` (the process is alive) and `GET /readyz` (Neo4j reachable and
 * migrations applied; 503 otherwise).
 */
export async function startServer(options: ServerOptions): Promise<ApiServer> {
  const { config, schema, context, verifyToken, logger } = options;
  const app = express();
  app.disable('x-powered-by'); // names the framework to attackers; nothing else needs it
  // GraphQL answers are POSTed and never revalidated, so hashing each body (190 KB for a
  // 50-partner page) for an ETag was pure work; routes that want revalidation set their own.
  app.set('etag', false);
  const observed = observeServer(options.observability, logger, GRAPHQL_PATH);
  app.use(observed.requestIds);
  app.use(corsMiddleware(config.corsOrigins));
  const httpServer = createServer(app);
  // Longer than the idle timeouts of clients and load balancers (often 60 s), so that the server
  // never closes a kept-alive socket just as a client reuses it (ECONNRESET).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const formatError = createErrorFormatter(logger);

  // The same limits on both transports: checked per operation, before anything executes.
  const queryLimits = createQueryLimits(schema, config.limits);
  const prepareWsOperation = createWsOperationPreparer({
    schema,
    limits: config.limits,
    checker: queryLimits,
    introspection: config.introspection,
    fieldSuggestions: config.fieldSuggestions,
  });

  // A larger message is refused by ws itself: the socket is closed with 1009 (message too big).
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: GRAPHQL_PATH,
    maxPayload: config.webSocket.maxPayloadBytes,
  });
  const admission = new Admission(config.admission);
  const admitWs = wsAdmission({
    admission,
    checker: queryLimits,
    maxCost: config.limits.maxCost,
    trustProxyHops: config.trustProxyHops,
  });
  const policy = webSocketPolicy({
    settings: config.webSocket,
    trustProxyHops: config.trustProxyHops,
    verifyToken,
    tokenRevocations: options.tokenRevocations,
    partnerStandings: options.partnerStandings,
    logger,
  });
  const format = (error: GraphQLError) => formatError(error.toJSON(), error);
  const wsHandle = observed.useServer<Record<string, unknown>, WsExtra>(
    {
      schema,
      subscribe: subscribeSharingResults,
      connectionInitWaitTimeout: config.webSocket.connectionInitTimeoutMs,
      context: (ctx) =>
        context({
          user: ctx.extra.user ?? null,
          clientIp: clientAddressOf(ctx.extra.request, config.trustProxyHops),
          language: preferredLanguage(ctx.extra.request.headers['accept-language']),
        }),
      onConnect: policy.onConnect,
      onSubscribe: async (ctx, id, payload) =>
        (await policy.refuseOperation(ctx)) ?? admitWs.admit(ctx, id, payload, prepareWsOperation),
      onComplete: (ctx, id) => admitWs.complete(ctx, id),
      onClose: (ctx) => {
        admitWs.closeAll(ctx);
        policy.onClose(ctx);
      },
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map(format) } : undefined,
    },
    wsServer,
  );
  policy.watch(wsServer);

  // graphql-jit runs the operations unless GRAPHQL_EXECUTOR=graphql-js (src/schema/jit-executor.ts).
  const executor = config.executor === 'jit' ? { gateway: jitExecutor(schema) } : { schema };
  const apollo = new ApolloServer<RequestContext>({
    ...executor,
    formatError,
    includeStacktraceInErrorResponses: false,
    // We use no persisted queries; with them on, a mismatching hash ended as an uncoded error
    // (found by the fuzzer). Off, such requests get PERSISTED_QUERY_NOT_SUPPORTED.
    persistedQueries: false,
    introspection: config.introspection,
    // Drops "Did you mean …?" from validation errors, which would reveal the schema bit by bit.
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    parseOptions: parseOptions(config.limits),
    // main.ts owns the signals: Apollo would stop only itself and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      // We send no cache hints; the default plugin would wrap every field resolver for nothing
      // (it doubled the execution time of large network responses).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: config.shutdownTimeoutMs,
      }),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            policy.stop();
            await wsHandle.dispose();
          },
        }),
      },
      observed.plugin,
      queryLimitsPlugin(queryLimits, admission, config.limits.maxCost),
      graphqlOverHttpPlugin(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  observed.mountMetrics(app);
  app.get('/readyz', async (_req, res) => {
    const neo4jUp = await options.readiness.ping();
    const prepared = options.readiness.prepared();
    res.status(neo4jUp && prepared ? 200 : 503).json({
      status: neo4jUp && prepared ? 'ready' : 'unavailable',
      neo4j: neo4jUp ? 'up' : 'down',
      migrations: prepared ? 'applied' : 'pending',
    });
  });
  options.routes?.(app);
  app.use(
    GRAPHQL_PATH,
    holdBackRepeatOffenders(admission, config.trustProxyHops),
    express.json({ limit: config.bodyLimit }),
    bodyErrorHandler(),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        context({
          requestId: observed.requestIdOf(res),
          user: await authenticate(verifyToken, req.headers.authorization),
          clientIp: clientAddressOf(req, config.trustProxyHops),
          language: preferredLanguage(req.headers['accept-language']),
        }),
    }),
  );

  await listen(httpServer, config.host, config.port);
  const port = (httpServer.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${config.host}:${port}${GRAPHQL_PATH}`,
    port,
    stop: () => (stopping ??= apollo.stop()),
  };
}

function listen(server: HttpServer, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
