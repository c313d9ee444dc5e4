import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { applyMigrations, readMigrations } from '../../src/db/migrations';
import { loadReferenceData, readReferenceData } from '../reference/load-reference-data';
import { type ImportInput, type InputFile, runImport } from './import';
import { formatOutcome } from './report';

const USAGE = `Usage: npm run import -- [--partners partners.csv] [--cooperations cooperations.csv] [--dry-run]

Validates both files completely and, when there is no error, writes them in one transaction.
Uses NEO4J_URI when set, otherwise the embedded Neo4j (NEO4J_DATA_DIR). See docs/csv-import.md.
Exit code 0 on success, 1 on any error (then nothing is written).`;

/** The command line, parsed. */
interface Arguments {
  partners?: string;
  cooperations?: string;
  dryRun: boolean;
  help: boolean;
}

/** Parses the arguments; throws a TypeError with node's message on unknown options. */
function readArguments(argv: string[]): Arguments {
  const { values } = parseArgs({
    args: argv,
    options: {
      partners: { type: 'string' },
      cooperations: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    partners: values.partners,
    cooperations: values.cooperations,
    dryRun: values['dry-run'],
    help: values.help,
  };
}

/**
 * Reads an input file. Relative paths are taken from where `npm run` was called (`INIT_CWD`),
 * because npm runs scripts in the project folder.
 */
async function readInput(file: string | undefined): Promise<InputFile | undefined> {
  if (file === undefined) return undefined;
  const base = process.env.INIT_CWD ?? process.cwd();
  return { name: file, content: await readFile(path.resolve(base, file)) };
}

/**
 * `npm run import`: config → database (migrations, reference data) → import → close.
 * Everything it says goes to stdout (summary) or stderr (errors, progress); it logs only warnings.
 */
async function main(argv: string[]): Promise<number> {
  let args: Arguments;
  try {
    args = readArguments(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 1;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.partners === undefined && args.cooperations === undefined) {
    process.stderr.write(`expected --partners and/or --cooperations, got neither\n\n${USAGE}\n`);
    return 1;
  }
  const input: ImportInput = {
    partners: await readInput(args.partners),
    cooperations: await readInput(args.cooperations),
  };
  const config = loadConfig(process.env);
  const logger = pino({ level: 'warn', base: { service: 'vielfalt-import' } }, pino.destination(2));
  process.stderr.write('Opening the database…\n');
  const database = await openDatabase(config.neo4j, logger);
  try {
    await applyMigrations(database.executor, await readMigrations());
    await loadReferenceData(database.executor);
    const outcome = await runImport(database.executor, await readReferenceData(), input, {
      dryRun: args.dryRun,
    });
    const text = formatOutcome(outcome, {
      partners: args.partners,
      cooperations: args.cooperations,
    });
    if (outcome.status === 'invalid') {
      process.stderr.write(`${text}\n`);
      return 1;
    }
    process.stdout.write(`${text}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One transaction for everything: whatever failed, the graph is as it was before.
    const reason = error instanceof Error ? error.message : String(error);
    const message =
      error instanceof ConfigError ? reason : `Import failed, nothing was written: ${reason}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
