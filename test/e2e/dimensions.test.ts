import type { Client } from 'graphql-ws';
import type { App } from '../../src/app';
import { postGraphQL, startTestApp, wsClient, wsExecute } from '../support/test-app';

const DIMENSIONS = '{ dimensions { key nameDe nameEn } }';
const SEVEN = [
  'abilities',
  'age',
  'ethnic_origin',
  'gender',
  'religion',
  'sexual_orientation',
  'social_origin',
];

describe('dimensions', () => {
  let app: App;
  let client: Client;

  beforeAll(async () => {
    app = await startTestApp();
    client = wsClient(app);
  });

  afterAll(async () => {
    await client.dispose();
    await app.stop();
  });

  it('should list the seven diversity dimensions over HTTP', async () => {
    const { status, body } = await postGraphQL<{ dimensions: { key: string; nameDe: string }[] }>(
      app,
      DIMENSIONS,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.dimensions.map((d) => d.key)).toEqual(SEVEN);
    expect(body.data?.dimensions.find((d) => d.key === 'religion')?.nameDe).toBe(
      'Religion & Weltanschauung',
    );
  });

  it('should give the same result through a graphql-ws client', async () => {
    const overHttp = await postGraphQL(app, DIMENSIONS);
    const overWs = await wsExecute(client, DIMENSIONS);
    expect(overWs).toEqual(overHttp.body);
  });

  it('should return one dimension by key', async () => {
    const { body } = await postGraphQL(app, '{ dimension(key: "social_origin") { nameEn } }');
    expect(body.data).toEqual({ dimension: { nameEn: 'Social origin' } });
  });

  it('should return null for a well-formed key that does not exist', async () => {
    const { body } = await postGraphQL(app, 'query($k: String!) { dimension(key: $k) { key } }', {
      k: 'hair_colour',
    });
    expect(body).toEqual({ data: { dimension: null } });
  });

  it('should refuse a malformed key with BAD_USER_INPUT on HTTP and WebSocket', async () => {
    const query = 'query($k: String!) { dimension(key: $k) { key } }';
    const variables = { k: "age' OR 1=1 //" };
    for (const body of [
      (await postGraphQL(app, query, variables)).body,
      await wsExecute(client, query, variables),
    ]) {
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'key' });
      expect(body.errors?.[0]?.message).toMatch(/^expected key to be a lower-case key/);
    }
  });

  it('should load the reference data idempotently at every start', async () => {
    const second = await startTestApp();
    await second.stop();
    const count = await app.database.executor.read(
      { cypher: 'MATCH (d:Dimension) RETURN count(d) AS n' },
      (r) => Number(r.get('n')),
    );
    expect(count).toEqual([7]);
  });

  it('should answer /healthz and /readyz with JSON', async () => {
    const base = app.server.url.replace('/graphql', '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'alive' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', neo4j: 'up', migrations: 'applied' });
  });
});
