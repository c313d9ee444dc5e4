import type { ExchangeEventBus } from './exchange-bus';
import type { EventStoreRead, ExchangeEvent } from './exchange-events';

/** Tuning of one stream. */
export interface StreamLimits {
  /**
   * How long a stream waits for a missing sequence number before reading it from the store.
   * The bus already delivers in order and heals lost publishes once per process after 100 ms, so
   * this is the fallback for a stream's own gaps (e.g. after its buffer overflowed).
   * @default 300
   */
  gapWaitMs: number;
  /**
   * Live events a stream holds for a slow consumer. Beyond it the stream drops them and reads the
   * store once the consumer is ready again: a slow consumer costs its own reads, never the
   * others' time, and memory stays bounded.
   * @default 1000
   */
  maxBuffered: number;
  /** Events per store read. @default 500 */
  pageSize: number;
}

/** The defaults of {@link StreamLimits}. */
export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  gapWaitMs: 300,
  maxBuffered: 1000,
  pageSize: 500,
};

/** What one stream follows and for whom. */
export interface StreamOptions {
  exchangeId: string;
  /** The last sequence number the consumer already has (0 for everything). */
  after: number;
  bus: ExchangeEventBus;
  read: EventStoreRead;
  /** Whether the consumer may see an event (privacy); hidden events still advance the stream. */
  visible: (event: ExchangeEvent) => boolean;
  /** Whether the stream ends after this event (e.g. EXCHANGE_CLOSED). */
  ends: (event: ExchangeEvent) => boolean;
  limits?: Partial<StreamLimits>;
}

/**
 * The events of one exchange in sequence order, each exactly once: first the stored events after
 * `after` (the replay), then live events from the bus, without gap or duplicate between the two.
 * It listens to the bus before reading the store, so nothing committed meanwhile slips through;
 * live events at or below the last delivered number are dropped; a missing number is awaited
 * briefly and then read from the store (another process's publish is late, or was lost).
 * Returning the iterator (the client unsubscribed) stops it at once, even while it waits.
 */
export function exchangeEventStream(options: StreamOptions): AsyncIterableIterator<ExchangeEvent> {
  return abortable((signal) => follow(options, signal));
}

/**
 * Wraps an async generator so that `return()` takes effect at once: a plain generator waiting
 * for its next event would only notice an unsubscribe when that event came. The generator gets
 * an abort signal and must end its waits on it.
 */
export function abortable<T>(
  make: (signal: AbortSignal) => AsyncGenerator<T>,
): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const inner = make(controller.signal);
  return {
    next: () => inner.next(),
    return: async () => {
      controller.abort();
      return inner.return(undefined);
    },
    throw: async (error: unknown) => {
      controller.abort();
      return inner.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function* follow(options: StreamOptions, signal: AbortSignal): AsyncGenerator<ExchangeEvent> {
  const limits = { ...DEFAULT_STREAM_LIMITS, ...options.limits };
  const live = new LiveBuffer(limits.maxBuffered);
  const stopListening = options.bus.subscribe(options.exchangeId, (event) => live.add(event));
  let cursor = options.after;
  try {
    // Replay, then heal gaps the same way: everything after the cursor from the store.
    let catchingUp = true;
    while (!signal.aborted) {
      if (catchingUp) {
        const page = await options.read(options.exchangeId, cursor, limits.pageSize);
        for (const event of page) {
          if (event.sequence <= cursor) continue;
          cursor = event.sequence;
          live.dropUpTo(cursor);
          if (options.visible(event)) yield event;
          if (options.ends(event)) return;
        }
        catchingUp = page.length === limits.pageSize;
        live.resetOverflow();
        continue;
      }
      const next = live.take(cursor + 1);
      if (next) {
        cursor = next.sequence;
        if (options.visible(next)) yield next;
        if (options.ends(next)) return;
        continue;
      }
      if (live.overflowed() || live.hasAfter(cursor + 1)) {
        // A gap: give the missing event a moment on the bus, then read it from the store.
        await live.waitFor(cursor + 1, limits.gapWaitMs, signal, false);
        catchingUp = !live.has(cursor + 1);
        continue;
      }
      await live.waitFor(cursor + 1, Infinity, signal, true);
    }
  } finally {
    stopListening();
  }
}

/** Live events that arrived ahead of the consumer, by sequence number; bounded. */
class LiveBuffer {
  private readonly events = new Map<number, ExchangeEvent>();
  private full = false;
  private wake: (() => void) | null = null;

  constructor(private readonly capacity: number) {}

  add(event: ExchangeEvent): void {
    if (this.events.size >= this.capacity) {
      // Dropped events are re-read from the store: memory stays bounded for a stalled consumer.
      this.events.clear();
      this.full = true;
    } else {
      this.events.set(event.sequence, event);
    }
    this.wake?.();
  }

  take(sequence: number): ExchangeEvent | undefined {
    const event = this.events.get(sequence);
    this.events.delete(sequence);
    return event;
  }

  has(sequence: number): boolean {
    return this.events.has(sequence);
  }

  /** Whether events beyond `sequence` wait (so `sequence` itself is missing). */
  hasAfter(sequence: number): boolean {
    for (const known of this.events.keys()) if (known > sequence) return true;
    return false;
  }

  dropUpTo(sequence: number): void {
    for (const known of this.events.keys()) if (known <= sequence) this.events.delete(known);
  }

  overflowed(): boolean {
    return this.full;
  }

  resetOverflow(): void {
    this.full = false;
  }

  /**
   * Resolves when `sequence` arrives, after `ms`, or on abort, whichever is first; with
   * `orGap` also when a later event arrives or the buffer overflows.
   */
  waitFor(sequence: number, ms: number, signal: AbortSignal, orGap: boolean): Promise<void> {
    if (this.events.has(sequence) || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = null;
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      signal.addEventListener('abort', done);
      this.wake = () => {
        if (this.events.has(sequence) || (orGap && (this.full || this.hasAfter(sequence)))) done();
      };
    });
  }
}
