import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createLoaders, type Loaders } from './loaders';
import type { Repositories, Services } from './services';

/** What every resolver gets for one GraphQL operation (HTTP request or WebSocket subscribe). */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  services: Services;
  /** DataLoaders of this operation only. */
  loaders: Loaders;
}

/** Makes the context of each operation; request-scoped state (loaders, user) is created here. */
export function contextFactory(
  services: Services,
  repositories: Repositories,
  logger: Logger,
): () => RequestContext {
  return () => {
    const requestId = randomUUID();
    return {
      requestId,
      logger: logger.child({ requestId }),
      services,
      loaders: createLoaders(repositories),
    };
  };
}
