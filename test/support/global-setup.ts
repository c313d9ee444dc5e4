import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedNeo4j } from '../../src/db/embedded-neo4j';

/**
 * Starts one embedded Neo4j for the whole jest run, in a temporary data folder, and hands its URI
 * to the test workers through `NEO4J_URI` (workers inherit the environment).
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-test-neo4j-'));
  const neo4j = await EmbeddedNeo4j.start(
    { dataDir, boltPort: 0, heap: '768m', pageCacheMiB: 128, startTimeoutMs: 180_000 },
    (line) => process.stderr.write(`${line}\n`),
  );
  process.env.NEO4J_URI = neo4j.uri;
  process.env.VIELFALT_TEST_DATA_DIR = dataDir;
  (globalThis as { testNeo4j?: EmbeddedNeo4j }).testNeo4j = neo4j;
}
