import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../src/config';
import { type Database, openDatabase } from '../../src/db/database';
import { applyMigrations, readMigrations } from '../../src/db/migrations';
import { loadReferenceData, readReferenceData } from '../reference/load-reference-data';
import { parseSeedArgs, SEED_USAGE, SeedUsageError, type SeedCliArgs } from './cli-args';
import { generateDemoAlliance } from './generate';
import { hasPartners } from './seed';
import type { DemoAlliance } from './types';
import {
  countAllianceGraph,
  type DemoCounts,
  expectedCounts,
  wipeAllianceData,
  writeDemoAlliance,
} from './write-demo';

/**
 * `npm run seed -- [--partners N] [--seed S] [--as-of YYYY-MM-DD] [--wipe]`: generates the demo
 * alliance and writes it into the configured Neo4j, replacing the alliance data there.
 * Progress goes to stderr, the summary to stdout; exit code 1 with a message on bad arguments,
 * bad configuration or a failing database.
 */

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function parseOrExit(argv: string[]): SeedCliArgs {
  try {
    return parseSeedArgs(argv);
  } catch (error) {
    if (!(error instanceof SeedUsageError)) throw error;
    return fail(`${error.message}\n\n${SEED_USAGE}`);
  }
}

async function prepareGraph(database: Database, args: SeedCliArgs): Promise<void> {
  const applied = await applyMigrations(database.executor, await readMigrations());
  if (applied.length > 0) say(`Applied migrations: ${applied.join(', ')}`);
  await loadReferenceData(database.executor);
  const existing = await hasPartners(database.executor);
  if (!existing && !args.wipe) return;
  say(
    existing ? 'The graph holds alliance data; removing it …' : 'Removing alliance data (--wipe) …',
  );
  const deleted = await wipeAllianceData(database.executor);
  say(
    `  removed ${deleted.Partner} partners, ${deleted.Cooperation} cooperations, ${deleted.Event} events`,
  );
}

async function write(database: Database, data: DemoAlliance): Promise<void> {
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'Writing  {bar} {percentage}% | {value}/{total} rows | {step}',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const expected = expectedCounts(data);
  bar.start(
    Object.values(expected).reduce((a, b) => a + b, 0),
    0,
    { step: '' },
  );
  try {
    await writeDemoAlliance(database.executor, data, (p) =>
      bar.update(p.written, { step: p.step }),
    );
  } finally {
    bar.stop();
  }
}

function printSummary(expected: DemoCounts, actual: DemoCounts): void {
  say('');
  say(`${'label / relationship'.padEnd(22)}${'generated'.padStart(12)}${'in graph'.padStart(12)}`);
  for (const key of Object.keys(expected) as (keyof DemoCounts)[]) {
    say(
      `${key.padEnd(22)}${String(expected[key]).padStart(12)}${String(actual[key]).padStart(12)}`,
    );
  }
}

async function main(): Promise<void> {
  const args = parseOrExit(process.argv.slice(2));
  if (args.help) return void process.stdout.write(SEED_USAGE);
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(error.message);
  }
  // The API's JSON log lines would drown the progress bar; only warnings, on stderr.
  const logger = pino(
    { level: process.env.LOG_LEVEL ? config.logLevel : 'warn' },
    pino.destination(2),
  );
  const started = performance.now();
  const { partners, seed, asOf, regime } = args.options;
  say(
    config.neo4j.uri
      ? `Using Neo4j at ${config.neo4j.uri}`
      : `Starting embedded Neo4j in ${config.neo4j.embedded.dataDir} …`,
  );
  const database = await openDatabase(config.neo4j, logger);
  try {
    await prepareGraph(database, args);
    const generating = performance.now();
    const data = generateDemoAlliance(args.options, await readReferenceData());
    const generated = performance.now() - generating;
    say(
      `Generated ${data.partners.length} partners (${partners} members), ${data.cooperations.length} cooperations, ${data.events.length} events (seed ${seed}, as of ${asOf}, regime ${regime}) in ${seconds(generated)}`,
    );
    const writing = performance.now();
    await write(database, data);
    const written = performance.now() - writing;
    printSummary(expectedCounts(data), await countAllianceGraph(database.executor));
    say('');
    say(
      `generate ${seconds(generated)} · write ${seconds(written)} · total ${seconds(performance.now() - started)}`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) =>
  fail(`Seeding failed: ${(error as Error).message ?? String(error)}`),
);
