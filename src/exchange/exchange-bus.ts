import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { EventStoreRead, ExchangeEvent, ExchangeEventPublisher } from './exchange-events';

/** Receives the events of one exchange as they are published. Must not block: queue and return. */
export type ExchangeEventListener = (event: ExchangeEvent) => void;

/**
 * Fans committed exchange events out to the streams of this process, in sequence order per
 * exchange (see OrderedListeners), healing lost publishes from the event store.
 */
export interface ExchangeEventBus extends ExchangeEventPublisher {
  /** Listens to one exchange; returns the function that stops listening. */
  subscribe(exchangeId: string, listener: ExchangeEventListener): () => void;
  /** Whether the bus can deliver right now (Redis connected); used by `/readyz`. */
  healthy(): boolean;
  /** Stops delivering and releases connections. */
  close(): Promise<void>;
}

/**
 * How long this process waits for a missing sequence number before reading it from the store.
 * @default 100
 */
export const BUS_GAP_WAIT_MS = 100;

/** Per exchange: the listeners, the next number to deliver and events that came too early. */
interface Channel {
  listeners: Set<ExchangeEventListener>;
  next: number | null;
  early: Map<number, ExchangeEvent>;
  healing?: NodeJS.Timeout;
}

/**
 * The listeners of this process, fed in sequence order. Events that overtook each other (two
 * processes publish concurrently) are held back; a number still missing after
 * {@link BUS_GAP_WAIT_MS} (a lost publish) is read from the store — once per process, not once per
 * subscriber, so 500 subscribers cause one read, not 500. Streams still check order themselves.
 */
class OrderedListeners {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly read: EventStoreRead,
    private readonly logger: Logger,
  ) {}

  add(
    exchangeId: string,
    listener: ExchangeEventListener,
  ): { first: boolean; remove: () => boolean } {
    const channel: Channel = this.channels.get(exchangeId) ?? {
      listeners: new Set(),
      next: null,
      early: new Map(),
    };
    const first = channel.listeners.size === 0;
    channel.listeners.add(listener);
    this.channels.set(exchangeId, channel);
    return {
      first,
      remove: () => {
        channel.listeners.delete(listener);
        if (channel.listeners.size > 0) return false;
        clearTimeout(channel.healing);
        this.channels.delete(exchangeId);
        return true;
      },
    };
  }

  receive(event: ExchangeEvent): void {
    const channel = this.channels.get(event.exchangeId);
    if (!channel) return;
    channel.next ??= event.sequence;
    if (event.sequence < channel.next) return;
    channel.early.set(event.sequence, event);
    this.flush(channel);
  }

  private flush(channel: Channel): void {
    for (
      let event = channel.early.get(channel.next ?? 0);
      event;
      event = channel.early.get(channel.next ?? 0)
    ) {
      channel.early.delete(event.sequence);
      channel.next = event.sequence + 1;
      this.deliver(channel, event);
    }
    if (channel.early.size > 0 && channel.healing === undefined) {
      channel.healing = setTimeout(() => void this.heal(channel), BUS_GAP_WAIT_MS);
    }
  }

  /** Reads the missing events from the store (the later ones prove they are committed). */
  private async heal(channel: Channel): Promise<void> {
    const first = [...channel.early.values()][0];
    try {
      if (first && channel.next !== null) {
        const missing = Math.max(...channel.early.keys()) - channel.next;
        const events = await this.read(first.exchangeId, channel.next - 1, missing);
        events.forEach((event) => channel.early.set(event.sequence, event));
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read missing exchange events; streams will');
      // Give up the gap here: each stream heals it from the store itself.
      if (channel.next !== null) channel.next = Math.min(...channel.early.keys());
    } finally {
      channel.healing = undefined;
      this.flush(channel);
    }
  }

  /** Calls every listener; one failing listener does not stop the others. */
  private deliver(channel: Channel, event: ExchangeEvent): void {
    for (const listener of channel.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, exchangeId: event.exchangeId }, 'exchange listener failed');
      }
    }
  }
}

/** The default bus: delivers within this process only. */
export class InProcessExchangeBus implements ExchangeEventBus {
  private readonly listeners: OrderedListeners;

  constructor(read: EventStoreRead, logger: Logger) {
    this.listeners = new OrderedListeners(read, logger);
  }

  publish(events: readonly ExchangeEvent[]): void {
    // Delivered after the current tick, so a mutation's response never waits for listeners.
    setImmediate(() => events.forEach((event) => this.listeners.receive(event)));
  }

  subscribe(exchangeId: string, listener: ExchangeEventListener): () => void {
    const { remove } = this.listeners.add(exchangeId, listener);
    return () => void remove();
  }

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}

/** Redis channel of one exchange's events. */
export const exchangeChannel = (exchangeId: string) => `vielfalt:exchange:${exchangeId}`;

/**
 * The bus across processes: every process publishes to Redis and delivers what Redis sends back,
 * its own events included, so all processes see one order per channel. Subscribes to a channel
 * only while this process has listeners for that exchange.
 */
export class RedisExchangeBus implements ExchangeEventBus {
  private readonly listeners: OrderedListeners;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(
    url: string,
    read: EventStoreRead,
    private readonly logger: Logger,
  ) {
    this.listeners = new OrderedListeners(read, logger);
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const [name, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (error: Error) =>
        logger.warn({ err: error, client: name }, 'redis connection problem'),
      );
    }
    this.subscriber.on('message', (_channel: string, message: string) => this.receive(message));
  }

  publish(events: readonly ExchangeEvent[]): void {
    for (const event of events) {
      this.publisher
        .publish(exchangeChannel(event.exchangeId), JSON.stringify(event))
        .catch((error: unknown) =>
          // Streams notice the gap at the next event and read the store; nothing is lost.
          this.logger.warn({ err: error, exchangeId: event.exchangeId }, 'redis publish failed'),
        );
    }
  }

  subscribe(exchangeId: string, listener: ExchangeEventListener): () => void {
    const { first, remove } = this.listeners.add(exchangeId, listener);
    if (first) {
      this.subscriber.subscribe(exchangeChannel(exchangeId)).catch((error: unknown) => {
        this.logger.warn({ err: error, exchangeId }, 'redis subscribe failed');
      });
    }
    return () => {
      if (remove()) void this.subscriber.unsubscribe(exchangeChannel(exchangeId)).catch(() => {});
    };
  }

  healthy(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private receive(message: string): void {
    try {
      this.listeners.receive(JSON.parse(message) as ExchangeEvent);
    } catch (error) {
      this.logger.error({ err: error }, 'malformed exchange event from redis');
    }
  }
}

/** The bus the configuration asks for: Redis when `REDIS_URL` is set, else in-process. */
export function createExchangeBus(
  redisUrl: string | undefined,
  read: EventStoreRead,
  logger: Logger,
): ExchangeEventBus {
  return redisUrl
    ? new RedisExchangeBus(redisUrl, read, logger)
    : new InProcessExchangeBus(read, logger);
}
