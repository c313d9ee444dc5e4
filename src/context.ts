import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuthUser } from './auth/auth.types';
import type { Language } from './common/language';
import { createLoaders, type Loaders } from './loaders';
import type { Repositories, Services } from './services';

/** What every resolver gets for one GraphQL operation (HTTP request or WebSocket subscribe). */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  services: Services;
  /** The caller; `null` for PUBLIC (no token). */
  user: AuthUser | null;
  /** The client's address, for per-IP rate limits. */
  clientIp: string;
  /** The language of sentences in the response (`Accept-Language`). */
  language: Language;
  /** DataLoaders of this operation only. */
  loaders: Loaders;
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

/** Makes the context of each operation; request-scoped state (loaders, user) is created here. */
export function contextFactory(
  services: Services,
  repositories: Repositories,
  logger: Logger,
): (caller: Caller) => RequestContext {
  return ({ user, clientIp, language, requestId = randomUUID() }) => {
    return {
      requestId,
      logger: logger.child({ requestId }),
      services,
      user,
      clientIp,
      language,
      loaders: createLoaders(repositories, (ids, first) =>
        services.matching.suggestForPartners(ids, first, { user, language }),
      ),
    };
  };
}
