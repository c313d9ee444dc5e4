import { SignJWT } from 'jose';
import WebSocket from 'ws';
import type { App } from '../../src/app';
import { CloseCode } from '../../src/common/errors';
import { postGraphQL, startTestApp, wsClient, wsExecute } from '../support/test-app';
import { coordinatorAuth, partnerAuth, TEST_JWT_SECRET } from '../support/tokens';

const PRIVATE = `query($id: ID!) { partner(id: $id) { id contactName contactEmail contactPhone internalNotes } }`;

describe('authentication and private fields', () => {
  let app: App;
  let own: string;
  let other: string;

  beforeAll(async () => {
    app = await startTestApp();
    const ids = await app.database.executor.read(
      {
        cypher:
          'MATCH (p:Partner) WHERE p.contactEmail IS NOT NULL RETURN p.id AS id ORDER BY id LIMIT 2',
      },
      (r) => r.get('id') as string,
    );
    [own, other] = ids as [string, string];
    await app.database.executor.write(
      {
        cypher: "MATCH (p:Partner {id: $id}) SET p.internalNotes = 'Ansprechperson wechselt 2024'",
        params: { id: own },
      },
      () => null,
    );
  });

  afterAll(async () => {
    await app.database.executor.write(
      { cypher: 'MATCH (p:Partner {id: $id}) REMOVE p.internalNotes', params: { id: own } },
      () => null,
    );
    await app.stop();
  });

  type Private = { partner: Record<string, string | null> };
  const read = async (headers: Record<string, string>, id: string) =>
    (await postGraphQL<Private>(app, PRIVATE, { id }, headers)).body;

  it('should give PUBLIC callers null private fields, never an error', async () => {
    const body = await read({}, own);
    expect(body.errors).toBeUndefined();
    expect(body.data?.partner).toEqual({
      id: own,
      contactName: null,
      contactEmail: null,
      contactPhone: null,
      internalNotes: null,
    });
  });

  it('should show a partner its own contact data but not the internal notes', async () => {
    const body = await read(await partnerAuth(own), own);
    expect(body.data?.partner.contactEmail).toMatch(/@/);
    expect(body.data?.partner.internalNotes).toBeNull();
  });

  it("should hide another partner's contact data from a partner", async () => {
    const body = await read(await partnerAuth(own), other);
    expect(body.errors).toBeUndefined();
    expect(body.data?.partner.contactEmail).toBeNull();
  });

  it('should show coordinators everything', async () => {
    const body = await read(await coordinatorAuth(), own);
    expect(body.data?.partner.contactEmail).toMatch(/@/);
    expect(body.data?.partner.internalNotes).toBe('Ansprechperson wechselt 2024');
  });

  it('should keep a list whole when it holds private fields for PUBLIC callers', async () => {
    const { body } = await postGraphQL<{
      partners: { edges: { node: { contactEmail: string | null } }[] };
    }>(app, '{ partners(first: 30) { edges { node { name contactEmail } } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data?.partners.edges).toHaveLength(30);
    expect(body.data?.partners.edges.every((e) => e.node.contactEmail === null)).toBe(true);
  });

  it.each([
    ['a malformed header', { authorization: 'Token abc' }],
    [
      'a wrongly signed token',
      { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
    ],
  ])('should answer %s with 401 and UNAUTHENTICATED', async (_case, headers) => {
    const { status, body } = await postGraphQL(app, '{ dimensions { key } }', undefined, headers);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('tokens that never expire or name no partner', () => {
    const forever = () =>
      new SignJWT({ role: 'COORDINATOR' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('coordinator')
        .setIssuedAt()
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));

    it('should answer a token without exp with 401 over HTTP', async () => {
      const headers = { authorization: `Bearer ${await forever()}` };
      const { status, body } = await postGraphQL(app, '{ dimensions { key } }', undefined, headers);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.message).toMatch(/expected an exp claim/);
    });

    it('should answer a token for a partner that does not exist with 401 over HTTP', async () => {
      const { status, body } = await postGraphQL(
        app,
        '{ dimensions { key } }',
        undefined,
        await partnerAuth('p-does-not-exist'),
      );
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('should close with CloseCode.Forbidden for a token without exp or for an unknown partner', async () => {
      expect(await closeCodeOf({ authorization: `Bearer ${await forever()}` })).toBe(
        CloseCode.Forbidden,
      );
      expect(await closeCodeOf(await partnerAuth('p-does-not-exist'))).toBe(CloseCode.Forbidden);
    });
  });

  describe('over graphql-ws', () => {
    it('should apply the same field rules with the token in connectionParams', async () => {
      const client = wsClient(app, await partnerAuth(own));
      try {
        const body = await wsExecute<Private>(client, PRIVATE, { id: own });
        expect(body.data?.partner.contactEmail).toMatch(/@/);
        const otherBody = await wsExecute<Private>(client, PRIVATE, { id: other });
        expect(otherBody.data?.partner.contactEmail).toBeNull();
      } finally {
        await client.dispose();
      }
    });

    it('should close with CloseCode.Forbidden when the token is invalid', async () => {
      const code = await closeCodeOf({ authorization: 'Bearer not-a-token' });
      expect(code).toBe(CloseCode.Forbidden);
    });

    it('should close with CloseCode.Forbidden when the token expires', async () => {
      const started = Date.now();
      const code = await closeCodeOf(await partnerAuth(own, '2s'), 15_000);
      expect(code).toBe(CloseCode.Forbidden);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    });
  });

  /** Opens a raw socket, sends connection_init with the params, resolves with the close code. */
  function closeCodeOf(payload: Record<string, string>, timeoutMs = 5_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(app.server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const timer = setTimeout(() => reject(new Error('socket stayed open')), timeoutMs);
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
      socket.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }
});
