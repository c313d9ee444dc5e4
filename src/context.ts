import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuthUser } from './auth/auth.types';
import type { Language } from './common/language';

/** What every resolver gets for one GraphQL operation (HTTP request or WebSocket subscribe). */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  /** The caller; `null` for PUBLIC (no token). */
  user: AuthUser | null;
  /** The client's address, for per-IP rate limits. */
  clientIp: string;
  /** The language of sentences in the response (`Accept-Language`). */
  language: Language;
}

/** Who is calling, as the transport (HTTP or WebSocket) tells it. */
export interface Caller {
  /** `null` for PUBLIC (no token). */
  user: AuthUser | null;
  clientIp: string;
  language: Language;
  /** The HTTP request's id (from `x-request-id` when sane); unset → a new UUID per operation. */
  requestId?: string;
}

/** Makes the context of each operation. */
export function contextFactory(logger: Logger): (caller: Caller) => RequestContext {
  return ({ user, clientIp, language, requestId = randomUUID() }) => ({
    requestId,
    logger: logger.child({ requestId }),
    user,
    clientIp,
    language,
  });
}

/** Something made once per operation and shared by all its resolvers, such as its DataLoaders. */
export type PerRequest<T> = (ctx: RequestContext) => T;

/**
 * Makes `make(ctx)` at most once per operation. Slices keep their DataLoaders this way instead of
 * in a central bag on the context: a loader lives exactly as long as its operation (a WeakMap
 * entry of the context object), so no cached value outlives its request, and a slice hands its
 * loaders to the slices that read through them.
 */
export function perRequest<T>(make: (ctx: RequestContext) => T): PerRequest<T> {
  const made = new WeakMap<RequestContext, T>();
  return (ctx) => {
    let value = made.get(ctx);
    if (value === undefined) {
      value = make(ctx);
      made.set(ctx, value);
    }
    return value;
  };
}
