import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportGraph } from './backup';
import { configOrExit, fail, openOrExit, progressToStderr, say } from './cli-support';

/**
 * `npm run export -- --out backup.jsonl`: writes the whole graph of the configured Neo4j
 * (`NEO4J_URI`, or the embedded one on `NEO4J_DATA_DIR`) as JSON lines; see docs/operations.md.
 * Exit code 0 with a summary on stdout, 1 with a message on stderr.
 */

const USAGE = `Usage: npm run export -- --out <file.jsonl>

Writes every node and relationship of the configured Neo4j (NEO4J_URI, or the embedded
Neo4j in NEO4J_DATA_DIR) with a header holding counts, migration state and the graph digest.
While the API runs on an embedded data folder, point the export at its Bolt port:
  NEO4J_URI=bolt://127.0.0.1:<port> npm run export -- --out backup.jsonl
`;

function parseOrExit(argv: string[]): string {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (!values.out) return fail(`expected --out <file>, got none\n\n${USAGE}`);
    return path.resolve(values.out);
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const out = parseOrExit(process.argv.slice(2));
  const config = configOrExit();
  const database = await openOrExit(config);
  const started = performance.now();
  try {
    const header = await exportGraph(database.executor, out, progressToStderr());
    say(`Wrote ${out}`);
    say(`  nodes          ${header.counts.nodes}`);
    say(`  relationships  ${header.counts.relationships}`);
    say(`  migrations     ${header.migrations.map((m) => m.id).join(', ') || 'none'}`);
    say(`  digest         ${header.digest}`);
    say(`  took           ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) =>
  fail(`Export failed: ${(error as Error).message ?? String(error)}`),
);
