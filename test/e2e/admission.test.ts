import type { App } from '../../src/app';
import { postGraphQL, startTestApp, wsClient, wsExecute } from '../support/test-app';
import { coordinatorAuth } from '../support/tokens';

/** Suggestions of 25 partners: about 26,000, over the anonymous limit of 20,000 set below. */
const SUGGESTIONS = `{ partners(first: 25) { edges { node { id
  suggestions(first: 3) { score partner { id } } } } } }`;
/** One network: about 10,000. */
const NETWORK = '{ network { nodes { id } } }';

describe('work-based admission', () => {
  let app: App;

  beforeAll(async () => {
    app = await startTestApp({
      GRAPHQL_MAX_COST_PUBLIC: '20000',
      GRAPHQL_PUBLIC_COST_PER_MINUTE: '50000',
      GRAPHQL_EXPENSIVE_IN_FLIGHT: '2',
      GRAPHQL_PUBLIC_REFUSALS_PER_10S: '5',
      // Lets a test pose as an address of its own (X-Forwarded-For), apart from the others' refusals.
      TRUST_PROXY_HOPS: '1',
    });
  });

  afterAll(() => app.stop());

  it('should refuse an anonymous operation over the public cost limit, on HTTP and WebSocket, and run it with a token', async () => {
    const anonymous = await postGraphQL(app, SUGGESTIONS);
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      maximum: 20_000,
    });
    const client = wsClient(app);
    // graphql-ws sends the refusal as the operation's `error` message.
    await expect(wsExecute(client, SUGGESTIONS)).rejects.toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }),
      }),
    ]);
    await client.dispose();
    const signedIn = await postGraphQL(app, SUGGESTIONS, {}, await coordinatorAuth());
    expect(signedIn.body.errors).toBeUndefined();
  });

  it('should let several expensive operations of one caller run two at a time, refusing the rest with 429', async () => {
    const coordinator = await coordinatorAuth();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => postGraphQL(app, SUGGESTIONS, {}, coordinator)),
    );
    const refused = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.body.errors === undefined).length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]?.body.errors?.[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 1,
    });
  });

  it('should refuse an anonymous address over its budget per minute with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i += 1) {
      const response = await fetch(app.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: NETWORK }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4)).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('should hold back an address that keeps sending refused operations: 429 after a second, before reading', async () => {
    // Its own address: refusals of the tests before would leave the 10 s window meanwhile.
    const address = { 'x-forwarded-for': '198.51.100.7' };
    let heldBack = false;
    for (let i = 0; i < 6 && !heldBack; i += 1) {
      heldBack = (await postGraphQL(app, SUGGESTIONS, {}, address)).status === 429;
    }
    expect(heldBack).toBe(true);
    const started = performance.now();
    const trivial = await postGraphQL(app, '{ dimensions { key } }', {}, address);
    expect(trivial.status).toBe(429);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(trivial.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    const signedIn = await postGraphQL(app, '{ dimensions { key } }', {}, await coordinatorAuth());
    expect(signedIn.status).toBe(200);
  });
});
