import 'reflect-metadata';
import neo4j from 'neo4j-driver';
import pino from 'pino';
import { seedDemo } from '../seeds/demo';
import { startApp } from '../src/app';
import { benchAtSizes, latency, timeRuns, benchAppConfig } from './support';

/**
 * `npm run bench:read`: the nested 50-partner query over HTTP against the hand-written single
 * Cypher query returning the same data through neo4j-driver, in one run, on the demo (353
 * partners) and on 50k partners; plus `partners(first: 50, filter: {dimensions, districts})`.
 * Goals: GraphQL ≤ 1.5× raw Cypher (aim 1.2×); the filtered page p95 ≤ 50 ms at 50k.
 */
const NESTED = `{ partners(first: 50, orderBy: { field: COOPERATION_COUNT, direction: DESC }) {
  edges { node { id name
    dimensions { perspective dimension { key nameDe } }
    topics { key }
    district { name borough }
    cooperations(first: 10) { totalCount edges { node { id title kind partners { role partner { id name } } } } }
  } } } }`;

const RAW = `MATCH (p:Partner) WITH p ORDER BY p.cooperationCount DESC, p.id DESC LIMIT 50
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

async function measure(uri: string, partners: number) {
  const app = await startApp(benchAppConfig(uri), pino({ level: 'silent' }));
  await app.ready;
  await seedDemo(app.database.executor, { partners, seed: 7 });
  const post = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const driver = neo4j.driver(uri);
  const raw = () => driver.executeQuery(RAW, {}, { routing: neo4j.routing.READ });
  const [pick] = await app.database.executor.read(
    {
      cypher: `MATCH (d:Dimension)<-[:ENGAGES_IN]-(p:Partner)-[:LOCATED_IN]->(k:District)
RETURN d.key AS d, k.key AS k, count(p) AS n ORDER BY n DESC LIMIT 1`,
    },
    (r) => ({ d: r.get('d') as string, k: r.get('k') as string }),
  );
  const runs = 200;
  const graphql = latency(await timeRuns(runs, () => post(NESTED)));
  const cypher = latency(await timeRuns(runs, raw));
  const filtered = latency(await timeRuns(runs, () => post(FILTERED, pick)));
  await driver.close();
  await app.stop();
  return {
    partners,
    runs,
    graphqlP50: graphql.p50,
    graphqlP95: graphql.p95,
    cypherP50: cypher.p50,
    cypherP95: cypher.p95,
    ratioP50: Number((graphql.p50 / cypher.p50).toFixed(2)),
    ratioP95: Number((graphql.p95 / cypher.p95).toFixed(2)),
    filteredP50: filtered.p50,
    filteredP95: filtered.p95,
  };
}

async function main() {
  await benchAtSizes(
    'read',
    {
      goals: { ratio: 1.5, aim: 1.2, filteredP95At50k: 50 },
      unit: 'ms',
    },
    (db, partners) => measure(db.uri, partners),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
