import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RELAXED_ADMISSION } from '../test/support/test-app';
import { type ApiUnderTest, startApi, stopApi } from './api-under-test';
import { percentile, report } from './support';

/**
 * `npm run bench:abuse`: the attack hostile clients found (issue 18, hole 1) beside a quiet
 * client, against a real API process (NODE_ENV=production, its own embedded Neo4j with the demo
 * alliance). The quiet client sends a trivial query back to back and probes `/healthz` ten times a
 * second, first alone (the baseline), then while ATTACKERS anonymous clients loop the two attack
 * queries: 100 partners with 50 suggestions each, and 15 aliased uncached networks.
 *
 * Printed: the trivial query's p50/p99 alone and under attack with their ratio, `/healthz`'s p99
 * and max under attack, and what the attackers got. Goal: p99 under attack ≤ 2 × p99 alone, and
 * `/healthz` ≤ 50 ms.
 *
 * Environment: BENCH_ATTACKERS (16), BENCH_PHASE_S (30), BENCH_WARMUP_S (20), BENCH_NO_ADMISSION
 * (1: admission relaxed as in the test suites, to see the attack as it was before).
 */
const ATTACKERS = Number(process.env.BENCH_ATTACKERS ?? 16);
const PHASE_S = Number(process.env.BENCH_PHASE_S ?? 30);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 20);
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
): Promise<{ ms: number; outcome: string }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
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

/** One attacker: the two attack queries in turn until `until`; counts the outcomes it got. */
async function attacker(
  api: ApiUnderTest,
  from: string,
  until: number,
  outcomes: Map<string, number>,
) {
  let turn = 0;
  await loop(until, async () => {
    const query = turn++ % 2 === 0 ? SUGGESTIONS_ATTACK : NETWORK_ATTACK;
    const sent = timedPost(api.url, query, from);
    const { outcome } = await sent.catch(() => ({ outcome: 'transport' }));
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  });
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-bench-abuse-'));
  const admission = process.env.BENCH_NO_ADMISSION ? RELAXED_ADMISSION : {};
  const api = await startApi(dataDir, { TRUST_PROXY_HOPS: '1', ...admission });
  try {
    await quietClient(api, WARMUP_S);
    const alone = await quietClient(api, PHASE_S);
    const outcomes = new Map<string, number>();
    const until = Date.now() + PHASE_S * 1000;
    const [attacked] = await Promise.all([
      quietClient(api, PHASE_S),
      ...Array.from({ length: ATTACKERS }, (_, n) =>
        attacker(api, attackerAddress(n), until, outcomes),
      ),
    ]);
    const row = (phase: string, sample: { trivial: number[]; healthz: number[] }) => ({
      phase,
      trivialP50Ms: Math.round(percentile(sample.trivial, 50) * 10) / 10,
      trivialP99Ms: Math.round(percentile(sample.trivial, 99) * 10) / 10,
      healthzP99Ms: Math.round(percentile(sample.healthz, 99) * 10) / 10,
      healthzMaxMs: Math.round(Math.max(...sample.healthz) * 10) / 10,
      trivialRequests: sample.trivial.length,
    });
    const rows = [row('alone', alone), row(`${ATTACKERS} attackers`, attacked)];
    const ratio = percentile(attacked.trivial, 99) / percentile(alone.trivial, 99);
    const healthzMax = Math.max(...attacked.healthz);
    await report('abuse', rows, {
      p99Ratio: Math.round(ratio * 100) / 100,
      p99RatioGoal: RATIO_GOAL,
      healthzMaxMs: Math.round(healthzMax * 10) / 10,
      healthzGoalMs: HEALTH_GOAL_MS,
      attackerOutcomes: Object.fromEntries(outcomes),
      goalsMet: ratio <= RATIO_GOAL && healthzMax <= HEALTH_GOAL_MS,
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
