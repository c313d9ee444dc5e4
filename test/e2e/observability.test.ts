import type { Client } from 'graphql-ws';
import type { App } from '../../src/app';
import { eventually } from '../support/api-process';
import { EXCHANGE_MUTATIONS as M, mutate } from '../support/exchange-client';
import { capturingLogger } from '../support/logs';
import { postGraphQL, startTestApp, wsClient, wsExecute } from '../support/test-app';
import { coordinatorAuth } from '../support/tokens';

const METRICS_TOKEN = 'metrics-token-of-the-e2e-test-0123456789';

/** Starts the API like `startTestApp`, with a logger whose JSON lines land in `lines`. */
async function startObservedApp(env: NodeJS.ProcessEnv = {}) {
  const { logger, lines, raw } = capturingLogger();
  const app = await startTestApp(env, logger);
  return { app, lines, raw };
}

function metricsUrl(app: App): string {
  return app.server.url.replace(/\/graphql$/, '/metrics');
}

async function scrape(app: App, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(metricsUrl(app), { headers });
  expect(response.status).toBe(200);
  return response.text();
}

/** The sum of all samples of `name` whose labels include `labels` (0 when there are none). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      sum += Number(match[3]);
    }
  }
  return sum;
}

const PARTNER_BY_ID = 'query PartnerById($id: ID!) { partner(id: $id) { id name } }';
const SECRET_VARIABLE = 'variable-value-7f3a9c-never-logged';

describe('observability: logs and /metrics', () => {
  let app: App;
  let lines: Record<string, unknown>[];
  let raw: string[];
  let coordinator: Record<string, string>;
  const clients: Client[] = [];

  beforeAll(async () => {
    ({ app, lines, raw } = await startObservedApp());
    coordinator = await coordinatorAuth();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await app.stop();
  });

  const operationLog = (requestId: string) =>
    lines.find((line) => line.msg === 'graphql operation' && line.requestId === requestId);

  it('should serve Prometheus text with default process metrics', async () => {
    const response = await fetch(metricsUrl(app));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(text).toMatch(/^neo4j_embedded_restarts_total 0$/m);
  });

  it('should count a named query with its latency and Neo4j time, and log it without values', async () => {
    const before = await scrape(app);
    const response = await fetch(app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'e2e-req-1', ...coordinator },
      body: JSON.stringify({ query: PARTNER_BY_ID, variables: { id: SECRET_VARIABLE } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('e2e-req-1');
    const after = await scrape(app);

    const ok = { operation: 'PartnerById', type: 'query', outcome: 'ok' };
    expect(sample(after, 'graphql_requests_total', ok)).toBe(
      sample(before, 'graphql_requests_total', ok) + 1,
    );
    const latency = { operation: 'PartnerById' };
    expect(sample(after, 'graphql_request_duration_seconds_count', latency)).toBe(
      sample(before, 'graphql_request_duration_seconds_count', latency) + 1,
    );
    const reads = { mode: 'read', outcome: 'ok' };
    expect(sample(after, 'neo4j_query_duration_seconds_count', reads)).toBeGreaterThan(
      sample(before, 'neo4j_query_duration_seconds_count', reads),
    );
    expect(sample(after, 'neo4j_query_duration_seconds_sum', reads)).toBeGreaterThan(
      sample(before, 'neo4j_query_duration_seconds_sum', reads),
    );

    const line = operationLog('e2e-req-1');
    expect(line).toMatchObject({
      requestId: 'e2e-req-1',
      transport: 'http',
      operationName: 'PartnerById',
      operationType: 'query',
      outcome: 'ok',
      role: 'COORDINATOR',
      variableNames: ['id'],
    });
    expect(typeof line?.durationMs).toBe('number');
    const everything = raw.join('');
    expect(everything).not.toContain(SECRET_VARIABLE);
    expect(everything).not.toContain(coordinator.authorization?.slice('Bearer '.length));
  });

  it('should replace an unsafe x-request-id by a generated one', async () => {
    const response = await fetch(app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id; drop' },
      body: JSON.stringify({ query: '{ dimensions { key } }' }),
    });
    const id = response.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(operationLog(id)).toMatchObject({ operationType: 'query', role: 'PUBLIC' });
  });

  it('should count a failing query by outcome and error code', async () => {
    const before = await scrape(app);
    const { body } = await postGraphQL(app, 'query Broken { partner(id: "p") { noSuchField } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = await scrape(app);
    const failed = { operation: 'Broken', type: 'query', outcome: 'error' };
    expect(sample(after, 'graphql_requests_total', failed)).toBe(
      sample(before, 'graphql_requests_total', failed) + 1,
    );
    const code = { code: 'GRAPHQL_VALIDATION_FAILED' };
    expect(sample(after, 'graphql_errors_total', code)).toBe(
      sample(before, 'graphql_errors_total', code) + 1,
    );
    const line = lines.findLast((l) => l.operationName === 'Broken');
    expect(line).toMatchObject({ outcome: 'error', errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
  });

  it('should count and log a request refused before any operation ran (invalid token)', async () => {
    const before = await scrape(app);
    const { status } = await postGraphQL(app, '{ dimensions { key } }', undefined, {
      authorization: 'Bearer not-a-jwt-but-secret-looking',
      'x-request-id': 'e2e-refused',
    });
    expect(status).toBe(401);
    const after = await scrape(app);
    const code = { code: 'UNAUTHENTICATED' };
    expect(sample(after, 'graphql_errors_total', code)).toBe(
      sample(before, 'graphql_errors_total', code) + 1,
    );
    expect(operationLog('e2e-refused')).toMatchObject({ outcome: 'error', httpStatus: 401 });
    expect(raw.join('')).not.toContain('not-a-jwt-but-secret-looking');
  });

  it('should count WebSocket connections and subscriptions while they run, and log them', async () => {
    const created = await mutate<{ createExchange: { id: string } }>(
      app,
      M.create,
      { input: { title: `Observability ${Date.now()}` } },
      coordinator,
    );
    const exchangeId = created.createExchange.id;
    await mutate(app, M.open, { id: exchangeId }, coordinator);
    const before = await scrape(app);
    expect(sample(before, 'websocket_connections')).toBe(0);
    expect(sample(before, 'graphql_subscriptions')).toBe(0);

    const client = wsClient(app, { authorization: coordinator.authorization });
    clients.push(client);
    const errors: unknown[] = [];
    const unsubscribe = client.subscribe(
      {
        query: `subscription ObsActivity($exchangeId: ID!) {
          exchangeActivity(exchangeId: $exchangeId) { sequence type } }`,
        variables: { exchangeId },
      },
      { next: () => undefined, error: (error) => errors.push(error), complete: () => undefined },
    );
    const live = async () => sample(await scrape(app), 'graphql_subscriptions') === 1;
    expect(await eventually(live, 10_000)).toBe(true);
    expect(sample(await scrape(app), 'websocket_connections')).toBe(1);

    // A query on the same socket is logged as a WebSocket operation with its context's id.
    const dims = await wsExecute(client, 'query WsDims { dimensions { key } }');
    expect(dims.errors).toBeUndefined();
    expect(lines.find((l) => l.operationName === 'WsDims')).toMatchObject({
      transport: 'ws',
      operationType: 'query',
      outcome: 'ok',
      role: 'COORDINATOR',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
    });

    unsubscribe();
    const ended = async () => sample(await scrape(app), 'graphql_subscriptions') === 0;
    expect(await eventually(ended, 10_000)).toBe(true);
    await client.dispose();
    const closed = async () => sample(await scrape(app), 'websocket_connections') === 0;
    expect(await eventually(closed, 10_000)).toBe(true);

    const after = await scrape(app);
    const subscription = { operation: 'ObsActivity', type: 'subscription', outcome: 'ok' };
    expect(sample(after, 'graphql_requests_total', subscription)).toBe(
      sample(before, 'graphql_requests_total', subscription) + 1,
    );
    expect(errors).toEqual([]);
    const line = lines.find((l) => l.operationName === 'ObsActivity');
    expect(line).toMatchObject({
      transport: 'ws',
      operationType: 'subscription',
      outcome: 'ok',
      variableNames: ['exchangeId'],
    });
    expect(typeof line?.durationMs).toBe('number');
    const everything = raw.join('');
    expect(everything).not.toContain(exchangeId);
    expect(everything).not.toContain(coordinator.authorization?.slice('Bearer '.length));
  });
});

describe('observability: protecting /metrics', () => {
  it('should require the bearer token when METRICS_TOKEN is set', async () => {
    const { app } = await startObservedApp({ METRICS_TOKEN });
    try {
      const anonymous = await fetch(metricsUrl(app));
      expect(anonymous.status).toBe(401);
      const wrong = await fetch(metricsUrl(app), {
        headers: { authorization: `Bearer ${METRICS_TOKEN}x` },
      });
      expect(wrong.status).toBe(401);
      const text = await scrape(app, { authorization: `Bearer ${METRICS_TOKEN}` });
      expect(text).toContain('graphql_requests_total');
    } finally {
      await app.stop();
    }
  });

  it('should not serve /metrics at all when METRICS_ENABLED is false', async () => {
    const { app } = await startObservedApp({ METRICS_ENABLED: 'false' });
    try {
      expect((await fetch(metricsUrl(app))).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
