import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Role } from '../src/auth/auth.types';
import { signDevelopmentToken } from '../src/auth/tokens';
import { RELAXED_ADMISSION } from '../test/support/test-app';
import { type ApiUnderTest, SECRET, startApi, stopApi } from './api-under-test';
import { percentile, postGraphQL, report } from './support';

/**
 * `npm run bench:abuse`: the attack hostile clients found (issue 18, hole 1) beside a quiet
 * client, against a real API process (NODE_ENV=production, its own embedded Neo4j with the demo
 * alliance). The quiet client sends a trivial query back to back and probes `/healthz` ten times a
 * second, first alone (the baseline), then in one phase per attack:
 *
 * - `anonymous`: ATTACKERS clients without a token loop the two attack queries in turn: 100
 *   partners with 50 suggestions each, and 15 aliased uncached networks;
 * - `partners`: ATTACKERS partners, each with its own PARTNER token (and so the full cost limit),
 *   loop the suggestion attack, each with as many operations at once as admission lets one
 *   caller run (`GRAPHQL_EXPENSIVE_IN_FLIGHT`, 2);
 * - `coordinators`: the same with COORDINATOR tokens (distinct subjects), off by default.
 *
 * Printed per phase: the trivial query's p50/p99 with the ratio to its p99 alone, `/healthz`'s p99
 * and max, the longest event-loop block the API reports (`nodejs_eventloop_lag_max_seconds` of
 * `/metrics`, read before and after the phase) and what the attackers got. Goals: p99 under attack
 * ≤ 2 × p99 alone, and `/healthz` ≤ 50 ms.
 *
 * Environment: BENCH_ATTACKERS (16), BENCH_PHASE_S (30), BENCH_WARMUP_S (20), BENCH_PHASES
 * (`anonymous,partners`; add `coordinators`), BENCH_NO_ADMISSION (1: admission relaxed as in the
 * test suites, to see the attack as it was before), BENCH_MATCHING_WORKERS (passed on as
 * `MATCHING_WORKERS`; 0 ranks in slices on the event loop).
 *
 * On a machine shared with other work, run it as `nice -n -15 npm run bench:abuse`: the API and
 * its Neo4j inherit the priority, so the figures show this API rather than its neighbours.
 */
const ATTACKERS = Number(process.env.BENCH_ATTACKERS ?? 16);
const PHASE_S = Number(process.env.BENCH_PHASE_S ?? 30);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 20);
const PHASES = (process.env.BENCH_PHASES ?? 'anonymous,partners').split(',');
/** Operations one authenticated attacker keeps running at once (admission's default allowance). */
const IN_FLIGHT = 2;
const HEALTH_GOAL_MS = 50;
const RATIO_GOAL = 2;

const TRIVIAL = '{ dimensions { key } }';
const SUGGESTIONS_ATTACK = `{ partners(first: 100) { edges { node { id
  suggestions(first: 50) { score partner { id name } reasons { code text } } } } } }`;
const NETWORK_ATTACK = `{ ${Array.from(
  { length: 15 },
  (_, i) =>
    `n${i}: network(mode: BIPARTITE, filter: { from: "20${String(10 + i)}-01-01" }) { nodes { id } }`,
).join(' ')} }`;

/**
 * The API runs as if behind one proxy (`TRUST_PROXY_HOPS=1`), so that each client can come from
 * its own address (`X-Forwarded-For`), as attackers and users do on the internet.
 */
const QUIET_ADDRESS = '198.51.100.1';
const attackerAddress = (n: number) => `203.0.113.${n + 1}`;

/** Milliseconds one GraphQL POST took, and its outcome: `ok` or the first error's code. */
async function timedPost(
  url: string,
  query: string,
  from: string,
  headers: Record<string, string> = {},
): Promise<{ ms: number; outcome: string }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  const outcome = body.errors?.[0]?.extensions?.code ?? 'ok';
  return { ms: performance.now() - started, outcome };
}

/** Runs `work` back to back until `until`, collecting what it returns. */
async function loop<T>(until: number, work: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  while (Date.now() < until) results.push(await work());
  return results;
}

/** The quiet client for one phase: trivial queries back to back, `/healthz` every 100 ms. */
async function quietClient(api: ApiUnderTest, seconds: number) {
  const until = Date.now() + seconds * 1000;
  const health = new URL('/healthz', api.url).toString();
  const [trivial, healthz] = await Promise.all([
    loop(until, async () => (await timedPost(api.url, TRIVIAL, QUIET_ADDRESS)).ms),
    loop(until, async () => {
      const started = performance.now();
      await (await fetch(health, { headers: { 'x-forwarded-for': QUIET_ADDRESS } })).arrayBuffer();
      const ms = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return ms;
    }),
  ]);
  return { trivial, healthz };
}

/** One attacker of a phase: whom it poses as and what it sends. */
interface Attacker {
  from: string;
  headers: Record<string, string>;
  queries: readonly string[];
  /** Operations it keeps running at once. */
  loops: number;
}

/** One attacker: its queries in turn until `until` (in `loops` loops); counts the outcomes. */
async function attack(
  api: ApiUnderTest,
  { from, headers, queries, loops }: Attacker,
  until: number,
  outcomes: Map<string, number>,
) {
  let turn = 0;
  const one = () =>
    loop(until, async () => {
      const query = queries[turn++ % queries.length] as string;
      const sent = timedPost(api.url, query, from, headers);
      const { outcome } = await sent.catch(() => ({ outcome: 'transport' }));
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    });
  await Promise.all(Array.from({ length: loops }, one));
}

/** The attackers of a phase (see the module comment). */
async function attackers(api: ApiUnderTest, phase: string): Promise<Attacker[]> {
  const numbers = Array.from({ length: ATTACKERS }, (_, n) => n);
  if (phase === 'anonymous') {
    const queries = [SUGGESTIONS_ATTACK, NETWORK_ATTACK];
    return numbers.map((n) => ({ from: attackerAddress(n), headers: {}, queries, loops: 1 }));
  }
  const page = await postGraphQL<{ partners: { edges: { node: { id: string } }[] } }>(
    api.url,
    `{ partners(first: ${ATTACKERS}, filter: { statuses: [ACTIVE] }) { edges { node { id } } } }`,
    {},
    { 'x-forwarded-for': QUIET_ADDRESS },
  );
  const ids = page.partners.edges.map((e) => e.node.id);
  return Promise.all(
    numbers.map(async (n) => {
      const claims =
        phase === 'partners'
          ? { role: Role.PARTNER, partnerId: ids[n % ids.length] }
          : { role: Role.COORDINATOR, subject: `coordinator:bench-${n}` };
      const token = await signDevelopmentToken(SECRET, claims);
      return {
        from: attackerAddress(n),
        headers: { authorization: `Bearer ${token}` },
        queries: [SUGGESTIONS_ATTACK],
        loops: IN_FLIGHT,
      };
    }),
  );
}

/**
 * The longest event-loop block the API saw since the last call, in ms: prom-client's
 * `nodejs_eventloop_lag_max_seconds` is reset on every scrape of `/metrics`.
 */
async function loopBlockMs(api: ApiUnderTest): Promise<number> {
  const text = await (await fetch(new URL('/metrics', api.url))).text();
  const seconds = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1];
  return Math.round(Number(seconds) * 1000 * 10) / 10;
}

/** One attack phase beside the quiet client: its row and summary. */
async function attackPhase(api: ApiUnderTest, phase: string, alone: QuietSample) {
  const outcomes = new Map<string, number>();
  const phaseAttackers = await attackers(api, phase);
  await loopBlockMs(api);
  const until = Date.now() + PHASE_S * 1000;
  const [attacked] = await Promise.all([
    quietClient(api, PHASE_S),
    ...phaseAttackers.map((a) => attack(api, a, until, outcomes)),
  ]);
  const maxLoopBlockMs = await loopBlockMs(api);
  const ratio = percentile(attacked.trivial, 99) / percentile(alone.trivial, 99);
  const healthzMax = Math.max(...attacked.healthz);
  return {
    row: { ...row(`${ATTACKERS} ${phase}`, attacked), maxLoopBlockMs },
    summary: {
      p99Ratio: Math.round(ratio * 100) / 100,
      healthzMaxMs: Math.round(healthzMax * 10) / 10,
      maxLoopBlockMs,
      attackerOutcomes: Object.fromEntries(outcomes),
      goalsMet: ratio <= RATIO_GOAL && healthzMax <= HEALTH_GOAL_MS,
    },
  };
}

/** What the quiet client measured in one phase, in ms. */
interface QuietSample {
  trivial: number[];
  healthz: number[];
}

/** A table row of a phase. */
function row(phase: string, sample: QuietSample) {
  return {
    phase,
    trivialP50Ms: Math.round(percentile(sample.trivial, 50) * 10) / 10,
    trivialP99Ms: Math.round(percentile(sample.trivial, 99) * 10) / 10,
    healthzP99Ms: Math.round(percentile(sample.healthz, 99) * 10) / 10,
    healthzMaxMs: Math.round(Math.max(...sample.healthz) * 10) / 10,
    trivialRequests: sample.trivial.length,
  };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-bench-abuse-'));
  const admission = process.env.BENCH_NO_ADMISSION ? RELAXED_ADMISSION : {};
  // BENCH_MATCHING_WORKERS=0: the ranking in slices on the event loop, to compare.
  const workers: Record<string, string> = process.env.BENCH_MATCHING_WORKERS
    ? { MATCHING_WORKERS: process.env.BENCH_MATCHING_WORKERS }
    : {};
  const api = await startApi(dataDir, { TRUST_PROXY_HOPS: '1', ...admission, ...workers });
  try {
    await quietClient(api, WARMUP_S);
    await loopBlockMs(api);
    const alone = await quietClient(api, PHASE_S);
    const rows: Record<string, unknown>[] = [
      { ...row('alone', alone), maxLoopBlockMs: await loopBlockMs(api) },
    ];
    const phases: Record<string, unknown> = {};
    for (const phase of PHASES) {
      const { row: phaseRow, summary } = await attackPhase(api, phase, alone);
      rows.push(phaseRow);
      phases[phase] = summary;
    }
    await report('abuse', rows, {
      p99RatioGoal: RATIO_GOAL,
      healthzGoalMs: HEALTH_GOAL_MS,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      ...phases,
    });
  } finally {
    await stopApi(api);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
