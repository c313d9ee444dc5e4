import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Role } from '../src/auth/auth.types';
import { signDevelopmentToken } from '../src/auth/tokens';
import {
  generateLoad,
  latencySummary,
  type LoadOperation,
  type OperationResult,
} from './load-generator';
import { RELAXED_ADMISSION } from '../test/support/test-app';
import { type ApiUnderTest, SECRET, startApi, stopApi } from './api-under-test';
import { cpuSeconds, postGraphQL, report, rssMiB } from './support';

/**
 * `npm run bench:load`: a mixed workload against a real API process (NODE_ENV=production, its own
 * embedded Neo4j with the demo alliance): partner lists, one partner with its cooperations, the
 * cached network, suggestions for varying partners, and profile updates by coordinators, over 50
 * keep-alive connections (see {@link generateLoad}). Writes touch existing partners only (each
 * bumps the data version, so the network is computed anew after it), so the graph grows by
 * nothing but audit entries, in a temporary folder. A warm-up of the same mix runs first.
 *
 * The load is open: reads arrive at BENCH_RATE per second in all (Poisson), as requests of many
 * independent users do, and latency counts from when a request was due. The default, 100 reads/s
 * plus 2 writes/s, is far above what an alliance of ~350 organisations sends (a Bündnistreffen
 * with 100 people browsing sends a few per second) and keeps the 2-core machine about half busy.
 * BENCH_RATE=0 instead runs 50 closed loops that send again at once: the capacity, where latency
 * is nothing but queueing (50 in flight / throughput) and says little about the API.
 * Goals: 0 errors (transport, non-2xx, GraphQL errors, timeouts), p99 of every read < 100 ms,
 * memory flat ({@link memoryFlat}). No rate limit stands in the way: the only one guards
 * applyForMembership, which is not called.
 *
 * Environment: BENCH_RATE (100; 0: closed loops), BENCH_DURATION_S (60), BENCH_CONNECTIONS (50),
 * BENCH_WARMUP_S (60), BENCH_PROFILE_UPDATES_PER_S (2; 0 leaves writes out), BENCH_API_NODE_ARGS
 * (options for the API's node process, split at spaces, e.g. `--cpu-prof`), READ_COMPILER and
 * GRAPHQL_EXECUTOR (handed to the API).
 */
const DURATION_S = intFromEnv('BENCH_DURATION_S', 60);
const CONNECTIONS = intFromEnv('BENCH_CONNECTIONS', 50);
/**
 * The JVM compiles Neo4j's hot paths during the first minute under load: after a 10 s warm-up
 * the JVM spent twice the CPU per request that it spends after 60 s. Measured is the steady state.
 */
const WARMUP_S = intFromEnv('BENCH_WARMUP_S', 60);
const PROFILE_UPDATES_PER_S = intFromEnv('BENCH_PROFILE_UPDATES_PER_S', 2, 0);
/** Reads per second offered in all; 0: closed loops as fast as they are answered (capacity). */
const READ_RATE = intFromEnv('BENCH_RATE', 100, 0);
const READ_P99_GOAL_MS = 100;
const RSS_GROWTH_LIMIT = 1.1;

const PARTNERS_PAGE = `query { partners(first: 20, orderBy: { field: NAME, direction: ASC }) {
  totalCount pageInfo { endCursor hasNextPage }
  edges { node { id name sector kind district { name borough } dimensions { perspective dimension { key } } } } } }`;
const PARTNER_NESTED = `query($id: ID!) { partner(id: $id) { id name description
  dimensions { perspective dimension { key nameDe } } topics { key } district { name borough }
  cooperations(first: 10) { totalCount edges { node { id title kind startedOn
    partners { role partner { id name } } } } } } }`;
const NETWORK = `query { network(mode: PARTNERS) { dataVersion
  nodes { id label size community x y } edges { source target weight }
  metrics { nodes edges density communities modularity } } }`;
const SUGGESTIONS = `query($id: ID!) { suggestedPartners(partnerId: $id, first: 10) {
  score partner { id name } reasons { code ref } coveredDimensions { key } } }`;
const UPDATE_PROFILE = `mutation($id: ID!, $version: Int!, $description: String) {
  updatePartnerProfile(id: $id, version: $version, input: { description: $description }) { version } }`;
const ACTIVE_PARTNERS = `query($after: String) { partners(first: 100, after: $after, filter: { statuses: [ACTIVE] }) {
  pageInfo { endCursor hasNextPage } edges { node { id version } } } }`;

/**
 * READ_COMPILER and GRAPHQL_EXECUTOR given to the bench are handed to the API, so the capacity
 * of the read path before the compiler (`READ_COMPILER=false GRAPHQL_EXECUTOR=graphql-js`) can
 * be measured on the same machine.
 */
function readPathFromEnv(): Record<string, string> {
  const names = ['READ_COMPILER', 'GRAPHQL_EXECUTOR'] as const;
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = process.env[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

function intFromEnv(name: string, fallback: number, min = 1): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`expected ${name} to be an integer ≥ ${min}, got "${process.env[name]}"`);
  }
  return value;
}

interface Fixture {
  url: string;
  authorization: string;
  partnerIds: string[];
  versions: Map<string, number>;
}

const gql = (query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ query, variables });

/** Shares of the reads in the mix (they add up to 1). */
const READ_SHARES = { partners: 0.28, partner: 0.28, network: 0.11, suggestions: 0.33 };

/**
 * The mix; partners are dealt out round-robin so reads vary. A write takes a partner no other
 * write holds at the time and gives it back with its new version, so no two race for one
 * profile version (which would be a legitimate CONFLICT, not what is measured).
 */
function operations(fixture: Fixture): LoadOperation[] {
  const { partnerIds, versions } = fixture;
  let next = 0;
  const nextPartner = () => partnerIds[(next += 1) % partnerIds.length] as string;
  const free = [...partnerIds];
  const read = (name: string, share: number, body: () => string): LoadOperation => ({
    name,
    kind: 'read',
    ...(READ_RATE === 0
      ? { loops: Math.max(1, Math.round(CONNECTIONS * share)) }
      : { rate: READ_RATE * share }),
    request: () => ({ body: body() }),
  });
  const mix: LoadOperation[] = [
    read('partners (page of 20)', READ_SHARES.partners, () => gql(PARTNERS_PAGE)),
    read('partner + cooperations', READ_SHARES.partner, () =>
      gql(PARTNER_NESTED, { id: nextPartner() }),
    ),
    // Cached per data version: computed anew after each profile update.
    read('network', READ_SHARES.network, () => gql(NETWORK)),
    read('suggestedPartners', READ_SHARES.suggestions, () =>
      gql(SUGGESTIONS, { id: nextPartner() }),
    ),
    {
      name: 'updatePartnerProfile',
      kind: 'write',
      rate: PROFILE_UPDATES_PER_S,
      request: () => {
        const id = free.shift() as string;
        const description = `Lastprobe ${Date.now()}`;
        return {
          body: gql(UPDATE_PROFILE, { id, version: versions.get(id), description }),
          done: (text) => {
            const version = /"version":(\d+)/.exec(text)?.[1];
            if (version !== undefined) versions.set(id, Number(version));
            free.push(id);
          },
        };
      },
    },
  ];
  return PROFILE_UPDATES_PER_S > 0 ? mix : mix.filter((op) => op.kind === 'read');
}

/** Runs the whole mix once for `seconds`. */
function runMix(fixture: Fixture, seconds: number, seed: number) {
  return generateLoad(operations(fixture), {
    url: fixture.url,
    headers: { authorization: fixture.authorization },
    seconds,
    connections: CONNECTIONS,
    seed,
  });
}

/** Resolves with every ACTIVE partner and its version. */
async function prepare(url: string, authorization: string): Promise<Fixture> {
  const headers = { authorization };
  const versions = new Map<string, number>();
  let after: string | null = null;
  do {
    const page: {
      partners: {
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
        edges: { node: { id: string; version: number } }[];
      };
    } = await postGraphQL(url, ACTIVE_PARTNERS, { after }, headers);
    for (const { node } of page.partners.edges) versions.set(node.id, node.version);
    after = page.partners.pageInfo.hasNextPage ? page.partners.pageInfo.endCursor : null;
  } while (after !== null);
  const partnerIds = [...versions.keys()];
  return { url, authorization, partnerIds, versions };
}

/** The API process under load; it logs into a file, which never holds it back as a pipe can. */
async function memory(api: ApiUnderTest) {
  return { apiMiB: await rssMiB(api.child.pid ?? -1), jvmMiB: await rssMiB(api.jvmPid) };
}

/**
 * Neo4j transactions and GraphQL requests the API has counted so far, from its `/metrics`: the
 * round trips one request costs on average.
 */
async function counted(api: ApiUnderTest) {
  const text = await (await fetch(new URL('/metrics', api.url))).text();
  const sum = (name: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return {
    transactions: sum('neo4j_query_duration_seconds_count'),
    requests: sum('graphql_requests_total'),
  };
}

/** CPU seconds (user + system) the API and the JVM have used so far: who is the bottleneck. */
async function cpu(api: ApiUnderTest) {
  return { apiS: await cpuSeconds(api.child.pid ?? -1), jvmS: await cpuSeconds(api.jvmPid) };
}

/** What the API logged at level error or above, once per message: the causes of masked errors. */
async function apiErrors(api: ApiUnderTest): Promise<string[]> {
  const errors = (await api.logs())
    .filter((line) => Number(line.level) >= 50)
    .map((line) => `${String(line.msg)}: ${String((line.err as { message?: string })?.message)}`);
  return [...new Set(errors)].slice(0, 10);
}

const passOrMiss = (met: boolean) => (met ? 'PASS' : 'MISS');

type Memory = Awaited<ReturnType<typeof memory>>;

/** The table rows, one per operation. */
function rowsOf(results: OperationResult[]) {
  return results.map((result) => ({
    operation: result.operation.name,
    kind: result.operation.kind,
    offeredPerS:
      result.operation.rate === undefined
        ? `loop×${result.operation.loops}`
        : Number(result.operation.rate.toFixed(1)),
    answeredPerS: Number((result.answered / DURATION_S).toFixed(1)),
    ...latencySummary(result),
    non2xx: result.non2xx,
    graphqlErrors: result.graphqlErrors,
    transportErrors: result.transportErrors,
    timeouts: result.timeouts,
  }));
}

/**
 * Memory counts as flat when the most either process held in the second half of the run is at
 * most {@link RSS_GROWTH_LIMIT} × the most it held in the first half: by then the heaps have
 * grown to their working size (V8's in the first seconds, the JVM's fixed heap as it is touched),
 * and a leak keeps growing.
 */
function memoryFlat(series: Memory[]) {
  const half = Math.floor(series.length / 2);
  const most = (part: Memory[], key: keyof Memory) => Math.max(...part.map((m) => m[key]));
  const judged = (['apiMiB', 'jvmMiB'] as const).map((key) => {
    const [first, second] = [most(series.slice(0, half), key), most(series.slice(half), key)];
    return { key, first, second, flat: second <= RSS_GROWTH_LIMIT * first };
  });
  const figures = judged.map((j) => `${j.key} ${j.first} → ${j.second}`).join(', ');
  return `${passOrMiss(judged.every((j) => j.flat))} (most RSS in the first → second half: ${figures}; limit ×${RSS_GROWTH_LIMIT})`;
}

/** Each goal with PASS or MISS and the figure it was judged on. */
function goalsOf(rows: ReturnType<typeof rowsOf>, series: Memory[]) {
  const errors = rows.reduce(
    (sum, r) => sum + r.non2xx + r.graphqlErrors + r.transportErrors + r.timeouts,
    0,
  );
  const worstReadP99 = Math.max(...rows.filter((r) => r.kind === 'read').map((r) => r.p99));
  return {
    zeroErrors: `${passOrMiss(errors === 0)} (${errors} errors)`,
    readP99: `${passOrMiss(worstReadP99 < READ_P99_GOAL_MS)} (worst read p99 ${worstReadP99} ms, goal < ${READ_P99_GOAL_MS})`,
    memoryFlat: memoryFlat(series),
  };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-bench-load-'));
  let api: ApiUnderTest | undefined;
  try {
    api = await startApi(dataDir, { ...RELAXED_ADMISSION, ...readPathFromEnv() });
    await measure(api);
  } finally {
    if (api) await stopApi(api);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Warm-up, then the measured run; reports the table and the goals. */
async function measure(api: ApiUnderTest) {
  const token = await signDevelopmentToken(SECRET, { role: Role.COORDINATOR });
  const fixture = await prepare(api.url, `Bearer ${token}`);
  const idle = await memory(api);
  await runMix(fixture, WARMUP_S, 1);
  const warm = await memory(api);
  const [cpuBefore, countedBefore] = [await cpu(api), await counted(api)];
  const series: Memory[] = [];
  const sampler = setInterval(() => void memory(api).then((m) => series.push(m)), 5_000);
  const runs = await runMix(fixture, DURATION_S, 2);
  clearInterval(sampler);
  const [cpuAfter, countedAfter] = [await cpu(api), await counted(api)];
  const after = await memory(api);
  const rows = rowsOf(runs);
  await report('load', rows, {
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    connections: CONNECTIONS,
    offeredReadsPerSecond: READ_RATE === 0 ? 'unlimited' : READ_RATE,
    profileUpdatesPerS: PROFILE_UPDATES_PER_S,
    partners: fixture.partnerIds.length,
    totalPerSecond: Number(rows.reduce((sum, r) => sum + r.answeredPerS, 0).toFixed(1)),
    rssMiB: { idle, afterWarmup: warm, afterRun: after },
    rssEvery5sMiB: series.map((m) => `${m.apiMiB}/${m.jvmMiB}`).join(' '),
    neo4jTransactionsPerRequest: Number(
      (
        (countedAfter.transactions - countedBefore.transactions) /
        (countedAfter.requests - countedBefore.requests)
      ).toFixed(2),
    ),
    // Cores busy on average during the run; 1.0 for the API means its one thread is saturated.
    cpuCores: {
      api: Number(((cpuAfter.apiS - cpuBefore.apiS) / DURATION_S).toFixed(2)),
      jvm: Number(((cpuAfter.jvmS - cpuBefore.jvmS) / DURATION_S).toFixed(2)),
    },
    goals: goalsOf(rows, series),
    firstErrors: runs.flatMap((run) =>
      run.firstError ? [`${run.operation.name}: ${run.firstError}`] : [],
    ),
    apiErrors: await apiErrors(api),
    unit: 'ms',
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
