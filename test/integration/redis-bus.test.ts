import pino from 'pino';
import { RedisExchangeBus } from '../../src/exchange/exchange-bus';
import type { ExchangeEvent } from '../../src/exchange/exchange-events';
import { startRedis, type RedisServer } from '../support/redis-server';

const logger = pino({ level: 'silent' });
/** These tests publish without gaps, so the bus never needs to read the store. */
const noStore = async () => [];

const event = (exchangeId: string, sequence: number): ExchangeEvent => ({
  exchangeId,
  sequence,
  type: 'POST_CREATED',
  at: new Date().toISOString(),
  actorId: 'p-00001',
  audience: null,
  payload: { postId: `post-${sequence}` },
});

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('RedisExchangeBus (real redis-server)', () => {
  let redis: RedisServer;
  let a: RedisExchangeBus;
  let b: RedisExchangeBus;

  beforeAll(async () => {
    redis = await startRedis();
    a = new RedisExchangeBus(redis.url, noStore, logger);
    b = new RedisExchangeBus(redis.url, noStore, logger);
    await eventually(() => a.healthy() && b.healthy());
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await redis.stop();
  });

  it('should deliver events published by one process to the listeners of another, in order', async () => {
    const received: number[] = [];
    // Probes (sequence 0) may still arrive after the wait below; only the real events count.
    const stop = b.subscribe('x-redis-1', (e) => received.push(e.sequence));
    // The subscription reaches Redis asynchronously; wait until a probe gets through.
    await eventually(() => {
      a.publish([event('x-redis-1', 0)]);
      return received.length > 0;
    });
    a.publish(Array.from({ length: 200 }, (_, i) => event('x-redis-1', i + 1)));
    const real = () => received.filter((sequence) => sequence > 0);
    await eventually(() => real().length === 200);
    expect(real()).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    stop();
  });

  it('should only deliver the events of the exchange listened to', async () => {
    const received: string[] = [];
    const stop = b.subscribe('x-redis-2', (e) => received.push(e.exchangeId));
    await eventually(() => {
      a.publish([event('x-redis-2', 1)]);
      return received.length > 0;
    });
    a.publish([event('x-redis-other', 1), event('x-redis-2', 2)]);
    await eventually(() => received.length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(new Set(received)).toEqual(new Set(['x-redis-2']));
    stop();
  });
});
