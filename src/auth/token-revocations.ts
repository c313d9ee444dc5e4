import type { Logger } from 'pino';
import { RedisTokenRevocationTransport } from './token-revocations-redis';

/** Carries announcements of ended tokens to the other replicas (Redis: token-revocations-redis.ts). */
export interface TokenRevocationTransport {
  /** Sends the announcement to the other replicas; must not throw. */
  publish(partnerId: string): void;
  /** Sets what is called for every announcement of another replica (never for its own). */
  listen(receive: (partnerId: string) => void): void;
  /** Releases the connections. */
  close(): Promise<void>;
}

/**
 * Tells who holds open connections (the WebSocket policy) that a partner's tokens just ended
 * (`revokePartnerTokens`, leaving, erasure), so that they close them at once: on this replica
 * directly, on the others through the transport when there is one (`REDIS_URL`). Without a
 * transport a single replica is complete; several replicas then close at the socket's next
 * operation or the next token sweep (src/auth/token-sweep.ts), which also covers a lost message.
 */
export class TokenRevocations {
  private readonly listeners = new Set<(partnerId: string) => void>();

  constructor(private readonly transport?: TokenRevocationTransport) {
    transport?.listen((partnerId) => this.notify(partnerId));
  }

  /** Announces that every token of the partner issued until now has ended, on every replica. */
  ended(partnerId: string): void {
    this.notify(partnerId);
    this.transport?.publish(partnerId);
  }

  /** Listens for ended tokens, this replica's and the others'; returns the function that stops. */
  onEnded(listener: (partnerId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops hearing from the other replicas and releases the transport's connections. */
  async close(): Promise<void> {
    await this.transport?.close();
  }

  private notify(partnerId: string): void {
    for (const listener of this.listeners) listener(partnerId);
  }
}

/** The revocations the configuration asks for: across replicas through Redis when `REDIS_URL` is set. */
export function createTokenRevocations(
  redisUrl: string | undefined,
  logger: Logger,
): TokenRevocations {
  return new TokenRevocations(
    redisUrl ? new RedisTokenRevocationTransport(redisUrl, logger) : undefined,
  );
}
