import Redis from 'ioredis';
import pino from 'pino';
import { TokenRevocations } from '../../src/auth/token-revocations';
import {
  RedisTokenRevocationTransport,
  TOKENS_ENDED_CHANNEL,
} from '../../src/auth/token-revocations-redis';
import { startRedis, type RedisServer } from '../support/redis-server';

const logger = pino({ level: 'silent' });

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Lets Redis deliver whatever is still on its way (a local round trip takes < 5 ms). */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('TokenRevocations across replicas (real redis-server)', () => {
  let redis: RedisServer;
  let raw: Redis;
  let a: TokenRevocations;
  let b: TokenRevocations;
  const heardByA: string[] = [];
  const heardByB: string[] = [];
  const subscribers = async () =>
    ((await raw.pubsub('NUMSUB', TOKENS_ENDED_CHANNEL)) as [string, number])[1];

  beforeAll(async () => {
    redis = await startRedis();
    raw = new Redis(redis.url);
    a = new TokenRevocations(new RedisTokenRevocationTransport(redis.url, logger));
    b = new TokenRevocations(new RedisTokenRevocationTransport(redis.url, logger));
    a.onEnded((partnerId) => heardByA.push(partnerId));
    b.onEnded((partnerId) => heardByB.push(partnerId));
    // Both subscribers are listening once Redis counts two on the channel.
    await eventually(async () => (await subscribers()) === 2);
  });

  afterEach(() => {
    heardByA.length = 0;
    heardByB.length = 0;
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    raw.disconnect();
    await redis.stop();
  });

  it('should tell the other replica once and its own listeners once (no echo)', async () => {
    a.ended('p-1');
    expect(heardByA).toEqual(['p-1']); // at once, before any round trip
    await eventually(() => heardByB.length > 0);
    await settle();
    expect(heardByA).toEqual(['p-1']);
    expect(heardByB).toEqual(['p-1']);
  });

  it('should ignore a malformed message on the channel and keep listening', async () => {
    await raw.publish(TOKENS_ENDED_CHANNEL, 'not json');
    await raw.publish(TOKENS_ENDED_CHANNEL, JSON.stringify({ origin: 'x' }));
    b.ended('p-2');
    await eventually(() => heardByA.length > 0);
    await settle();
    expect(heardByA).toEqual(['p-2']);
    expect(heardByB).toEqual(['p-2']);
  });

  it('should release its subscription on close', async () => {
    const c = new TokenRevocations(new RedisTokenRevocationTransport(redis.url, logger));
    await eventually(async () => (await subscribers()) === 3);
    await c.close();
    await eventually(async () => (await subscribers()) === 2);
  });
});
