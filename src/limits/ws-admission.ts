import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import type { Admission } from './admission';
import { clientAddressOf } from './client-address';
import type { QueryLimitChecker } from './query-limits';
import { askerOf } from './query-limits.plugin';
import type { WsExtra } from './ws-connections';

type WsContext = Context<Record<string, unknown> | undefined, WsExtra>;
type Prepare = (
  payload: SubscribePayload,
  maxCost: number,
) => ExecutionArgs | readonly GraphQLError[];

/** What {@link wsAdmission} needs. */
export interface WsAdmissionOptions {
  admission: Admission;
  checker: QueryLimitChecker;
  /** The static cost limit (`GRAPHQL_MAX_COST`); anonymous sockets get admission's lower one. */
  maxCost: number;
  trustProxyHops: number;
}

/**
 * Admission over graphql-ws, as queryLimitsPlugin does it over HTTP: the operation is prepared
 * with the asker's cost limit, then admitted (or refused with TOO_MANY_REQUESTS as its `error`
 * message); its admission is released when it completes or its socket closes.
 */
export function wsAdmission(options: WsAdmissionOptions) {
  const { admission, checker } = options;
  const running = new WeakMap<WsExtra, Map<string, () => void>>();
  return {
    /** The `onSubscribe` step after the socket's own checks. */
    admit(ctx: WsContext, id: string, payload: SubscribePayload, prepare: Prepare) {
      const clientIp = clientAddressOf(ctx.extra.request, options.trustProxyHops);
      const asker = askerOf(ctx.extra.user ?? null, clientIp);
      const prepared = prepare(payload, admission.maxCost(asker, options.maxCost));
      if (Array.isArray(prepared)) return prepared;
      const args = prepared as ExecutionArgs;
      const verdict = admission.admit(asker, checker.cost(args.document, payload.variables));
      if (!verdict.admitted) return [verdict.refusal];
      const releases = running.get(ctx.extra) ?? new Map<string, () => void>();
      releases.set(id, verdict.release);
      running.set(ctx.extra, releases);
      return args;
    },
    /** graphql-ws `onComplete`: the operation's admission ends. */
    complete(ctx: WsContext, id: string) {
      running.get(ctx.extra)?.get(id)?.();
      running.get(ctx.extra)?.delete(id);
    },
    /** On close: every admission of the socket ends. */
    closeAll(ctx: WsContext) {
      for (const release of running.get(ctx.extra)?.values() ?? []) release();
      running.delete(ctx.extra);
    },
  };
}
