import { readFile } from 'node:fs/promises';
import { projectPath } from '../../src/common/paths';
import type { Dimension } from '../../src/dimensions/dimension.types';
import type { Repositories } from '../../src/services';

/** Reads a JSON file of `seeds/reference/`. */
async function readReference<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(projectPath('seeds', 'reference', file), 'utf8')) as T;
}

/**
 * Loads the reference data (the seven diversity dimensions, ...) with MERGE, so that it can run at
 * every start: existing nodes are updated in place, nothing is duplicated.
 */
export async function loadReferenceData(repositories: Repositories): Promise<void> {
  const dimensions = await readReference<Dimension[]>('dimensions.json');
  await repositories.dimensions.upsert(dimensions);
}
