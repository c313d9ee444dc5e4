import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { App } from '../../src/app';
import { CloseCode } from '../../src/common/errors';
import { createTestPartners, type TestPartner } from '../support/fixtures';
import { startRedis, type RedisServer } from '../support/redis-server';
import { postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-ending-';
const PARTNERS: TestPartner[] = ['revoked', 'left', 'erased', 'swept', 'kept'].map((name) => [
  name,
  'ACTIVE',
  ['age/COMMUNITY'],
]);
const id = (name: string) => `${PREFIX}${name}`;

const REVOKE = `mutation($id: ID!) { revokePartnerTokens(id: $id) { id } }`;
const LEAVE = `mutation($id: ID!) { recordPartnerLeft(id: $id) { status } }`;
const ERASE = `mutation($id: ID!) { erasePartner(id: $id) { status } }`;

/** How long a test waits for the close before it calls the socket still open. */
const PATIENCE_MS = 4_000;

/** What became of an open socket: closed (code, reason, ms after `since`) or still open. */
type SocketFate = { code: number; reason: string; afterMs: number } | 'still open';

/**
 * Opens a partner's WebSocket on `app` and waits for `connection_ack`. The socket runs no
 * operation (not lazy), so only the server can end it; `fate(since)` resolves with its close or,
 * after {@link PATIENCE_MS}, with 'still open'.
 */
async function openPartnerSocket(app: App, partnerId: string) {
  const client: Client = createClient({
    url: app.server.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: (await partnerAuth(partnerId)) as Record<string, unknown>,
    retryAttempts: 0,
    lazy: false,
    // The close these tests wait for is expected; the default would print it as an error.
    onNonLazyError: () => undefined,
  });
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    client.on('closed', (event) => {
      const { code, reason } = event as { code: number; reason: string };
      resolve({ code, reason, at: Date.now() });
    }),
  );
  await new Promise((resolve) => client.on('connected', resolve));
  const fate = async (since: number): Promise<SocketFate> => {
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      closed.then(({ code, reason, at }) => ({ code, reason, afterMs: at - since })),
      new Promise<'still open'>((resolve) => {
        timer = setTimeout(() => resolve('still open'), PATIENCE_MS);
      }),
    ]);
    clearTimeout(timer);
    return outcome;
  };
  return { fate, dispose: () => client.dispose() };
}

/** Starts two replicas of the API on the suite's Neo4j, with the same extra settings. */
async function twoReplicas(env: Record<string, string>): Promise<[App, App]> {
  const a = await startTestApp(env);
  const b = await startTestApp(env);
  return [a, b];
}

async function removeTestPartners(app: App): Promise<void> {
  await app.database.executor.write(
    {
      cypher: 'MATCH (p:Partner) WHERE p.id STARTS WITH $prefix DETACH DELETE p',
      params: { prefix: PREFIX },
    },
    () => null,
  );
}

/** Sends a coordinator's mutation to one replica; resolves with the time its answer came. */
async function endTokensOn(app: App, mutation: string, partnerId: string): Promise<number> {
  const { body } = await postGraphQL(app, mutation, { id: partnerId }, await coordinatorAuth());
  expect(body.errors).toBeUndefined();
  return Date.now();
}

describe("ending a partner's tokens closes its WebSockets on every replica", () => {
  describe('with REDIS_URL: the replica that ends them tells the others through Redis', () => {
    let redis: RedisServer;
    let a: App;
    let b: App;

    beforeAll(async () => {
      redis = await startRedis();
      // The sweep is set far out, so only the Redis message can close the socket in time.
      [a, b] = await twoReplicas({ REDIS_URL: redis.url, WS_TOKEN_SWEEP_MS: '600000' });
      await createTestPartners(a, PARTNERS, { prefix: PREFIX, title: 'T-Ending ' });
    });

    afterAll(async () => {
      await removeTestPartners(a);
      await b.stop();
      await a.stop();
      await redis.stop();
    });

    it.each([
      ['revokePartnerTokens', REVOKE, 'revoked'],
      ['recordPartnerLeft', LEAVE, 'left'],
      ['erasePartner', ERASE, 'erased'],
    ])(
      'should close with CloseCode.Forbidden within 2 s a socket on replica B when %s runs on replica A',
      async (_name, mutation, partner) => {
        const socket = await openPartnerSocket(b, id(partner));
        const answered = await endTokensOn(a, mutation, id(partner));
        const fate = await socket.fate(answered);
        await socket.dispose();
        expect(fate).toMatchObject({ code: CloseCode.Forbidden, reason: 'Token revoked' });
        expect(fate !== 'still open' && fate.afterMs).toBeLessThan(2_000);
      },
    );

    it("should leave another partner's socket open", async () => {
      const kept = await openPartnerSocket(b, id('kept'));
      const answered = await endTokensOn(a, REVOKE, id('swept'));
      // Shorter patience would not prove more: the revoked partner's own close takes < 100 ms.
      expect(await kept.fate(answered)).toBe('still open');
      await kept.dispose();
    });
  });

  describe('with REDIS_URL but Redis down: the sweep closes what the lost message would have', () => {
    let redis: RedisServer;
    let a: App;
    let b: App;

    beforeAll(async () => {
      redis = await startRedis();
      [a, b] = await twoReplicas({ REDIS_URL: redis.url, WS_TOKEN_SWEEP_MS: '500' });
      await removeTestPartners(a);
      await createTestPartners(a, PARTNERS, { prefix: PREFIX, title: 'T-Ending ' });
    });

    afterAll(async () => {
      await removeTestPartners(a);
      await b.stop();
      await a.stop();
      await redis.stop();
    });

    it('should close with CloseCode.Forbidden within one sweep a socket on replica B while Redis is away', async () => {
      const socket = await openPartnerSocket(b, id('swept'));
      await redis.stop();
      const answered = await endTokensOn(a, REVOKE, id('swept'));
      const fate = await socket.fate(answered);
      await socket.dispose();
      expect(fate).toMatchObject({ code: CloseCode.Forbidden, reason: 'Token revoked' });
      expect(fate !== 'still open' && fate.afterMs).toBeLessThan(1_500);
    });
  });

  describe('without Redis: the periodic sweep closes what no message announced', () => {
    let a: App;
    let b: App;

    beforeAll(async () => {
      [a, b] = await twoReplicas({ WS_TOKEN_SWEEP_MS: '500' });
      await removeTestPartners(a);
      await createTestPartners(a, PARTNERS, { prefix: PREFIX, title: 'T-Ending ' });
    });

    afterAll(async () => {
      await removeTestPartners(a);
      await b.stop();
      await a.stop();
    });

    it('should close with CloseCode.Forbidden within one sweep a socket on replica B whose tokens replica A ended', async () => {
      const socket = await openPartnerSocket(b, id('swept'));
      const answered = await endTokensOn(a, REVOKE, id('swept'));
      const fate = await socket.fate(answered);
      await socket.dispose();
      expect(fate).toMatchObject({ code: CloseCode.Forbidden, reason: 'Token revoked' });
      // One interval (500 ms) plus the batched read; far below the 4 s patience.
      expect(fate !== 'still open' && fate.afterMs).toBeLessThan(1_500);
    });
  });
});
