import 'reflect-metadata';
import pino from 'pino';
import { seedDemo } from '../seeds/demo';
import { type App, startApp } from '../src/app';
import { BUMP_DATA_VERSION } from '../src/db/write-unit';
import { computeNetwork } from '../src/network/network.compute';
import { normaliseFilter } from '../src/network/network.filter';
import { packNetwork } from '../src/network/network.packing';
import { NetworkRepository } from '../src/network/network.repository';
import { benchAtSizes, percentile, benchAppConfig } from './support';

/**
 * `npm run bench:network [sizes...]`: network(PARTNERS) with metrics and layout, cold (a write
 * just renamed a partner), after a write the network does not show (rows read, nothing
 * computed) and cached, the GEXF export, and the p95 of a simple query
 * (`{ dimensions { key } }`) while a cold computation runs against its normal p95. Sizes are
 * partner counts, default `353 50000` (seeding 50k takes ~90 s).
 * Goals: cold ≤ 300 ms at 353 and ≤ 10 s at 50k; cached ≤ 50 ms; simple queries during a cold
 * computation within 2× their normal p95.
 */
const FULL = `{ network(mode: PARTNERS) {
  dataVersion
  nodes { id label kind sector partnerKind size degree weightedDegree betweenness community x y }
  edges { id source target weight kinds firstYear lastYear }
  metrics { nodes edges density components averageClustering modularity communities
    betweennessExact betweennessSources layoutIterations } } }`;
const METRICS_ONLY = `{ network(mode: PARTNERS) { dataVersion metrics { nodes edges modularity layoutIterations betweennessExact } } }`;
const SIMPLE = '{ dimensions { key } }';
const RENAME_FIRST_PARTNER = 'MATCH (p:Partner) WITH p ORDER BY p.id LIMIT 1 SET p.name = $name';

interface Timed<T> {
  ms: number;
  value: T;
}

async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const round = (value: number) => Number(value.toFixed(1));

async function measure(uri: string, partners: number) {
  const app = await startApp(benchAppConfig(uri), pino({ level: 'silent' }));
  await app.ready;
  await seedDemo(app.database.executor, { partners, seed: 7 });
  const base = app.server.url.replace(/\/graphql$/, '');
  const post = async (query: string) => {
    const response = await fetch(app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: unknown; data?: Record<string, unknown> };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const gexf = async () => (await fetch(`${base}/export/network.gexf`)).text();
  // A write the network shows (one partner's name), so the next network is computed anew: a
  // write that leaves the network's rows as they were is answered without computing (see below).
  let renames = 0;
  const invalidate = (app: App) =>
    app.database.executor.writeTransaction(async (tx) => {
      renames += 1;
      await tx.run({ cypher: RENAME_FIRST_PARTNER, params: { name: `Bench ${renames}` } }, () => 0);
      await tx.run(BUMP_DATA_VERSION, () => 0);
    });
  const bumpOnly = (app: App) => app.database.executor.write(BUMP_DATA_VERSION, () => null);

  const large = partners > 5_000;
  const coldRuns = large ? 2 : 10;
  const cachedRuns = large ? 5 : 100;

  // Warm-up: worker started, code compiled, Neo4j caches filled.
  await post(METRICS_ONLY);
  await post(FULL);

  const cold: number[] = [];
  let metrics: Record<string, unknown> = {};
  for (let i = 0; i < coldRuns; i += 1) {
    await invalidate(app);
    const run = await timed(() => post(FULL));
    cold.push(run.ms);
    metrics = (run.value?.network as { metrics: Record<string, unknown> }).metrics;
  }
  // The computation alone: a cold request that selects only the metrics, so the response is tiny.
  const coldMetrics: number[] = [];
  for (let i = 0; i < coldRuns; i += 1) {
    await invalidate(app);
    coldMetrics.push((await timed(() => post(METRICS_ONLY))).ms);
  }
  // After a write the network does not show: the rows are read and compared, nothing computed.
  const unchangedRows: number[] = [];
  for (let i = 0; i < coldRuns; i += 1) {
    await bumpOnly(app);
    unchangedRows.push((await timed(() => post(FULL))).ms);
  }
  const cachedFull: number[] = [];
  for (let i = 0; i < cachedRuns; i += 1) cachedFull.push((await timed(() => post(FULL))).ms);
  const cachedMetrics: number[] = [];
  for (let i = 0; i < 100; i += 1) cachedMetrics.push((await timed(() => post(METRICS_ONLY))).ms);

  await invalidate(app);
  const gexfCold = await timed(gexf);
  const gexfCached = await timed(gexf);

  // Simple queries: alone, then while a cold computation runs (metrics only, so that the
  // measurement is of the computation, not of serialising a huge response).
  const simpleNormal: number[] = [];
  for (let i = 0; i < 300; i += 1) simpleNormal.push((await timed(() => post(SIMPLE))).ms);
  const simpleDuring: number[] = [];
  let coldDuring = 0;
  for (let round = 0; round < (large ? 1 : 10); round += 1) {
    await invalidate(app);
    let done = false;
    const computation = timed(() => post(METRICS_ONLY)).then((t) => {
      done = true;
      coldDuring = Math.max(coldDuring, t.ms);
    });
    while (!done) simpleDuring.push((await timed(() => post(SIMPLE))).ms);
    await computation;
  }

  // Where a cold computation's time goes, measured here in-process with the worker's own code.
  const repository = new NetworkRepository(app.database.executor);
  const fetched = await timed(() => repository.rows('PARTNERS', normaliseFilter({}), 'de'));
  const started = performance.now();
  const packed = packNetwork(
    computeNetwork(fetched.value, { mode: 'PARTNERS', minWeight: 1, seed: 42 }),
  );
  const computeMs = performance.now() - started;
  const transferred = await timed(async () => structuredClone(packed));
  await app.stop();

  const normalP95 = percentile(simpleNormal, 95);
  const duringP95 = percentile(simpleDuring, 95);
  return {
    partners,
    nodes: metrics.nodes,
    edges: metrics.edges,
    layoutIterations: metrics.layoutIterations,
    betweennessExact: metrics.betweennessExact,
    coldP50: round(percentile(cold, 50)),
    coldMax: round(Math.max(...cold)),
    coldMetricsOnlyP50: round(percentile(coldMetrics, 50)),
    coldWhileQueriedMs: round(coldDuring),
    unchangedRowsP50: round(percentile(unchangedRows, 50)),
    fetchMs: round(fetched.ms),
    computeMs: round(computeMs),
    cloneMs: round(transferred.ms),
    cachedFullP50: round(percentile(cachedFull, 50)),
    cachedFullP95: round(percentile(cachedFull, 95)),
    cachedMetricsP50: round(percentile(cachedMetrics, 50)),
    cachedMetricsP95: round(percentile(cachedMetrics, 95)),
    gexfColdMs: round(gexfCold.ms),
    gexfCachedMs: round(gexfCached.ms),
    gexfMiB: Number((gexfCached.value.length / 1024 / 1024).toFixed(2)),
    simpleP95: round(normalP95),
    simpleP95DuringCold: round(duringP95),
    simpleSamplesDuringCold: simpleDuring.length,
    simpleRatio: Number((duringP95 / normalP95).toFixed(2)),
  };
}

async function main() {
  await benchAtSizes(
    'network',
    {
      goals: { coldMsAt353: 300, coldMsAt50k: 10_000, cachedMs: 50, simpleRatio: 2 },
      unit: 'ms',
    },
    (db, partners) => measure(db.uri, partners),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
