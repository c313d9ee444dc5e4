import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { restoreGraph } from './restore';
import { configOrExit, fail, openOrExit, progressToStderr, say } from './cli-support';

/**
 * `npm run restore -- backup.jsonl`: restores a backup made by `npm run export` into the
 * configured, EMPTY Neo4j and checks that the result has the backup's digest; see
 * docs/operations.md. Exit code 0 with a summary on stdout, 1 with a message on stderr (a
 * non-empty database, a malformed file, a digest that differs).
 */

const USAGE = `Usage: npm run restore -- <backup.jsonl>

Restores into the configured Neo4j (NEO4J_URI, or the embedded Neo4j in NEO4J_DATA_DIR),
which must be empty: restore before the API first starts on it, e.g.
  NEO4J_DATA_DIR=.data/restored npm run restore -- backup.jsonl
`;

function parseOrExit(argv: string[]): string {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    const [file, ...rest] = positionals;
    if (file === undefined || rest.length > 0) {
      return fail(`expected one backup file, got ${positionals.length}\n\n${USAGE}`);
    }
    return path.resolve(file);
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const file = parseOrExit(process.argv.slice(2));
  const config = configOrExit();
  const database = await openOrExit(config);
  const started = performance.now();
  try {
    const summary = await restoreGraph(database.executor, file, progressToStderr());
    say(`Restored ${file}`);
    say(`  nodes          ${summary.nodes}`);
    say(`  relationships  ${summary.relationships}`);
    say(`  schema of      ${summary.schema.join(', ') || 'no migrations'}`);
    say(`  digest         ${summary.digest} (equal to the backup's)`);
    say(`  took           ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) =>
  fail(`Restore failed: ${(error as Error).message ?? String(error)}`),
);
