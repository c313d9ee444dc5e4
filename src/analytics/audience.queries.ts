import neo4j from 'neo4j-driver';
import type { PageRequest } from '../common/pagination';
import { whereClause } from '../db/cypher';
import type { CypherQuery } from '../db/executor';
import { keysetClause, type SortSpec, CursorValueType } from '../db/keyset';
import {
  countMatching,
  type FilterClause,
  partnerFilterClause,
  partnerProjection,
} from '../partners/partner.repository';
import { activeSinceCondition } from './aggregates.queries';
import type { NormalisedAudienceFilter } from './audience';

/** Audiences are listed by name, like a mailing list. */
const SORT: SortSpec = {
  expression: 'p.name',
  valueType: CursorValueType.TEXT,
  direction: 'ASC',
  id: 'p.id',
};

/**
 * Translates an audience filter into Cypher: the partner filter's own clause (anchored on the
 * districts' or boroughs' index when given) for sectors, statuses, topics and places, plus the
 * audience's own conditions: any of the dimensions, the perspective, and activity.
 */
export function audienceClause(filter: NormalisedAudienceFilter): FilterClause {
  const base = partnerFilterClause({
    sectors: filter.sectors,
    statuses: filter.statuses,
    topics: filter.topics,
    districts: filter.districts,
    boroughs: filter.boroughs,
  });
  const conditions = [...base.conditions];
  const params: Record<string, unknown> = { ...base.params };
  if (filter.dimensions.length > 0 || filter.perspective !== null) {
    conditions.push(
      `EXISTS { MATCH (p)-[r:ENGAGES_IN]->(d:Dimension)
  WHERE (size($anyDimensions) = 0 OR d.key IN $anyDimensions)
    AND ($perspective IS NULL OR r.perspective = $perspective) }`,
    );
    Object.assign(params, { anyDimensions: filter.dimensions, perspective: filter.perspective });
  }
  if (filter.activeSince !== null) {
    conditions.push(activeSinceCondition('$activeSince'));
    params.activeSince = filter.activeSince;
  }
  if (filter.inactiveSince !== null) {
    conditions.push(`NOT ${activeSinceCondition('$inactiveSince')}`);
    params.inactiveSince = filter.inactiveSince;
  }
  return { source: base.source, conditions, params };
}

/** The Cypher of the audience. */
export const audienceQueries = {
  /** One page of the audience, by name. */
  page(filter: NormalisedAudienceFilter, request: PageRequest): CypherQuery {
    const clause = audienceClause(filter);
    const keyset = keysetClause(SORT, request);
    return {
      cypher: `${clause.source}
WITH p ${whereClause([...clause.conditions, keyset.where])}
RETURN ${partnerProjection('p')} AS partner, p.name AS sortValue
ORDER BY ${keyset.orderBy} LIMIT $limit`,
      params: { ...clause.params, ...keyset.params, limit: neo4j.int(request.limit + 1) },
    };
  },

  /** How many partners the audience holds. */
  count(filter: NormalisedAudienceFilter): CypherQuery {
    return countMatching(audienceClause(filter));
  },

  /**
   * The whole audience with contact data for the exports (CSV, xlsx), by name; at most `limit`
   * rows (the caller asks for one more than it allows, to notice an audience that is too large).
   * `lastActivityOn` is what `inactivePartners` calls so (aggregates.queries.ts, `inactivePage`):
   * the latest day of a cooperation it took part in (its end, or its start while it runs) or of an
   * attended event; null when there is none, never the joining date `Partner.lastActiveOn` falls
   * back to.
   */
  csvRows(filter: NormalisedAudienceFilter, limit: number): CypherQuery {
    const clause = audienceClause(filter);
    return {
      cypher: `${clause.source}
WITH p ${whereClause(clause.conditions)}
WITH p ORDER BY p.name, p.id LIMIT $limit
OPTIONAL MATCH (p)-[:LOCATED_IN]->(district:District)
RETURN p {.id, .name, .sector, .kind, .status, .contactName, .contactEmail, .joinedOn,
  scope: coalesce(p.scope, 'NEIGHBOURHOOD'),
  cooperationCount: coalesce(p.cooperationCount, 0),
  district: district.name, borough: district.borough,
  dimensions: COLLECT { MATCH (p)-[e:ENGAGES_IN]->(d:Dimension)
    RETURN {key: d.key, name: d.nameDe, perspective: e.perspective} AS dimension
    ORDER BY d.key, e.perspective },
  lastActivityOn: reduce(latest = null, day IN
    [(p)-[:PARTICIPATES_IN]->(c:Cooperation) | coalesce(c.endedOn, c.startedOn)]
      + [(p)-[:ATTENDED]->(e:Event) | e.date] |
    CASE WHEN latest IS NULL OR day > latest THEN day ELSE latest END)} AS row
ORDER BY row.name, row.id`,
      params: { ...clause.params, limit: neo4j.int(limit) },
    };
  },
};
