import type { Integer } from 'neo4j-driver';
import type { CypherExecutor } from '../../src/db/executor';
import { DimensionRepository } from '../../src/dimensions/dimension.repository';
import { DistrictRepository } from '../../src/districts/district.repository';
import { TopicRepository } from '../../src/topics/topic.repository';
import { loadReferenceData, type ReferenceData } from '../reference/load-reference-data';
import { generateDemoAlliance } from './generate';
import type { DemoAlliance, DemoOptions } from './types';
import { type ProgressListener, wipeAllianceData, writeDemoAlliance } from './write-demo';

/** The part of a logger the seeding uses; a pino logger fits. */
export interface SeedLogger {
  info(details: object, message: string): void;
}

/** Options of {@link seedDemoIfEmpty} and {@link seedDemo}. */
export interface SeedOptions extends DemoOptions {
  /** Told when and what was seeded. */
  logger?: SeedLogger;
  onProgress?: ProgressListener;
}

/** Whether the graph holds any Partner node. */
export async function hasPartners(executor: CypherExecutor): Promise<boolean> {
  const [count] = await executor.read(
    { cypher: 'MATCH (p:Partner) RETURN count(p) AS n' },
    (r) => (r.get('n') as Integer).toNumber(),
    'hasPartners',
  );
  return (count ?? 0) > 0;
}

/** The reference data as the graph holds it (loaded before by loadReferenceData). */
async function readReferenceFromGraph(executor: CypherExecutor): Promise<ReferenceData> {
  const [dimensions, topics, districts] = await Promise.all([
    new DimensionRepository(executor).findAll(),
    new TopicRepository(executor).findAll(),
    new DistrictRepository(executor).findAll(),
  ]);
  return { dimensions, topics, districts };
}

async function generateAndWrite(
  executor: CypherExecutor,
  reference: ReferenceData,
  options: SeedOptions,
): Promise<DemoAlliance> {
  const started = performance.now();
  const data = generateDemoAlliance(options, reference);
  await writeDemoAlliance(executor, data, options.onProgress);
  options.logger?.info(
    {
      ...data.options,
      partners: data.partners.length,
      cooperations: data.cooperations.length,
      events: data.events.length,
      ms: Math.round(performance.now() - started),
    },
    'demo alliance seeded',
  );
  return data;
}

/**
 * Loads the demo alliance when the graph has no Partner node yet (the app calls it at start when
 * SEED_ON_START is true). Reference data must be loaded before; the demo is generated from the
 * reference data in the graph.
 *
 * Two processes starting at once on an empty graph may both try; the second fails with CONFLICT
 * on the partner ids and leaves the first one's data.
 *
 * @returns whether it seeded
 */
export async function seedDemoIfEmpty(
  executor: CypherExecutor,
  options: SeedOptions = {},
): Promise<boolean> {
  if (await hasPartners(executor)) return false;
  await generateAndWrite(executor, await readReferenceFromGraph(executor), options);
  return true;
}

/**
 * Replaces the alliance data with a freshly generated demo: loads the reference data (MERGE),
 * wipes partners, cooperations and events, then generates and writes. For benchmarks and tests
 * that need a given size.
 *
 * @returns the generated data
 */
export async function seedDemo(
  executor: CypherExecutor,
  options: SeedOptions = {},
): Promise<DemoAlliance> {
  await loadReferenceData(executor);
  await wipeAllianceData(executor);
  return generateAndWrite(executor, await readReferenceFromGraph(executor), options);
}
