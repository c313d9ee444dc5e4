import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { App } from '../../src/app';
import { EmbeddedNeo4j } from '../../src/db/embedded-neo4j';
import { eventually } from '../support/api-process';
import { startTestApp } from '../support/test-app';

/** An embedded Neo4j of this suite's own, so that it can be stopped without harming other suites. */
async function startNeo4j(dataDir: string, boltPort: number): Promise<EmbeddedNeo4j> {
  return EmbeddedNeo4j.start({
    dataDir,
    boltPort,
    heap: '256m',
    pageCacheMiB: 16,
    startTimeoutMs: 120_000,
  });
}

describe('/readyz', () => {
  let dataDir: string;
  let neo4j: EmbeddedNeo4j;
  let app: App;
  let readyz: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-readyz-'));
    neo4j = await startNeo4j(dataDir, 0);
    app = await startTestApp({ NEO4J_URI: neo4j.uri });
    readyz = app.server.url.replace('/graphql', '/readyz');
  });

  afterAll(async () => {
    await app.stop();
    await neo4j.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should answer 503 while Neo4j is down and 200 again after it is back', async () => {
    expect((await fetch(readyz)).status).toBe(200);
    const port = Number(new URL(neo4j.uri).port);

    await neo4j.stop();
    const down = await fetch(readyz);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: 'unavailable',
      neo4j: 'down',
      migrations: 'applied',
    });
    const health = await fetch(readyz.replace('readyz', 'healthz'));
    expect(health.status).toBe(200);

    neo4j = await startNeo4j(dataDir, port);
    expect(await eventually(async () => (await fetch(readyz)).status === 200, 30_000)).toBe(true);
  });

  it('should fail a query fast with SERVICE_UNAVAILABLE while Neo4j is down', async () => {
    const port = Number(new URL(neo4j.uri).port);
    await neo4j.stop();
    const started = Date.now();
    const response = await fetch(app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ dimensions { key } }' }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(15_000);
    neo4j = await startNeo4j(dataDir, port);
  });
});
