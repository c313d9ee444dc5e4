import 'reflect-metadata';
import pino from 'pino';
import { seedDemo } from '../seeds/demo';
import { type App, startApp } from '../src/app';
import { CHANNEL_LIMITS, matchingQueries } from '../src/matching/matching.queries';
import { MatchingRepository } from '../src/matching/matching.repository';
import { needChannel } from '../src/matching/need-fit';
import { networkReach } from '../src/matching/reach';
import { benchAtSizes, latency, rssMiB, timeRuns, benchAppConfig } from './support';

/**
 * `npm run bench:matching [-- 353 50000]`: over HTTP, `suggestedPartners(first: 10)` for 200
 * different ACTIVE partners and `suggestedConsortia` for 20 dimension sets, on the demo and on
 * 50k partners; next to it, in the same run, the three Cypher reads of a suggestion (seekers,
 * candidates and their profiles, run directly through the executor without the profile cache) —
 * the ratio shows what scoring, reasons, caching and GraphQL change against the bare data access. RSS of the API process and the JVM after the run.
 * Goals: suggestedPartners p95 ≤ 25 ms at 353 and ≤ 250 ms at 50k; suggestedConsortia p95 ≤ 1 s at 50k.
 */
const SUGGEST = `query($id: ID!) { suggestedPartners(partnerId: $id, first: 10) {
  score partner { id name } components { name value } reasons { code text } addedDimensions { key } } }`;

const CONSORTIA = `query($dimensions: [String!]!, $size: Int!) {
  suggestedConsortia(dimensions: $dimensions, size: $size, first: 5) {
    coverage score reasons partners { id name } } }`;

const DIMENSIONS = [
  'abilities',
  'age',
  'ethnic_origin',
  'gender',
  'religion',
  'sexual_orientation',
  'social_origin',
];

/** 20 deterministic dimension sets of 2–5 keys, sizes 3–5. */
function consortiumRequests() {
  return Array.from({ length: 20 }, (_, i) => ({
    dimensions: DIMENSIONS.filter((_, d) => (d * 3 + i) % 7 < 2 + (i % 4)),
    size: 3 + (i % 3),
  }));
}

async function post(app: App, query: string, variables: Record<string, unknown>) {
  const response = await fetch(app.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

async function measure(uri: string, jvmPid: number, partners: number) {
  const app = await startApp(benchAppConfig(uri), pino({ level: 'silent' }));
  await app.ready;
  await seedDemo(app.database.executor, { partners, seed: 7 });
  // 200 ACTIVE partners spread over the whole id range, the same in every run.
  const ids = await app.database.executor.read(
    {
      cypher: `MATCH (p:Partner {status: 'ACTIVE'}) WITH p ORDER BY p.id
WITH collect(p.id) AS ids
UNWIND range(0, 199) AS i RETURN ids[toInteger(i * size(ids) / 200)] AS id`,
    },
    (r) => r.get('id') as string,
  );
  const repository = new MatchingRepository(app.database.executor);
  const suggest = latency(
    await timeRuns(ids.length, (i) => post(app, SUGGEST, { id: ids[i % ids.length] })),
  );
  // The reads of a request with a cold profile cache, straight through the executor.
  const executor = app.database.executor;
  const reads = latency(
    await timeRuns(ids.length, async (i) => {
      const id = ids[i % ids.length] as string;
      const { seekers } = await repository.findSeekers([id]);
      const seeker = seekers[0];
      if (!seeker) return;
      const excluded = [id, ...seeker.former.map((f) => f.id)];
      const network = networkReach(seeker, excluded, CHANNEL_LIMITS.network).channel;
      const needs = needChannel(seeker.needMatches, excluded, CHANNEL_LIMITS.needs);
      const query = matchingQueries.candidates([{ seeker, excluded, network, needs }], {});
      const candidateIds = await executor.read(query, (r) => r.get('id') as string);
      await executor.read(matchingQueries.profiles(candidateIds), (r) => r);
    }),
  );
  const requests = consortiumRequests();
  const consortia = latency(
    await timeRuns(
      requests.length,
      (i) => post(app, CONSORTIA, requests[i % requests.length] ?? {}),
      2,
    ),
  );
  const row = {
    partners,
    suggestP50: suggest.p50,
    suggestP95: suggest.p95,
    cypherReadsP50: reads.p50,
    cypherReadsP95: reads.p95,
    ratioP50: Number((suggest.p50 / reads.p50).toFixed(2)),
    ratioP95: Number((suggest.p95 / reads.p95).toFixed(2)),
    consortiaP50: consortia.p50,
    consortiaP95: consortia.p95,
    apiRssMiB: await rssMiB(process.pid),
    jvmRssMiB: await rssMiB(jvmPid),
  };
  await app.stop();
  return row;
}

async function main() {
  await benchAtSizes(
    'matching',
    {
      goals: { suggestP95At353: 25, suggestP95At50k: 250, consortiaP95At50k: 1000 },
      unit: 'ms',
    },
    (db, partners) => measure(db.uri, db.pid, partners),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
