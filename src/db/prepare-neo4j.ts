import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedNeo4j } from './embedded-neo4j';

/**
 * Prepares the embedded Neo4j before anything needs it: fetches the jars (once) and starts and
 * stops one DBMS in a scratch folder, so that the launcher's class-data archive exists. Without
 * it, the JVMs that start at the same time in a test run (the shared test graph, the suites that
 * start their own) would all load their classes the slow way, none of them leaving an archive
 * before the run ends. `npm test` runs this first (scripts/test.js); later calls cost one start.
 */
export async function prepareEmbeddedNeo4j(report: (line: string) => void): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-neo4j-prepare-'));
  try {
    const neo4j = await EmbeddedNeo4j.start(
      { dataDir, boltPort: 0, heap: '256m', pageCacheMiB: 16, startTimeoutMs: 180_000 },
      report,
    );
    await neo4j.stop();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  prepareEmbeddedNeo4j((line) => process.stderr.write(`${line}\n`)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
