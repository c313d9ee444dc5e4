import { readFile } from 'node:fs/promises';
import { projectPath } from '../../src/common/paths';
import type { Dimension } from '../../src/dimensions/dimension.types';
import type { District } from '../../src/districts/district.types';
import type { CypherExecutor } from '../../src/db/executor';
import { DimensionRepository } from '../../src/dimensions/dimension.repository';
import { DistrictRepository } from '../../src/districts/district.repository';
import { TopicRepository } from '../../src/topics/topic.repository';
import type { Topic } from '../../src/topics/topic.types';

/** Reads a JSON file of `seeds/reference/`. */
async function readReference<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(projectPath('seeds', 'reference', file), 'utf8')) as T;
}

/** The reference data as committed in `seeds/reference/`. */
export interface ReferenceData {
  dimensions: Dimension[];
  topics: Topic[];
  districts: District[];
}

/** Reads the reference data files (the demo generator uses them too). */
export async function readReferenceData(): Promise<ReferenceData> {
  const [dimensions, topics, districts] = await Promise.all([
    readReference<Dimension[]>('dimensions.json'),
    readReference<{ topics: Topic[] }>('topics.json'),
    readReference<{ districts: District[] }>('districts.json'),
  ]);
  return { dimensions, topics: topics.topics, districts: districts.districts };
}

/**
 * Loads the reference data (the seven diversity dimensions, the fields of action, Mannheim's
 * districts) with MERGE, so that it can run at every start: existing nodes are updated in place,
 * nothing is duplicated.
 */
export async function loadReferenceData(executor: CypherExecutor): Promise<void> {
  const data = await readReferenceData();
  await new DimensionRepository(executor).upsert(data.dimensions);
  await new TopicRepository(executor).upsert(data.topics);
  await new DistrictRepository(executor).upsert(data.districts);
}
