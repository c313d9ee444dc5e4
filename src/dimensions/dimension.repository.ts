import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import type { Dimension } from './dimension.types';

/** The Cypher of the Dimension slice, as pure functions (snapshot-tested without a database). */
export const dimensionQueries = {
  all(): CypherQuery {
    return { cypher: 'MATCH (d:Dimension) RETURN d {.*} AS dimension ORDER BY d.key' };
  },
  byKeys(keys: readonly string[]): CypherQuery {
    return {
      cypher: 'MATCH (d:Dimension) WHERE d.key IN $keys RETURN d {.*} AS dimension',
      params: { keys },
    };
  },
  upsert(dimensions: readonly Dimension[]): CypherQuery {
    return {
      cypher: `UNWIND $dimensions AS row
MERGE (d:Dimension {key: row.key})
SET d.nameDe = row.nameDe, d.nameEn = row.nameEn,
    d.descriptionDe = row.descriptionDe, d.descriptionEn = row.descriptionEn`,
      params: { dimensions },
    };
  },
};

const toDimension = (record: Neo4jRecord): Dimension => record.get('dimension') as Dimension;

/** Reads and writes Dimension nodes; holds all of the slice's Cypher. */
export class DimensionRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** All dimensions ordered by key. */
  findAll(): Promise<Dimension[]> {
    return this.executor.read(dimensionQueries.all(), toDimension, 'dimensions');
  }

  /** The dimensions with the given keys, in no particular order; unknown keys are skipped. */
  findByKeys(keys: readonly string[]): Promise<Dimension[]> {
    return this.executor.read(dimensionQueries.byKeys(keys), toDimension, 'dimensionsByKeys');
  }

  /** Creates or updates the given dimensions by key (reference data load). */
  async upsert(dimensions: readonly Dimension[]): Promise<void> {
    await this.executor.write(dimensionQueries.upsert(dimensions), () => null, 'loadDimensions');
  }
}
