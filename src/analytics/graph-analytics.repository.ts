import type { CypherExecutor, CypherQuery } from '../db/executor';
import { PartnerStatus } from '../partners/partner.types';

/** A dimension with its names and the ids of the partners engaged in it. */
export interface DimensionMembersRow {
  key: string;
  nameDe: string;
  nameEn: string;
  partnerIds: string[];
}

/** The Cypher of the graph analytics, as pure functions; every value is a parameter. */
export const graphAnalyticsQueries = {
  /**
   * Every dimension with the ids of the partners of the given statuses engaged in it: seven
   * rows whatever the alliance's size (the ids travel as lists, not one row per engagement).
   */
  dimensionMembers(statuses: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (d:Dimension)
RETURN d.key AS key, d.nameDe AS nameDe, d.nameEn AS nameEn,
  COLLECT {
    MATCH (p:Partner)-[:ENGAGES_IN]->(d) WHERE p.status IN $statuses
    RETURN DISTINCT p.id
  } AS partnerIds
ORDER BY key`,
      params: { statuses },
    };
  },

  /** Which of the given partners are ACTIVE (only they get and are given suggestions). */
  activeAmong(ids: readonly string[]): CypherQuery {
    return {
      cypher: `UNWIND $ids AS id
MATCH (p:Partner {id: id}) WHERE p.status = $active
RETURN p.id AS id`,
      params: { ids, active: PartnerStatus.ACTIVE },
    };
  },
};

/** Reads what the graph analytics need beyond the computed networks. */
export class GraphAnalyticsRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** Every dimension with its names and the ids of engaged partners of the given statuses. */
  dimensionMembers(statuses: readonly string[]): Promise<DimensionMembersRow[]> {
    return this.executor.read(
      graphAnalyticsQueries.dimensionMembers(statuses),
      (r) => ({
        key: r.get('key') as string,
        nameDe: r.get('nameDe') as string,
        nameEn: r.get('nameEn') as string,
        partnerIds: r.get('partnerIds') as string[],
      }),
      'analyticsDimensionMembers',
    );
  }

  /** The ACTIVE partners among the given ids. */
  async activeAmong(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.executor.read(
      graphAnalyticsQueries.activeAmong(ids),
      (r) => r.get('id') as string,
      'analyticsActiveAmong',
    );
    return new Set(found);
  }
}
