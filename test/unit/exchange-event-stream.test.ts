import pino from 'pino';
import { exchangeEventStream } from '../../src/exchange/event-stream';
import { InProcessExchangeBus } from '../../src/exchange/exchange-bus';
import type { EventStoreRead, ExchangeEvent } from '../../src/exchange/exchange-events';

const X = 'x-1';

function event(sequence: number, overrides: Partial<ExchangeEvent> = {}): ExchangeEvent {
  return {
    exchangeId: X,
    sequence,
    type: 'CHECKED_IN',
    at: '2026-11-25T10:00:00Z',
    actorId: null,
    audience: null,
    payload: { partnerId: `p-${sequence}` },
    ...overrides,
  };
}

/** An event store in memory: what has been "committed". */
function memoryStore() {
  const events: ExchangeEvent[] = [];
  let reads = 0;
  const read: EventStoreRead = async (_id, after, limit) => {
    reads += 1;
    return events.filter((e) => e.sequence > after).slice(0, limit);
  };
  return { events, read, reads: () => reads };
}

/** A bus whose delivery the test controls: publish = deliver now, synchronously. */
function directBus() {
  const bus = new InProcessExchangeBus(async () => [], pino({ level: 'silent' }));
  const listeners = new Set<(e: ExchangeEvent) => void>();
  return {
    subscribe: (_id: string, listener: (e: ExchangeEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    deliver: (e: ExchangeEvent) => listeners.forEach((l) => l(e)),
    publish: bus.publish.bind(bus),
    healthy: () => true,
    close: async () => {},
  };
}

async function take(iterator: AsyncIterator<ExchangeEvent>, n: number): Promise<number[]> {
  const seen: number[] = [];
  while (seen.length < n) {
    const { value, done } = await iterator.next();
    if (done) break;
    seen.push(value.sequence);
  }
  return seen;
}

describe('exchangeEventStream', () => {
  const options = (
    store: ReturnType<typeof memoryStore>,
    bus: ReturnType<typeof directBus>,
    after = 0,
  ) => ({
    exchangeId: X,
    after,
    bus,
    read: store.read,
    visible: () => true,
    ends: (e: ExchangeEvent) => e.type === 'EXCHANGE_CLOSED',
    limits: { gapWaitMs: 20, pageSize: 2 },
  });

  it('should replay the stored events after the cursor, then go live, without gap or duplicate', async () => {
    const store = memoryStore();
    const bus = directBus();
    store.events.push(event(1), event(2), event(3), event(4), event(5));
    const stream = exchangeEventStream(options(store, bus, 2));
    const replayed = await take(stream, 3);
    // Committed after the replay started; delivered live, and once more on the bus as a duplicate.
    store.events.push(event(6));
    bus.deliver(event(5));
    bus.deliver(event(6));
    bus.deliver(event(6));
    store.events.push(event(7));
    bus.deliver(event(7));
    expect([...replayed, ...(await take(stream, 2))]).toEqual([3, 4, 5, 6, 7]);
    await stream.return?.();
  });

  it('should reorder events that overtook each other on the bus', async () => {
    const store = memoryStore();
    const bus = directBus();
    const stream = exchangeEventStream(options(store, bus));
    const first = stream.next();
    store.events.push(event(1), event(2), event(3));
    bus.deliver(event(2));
    bus.deliver(event(1));
    bus.deliver(event(3));
    expect([(await first).value?.sequence, ...(await take(stream, 2))]).toEqual([1, 2, 3]);
    await stream.return?.();
  });

  it('should read a lost event from the store after a short wait', async () => {
    const store = memoryStore();
    const bus = directBus();
    const stream = exchangeEventStream(options(store, bus));
    const pending = take(stream, 3);
    store.events.push(event(1), event(2), event(3));
    bus.deliver(event(1));
    bus.deliver(event(3)); // 2 was committed but its publish was lost
    expect(await pending).toEqual([1, 2, 3]);
    await stream.return?.();
  });

  it('should hide events the consumer may not see but still advance past them', async () => {
    const store = memoryStore();
    const bus = directBus();
    store.events.push(event(1), event(2, { audience: ['p-other'] }), event(3));
    const stream = exchangeEventStream({
      ...options(store, bus),
      visible: (e: ExchangeEvent) => e.audience === null,
    });
    expect(await take(stream, 2)).toEqual([1, 3]);
    await stream.return?.();
  });

  it('should complete after the event that ends the stream', async () => {
    const store = memoryStore();
    const bus = directBus();
    store.events.push(event(1), event(2, { type: 'EXCHANGE_CLOSED' }), event(3));
    const stream = exchangeEventStream(options(store, bus));
    expect(await take(stream, 5)).toEqual([1, 2]);
    expect((await stream.next()).done).toBe(true);
  });

  it('should stop at once when returned while waiting, and stop listening to the bus', async () => {
    const store = memoryStore();
    const bus = directBus();
    let listening = 0;
    const counting = {
      ...bus,
      subscribe: (id: string, l: (e: ExchangeEvent) => void) => {
        listening += 1;
        const stop = bus.subscribe(id, l);
        return () => {
          listening -= 1;
          return stop();
        };
      },
    };
    const stream = exchangeEventStream(options(store, counting));
    const waiting = stream.next();
    await new Promise((r) => setTimeout(r, 10));
    await stream.return?.();
    expect((await waiting).done).toBe(true);
    expect(listening).toBe(0);
  });

  it('should keep memory bounded for a stalled consumer and catch up from the store', async () => {
    const store = memoryStore();
    const bus = directBus();
    const stream = exchangeEventStream({
      ...options(store, bus),
      limits: { maxBuffered: 10, pageSize: 50, gapWaitMs: 20 },
    });
    const first = stream.next();
    store.events.push(event(1));
    bus.deliver(event(1));
    expect((await first).value?.sequence).toBe(1);
    // The consumer stalls while 100 events arrive: the buffer overflows and is dropped.
    for (let s = 2; s <= 101; s += 1) {
      store.events.push(event(s));
      bus.deliver(event(s));
    }
    const rest = await take(stream, 100);
    expect(rest).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    await stream.return?.();
  });
});

describe('InProcessExchangeBus', () => {
  const logger = pino({ level: 'silent' });
  const settle = () => new Promise((r) => setTimeout(r, 150));

  it('should hand listeners the events of an exchange in sequence order', async () => {
    const bus = new InProcessExchangeBus(async () => [], logger);
    const seen: number[] = [];
    bus.subscribe(X, (e) => seen.push(e.sequence));
    bus.publish([event(1)]);
    await settle();
    bus.publish([event(3)]);
    bus.publish([event(2)]);
    await settle();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('should read a lost event from the store once for all its listeners', async () => {
    const store = memoryStore();
    store.events.push(event(1), event(2), event(3));
    const bus = new InProcessExchangeBus(store.read, logger);
    const lists = Array.from({ length: 50 }, () => [] as number[]);
    lists.forEach((list) => bus.subscribe(X, (e) => list.push(e.sequence)));
    bus.publish([event(1)]);
    bus.publish([event(3)]); // the publish of 2 was lost
    await settle();
    expect(lists.every((list) => list.join() === '1,2,3')).toBe(true);
    expect(store.reads()).toBe(1);
  });
});
