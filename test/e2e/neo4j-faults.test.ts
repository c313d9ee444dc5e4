import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { App } from '../../src/app';
import { eventually, isAlive } from '../support/api-process';
import { startTestApp } from '../support/test-app';
import { coordinatorAuth } from '../support/tokens';

/** Every client request is bounded by this; a request that reaches it counts as a hang. */
const CLIENT_TIMEOUT_MS = 10_000;
/** What "fail fast" allows a refused request while Neo4j is down (~2 s, plus a loaded machine). */
const FAIL_FAST_MS = 3_000;
/**
 * The goal is recovery within 30 s; a JVM restart alone takes ~13 s on a quiet 2-core machine
 * and far longer when other JVMs compete for the cores, so the test allows twice the goal and the
 * measured time is reported (bench notes), not hidden.
 */
const RECOVERY_BOUND_MS = 60_000;
const WRITERS = 4;
const RETRY_PAUSE_MS = 200;

const RECORD_EVENT = `mutation($key: String!, $title: String!) {
  recordEvent(idempotencyKey: $key, input: { kind: TRAINING, title: $title, date: "2024-05-01" }) { id } }`;

/** The outcome of one write, as its client saw it; `at` is when the answer came. */
type WriteResult = { ms: number; at: number } & (
  { kind: 'acknowledged'; id: string } | { kind: 'failed'; code: string } | { kind: 'timeout' }
);

/** Process ids of JVMs whose command line names `dataDir` (read from /proc). */
async function jvmsOn(dataDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.startsWith('java') && cmdline.includes(dataDir)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Kills the app's JVM with SIGKILL and returns its pid. Refuses anything but a real child pid:
 * `process.kill(-1)` would signal every process of the user.
 */
function killJvm(app: App): number {
  const pid = app.database.embedded?.pid;
  if (pid === undefined || !Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) {
    throw new Error(`expected a running embedded Neo4j, got pid ${String(pid)}`);
  }
  process.kill(pid, 'SIGKILL');
  return pid;
}

/** One mutation over real HTTP, bounded by {@link CLIENT_TIMEOUT_MS}. */
async function recordEvent(
  app: App,
  headers: Record<string, string>,
  key: string,
): Promise<WriteResult> {
  const started = Date.now();
  try {
    const response = await fetch(app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: RECORD_EVENT, variables: { key, title: `Fault ${key}` } }),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const body = (await response.json()) as {
      data?: { recordEvent?: { id: string } } | null;
      errors?: { extensions?: { code?: string } }[];
    };
    const at = Date.now();
    const id = body.data?.recordEvent?.id;
    if (id !== undefined && !body.errors) return { kind: 'acknowledged', id, ms: at - started, at };
    const code = String(body.errors?.[0]?.extensions?.code);
    return { kind: 'failed', code, ms: at - started, at };
  } catch (error) {
    const at = Date.now();
    if ((error as Error).name === 'TimeoutError') return { kind: 'timeout', ms: at - started, at };
    return { kind: 'failed', code: `client: ${(error as Error).message}`, ms: at - started, at };
  }
}

/** A read over real HTTP: its first error code (`ok` without one) and how long it took. */
async function readDimensions(app: App): Promise<{ code: string; ms: number }> {
  const started = Date.now();
  const response = await fetch(app.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ dimensions { key } }' }),
    signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { code: body.errors?.[0]?.extensions?.code ?? 'ok', ms: Date.now() - started };
}

describe('the API when its embedded Neo4j dies', () => {
  let dataDir: string;
  let app: App;
  let readyz: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-faults-'));
    // NEO4J_URI unset: this app starts, and supervises, an embedded Neo4j of its own, so that
    // killing it harms no other suite.
    app = await startTestApp({
      NEO4J_URI: undefined,
      NEO4J_DATA_DIR: dataDir,
      NEO4J_HEAP: '256m',
      NEO4J_PAGECACHE: '16m',
    });
    readyz = app.server.url.replace('/graphql', '/readyz');
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should fail requests fast, restart Neo4j by itself and lose no acknowledged write after kill -9', async () => {
    const headers = await coordinatorAuth();
    const results: WriteResult[] = [];
    let writing = true;
    let sequence = 0;
    const writers = Array.from({ length: WRITERS }, async () => {
      while (writing) {
        const result = await recordEvent(app, headers, `fault-${(sequence += 1)}`);
        results.push(result);
        // As a real client would: pause after a failure instead of spinning on a fast refusal.
        if (result.kind !== 'acknowledged') await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
      }
    });
    const acknowledged = () => results.filter((r) => r.kind === 'acknowledged').length;

    expect(await eventually(() => acknowledged() >= 20, 30_000)).toBe(true);
    const ackedBeforeKill = acknowledged();
    const killed = killJvm(app);
    const killedAt = Date.now();
    expect(await eventually(() => !isAlive(killed), 5_000)).toBe(true);
    const read = await readDimensions(app);

    let sawUnavailable = false;
    let restartedMs: number | undefined;
    const recovered = await eventually(async () => {
      const status = (await fetch(readyz, { signal: AbortSignal.timeout(5_000) })).status;
      if (status === 503) sawUnavailable = true;
      const pid = app.database.embedded?.pid;
      if (pid !== undefined && pid !== killed) restartedMs ??= Date.now() - killedAt;
      return status === 200 && sawUnavailable;
    }, 90_000);
    const recoveryMs = Date.now() - killedAt;
    const ackedAtRecovery = acknowledged();
    await eventually(() => acknowledged() >= ackedAtRecovery + 20, 30_000);
    writing = false;
    await Promise.all(writers);

    const failed = results.filter((r) => r.kind === 'failed');
    const acked = results.flatMap((r) => (r.kind === 'acknowledged' ? [r.id] : []));
    const stored = await app.database.executor.read(
      { cypher: 'MATCH (e:Event) WHERE e.id IN $ids RETURN e.id AS id', params: { ids: acked } },
      (record) => record.get('id') as string,
    );
    const lost = acked.filter((id) => !stored.includes(id));
    const report = {
      recoveryMs,
      readDuringOutage: read,
      writes: results.length,
      acknowledged: acked.length,
      ackedBeforeKill,
      ackedAfterRecovery: acknowledged() - ackedAtRecovery,
      failed: failed.length,
      slowestFailureMs: Math.max(0, ...failed.map((r) => r.ms)),
      failureCodes: [...new Set(failed.map((r) => r.code))],
      failuresAfterRecovery: failed.filter((r) => r.at > killedAt + recoveryMs).length,
      timeouts: results.filter((r) => r.kind === 'timeout').length,
      timeoutsStartedMs: results
        .filter((r) => r.kind === 'timeout')
        .map((r) => r.at - r.ms - killedAt),
      restartedMs,
      lost: lost.length,
    };
    process.stdout.write(`neo4j-faults: ${JSON.stringify(report)}\n`);

    expect(recovered).toBe(true);
    expect(recoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
    expect(report.ackedAfterRecovery).toBeGreaterThanOrEqual(20);
    expect(app.database.embedded?.pid).not.toBe(killed);
    expect(report.timeouts).toBe(0);
    expect(report.failed).toBeGreaterThan(0);
    expect(report.failureCodes).toEqual(['SERVICE_UNAVAILABLE']);
    expect(report.slowestFailureMs).toBeLessThan(FAIL_FAST_MS);
    expect(lost).toEqual([]);
    expect(read.code).toBe('SERVICE_UNAVAILABLE');
    expect(read.ms).toBeLessThan(FAIL_FAST_MS);
  }, 240_000);

  it('should stop the JVM for good, without a restart, on a clean shutdown', async () => {
    const jvms = await jvmsOn(dataDir);
    expect(jvms).toEqual([app.database.embedded?.pid]);
    await app.stop();
    expect(jvms.filter(isAlive)).toEqual([]);
    // Longer than the first back-off delay: a restart would have begun by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await jvmsOn(dataDir)).toEqual([]);
  }, 60_000);
});
