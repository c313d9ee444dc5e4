import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../src/auth/auth.types';
import { signDevelopmentToken } from '../src/auth/tokens';
import { RELAXED_ADMISSION } from '../test/support/test-app';
import { projectPath } from '../src/common/paths';
import { EmbeddedNeo4j } from '../src/db/embedded-neo4j';
import { EXCHANGE_MUTATIONS as M } from '../test/support/exchange-client';
import { percentile, report, rssMiB } from './support';

/**
 * `npm run bench:exchange [-- subscribers rate seconds]`: 500 WebSocket subscribers follow one
 * exchange while partners check in, check out and post at 50 events/s, two rounds of 30 s, against
 * the API as its own process. Prints delivered, lost, duplicated and out-of-order counts and the p50/p99
 * latency from commit (the time the event was appended, the last statement of its transaction) to
 * delivery, and the API's RSS before the load, after each round and after the subscribers left.
 * Goals: 0 lost, 0 duplicated, 0 out of order, p99 < 100 ms, memory flat.
 */
const SECRET = 'bench-secret-of-the-vielfalt-api-0123456789';
const ACTIVITY = `subscription A($exchangeId: ID!) {
  exchangeActivity(exchangeId: $exchangeId) { sequence at } }`;

interface Received {
  sequences: number[];
  latencies: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startApi(neo4jUri: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [projectPath('dist', 'src', 'main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      NEO4J_URI: neo4jUri,
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      ...RELAXED_ADMISSION,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 600; i += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return child;
    await sleep(500);
  }
  throw new Error('API not ready');
}

async function main() {
  const [subscribers = 500, rate = 50, seconds = 30] = process.argv.slice(2).map(Number);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-bench-exchange-'));
  const db = await EmbeddedNeo4j.start({
    dataDir,
    boltPort: 0,
    heap: '1g',
    pageCacheMiB: 256,
    startTimeoutMs: 180_000,
  });
  const port = 41_000 + Math.floor(Math.random() * 1000);
  const api = await startApi(db.uri, port);
  const url = `http://127.0.0.1:${port}/graphql`;
  const token = (claims: Parameters<typeof signDevelopmentToken>[1]) =>
    signDevelopmentToken(SECRET, claims);
  const coordinator = { authorization: `Bearer ${await token({ role: Role.COORDINATOR })}` };
  const call = async (
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, { id: string }>;
      errors?: unknown;
    };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data ?? {};
  };
  try {
    const partners = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ partners(first: 100, filter: { statuses: [ACTIVE] }) { edges { node { id } } } }',
      }),
    }).then(async (r) =>
      (
        (await r.json()) as { data: { partners: { edges: { node: { id: string } }[] } } }
      ).data.partners.edges.map((e) => e.node.id),
    );
    const partnerAuth = new Map(
      await Promise.all(
        partners.map(
          async (id) =>
            [
              id,
              { authorization: `Bearer ${await token({ role: Role.PARTNER, partnerId: id })}` },
            ] as const,
        ),
      ),
    );
    const exchangeId = (await call(M.create, { input: { title: 'Bench-Börse' } }, coordinator))
      .createExchange?.id as string;
    await call(M.open, { id: exchangeId }, coordinator);
    const presentNow = new Set<string>();
    for (const id of partners.slice(0, 80)) {
      await call(M.checkIn, { exchangeId, partnerId: id }, partnerAuth.get(id) ?? {});
      presentNow.add(id);
    }

    const received: Received[] = [];
    const clients = await Promise.all(
      Array.from({ length: subscribers }, async (_, i) => {
        const client = createClient({
          url: url.replace('http', 'ws'),
          webSocketImpl: WebSocket,
          connectionParams: {
            authorization: `Bearer ${await token({ role: Role.COORDINATOR, subject: `viewer-${i}` })}`,
          },
          retryAttempts: 0,
        });
        const log: Received = { sequences: [], latencies: [] };
        received.push(log);
        client.subscribe<{ exchangeActivity: { sequence: number; at: string } }>(
          { query: ACTIVITY, variables: { exchangeId } },
          {
            next: ({ data }) => {
              if (!data) return;
              log.sequences.push(data.exchangeActivity.sequence);
              log.latencies.push(Date.now() - Date.parse(data.exchangeActivity.at));
            },
            error: (error) => process.stderr.write(`subscriber ${i}: ${JSON.stringify(error)}\n`),
            complete: () => undefined,
          },
        );
        return client;
      }),
    );
    const replayed = 1 + presentNow.size;
    const replayUntil = Date.now() + 60_000;
    while (received.some((r) => r.sequences.length < replayed)) {
      if (Date.now() > replayUntil) {
        const behind = received.filter((r) => r.sequences.length < replayed).length;
        throw new Error(`${behind} subscribers did not get the replay within 60 s`);
      }
      await sleep(100);
    }
    received.forEach((r) => (r.latencies.length = 0)); // replayed events are not live latency
    const rssBefore = await rssMiB(api.pid ?? 0);

    // Every tick makes exactly one event: the 80 posting partners stay checked in and post; each of
    // the 20 others alternates check-in and check-out (its own ticks are 400 ms apart, so its
    // previous change has committed).
    const posting = partners.slice(0, 80);
    const toggling = partners.slice(80);
    let issued = 0;
    let failed = 0;
    const load = async (round: number) => {
      const inFlight = new Set<Promise<unknown>>();
      const started = Date.now();
      for (let tick = 0; tick < rate * seconds; tick += 1) {
        const due = started + (tick * 1000) / rate;
        if (due > Date.now()) await sleep(due - Date.now());
        const toggle = tick % 5 === 4;
        const partner = (
          toggle ? toggling[((tick / 5) % toggling.length) | 0] : posting[tick % posting.length]
        ) as string;
        const auth = partnerAuth.get(partner) ?? {};
        const variables = { exchangeId, partnerId: partner };
        const work = !toggle
          ? call(
              M.createPost,
              {
                ...variables,
                input: {
                  kind: 'OFFER',
                  text: `Angebot ${round}/${tick}`,
                  dimensionKeys: [],
                  topicKeys: [],
                },
              },
              auth,
            )
          : presentNow.has(partner)
            ? (presentNow.delete(partner), call(M.checkOut, variables, auth))
            : (presentNow.add(partner), call(M.checkIn, variables, auth));
        issued += 1;
        const tracked = work.catch(() => (failed += 1)).finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
      }
      await Promise.all(inFlight);
      const last = Math.max(...received.map((r) => Math.max(...r.sequences)));
      const settleUntil = Date.now() + 15_000;
      while (received.some((r) => !r.sequences.includes(last)) && Date.now() < settleUntil)
        await sleep(100);
      return last;
    };
    // Two rounds: memory after the second equal to after the first means no growth per event.
    await load(1);
    const rssAfterFirst = await rssMiB(api.pid ?? 0);
    const last = await load(2);
    const rssAfter = await rssMiB(api.pid ?? 0);

    let lost = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    for (const { sequences } of received) {
      const seen = new Set(sequences);
      for (let s = 1; s <= last; s += 1) if (!seen.has(s)) lost += 1;
      duplicated += sequences.length - seen.size;
      sequences.forEach((s, i) => {
        if (i > 0 && s <= (sequences[i - 1] ?? 0)) outOfOrder += 1;
      });
    }
    const latencies = received.flatMap((r) => r.latencies);
    await Promise.all(clients.map((c) => c.dispose()));
    await sleep(5_000);
    const rssAfterClose = await rssMiB(api.pid ?? 0);
    await report(
      'exchange',
      [
        {
          subscribers,
          eventsPerSecond: rate,
          seconds,
          mutationsIssued: issued,
          mutationsFailed: failed,
          lastSequence: last,
          delivered: received.reduce((sum, r) => sum + r.sequences.length, 0),
          lost,
          duplicated,
          outOfOrder,
          latencyP50: Number(percentile(latencies, 50).toFixed(1)),
          latencyP99: Number(percentile(latencies, 99).toFixed(1)),
          rssBeforeMiB: rssBefore,
          rssAfterFirstRoundMiB: rssAfterFirst,
          rssAfterMiB: rssAfter,
          rssAfterCloseMiB: rssAfterClose,
        },
      ],
      { goals: { lost: 0, duplicated: 0, outOfOrder: 0, latencyP99Ms: 100 }, unit: 'ms' },
    );
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
