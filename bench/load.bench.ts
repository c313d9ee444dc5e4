import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Role } from '../src/auth/auth.types';
import { signDevelopmentToken } from '../src/auth/tokens';
import { MAIN_JS } from '../test/support/api-process';
import { postGraphQL, report, rssMiB } from './support';

/**
 * `npm run bench:load`: a mixed workload against a real API process (NODE_ENV=production, its own
 * embedded Neo4j with the demo alliance): partner lists, one partner with its cooperations, the
 * cached network, suggestions for varying partners, and profile updates by coordinators, with
 * autocannon, one instance per operation so each gets its own latency histogram. Writes are
 * capped (each one bumps the data version, so the network is computed anew after it); they touch
 * existing partners only, so the graph grows by nothing but audit entries, in a temporary folder.
 * A warm-up of the same mix runs first; memory counts as flat when the RSS after the run is at
 * most 1.2 × the RSS after the warm-up (API and JVM each).
 * Goals: 0 errors (transport, non-2xx, GraphQL errors), p99 of every read < 100 ms, memory flat.
 * No rate limit stands in the way: the only one guards applyForMembership, which is not called.
 *
 * Environment: BENCH_DURATION_S (60), BENCH_CONNECTIONS (50), BENCH_WARMUP_S (10),
 * BENCH_PROFILE_UPDATES_PER_S (2; 0 leaves writes out).
 */
const DURATION_S = intFromEnv('BENCH_DURATION_S', 60);
const CONNECTIONS = intFromEnv('BENCH_CONNECTIONS', 50);
const WARMUP_S = intFromEnv('BENCH_WARMUP_S', 10);
const PROFILE_UPDATES_PER_S = intFromEnv('BENCH_PROFILE_UPDATES_PER_S', 2, 0);
const SECRET = 'bench-secret-of-the-vielfalt-api-0123456789';
const READ_P99_GOAL_MS = 100;
/** Start-up includes the first JVM start and seeding the demo alliance. */
const START_TIMEOUT_MS = 300_000;
const RSS_GROWTH_LIMIT = 1.2;

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

function intFromEnv(name: string, fallback: number, min = 1): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`expected ${name} to be an integer ≥ ${min}, got "${process.env[name]}"`);
  }
  return value;
}

/** One kind of request in the mix. */
interface Operation {
  name: string;
  kind: 'read' | 'write';
  /** Share of the connections. */
  share: number;
  /** Caps this operation's requests per second (all its connections together). */
  overallRate?: number;
  /** Builds the body of the next request of one connection (`context` lives per connection). */
  body(context: Record<string, unknown>): string;
  /** Sees each response body of one connection. */
  onBody?(body: string, context: Record<string, unknown>): void;
}

/** Per-operation counts autocannon does not keep: responses that carry GraphQL errors. */
interface Tally {
  graphqlErrors: number;
  firstError?: string;
}

interface Fixture {
  url: string;
  authorization: string;
  partnerIds: string[];
  versions: Map<string, number>;
  /** How many partners writing connections have taken so far. */
  writers: number;
}

const gql = (query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ query, variables });

/** The mix; partners are dealt out round-robin so each connection varies its requests. */
function operations(fixture: Fixture): Operation[] {
  const { partnerIds, versions } = fixture;
  let next = 0;
  const nextPartner = () => partnerIds[(next += 1) % partnerIds.length] as string;
  // Each writing connection owns a partner no other connection (of this run or an earlier one)
  // writes, so that no two race for one profile version.
  const ownPartner = (context: Record<string, unknown>) =>
    (context.partner ??= partnerIds[(fixture.writers += 1) % partnerIds.length]) as string;
  const mix: Operation[] = [
    { name: 'partners (page of 20)', kind: 'read', share: 0.25, body: () => gql(PARTNERS_PAGE) },
    {
      name: 'partner + cooperations',
      kind: 'read',
      share: 0.25,
      body: () => gql(PARTNER_NESTED, { id: nextPartner() }),
    },
    // Cached per data version: computed anew after each profile update.
    { name: 'network', kind: 'read', share: 0.1, body: () => gql(NETWORK) },
    {
      name: 'suggestedPartners',
      kind: 'read',
      share: 0.3,
      body: () => gql(SUGGESTIONS, { id: nextPartner() }),
    },
    {
      name: 'updatePartnerProfile',
      kind: 'write',
      share: 0.1,
      overallRate: PROFILE_UPDATES_PER_S,
      body: (context) => {
        const id = ownPartner(context);
        const description = `Lastprobe ${Date.now()}`;
        return gql(UPDATE_PROFILE, { id, version: versions.get(id), description });
      },
      onBody: (body, context) => {
        const version = /"version":(\d+)/.exec(body)?.[1];
        if (version !== undefined) versions.set(context.partner as string, Number(version));
      },
    },
  ];
  return PROFILE_UPDATES_PER_S > 0 ? mix : mix.filter((op) => op.kind === 'read');
}

/** Splits the connections by share (rounding the running sum, so they add up); at least one each. */
function connectionsFor(ops: Operation[]): number[] {
  let sum = 0;
  return ops.map((op) => {
    const before = Math.round(sum * CONNECTIONS);
    sum += op.share;
    return Math.max(1, Math.round(sum * CONNECTIONS) - before);
  });
}

/** Runs the whole mix once for `seconds`; resolves with autocannon's result per operation. */
async function runMix(fixture: Fixture, seconds: number) {
  const ops = operations(fixture);
  const connections = connectionsFor(ops);
  return Promise.all(
    ops.map(async (op, index) => {
      const tally: Tally = { graphqlErrors: 0 };
      const result = await autocannon({
        url: fixture.url,
        connections: connections[index] ?? 1,
        duration: seconds,
        timeout: 10,
        overallRate: op.overallRate,
        headers: { 'content-type': 'application/json', authorization: fixture.authorization },
        requests: [
          {
            method: 'POST',
            setupRequest: (request, context) => ({
              ...request,
              body: op.body(context as Record<string, unknown>),
            }),
            onResponse: (_status, body, context) => {
              if (body.includes('"errors"')) {
                tally.graphqlErrors += 1;
                tally.firstError ??= body.slice(0, 300);
              }
              op.onBody?.(body, context as Record<string, unknown>);
            },
          },
        ],
      });
      return { op, connections: connections[index] ?? 1, result, tally };
    }),
  );
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
  return { url, authorization, partnerIds, versions, writers: 0 };
}

/** The API process under load; it logs into a file, which never holds it back as a pipe can. */
interface ApiUnderTest {
  child: ChildProcess;
  url: string;
  jvmPid: number;
  logs(): Promise<Record<string, unknown>[]>;
}

/** Starts `node dist/src/main.js` with its own embedded Neo4j and waits until it is ready. */
async function startApi(dataDir: string): Promise<ApiUnderTest> {
  const logFile = path.join(dataDir, 'api.log');
  const out = await open(logFile, 'w');
  const child = spawn(process.execPath, [MAIN_JS], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      NEO4J_DATA_DIR: path.join(dataDir, 'neo4j'),
      SEED_ON_START: 'true',
      JWT_SECRET: SECRET,
    },
    stdio: ['ignore', out.fd, out.fd],
  });
  await out.close();
  const logs = async () =>
    (await readFile(logFile, 'utf8')).split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const lines = await logs();
    const listening = lines.find((line) => line.msg === 'listening');
    const jvm = lines.find((line) => line.msg === 'embedded Neo4j started');
    if (listening && jvm && lines.some((line) => line.msg === 'ready')) {
      return { child, url: listening.url as string, jvmPid: jvm.pid as number, logs };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not get ready: ${JSON.stringify(lines.slice(-5))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function stopApi(api: ApiUnderTest): Promise<void> {
  if (api.child.exitCode !== null) return;
  const exited = new Promise((resolve) => api.child.once('exit', resolve));
  api.child.kill('SIGTERM');
  await exited;
}

async function memory(api: ApiUnderTest) {
  return { apiMiB: await rssMiB(api.child.pid ?? -1), jvmMiB: await rssMiB(api.jvmPid) };
}

/** What the API logged at level error or above, once per message: the causes of masked errors. */
async function apiErrors(api: ApiUnderTest): Promise<string[]> {
  const errors = (await api.logs())
    .filter((line) => Number(line.level) >= 50)
    .map((line) => `${String(line.msg)}: ${String((line.err as { message?: string })?.message)}`);
  return [...new Set(errors)].slice(0, 10);
}

const passOrMiss = (met: boolean) => (met ? 'PASS' : 'MISS');

type MixResult = Awaited<ReturnType<typeof runMix>>;
type Memory = Awaited<ReturnType<typeof memory>>;

/** The table rows, one per operation. */
function rowsOf(runs: MixResult) {
  return runs.map(({ op, connections, result, tally }) => ({
    operation: op.name,
    kind: op.kind,
    connections,
    requests: result.requests.total,
    perSecond: Number((result.requests.total / result.duration).toFixed(1)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    graphqlErrors: tally.graphqlErrors,
    transportErrors: result.errors,
    timeouts: result.timeouts,
  }));
}

/** Each goal with PASS or MISS and the figure it was judged on. */
function goalsOf(rows: ReturnType<typeof rowsOf>, warm: Memory, after: Memory) {
  const errors = rows.reduce((sum, r) => sum + r.non2xx + r.graphqlErrors + r.transportErrors, 0);
  const worstReadP99 = Math.max(...rows.filter((r) => r.kind === 'read').map((r) => r.p99));
  const flat = (key: keyof Memory) => after[key] <= RSS_GROWTH_LIMIT * warm[key];
  return {
    zeroErrors: `${passOrMiss(errors === 0)} (${errors} errors)`,
    readP99: `${passOrMiss(worstReadP99 < READ_P99_GOAL_MS)} (worst read p99 ${worstReadP99} ms, goal < ${READ_P99_GOAL_MS})`,
    memoryFlat: `${passOrMiss(flat('apiMiB') && flat('jvmMiB'))} (API ${warm.apiMiB} → ${after.apiMiB} MiB, JVM ${warm.jvmMiB} → ${after.jvmMiB} MiB; limit ×${RSS_GROWTH_LIMIT} of after warm-up)`,
  };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-bench-load-'));
  let api: ApiUnderTest | undefined;
  try {
    api = await startApi(dataDir);
    const token = await signDevelopmentToken(SECRET, { role: Role.COORDINATOR });
    const fixture = await prepare(api.url, `Bearer ${token}`);
    const idle = await memory(api);
    await runMix(fixture, WARMUP_S);
    const warm = await memory(api);
    const runs = await runMix(fixture, DURATION_S);
    const after = await memory(api);
    const rows = rowsOf(runs);
    await report('load', rows, {
      durationS: DURATION_S,
      warmupS: WARMUP_S,
      connections: CONNECTIONS,
      profileUpdatesPerS: PROFILE_UPDATES_PER_S,
      partners: fixture.partnerIds.length,
      totalPerSecond: Number(rows.reduce((sum, r) => sum + r.perSecond, 0).toFixed(1)),
      rssMiB: { idle, afterWarmup: warm, afterRun: after },
      goals: goalsOf(rows, warm, after),
      firstErrors: runs.flatMap(({ op, tally }) =>
        tally.firstError ? [`${op.name}: ${tally.firstError}`] : [],
      ),
      apiErrors: await apiErrors(api),
      unit: 'ms',
    });
  } finally {
    if (api) await stopApi(api);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
