import { randomUUID } from 'node:crypto';
import { type ExecutionArgs, getOperationAST, type GraphQLFormattedError } from 'graphql';
import type { ConnectionInitMessage, ServerOptions, SubscribePayload } from 'graphql-ws';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import type { ApiMetrics } from './metrics';
import {
  errorCodesOf,
  msSince,
  type OperationRecord,
  recordOperation,
  roleOf,
  UNKNOWN_TYPE,
  variableNamesOf,
} from './operations';

/** One WebSocket operation between its `subscribe` message and its end. */
interface Trace {
  started: bigint;
  record: Omit<OperationRecord, 'durationMs'>;
  /** Set once the operation runs; only then does graphql-ws call `onComplete` for it. */
  running: boolean;
  /** Whether it was counted in the `graphql_subscriptions` gauge. */
  live: boolean;
}

/**
 * Counts open WebSockets in the `websocket_connections` gauge, from the upgrade to the close, so
 * that sockets that never finish `connection_init` (which hold resources too) are counted as well.
 */
export function countWebSockets(wsServer: WebSocketServer, metrics: ApiMetrics): void {
  wsServer.on('connection', (socket) => {
    metrics.websocketConnections.inc();
    socket.once('close', () => metrics.websocketConnections.dec());
  });
}

/**
 * Wraps the graphql-ws hooks of `options` so that every WebSocket operation is logged and counted
 * like an HTTP one, and running subscriptions are counted in the `graphql_subscriptions` gauge.
 * The original hooks run unchanged; their formatted errors are the ones whose codes are counted.
 */
export function instrumentWebSocket<P extends ConnectionInitMessage['payload'], E>(
  options: ServerOptions<P, E>,
  metrics: ApiMetrics,
  logger: Logger,
): ServerOptions<P, E> {
  const traces = new WeakMap<object, Map<string, Trace>>();
  const tracesOf = (ctx: object) => {
    let map = traces.get(ctx);
    if (!map) traces.set(ctx, (map = new Map()));
    return map;
  };
  const finish = (ctx: object, id: string) => {
    const trace = tracesOf(ctx).get(id);
    if (!trace) return;
    tracesOf(ctx).delete(id);
    if (trace.live) metrics.graphqlSubscriptions.dec();
    recordOperation(metrics, logger, { ...trace.record, durationMs: msSince(trace.started) });
  };
  return {
    ...options,
    onSubscribe: (ctx, id, payload) => {
      tracesOf(ctx).set(id, startTrace(payload));
      return options.onSubscribe?.(ctx, id, payload);
    },
    onOperation: (ctx, id, payload, args, result) => {
      const trace = tracesOf(ctx).get(id);
      if (trace) {
        describe(trace, args);
        trace.running = true;
        trace.live = trace.record.operationType === 'subscription' && isAsyncIterable(result);
        if (trace.live) metrics.graphqlSubscriptions.inc();
      }
      return options.onOperation?.(ctx, id, payload, args, result);
    },
    onNext: async (ctx, id, payload, args, result) => {
      const formatted = await options.onNext?.(ctx, id, payload, args, result);
      const errors = formatted ? formatted.errors : result.errors;
      if (errors) addCodes(tracesOf(ctx).get(id), errors);
      return formatted;
    },
    onError: async (ctx, id, payload, errors) => {
      const formatted = await options.onError?.(ctx, id, payload, errors);
      const trace = tracesOf(ctx).get(id);
      addCodes(trace, formatted ?? errors.map((error) => error.toJSON()));
      // Refused before it ran (limits, validation): no onComplete follows.
      if (trace && !trace.running) finish(ctx, id);
      return formatted;
    },
    onComplete: async (ctx, id, payload) => {
      finish(ctx, id);
      await options.onComplete?.(ctx, id, payload);
    },
  };
}

function startTrace(payload: SubscribePayload): Trace {
  return {
    started: process.hrtime.bigint(),
    record: {
      requestId: randomUUID(),
      transport: 'ws',
      operationName: payload.operationName ?? undefined,
      operationType: UNKNOWN_TYPE,
      errorCodes: [],
      role: roleOf(undefined),
      variableNames: variableNamesOf(payload.variables),
    },
    running: false,
    live: false,
  };
}

/** Fills in what is known once the operation runs: its type, and the id and role of its context. */
function describe(trace: Trace, args: ExecutionArgs): void {
  const operation = getOperationAST(args.document, args.operationName);
  trace.record.operationType = operation?.operation ?? UNKNOWN_TYPE;
  trace.record.operationName = operation?.name?.value ?? trace.record.operationName;
  const context = args.contextValue as
    { requestId?: unknown; user?: { role: string } | null } | undefined;
  if (typeof context?.requestId === 'string') trace.record.requestId = context.requestId;
  trace.record.role = roleOf(context?.user);
}

function addCodes(trace: Trace | undefined, errors: readonly GraphQLFormattedError[]): void {
  trace?.record.errorCodes.push(...errorCodesOf(errors));
}

function isAsyncIterable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
