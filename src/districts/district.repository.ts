import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import type { District } from './district.types';

/** The Cypher of the District slice. */
export const districtQueries = {
  all(): CypherQuery {
    return {
      cypher: 'MATCH (d:District) RETURN d {.*} AS district ORDER BY d.boroughKey, d.key',
    };
  },
  byKeys(keys: readonly string[]): CypherQuery {
    return {
      cypher: 'MATCH (d:District) WHERE d.key IN $keys RETURN d {.*} AS district',
      params: { keys },
    };
  },
  upsert(districts: readonly District[]): CypherQuery {
    return {
      cypher: `UNWIND $districts AS row
MERGE (d:District {key: row.key})
SET d.name = row.name, d.borough = row.borough, d.boroughKey = row.boroughKey`,
      params: { districts },
    };
  },
};

const toDistrict = (record: Neo4jRecord): District => record.get('district') as District;

/** Reads and writes District nodes. */
export class DistrictRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** All districts ordered by borough, then key. */
  findAll(): Promise<District[]> {
    return this.executor.read(districtQueries.all(), toDistrict, 'districts');
  }

  /** The districts with the given keys; unknown keys are skipped. */
  findByKeys(keys: readonly string[]): Promise<District[]> {
    return this.executor.read(districtQueries.byKeys(keys), toDistrict, 'districtsByKeys');
  }

  /** Creates or updates districts by key (reference data). */
  async upsert(districts: readonly District[]): Promise<void> {
    await this.executor.write(districtQueries.upsert(districts), () => null, 'loadDistricts');
  }
}
