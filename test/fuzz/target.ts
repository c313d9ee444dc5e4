import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import neo4j, { type Driver } from 'neo4j-driver';
import { seedDemo } from '../../seeds/demo';
import { Role } from '../../src/auth/auth.types';
import { signDevelopmentToken } from '../../src/auth/tokens';
import { EmbeddedNeo4j } from '../../src/db/embedded-neo4j';
import { RELAXED_ADMISSION } from '../support/test-app';
import { CypherExecutor } from '../../src/db/executor';
import { applyMigrations, readMigrations } from '../../src/db/migrations';
import { fromNeo4j } from '../../src/db/values';
import { type ApiProcess, spawnApi } from '../support/api-process';
import { TEST_JWT_SECRET } from '../support/tokens';
import type { AuthKind, ValuePools } from './operations';
import type { FuzzTarget } from './runner';

/** A fuzz target of its own: an embedded Neo4j with the demo alliance and an API process on it. */
export interface FuzzEnvironment {
  target: FuzzTarget;
  pools: ValuePools;
  headers: Record<AuthKind, Record<string, string>>;
  /** Stops the API process and the Neo4j, and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * Starts a fresh embedded Neo4j in a temporary folder, applies the migrations, loads the demo
 * alliance (seed 42) and spawns the API (`dist/src/main.js`, production mode) on it. The fuzzer's
 * accepted mutations change this graph, so it never shares the test run's database.
 *
 * @param report - progress lines
 */
export async function startFuzzEnvironment(
  report: (line: string) => void = () => undefined,
): Promise<FuzzEnvironment> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-fuzz-'));
  let db: EmbeddedNeo4j | undefined;
  let driver: Driver | undefined;
  let api: ApiProcess | undefined;
  const stop = async () => {
    api?.child.kill('SIGTERM');
    await api?.exited;
    await driver?.close();
    await db?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    report(`Starting embedded Neo4j in ${dataDir} …`);
    db = await EmbeddedNeo4j.start({
      dataDir,
      boltPort: 0,
      heap: '512m',
      pageCacheMiB: 64,
      startTimeoutMs: 240_000,
    });
    driver = neo4j.driver(db.uri);
    const executor = new CypherExecutor(driver, 'neo4j');
    await applyMigrations(executor, await readMigrations());
    report('Seeding the demo alliance …');
    await seedDemo(executor);
    api = spawnApi({
      NODE_ENV: 'production',
      PORT: '0',
      LOG_LEVEL: 'info',
      NEO4J_URI: db.uri,
      SEED_ON_START: 'false',
      JWT_SECRET: TEST_JWT_SECRET,
      // Fuzzed applications must not run into the per-address limit after ten.
      APPLY_RATE_LIMIT_PER_HOUR: '1000000',
      // One proxy hop: the idempotency races act as different public callers by X-Forwarded-For.
      TRUST_PROXY_HOPS: '1',
      ...RELAXED_ADMISSION,
    });
    const url = await apiUrl(api);
    report(`API at ${url}`);
    const child = api.child;
    const pools = await readPools(executor);
    return {
      target: {
        url,
        executor,
        alive: () => child.exitCode === null && child.signalCode === null,
      },
      pools,
      headers: await authHeaders(pools.partnerIds),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until the API is ready and returns its GraphQL URL (from its "listening" log line). */
async function apiUrl(api: ApiProcess): Promise<string> {
  const listening = await api.waitForLog((line) => line.msg === 'listening');
  await api.waitForLog((line) => line.msg === 'ready');
  return String(listening.url);
}

/** Ids and keys of the seeded graph (sorted, so a seed reproduces the same operations). */
async function readPools(executor: CypherExecutor): Promise<ValuePools> {
  const list = async (cypher: string) =>
    executor.read({ cypher }, (r) => fromNeo4j<string>(r.get('value')));
  return {
    partnerIds: await list(
      "MATCH (p:Partner) WHERE p.status = 'ACTIVE' RETURN p.id AS value ORDER BY value LIMIT 40",
    ),
    cooperationIds: await list(
      'MATCH (c:Cooperation) RETURN c.id AS value ORDER BY value LIMIT 20',
    ),
    eventIds: await list('MATCH (e:Event) RETURN e.id AS value ORDER BY value LIMIT 10'),
    dimensionKeys: await list('MATCH (d:Dimension) RETURN d.key AS value ORDER BY value'),
    topicKeys: await list('MATCH (t:Topic) RETURN t.key AS value ORDER BY value'),
    districtKeys: await list('MATCH (d:District) RETURN d.key AS value ORDER BY value LIMIT 12'),
    boroughKeys: await list(
      'MATCH (d:District) RETURN DISTINCT d.boroughKey AS value ORDER BY value LIMIT 8',
    ),
  };
}

/**
 * The `Authorization` header of every {@link AuthKind}: valid tokens of each role (partners for
 * the first two ACTIVE partners of the pool) and tokens the API must refuse.
 */
async function authHeaders(
  partnerIds: string[],
): Promise<Record<AuthKind, Record<string, string>>> {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);
  const expired = await new SignJWT({ role: Role.COORDINATOR })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('coordinator')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7_200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3_600)
    .sign(secret);
  return {
    none: {},
    coordinator: bearer(await signDevelopmentToken(TEST_JWT_SECRET, { role: Role.COORDINATOR })),
    partner0: bearer(
      await signDevelopmentToken(TEST_JWT_SECRET, { role: Role.PARTNER, partnerId: partnerIds[0] }),
    ),
    partner1: bearer(
      await signDevelopmentToken(TEST_JWT_SECRET, { role: Role.PARTNER, partnerId: partnerIds[1] }),
    ),
    garbage: bearer('not.a.jwt'),
    wrongSecret: bearer(
      await signDevelopmentToken('another-secret-that-is-long-enough-0123456789', {
        role: Role.COORDINATOR,
      }),
    ),
    expired: bearer(expired),
    basic: { authorization: 'Basic YWRtaW46YWRtaW4=' },
  };
}
