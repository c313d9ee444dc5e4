import 'reflect-metadata';
import { loadavg } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { seedDemo } from '../seeds/demo';
import { CypherExecutor } from '../src/db/executor';
import { RELAXED_ADMISSION } from '../test/support/test-app';
import { type ApiUnderTest, startApi, stopApi } from './api-under-test';
import { generateLoad } from './load-generator';
import { benchAtSizes, latency, timeRuns } from './support';

/**
 * `npm run bench:read [sizes…]`: the nested 50-partner query, in one run per size (353 and
 * 50,000 partners by default), served three ways on the same Neo4j and data:
 *
 * - `compiled`: an API process (`node dist/src/main.js`, NODE_ENV=production) with the read
 *   compiler (one Cypher statement per root field) and graphql-jit running the operation;
 * - `compiledJs`: the same with graphql-js running it (GRAPHQL_EXECUTOR=graphql-js);
 * - `resolvers`: the path before the compiler — resolvers and DataLoaders under graphql-js
 *   (READ_COMPILER=false, GRAPHQL_EXECUTOR=graphql-js);
 * - `raw`: the hand-written Cypher statement returning the same data through neo4j-driver in
 *   this process — no HTTP, no JSON, no GraphQL.
 *
 * For each: single-client latency (p50/p95 of sequential calls) and throughput of a closed loop
 * of 10 clients over 10 keep-alive connections (raw: 10 concurrent driver sessions) for
 * BENCH_SECONDS (10); the ratios GraphQL ÷ raw. Also the filtered page
 * `partners(first: 50, filter: {dimensions, districts})` and `suggestedPartners` (p95).
 * The machine's load average is printed with each row: the numbers are only comparable within
 * one run. Goals (issue #15): p50 ratio ≤ 2.0 at 353 and ≤ 1.3 at 50k; throughput ≥ 0.5× raw at
 * 353 and ≥ 0.75× at 50k; filtered p95 ≤ 50 ms at 50k; suggestedPartners p95 ≤ 25 ms at 353.
 */
const NESTED = `{ partners(first: 50, orderBy: { field: COOPERATION_COUNT, direction: DESC }) {
  edges { node { id name
    dimensions { perspective dimension { key nameDe } }
    topics { key }
    district { name borough }
    cooperations(first: 10) { totalCount edges { node { id title kind partners { role partner { id name } } } } }
  } } } }`;

const RAW = `MATCH (p:Partner) WHERE p.cooperationCount IS NOT NULL
WITH p ORDER BY p.cooperationCount DESC, p.id DESC LIMIT 50
CALL (p) { MATCH (p)-[r:ENGAGES_IN]->(d:Dimension) WITH r, d ORDER BY d.key, r.perspective
  RETURN collect({perspective: r.perspective, dimension: d {.key, .nameDe}}) AS dimensions }
CALL (p) { MATCH (p)-[:ACTIVE_IN]->(t:Topic) WITH t ORDER BY t.key RETURN collect(t {.key}) AS topics }
CALL (p) { OPTIONAL MATCH (p)-[:LOCATED_IN]->(d:District) RETURN d {.name, .borough} AS district }
CALL (p) { MATCH (p)-[:PARTICIPATES_IN]->(c:Cooperation) WITH c ORDER BY c.startedOn DESC, c.id DESC
  WITH collect(c) AS matching
  RETURN size(matching) AS totalCount, [c IN matching[0..10] | c {.id, .title, .kind,
    partners: [(q:Partner)-[r:PARTICIPATES_IN]->(c) | {role: r.role, partner: q {.id, .name}}]}] AS cooperations }
RETURN p {.id, .name, dimensions, topics, district, totalCount, cooperations} AS partner`;

const FILTERED = `query($d: String!, $k: String!) { partners(first: 50, filter: { dimensions: [$d], districts: [$k] }) {
  totalCount edges { node { id name } } } }`;

const SUGGESTED = `query($id: ID!) { suggestedPartners(partnerId: $id, first: 5) {
  score partner { id name } reasons { code text } } }`;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

/** Requests per second of a closed loop of 10 clients over 10 keep-alive connections. */
async function graphqlThroughput(api: ApiUnderTest): Promise<number> {
  const [result] = await generateLoad(
    [
      {
        name: 'nested',
        kind: 'read',
        loops: CONNECTIONS,
        request: () => ({ body: JSON.stringify({ query: NESTED }) }),
      },
    ],
    { url: api.url, headers: {}, seconds: SECONDS, connections: CONNECTIONS, seed: 1 },
  );
  if (!result) throw new Error('no result');
  const failed = result.non2xx + result.graphqlErrors + result.transportErrors + result.timeouts;
  if (failed > 0) throw new Error(`the load failed ${failed} times: ${result.firstError}`);
  return result.answered / SECONDS;
}

/** Statements per second of 10 concurrent sessions sending the raw statement back to back. */
async function rawThroughput(driver: Driver): Promise<number> {
  const endAt = performance.now() + SECONDS * 1000;
  let answered = 0;
  const client = async () => {
    while (performance.now() < endAt) {
      await driver.executeQuery(RAW, {}, { routing: neo4j.routing.READ });
      answered += 1;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  return answered / SECONDS;
}

const round = (value: number) => Number(value.toFixed(2));

async function measure(uri: string, partners: number) {
  // Each API process logs into its own folder (startApi waits on its log).
  const dirs = await Promise.all(
    [0, 1, 2].map(() => mkdtemp(path.join(tmpdir(), 'vielfalt-bench-read-api-'))),
  );
  const [dataDir, jsDir, resolversDir] = dirs as [string, string, string];
  // No matching warm-up: each process would score every seeker's pool right after its start
  // (~11 s of CPU and Neo4j at 353 partners), beside the reads measured on another process.
  // The suggestions below compute that context once, untimed; bench:matching measures it.
  const env = {
    NEO4J_URI: uri,
    SEED_ON_START: 'false',
    LOG_LEVEL: 'info',
    MATCHING_WARM_UP: 'false',
    ...RELAXED_ADMISSION,
  };
  const driver = neo4j.driver(uri);
  const compiled = await startApi(dataDir, env);
  let resolvers: ApiUnderTest | undefined;
  let compiledJs: ApiUnderTest | undefined;
  try {
    await seedDemo(new CypherExecutor(driver, 'neo4j'), { partners, seed: 7 });
    const js = await startApi(jsDir, { ...env, GRAPHQL_EXECUTOR: 'graphql-js' });
    compiledJs = js;
    const old = await startApi(resolversDir, {
      ...env,
      READ_COMPILER: 'false',
      GRAPHQL_EXECUTOR: 'graphql-js',
    });
    resolvers = old;
    const { records } = await driver.executeQuery(
      `MATCH (d:Dimension)<-[:ENGAGES_IN]-(p:Partner)-[:LOCATED_IN]->(k:District)
       RETURN d.key AS d, k.key AS k, count(p) AS n ORDER BY n DESC LIMIT 1`,
    );
    const pick = { d: records[0]?.get('d') as string, k: records[0]?.get('k') as string };
    const seekers = (
      await driver.executeQuery(
        "MATCH (p:Partner {status: 'ACTIVE'}) RETURN p.id AS id ORDER BY p.id LIMIT 50",
      )
    ).records.map((r) => r.get('id') as string);
    const raw = () => driver.executeQuery(RAW, {}, { routing: neo4j.routing.READ });
    const runs = partners > 10_000 ? 100 : 200;
    const single = {
      compiled: latency(await timeRuns(runs, () => post(compiled.url, NESTED))),
      compiledJs: latency(await timeRuns(runs, () => post(js.url, NESTED))),
      resolvers: latency(await timeRuns(runs, () => post(old.url, NESTED))),
      raw: latency(await timeRuns(runs, raw)),
    };
    const throughput = {
      compiled: await graphqlThroughput(compiled),
      compiledJs: await graphqlThroughput(js),
      resolvers: await graphqlThroughput(old),
      raw: await rawThroughput(driver),
    };
    const filtered = {
      compiled: latency(await timeRuns(runs, () => post(compiled.url, FILTERED, pick))),
      resolvers: latency(await timeRuns(runs, () => post(old.url, FILTERED, pick))),
    };
    await post(compiled.url, SUGGESTED, { id: seekers[0] });
    const suggested = latency(
      await timeRuns(runs, (i) =>
        post(compiled.url, SUGGESTED, { id: seekers[i % seekers.length] }),
      ),
    );
    return {
      partners,
      load1: round(loadavg()[0] ?? 0),
      p50Compiled: single.compiled.p50,
      p50CompiledJs: single.compiledJs.p50,
      p50Resolvers: single.resolvers.p50,
      p50Raw: single.raw.p50,
      p95Compiled: single.compiled.p95,
      p95Raw: single.raw.p95,
      ratioP50Compiled: round(single.compiled.p50 / single.raw.p50),
      ratioP50Resolvers: round(single.resolvers.p50 / single.raw.p50),
      rpsCompiled: round(throughput.compiled),
      rpsCompiledJs: round(throughput.compiledJs),
      rpsResolvers: round(throughput.resolvers),
      rpsRaw: round(throughput.raw),
      rpsRatioCompiled: round(throughput.compiled / throughput.raw),
      rpsRatioCompiledJs: round(throughput.compiledJs / throughput.raw),
      rpsRatioResolvers: round(throughput.resolvers / throughput.raw),
      filteredP95Compiled: filtered.compiled.p95,
      filteredP95Resolvers: filtered.resolvers.p95,
      suggestedP95: suggested.p95,
    };
  } finally {
    await Promise.all([compiled, compiledJs, resolvers].map((api) => api && stopApi(api)));
    await driver.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

async function main() {
  await benchAtSizes(
    'read',
    {
      loop: `closed loop: ${CONNECTIONS} clients, ${CONNECTIONS} keep-alive connections, ${SECONDS} s each`,
      goals: {
        ratioP50: { 353: 2.0, 50_000: 1.3 },
        throughputVsRaw: { 353: 0.5, 50_000: 0.75 },
        filteredP95At50k: 50,
        suggestedP95At353: 25,
      },
      unit: 'ms, requests/s',
    },
    (db, partners) => measure(db.uri, partners),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
