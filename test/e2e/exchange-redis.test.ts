import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type ApiProcess, spawnApi } from '../support/api-process';
import { EXCHANGE_MUTATIONS as M, mutate } from '../support/exchange-client';
import { startRedis, type RedisServer } from '../support/redis-server';
import { coordinatorAuth, partnerAuth, TEST_JWT_SECRET } from '../support/tokens';

/** Two API processes on one Neo4j and one Redis, as behind a load balancer. */
describe('one exchange served by two API processes through Redis', () => {
  let redis: RedisServer;
  const apis: { process: ApiProcess; url: string }[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    for (let i = 0; i < 2; i += 1) {
      const process = spawnApi({
        PORT: '0',
        NEO4J_URI: globalThis.process.env.NEO4J_URI ?? '',
        REDIS_URL: redis.url,
        JWT_SECRET: TEST_JWT_SECRET,
        SEED_ON_START: 'false',
        LOG_LEVEL: 'info',
      });
      const listening = await process.waitForLog((line) => line.msg === 'listening');
      await process.waitForLog((line) => line.msg === 'ready');
      apis.push({ process, url: listening.url as string });
    }
  });

  afterAll(async () => {
    for (const { process } of apis) {
      process.child.kill('SIGTERM');
      await process.exited;
    }
    await redis.stop();
  });

  it('should show a client on process A the check-in made on process B, and the other way round', async () => {
    const [a, b] = apis.map((api) => ({ url: api.url })) as [{ url: string }, { url: string }];
    const coordinator = await coordinatorAuth();
    const active = await mutate<{ partners: { edges: { node: { id: string } }[] } }>(
      { server: { url: b.url } },
      '{ partners(first: 2, filter: { statuses: [ACTIVE] }) { edges { node { id } } } }',
      {},
      {},
    );
    const [first, second] = active.partners.edges.map((e) => e.node.id) as [string, string];
    const created = await mutate<{ createExchange: { id: string } }>(
      { server: { url: a.url } },
      M.create,
      { input: { title: `Zwei Prozesse ${Date.now()}` } },
      coordinator,
    );
    const exchangeId = created.createExchange.id;
    await mutate({ server: { url: a.url } }, M.open, { id: exchangeId }, coordinator);
    const client = createClient({
      url: a.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: coordinator.authorization },
      retryAttempts: 0,
    });
    const seen: { type: string; partnerId: string | null }[] = [];
    const stop = client.subscribe<{ exchangeActivity: { type: string; partnerId: string | null } }>(
      {
        query: `subscription($id: ID!) { exchangeActivity(exchangeId: $id) { type partnerId } }`,
        variables: { id: exchangeId },
      },
      {
        next: ({ data }) => data && seen.push(data.exchangeActivity),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    const waitFor = async (n: number) => {
      const until = Date.now() + 10_000;
      while (seen.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      return seen;
    };
    await waitFor(1); // EXCHANGE_OPENED, replayed
    await mutate(
      { server: { url: b.url } },
      M.checkIn,
      { exchangeId, partnerId: first },
      await partnerAuth(first),
    );
    await mutate(
      { server: { url: a.url } },
      M.checkIn,
      { exchangeId, partnerId: second },
      await partnerAuth(second),
    );
    await mutate(
      { server: { url: b.url } },
      M.checkOut,
      { exchangeId, partnerId: first },
      await partnerAuth(first),
    );
    expect(await waitFor(4)).toEqual([
      { type: 'EXCHANGE_OPENED', partnerId: null },
      { type: 'CHECKED_IN', partnerId: first },
      { type: 'CHECKED_IN', partnerId: second },
      { type: 'CHECKED_OUT', partnerId: first },
    ]);
    stop();
    await client.dispose();
  });
});
