import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import pino from 'pino';
import { seedDemo } from '../seeds/demo';
import { startApp } from '../src/app';
import { Role } from '../src/auth/auth.types';
import { signDevelopmentToken } from '../src/auth/tokens';
import { EmbeddedNeo4j } from '../src/db/embedded-neo4j';
import { loadConfig } from '../src/config';
import { percentile, report } from './support';

/**
 * `node dist/bench/ranking-probe.js [runs]`: the heavy authenticated suggestion query of issue 18
 * (100 partners × 50 suggestions, as a PARTNER) run one at a time in process, with the longest
 * event-loop block of each run (perf_hooks `monitorEventLoopDelay`, 1 ms resolution) and, with
 * `PROBE_SPLIT=1`, where the time goes (reads; ranking with mapping, wall time), measured by
 * wrapping the service's steps; `MATCHING_WORKERS=0` ranks in slices. A diagnostic for
 * docs/performance.md#ranking-off-the-event-loop.
 */
const QUERY = `{ partners(first: 100) { edges { node { id
  suggestions(first: 50) { score partner { id name } reasons { code text } } } } } }`;
const SECRET = 'probe-secret-of-the-vielfalt-api-0123456789';

type Timed = Record<string, number>;

/** Wraps `owner[name]` so that its (sync or async) time adds up in `spent[label]`. */
function timeCalls(owner: Record<string, unknown>, name: string, label: string, spent: Timed) {
  const original = owner[name] as (...args: unknown[]) => unknown;
  owner[name] = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const add = () => (spent[label] = (spent[label] ?? 0) + performance.now() - started);
    const value = original.apply(this, args);
    if (value instanceof Promise) return value.finally(add);
    add();
    return value;
  };
}

/** Wraps the matching steps when `PROBE_SPLIT=1`; an empty record otherwise. */
function splitTimes(): Timed {
  const spent: Timed = {};
  if (!process.env.PROBE_SPLIT) return spent;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const repository = require('../src/matching/matching.repository').MatchingRepository.prototype;
  timeCalls(repository, 'findSeekers', 'readSeekersMs', spent);
  timeCalls(repository, 'findCandidates', 'readCandidatesMs', spent);
  const { SlicedRanker } = require('../src/matching/ranker');
  const { RankingWorkerPool } = require('../src/matching/ranking.pool');
  for (const ranker of [SlicedRanker, RankingWorkerPool]) {
    timeCalls(ranker.prototype, 'suggestions', 'rankAndMapWallMs', spent);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return spent;
}

async function main() {
  const runs = Number(process.argv[2] ?? 8);
  const spent = splitTimes();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-ranking-probe-'));
  const db = await EmbeddedNeo4j.start({
    dataDir,
    boltPort: 0,
    heap: '768m',
    pageCacheMiB: 128,
    startTimeoutMs: 180_000,
  });
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    NEO4J_URI: db.uri,
    SEED_ON_START: 'false',
    LOG_LEVEL: 'silent',
    JWT_SECRET: SECRET,
    MATCHING_WORKERS: process.env.MATCHING_WORKERS ?? '1',
  });
  const app = await startApp(config, pino({ level: 'silent' }));
  try {
    await app.ready;
    await seedDemo(app.database.executor);
    const [partnerId] = await app.database.executor.read(
      { cypher: "MATCH (p:Partner {status: 'ACTIVE'}) RETURN p.id AS id ORDER BY id LIMIT 1" },
      (r) => r.get('id') as string,
    );
    const token = await signDevelopmentToken(SECRET, { role: Role.PARTNER, partnerId });
    const rows = [];
    let gcMax = 0;
    const gc = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => (gcMax = Math.max(gcMax, e.duration))),
    );
    gc.observe({ entryTypes: ['gc'] });
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    for (let run = 0; run < runs + 2; run += 1) {
      Object.keys(spent).forEach((key) => (spent[key] = 0));
      histogram.reset();
      gcMax = 0;
      const started = performance.now();
      const response = await fetch(app.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: QUERY }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      const ms = performance.now() - started;
      // The first two runs warm the ranking context, the profile cache and the JIT.
      if (run < 2) continue;
      rows.push({
        run: run - 1,
        ms: Math.round(ms),
        maxLoopBlockMs: Math.round(histogram.max / 1e6),
        maxGcMs: Math.round(gcMax),
        ...Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, Math.round(v)])),
      });
    }
    histogram.disable();
    gc.disconnect();
    const blocks = rows.map((r) => r.maxLoopBlockMs);
    await report('ranking-probe', rows, {
      queryP50Ms: percentile(
        rows.map((r) => r.ms),
        50,
      ),
      maxLoopBlockP50Ms: percentile(blocks, 50),
      maxLoopBlockMaxMs: Math.max(...blocks),
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
    });
  } finally {
    await app.stop();
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
