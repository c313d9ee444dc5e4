import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuthUser } from './auth/auth.types';
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
  /** DataLoaders of this operation only. */
  loaders: Loaders;
}

/** Makes the context of each operation; request-scoped state (loaders, user) is created here. */
export function contextFactory(
  services: Services,
  repositories: Repositories,
  logger: Logger,
): (user: AuthUser | null, clientIp: string) => RequestContext {
  return (user, clientIp) => {
    const requestId = randomUUID();
    return {
      requestId,
      logger: logger.child({ requestId }),
      services,
      user,
      clientIp,
      loaders: createLoaders(repositories),
    };
  };
}
