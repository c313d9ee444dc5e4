import { rm } from 'node:fs/promises';
import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j';

/** Stops the run's embedded Neo4j and removes its data folder. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { testNeo4j?: EmbeddedNeo4j }).testNeo4j?.stop();
  const dataDir = process.env.VIELFALT_TEST_DATA_DIR;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
