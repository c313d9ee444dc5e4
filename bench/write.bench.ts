import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { seedDemo } from '../seeds/demo';
import { startApp } from '../src/app';
import { Role } from '../src/auth/auth.types';
import { signDevelopmentToken } from '../src/auth/tokens';
import { loadConfig } from '../src/config';
import { EmbeddedNeo4j } from '../src/db/embedded-neo4j';
import { percentile, report } from './support';

/**
 * `npm run bench:write`: createCooperation and updatePartnerProfile over HTTP with 10 concurrent
 * clients on the demo alliance. Prints throughput and p50/p95, errors, and duplicates
 * (cooperations in the graph beyond those acknowledged). Goal: 0 errors, 0 duplicates.
 */
const CLIENTS = 10;
const CALLS_PER_CLIENT = 50;
const SECRET = 'bench-secret-of-the-vielfalt-api-0123456789';

const CREATE = `mutation($input: CreateCooperationInput!, $key: String) {
  createCooperation(input: $input, idempotencyKey: $key) { id } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $description: String) {
  updatePartnerProfile(id: $id, version: $version, input: { description: $description }) { version } }`;

type Post = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

async function runClients(work: (client: number, call: number) => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let call = 0; call < CALLS_PER_CLIENT; call += 1) {
        const t = performance.now();
        try {
          await work(client, call);
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    calls: latencies.length,
    errors,
    perSecond: Number((latencies.length / seconds).toFixed(1)),
    p50: Number(percentile(latencies, 50).toFixed(1)),
    p95: Number(percentile(latencies, 95).toFixed(1)),
  };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-bench-write-'));
  const db = await EmbeddedNeo4j.start({
    dataDir,
    boltPort: 0,
    heap: '1g',
    pageCacheMiB: 256,
    startTimeoutMs: 180_000,
  });
  try {
    const app = await startApp(
      loadConfig({
        PORT: '0',
        NEO4J_URI: db.uri,
        SEED_ON_START: 'false',
        JWT_SECRET: SECRET,
        LOG_LEVEL: 'silent',
      }),
      pino({ level: 'silent' }),
    );
    await app.ready;
    await seedDemo(app.database.executor, {});
    const authorization = `Bearer ${await signDevelopmentToken(SECRET, { role: Role.COORDINATOR })}`;
    const post: Post = async (query, variables) => {
      const response = await fetch(app.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
      if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const active = await app.database.executor.read(
      {
        cypher:
          "MATCH (p:Partner {status: 'ACTIVE'}) RETURN p.id AS id, p.version AS v ORDER BY id LIMIT 40",
      },
      (r) => ({ id: r.get('id') as string, version: Number(r.get('v')) }),
    );
    const before = await countCooperations(app);
    const created = new Set<string>();
    const create = await runClients(async (client, call) => {
      const lead = active[(client * 3 + call) % active.length] as { id: string };
      const other = active[(client * 3 + call + 7) % active.length] as { id: string };
      const data = await post(CREATE, {
        key: `bench-${client}-${call}`,
        input: {
          title: `Netzwerkprojekt ${client}-${call}`,
          kind: 'NETWORK_PROJECT',
          startedOn: '2023-06-01',
          leadPartnerId: lead.id,
          partnerIds: [other.id],
          dimensionKeys: ['age', 'gender'],
        },
      });
      created.add((data.createCooperation as { id: string }).id);
    });
    const duplicates = (await countCooperations(app)) - before - created.size;
    const update = await runClients(async (client, call) => {
      const partner = active[client] as { id: string; version: number };
      const data = await post(UPDATE, {
        id: partner.id,
        version: partner.version,
        description: `Stand ${call}`,
      });
      partner.version = (data.updatePartnerProfile as { version: number }).version;
    });
    await app.stop();
    await report(
      'write',
      [
        { mutation: 'createCooperation', ...create, duplicates },
        { mutation: 'updatePartnerProfile', ...update, duplicates: 0 },
      ],
      { clients: CLIENTS, callsPerClient: CALLS_PER_CLIENT, partners: 353, unit: 'ms' },
    );
  } finally {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function countCooperations(app: Awaited<ReturnType<typeof startApp>>): Promise<number> {
  const [count] = await app.database.executor.read(
    { cypher: 'MATCH (c:Cooperation) RETURN count(c) AS n' },
    (r) => Number(r.get('n')),
  );
  return count ?? 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
