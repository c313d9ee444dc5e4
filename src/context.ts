import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Services } from './services';

/** What every resolver gets for one GraphQL operation (HTTP request or WebSocket subscribe). */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  services: Services;
}

/** Builds the context of one operation; request-scoped state (loaders, user) is created here. */
export function createRequestContext(services: Services, logger: Logger): RequestContext {
  const requestId = randomUUID();
  return { requestId, logger: logger.child({ requestId }), services };
}
