import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import Redis from 'ioredis';
import pino from 'pino';
import type { App } from '../../src/app';
import {
  APPLY_LIMIT_KEY_PREFIX,
  APPLY_LIMIT_REDIS_TIMEOUT_MS,
  createApplyRateLimit,
} from '../../src/partners/apply-rate-limit';
import { startRedis, type RedisServer } from '../support/redis-server';
import { postGraphQL, startTestApp } from '../support/test-app';

const APPLY = `mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { id } }`;
const RUN = randomUUID().slice(0, 8);

/** What the client learns from one application: the new id, or the error code and retry hint. */
interface Outcome {
  id?: string;
  code?: unknown;
  retryAfterSeconds?: unknown;
}

/**
 * Applies once over real HTTP. Every test request comes from the same loopback address, so all of
 * them count against one client IP, whichever instance receives them.
 */
async function apply(
  app: App,
  created: string[],
  headers: Record<string, string> = {},
): Promise<Outcome> {
  const input = {
    name: `Ratenverein ${RUN} ${randomUUID().slice(0, 6)}`,
    sector: 'CIVIL_SOCIETY',
    kind: 'ASSOCIATION',
    contactName: 'Mehmet Yılmaz',
    contactEmail: 'kontakt@raten.example.org',
    acceptsDeclaration: true,
  };
  const { body } = await postGraphQL<{ applyForMembership: { id: string } | null }>(
    app,
    APPLY,
    { input },
    headers,
  );
  const id = body.data?.applyForMembership?.id;
  if (id) {
    created.push(id);
    return { id };
  }
  const extensions = body.errors?.[0]?.extensions ?? {};
  return { code: extensions.code, retryAfterSeconds: extensions.retryAfterSeconds };
}

/** Removes the partners a suite created, with their audit entries. */
async function removePartners(app: App, ids: string[]): Promise<void> {
  const run = (cypher: string) =>
    app.database.executor.write({ cypher, params: { ids } }, () => null);
  await run('MATCH (p:Partner) WHERE p.id IN $ids DETACH DELETE p');
  await run('MATCH (a:AuditEntry) WHERE any(id IN a.ids WHERE id IN $ids) DELETE a');
}

const refused = expect.objectContaining({ code: 'TOO_MANY_REQUESTS' });

describe('applyForMembership rate limit across instances', () => {
  describe('with REDIS_URL: one count shared by all instances', () => {
    let redis: RedisServer;
    let a: App;
    let b: App;
    const created: string[] = [];

    beforeAll(async () => {
      redis = await startRedis();
      const env = { REDIS_URL: redis.url, APPLY_RATE_LIMIT_PER_HOUR: '3' };
      a = await startTestApp(env);
      b = await startTestApp(env);
    });

    afterAll(async () => {
      await removePartners(a, created);
      await a.stop();
      await b.stop();
      await redis.stop();
    });

    it('should refuse the fourth application from one address when instances take turns', async () => {
      const outcomes = [];
      for (const app of [a, b, a, b]) outcomes.push(await apply(app, created));

      expect(outcomes.slice(0, 3).map((o) => typeof o.id)).toEqual(['string', 'string', 'string']);
      expect(outcomes[3]).toEqual(refused);
      const retryAfter = outcomes[3]?.retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3_600);

      // The count lives in Redis under one key per address, not in either process.
      const inspector = new Redis(redis.url);
      try {
        const keys = await inspector.keys(`${APPLY_LIMIT_KEY_PREFIX}:*`);
        expect(keys).toHaveLength(1);
        expect(await inspector.get(keys[0] as string)).toBe('4');
      } finally {
        inspector.disconnect();
      }
    });
  });

  describe('with REDIS_URL while Redis is down', () => {
    let redis: RedisServer;
    let app: App;
    const created: string[] = [];

    beforeAll(async () => {
      redis = await startRedis();
      app = await startTestApp({ REDIS_URL: redis.url, APPLY_RATE_LIMIT_PER_HOUR: '2' });
    });

    afterAll(async () => {
      await removePartners(app, created);
      await app.stop();
      await redis.stop();
    });

    it('should keep accepting applications up to the limit, counted in memory', async () => {
      const before = await apply(app, created);
      await redis.stop();
      const during = [];
      for (let i = 0; i < 3; i += 1) during.push(await apply(app, created));

      expect(typeof before.id).toBe('string');
      // The in-memory count starts from zero: two more are accepted, the third is refused.
      expect(during.slice(0, 2).map((o) => typeof o.id)).toEqual(['string', 'string']);
      expect(during[2]).toEqual(refused);
    });
  });

  describe('without REDIS_URL: each instance counts alone', () => {
    let a: App;
    let b: App;
    const created: string[] = [];

    beforeAll(async () => {
      a = await startTestApp({ APPLY_RATE_LIMIT_PER_HOUR: '2' });
      b = await startTestApp({ APPLY_RATE_LIMIT_PER_HOUR: '2' });
    });

    afterAll(async () => {
      await removePartners(a, created);
      await a.stop();
      await b.stop();
    });

    it('should allow the limit on each instance and refuse only beyond it there', async () => {
      const outcomes = [];
      for (const app of [a, b, a, b, a]) outcomes.push(await apply(app, created));

      expect(outcomes.slice(0, 4).every((o) => typeof o.id === 'string')).toBe(true);
      expect(outcomes[4]).toEqual(refused);
    });
  });
});

/**
 * A server that passes ioredis's handshake (CLIENT SETINFO, then the INFO ready check) and then
 * never answers again: a Redis that hangs with its connection open, which only the command timeout
 * can notice.
 */
async function startHangingRedis() {
  const sockets = new Set<Socket>();
  const commands: string[] = [];
  const info = '# Server\r\nredis_version:7.0.0\r\nloading:0\r\n';
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      // Each command is a RESP array whose first bulk string is the command's name.
      for (const [, name = ''] of chunk.toString().matchAll(/\*\d+\r\n\$\d+\r\n(\w+)/g)) {
        commands.push(name.toLowerCase());
        if (name.toLowerCase() === 'client') socket.write('+OK\r\n');
        if (name.toLowerCase() === 'info')
          socket.write(`$${Buffer.byteLength(info)}\r\n${info}\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const handshake = new Set(['client', 'info']);
  return {
    url: `redis://127.0.0.1:${port}`,
    /** Whether ioredis has sent its ready check (it turns ready on the reply). */
    readyChecked: () => commands.includes('info'),
    /** How many commands beyond the handshake reached the server (and were never answered). */
    unanswered: () => commands.filter((name) => !handshake.has(name)).length,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

describe('createApplyRateLimit with a Redis that hangs', () => {
  it('should give up on Redis after the command timeout and count in memory', async () => {
    const hanging = await startHangingRedis();
    const limit = createApplyRateLimit({
      perHour: 2,
      redisUrl: hanging.url,
      logger: pino({ level: 'silent' }),
    });
    try {
      const until = Date.now() + 5_000;
      while (!hanging.readyChecked() && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // ioredis turns ready once it has parsed the INFO reply, on a later tick.
      await new Promise((resolve) => setTimeout(resolve, 100));

      const verdicts = [];
      const durations = [];
      for (let i = 0; i < 3; i += 1) {
        const started = Date.now();
        verdicts.push(await limit.consume('203.0.113.7'));
        durations.push(Date.now() - started);
      }

      // Each application went to Redis (no answer), then to the in-memory count.
      expect(hanging.unanswered()).toBe(3);
      expect(verdicts.map((v) => v.allowed)).toEqual([true, true, false]);
      for (const ms of durations) {
        expect(ms).toBeGreaterThanOrEqual(APPLY_LIMIT_REDIS_TIMEOUT_MS - 50);
        expect(ms).toBeLessThan(APPLY_LIMIT_REDIS_TIMEOUT_MS * 4);
      }
    } finally {
      await limit.close();
      await hanging.close();
    }
  });
});

describe('applyForMembership rate limit behind a trusted proxy (TRUST_PROXY_HOPS=1)', () => {
  let app: App;
  const created: string[] = [];
  const from = (address: string) => ({ 'x-forwarded-for': address });

  beforeAll(async () => {
    app = await startTestApp({ TRUST_PROXY_HOPS: '1', APPLY_RATE_LIMIT_PER_HOUR: '1' });
  });

  afterAll(async () => {
    await removePartners(app, created);
    await app.stop();
  });

  it('should count each forwarded client address on its own', async () => {
    expect(await apply(app, created, from('198.51.100.1'))).toHaveProperty('id');
    expect(await apply(app, created, from('198.51.100.2'))).toHaveProperty('id');
    expect(await apply(app, created, from('198.51.100.1'))).toEqual(refused);
  });

  it('should not let a client escape the limit by forging an address of its own', async () => {
    // The proxy appends the real address after whatever the client sent.
    expect(await apply(app, created, from('203.0.113.7, 198.51.100.2'))).toEqual(refused);
  });
});
