import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { Logger } from 'pino';

/** The Redis channel on which replicas announce partners whose tokens ended. */
export const TOKENS_ENDED_CHANNEL = 'vielfalt:tokens-ended';

/** One announcement on {@link TOKENS_ENDED_CHANNEL}. */
interface EndedMessage {
  /** The transport that sent it, so that it can skip its own echo. */
  origin: string;
  partnerId: string;
}

/**
 * Carries "this partner's tokens ended" between API replicas through Redis publish/subscribe,
 * with the client settings of the exchange bus (src/exchange/exchange-bus.ts). Two connections,
 * because a subscribed Redis connection cannot publish. Redis delivers a message only to the
 * replicas connected at that moment: one that is cut off misses it, and the periodic token sweep
 * (src/auth/token-sweep.ts) closes its sockets later. ioredis subscribes again after reconnecting.
 */
export class RedisTokenRevocationTransport {
  /** Tells this replica's own messages apart when Redis sends them back. */
  private readonly origin = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private receive: (partnerId: string) => void = () => undefined;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const [name, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (error: Error) =>
        logger.warn({ err: error, client: name }, 'redis connection problem (token revocations)'),
      );
    }
    this.subscriber.on('message', (_channel: string, message: string) => this.deliver(message));
    this.subscriber.subscribe(TOKENS_ENDED_CHANNEL).catch((error: unknown) => {
      logger.warn({ err: error }, 'redis subscribe failed (token revocations); the sweep remains');
    });
  }

  /** Announces to the other replicas; a failure is logged, never thrown (the sweep remains). */
  publish(partnerId: string): void {
    const message: EndedMessage = { origin: this.origin, partnerId };
    this.publisher
      .publish(TOKENS_ENDED_CHANNEL, JSON.stringify(message))
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, partnerId },
          "redis publish failed: other replicas close the partner's sockets at their next sweep",
        ),
      );
  }

  /** Sets what is called with the partner id of every other replica's announcement. */
  listen(receive: (partnerId: string) => void): void {
    this.receive = receive;
  }

  /** Closes both connections at once (nothing is waiting to be sent that the sweep misses). */
  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private deliver(text: string): void {
    const message = parseEndedMessage(text);
    if (message === null) {
      this.logger.warn({ message: text.slice(0, 200) }, 'malformed token revocation from redis');
      return;
    }
    // This replica already closed its own sockets when it announced the end.
    if (message.origin !== this.origin) this.receive(message.partnerId);
  }
}

/** The message if it has a string `origin` and `partnerId`, else `null`. */
export function parseEndedMessage(text: string): EndedMessage | null {
  try {
    const value = JSON.parse(text) as Partial<EndedMessage> | null;
    if (typeof value?.origin !== 'string' || typeof value.partnerId !== 'string') return null;
    return { origin: value.origin, partnerId: value.partnerId };
  } catch {
    return null;
  }
}
