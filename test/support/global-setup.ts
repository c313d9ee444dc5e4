import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4jDriver from 'neo4j-driver';
import { seedDemo } from '../../seeds/demo';
import { EmbeddedNeo4j } from '../../src/db/embedded-neo4j';
import { CypherExecutor } from '../../src/db/executor';
import { applyMigrations, readMigrations } from '../../src/db/migrations';

/**
 * Applies the migrations and loads the default demo alliance (seed 42, 353 partners, as on the
 * day of the talk) once, so every suite reads the same graph. Suites that write clean up after
 * themselves.
 */
async function prepareGraph(uri: string): Promise<void> {
  const driver = neo4jDriver.driver(uri);
  try {
    const executor = new CypherExecutor(driver, 'neo4j');
    await applyMigrations(executor, await readMigrations());
    await seedDemo(executor);
  } finally {
    await driver.close();
  }
}

/**
 * Starts one embedded Neo4j for the whole jest run, in a temporary data folder, and hands its URI
 * to the test workers through `NEO4J_URI` (workers inherit the environment). Only the
 * `integration` project names this setup; a second call in the same process (should another
 * project name it) finds the running Neo4j and returns.
 */
export default async function globalSetup(): Promise<void> {
  if ((globalThis as { testNeo4j?: EmbeddedNeo4j }).testNeo4j) return;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-test-neo4j-'));
  const neo4j = await EmbeddedNeo4j.start(
    { dataDir, boltPort: 0, heap: '768m', pageCacheMiB: 128, startTimeoutMs: 180_000 },
    (line) => process.stderr.write(`${line}\n`),
  );
  process.env.NEO4J_URI = neo4j.uri;
  await prepareGraph(neo4j.uri);
  process.env.VIELFALT_TEST_DATA_DIR = dataDir;
  (globalThis as { testNeo4j?: EmbeddedNeo4j }).testNeo4j = neo4j;
}
