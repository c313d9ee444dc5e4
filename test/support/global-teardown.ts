import { rm } from 'node:fs/promises';
import type { EmbeddedNeo4j } from '../../src/db/embedded-neo4j';

/**
 * Stops the run's embedded Neo4j and removes its data folder. Jest calls it once per database
 * project; the first call does the work and the next ones find nothing left to do.
 */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis as { testNeo4j?: EmbeddedNeo4j };
  const neo4j = state.testNeo4j;
  state.testNeo4j = undefined;
  await neo4j?.stop();
  const dataDir = process.env.VIELFALT_TEST_DATA_DIR;
  delete process.env.VIELFALT_TEST_DATA_DIR;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
