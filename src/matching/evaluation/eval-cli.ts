import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4jDriver from 'neo4j-driver';
import { generateDemoAlliance } from '../../../seeds/demo/generate';
import { REGIMES } from '../../../seeds/demo/plan';
import type { DemoAlliance, DemoRegime } from '../../../seeds/demo/types';
import { wipeAllianceData, writeDemoAlliance } from '../../../seeds/demo/write-demo';
import {
  loadReferenceData,
  readReferenceData,
  type ReferenceData,
} from '../../../seeds/reference/load-reference-data';
import { EmbeddedNeo4j } from '../../db/embedded-neo4j';
import { CypherExecutor } from '../../db/executor';
import { applyMigrations, type Migration, readMigrations } from '../../db/migrations';
import type { NeedMatch } from '../matching.model';
import { MatchingRepository } from '../matching.repository';
import { ROLLING_CUTS, rollingWindows } from './cuts';
import {
  commonConfig,
  DEFAULT_CONFIG,
  evaluateRegime,
  K,
  liveNumbers,
  type LiveReport,
  type RegimeReport,
} from './evaluation';
import { formatGoals, liveGoals, regimeGoals } from './goals';
import type { NeedIndex } from './history';
import {
  formatCommon,
  formatConfig,
  formatLive,
  formatRegime,
  formatWindows,
  LEGEND,
} from './report';

/**
 * `npm run eval:matching`: the matching against baselines on three generator regimes, with the
 * need matches read through the production full-text search of an embedded Neo4j. The only module
 * of the evaluation that does I/O; everything it prints is computed by the pure modules.
 */

/** Seekers per `findSeekers` call: one statement per batch keeps each read small. */
const SEEKER_BATCH = 50;

/** The seekers' need matches as the API reads them: seeker id → candidate id → matches. */
export async function readNeedIndex(
  executor: CypherExecutor,
  ids: readonly string[],
): Promise<NeedIndex> {
  const repository = new MatchingRepository(executor);
  const index = new Map<string, ReadonlyMap<string, readonly NeedMatch[]>>();
  for (let from = 0; from < ids.length; from += SEEKER_BATCH) {
    const { seekers } = await repository.findSeekers(ids.slice(from, from + SEEKER_BATCH));
    for (const seeker of seekers) {
      if (seeker && seeker.needMatches.size > 0) index.set(seeker.profile.id, seeker.needMatches);
    }
  }
  return index;
}

/** An embedded Neo4j with the schema and reference data, and how to stop it. */
interface Database {
  executor: CypherExecutor;
  /** The full-text index statements of the migrations, to rebuild the indexes per regime. */
  fullText: FullTextIndex[];
  close(): Promise<void>;
}

/** A full-text index as a migration creates it. */
export interface FullTextIndex {
  name: string;
  /** The migration's own `CREATE FULLTEXT INDEX …` statement. */
  statement: string;
}

/** The `CREATE FULLTEXT INDEX <name> …` statements of the migrations, in order. */
export function fullTextIndexes(migrations: readonly Migration[]): FullTextIndex[] {
  return migrations.flatMap((m) =>
    m.statements.flatMap((statement) => {
      const name = /^CREATE\s+FULLTEXT\s+INDEX\s+(\w+)/i.exec(statement)?.[1];
      return name ? [{ name, statement }] : [];
    }),
  );
}

/** Drops the full-text indexes, so that {@link createFullTextIndexes} builds them afresh. */
async function dropFullTextIndexes(
  executor: CypherExecutor,
  indexes: readonly FullTextIndex[],
): Promise<void> {
  for (const { name } of indexes) {
    await executor.runSchema({ cypher: `DROP INDEX ${name} IF EXISTS` });
  }
}

/** Creates the full-text indexes with the migrations' statements and waits until they are online. */
async function createFullTextIndexes(
  executor: CypherExecutor,
  indexes: readonly FullTextIndex[],
): Promise<void> {
  for (const { statement } of indexes) await executor.runSchema({ cypher: statement });
  await executor.runSchema({ cypher: 'CALL db.awaitIndexes(300)' });
}

async function startDatabase(log: (line: string) => void): Promise<Database> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-eval-neo4j-'));
  let neo4j: EmbeddedNeo4j | undefined;
  let driver: ReturnType<typeof neo4jDriver.driver> | undefined;
  const close = async () => {
    await driver?.close();
    await neo4j?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    neo4j = await EmbeddedNeo4j.start(
      { dataDir, boltPort: 0, heap: '768m', pageCacheMiB: 128, startTimeoutMs: 180_000 },
      log,
    );
    driver = neo4jDriver.driver(neo4j.uri);
    const executor = new CypherExecutor(driver, 'neo4j');
    const migrations = await readMigrations();
    await applyMigrations(executor, migrations);
    await loadReferenceData(executor);
    return { executor, fullText: fullTextIndexes(migrations), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Replaces the graph's alliance with a regime's and reads every ACTIVE partner's need matches.
 * @param lap - told the seconds of the write and of the read
 */
async function needIndexOf(
  { executor, fullText }: Database,
  alliance: DemoAlliance,
  lap: (what: string, since: number) => void,
): Promise<NeedIndex> {
  let t = performance.now();
  await wipeAllianceData(executor);
  // A fresh index per regime, built from the written alliance in one population: Lucene keeps
  // deleted documents in its term statistics until segments merge in the background, so after a
  // wipe the scores (and which hits make the query's `limit`) would depend on the earlier regimes
  // and on timing.
  await dropFullTextIndexes(executor, fullText);
  await writeDemoAlliance(executor, alliance);
  await createFullTextIndexes(executor, fullText);
  lap(`${alliance.options.regime}: alliance written`, t);
  t = performance.now();
  const active = alliance.partners.filter((p) => p.status === 'ACTIVE').map((p) => p.id);
  const needs = await readNeedIndex(executor, active);
  lap(`${alliance.options.regime}: need matches of ${active.length} partners read`, t);
  return needs;
}

/** `--partners N --seed S`, defaults 353 and 42; the generator checks the ranges. */
function parseCli(argv: readonly string[]): { partners: number; seed: number } {
  const { values } = parseArgs({
    args: [...argv],
    options: { partners: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const integer = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    if (!/^-?\d+$/.test(text))
      throw new RangeError(`expected --${name} to be an integer, got "${text}"`);
    return Number(text);
  };
  return {
    partners: integer('partners', values.partners, 353),
    seed: integer('seed', values.seed, 42),
  };
}

/**
 * `npm run eval:matching -- [--partners N] [--seed S]`: the report on stdout; progress and timings
 * on stderr, so that stdout is the same on every run.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const lap = (what: string, since: number) =>
    process.stderr.write(`${what}: ${((performance.now() - since) / 1000).toFixed(1)} s\n`);
  const { partners, seed } = parseCli(process.argv.slice(2));
  const reference: ReferenceData = await readReferenceData();
  let t = performance.now();
  const database = await startDatabase(() => undefined);
  lap('Neo4j started, schema and reference data loaded', t);
  const reports: RegimeReport[] = [];
  let live: LiveReport | undefined;
  let windowsText = '';
  let asOf = '';
  try {
    for (const regime of REGIMES as readonly DemoRegime[]) {
      const alliance = generateDemoAlliance({ partners, seed, regime }, reference);
      const needs = await needIndexOf(database, alliance, lap);
      t = performance.now();
      asOf = alliance.options.asOf;
      const windows = rollingWindows(ROLLING_CUTS, asOf);
      windowsText = formatWindows(windows);
      const input = { regime, alliance, districts: reference.districts, windows, needs };
      reports.push(evaluateRegime(input, seed));
      if (regime === 'PLACE_AND_TOPIC') live = liveNumbers(alliance, reference.districts, needs);
      lap(`${regime}: evaluated`, t);
    }
  } finally {
    await database.close();
  }
  t = performance.now();
  const common = commonConfig(reports, seed);
  lap('common config searched', t);
  const goals = [
    ...reports.flatMap((r) => regimeGoals(r.outcome)),
    ...(live ? liveGoals(live) : []),
  ];
  const out = [
    `eval:matching: demo alliances of ${partners} partners, seed ${seed}, as of ${asOf}; k = ${K}`,
    `regimes: ${REGIMES.join(', ')}; need matches from the production full-text search (Neo4j)`,
    `defaults: ${formatConfig(DEFAULT_CONFIG)}`,
    'cuts (every regime):',
    windowsText,
    LEGEND,
    '',
    ...reports.flatMap((r) => [formatRegime(r), '']),
    ...(live
      ? [formatLive(live, `PLACE_AND_TOPIC, seed ${seed}, ${partners} partners, as of ${asOf}`), '']
      : []),
    formatCommon(common),
    '',
    '== Goals ==',
    formatGoals(goals),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  lap('eval:matching took', started);
}

// Only as the entry point: tests import the pure modules without starting anything.
if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`eval:matching failed: ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  });
}
