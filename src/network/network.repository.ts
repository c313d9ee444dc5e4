import { isInt, type Record as Neo4jRecord } from 'neo4j-driver';
import type { Language } from '../common/language';
import { conditionSet, whereClause } from '../db/cypher';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import type { NormalisedNetworkFilter } from './network.filter';
import type {
  CooperationRow,
  DimensionRow,
  NetworkModeName,
  NetworkRows,
  PartnerRow,
} from './network.model';

/** The id of the one `DataVersion` node every writer bumps (see `BUMP_DATA_VERSION`). */
export const DATA_VERSION_ID = 'graph';

/**
 * The conditions that select partners `p`: status, sector, district, and (except in DIMENSIONS
 * mode, where the dimension filter selects dimension nodes) engagement in any of the dimensions.
 */
function partnerConditions(filter: NormalisedNetworkFilter, mode: NetworkModeName) {
  const { conditions, params, add } = conditionSet();
  add('p.status IN $statuses', { statuses: filter.statuses });
  if (filter.sectors) add('p.sector IN $sectors', { sectors: filter.sectors });
  if (filter.districts) {
    add('EXISTS { (p)-[:LOCATED_IN]->(d:District) WHERE d.key IN $districts }', {
      districts: filter.districts,
    });
  }
  if (filter.dimensions && mode !== 'DIMENSIONS') {
    add('EXISTS { (p)-[:ENGAGES_IN]->(d:Dimension) WHERE d.key IN $dimensions }', {
      dimensions: filter.dimensions,
    });
  }
  return { conditions, params };
}

/** The Cypher of the network slice, as pure functions. Only public partner fields are read. */
export const networkQueries = {
  /** The graph's data version: 0 before the first write. One index lookup. */
  dataVersion(): CypherQuery {
    return {
      cypher: 'OPTIONAL MATCH (v:DataVersion {id: $id}) RETURN coalesce(v.value, 0) AS version',
      params: { id: DATA_VERSION_ID },
    };
  },

  /**
   * The selected partners, by id, with what a frontend colours and filters by: district and
   * borough, status, scope (NEIGHBOURHOOD when unset) and engagements sorted by key, perspective.
   */
  partners(filter: NormalisedNetworkFilter, mode: NetworkModeName): CypherQuery {
    const partners = partnerConditions(filter, mode);
    return {
      cypher: `MATCH (p:Partner) ${whereClause(partners.conditions)}
OPTIONAL MATCH (p)-[:LOCATED_IN]->(district:District)
RETURN p.id AS id, p.name AS name, p.sector AS sector, p.kind AS kind, p.status AS status,
  coalesce(p.scope, 'NEIGHBOURHOOD') AS scope, district.key AS districtKey,
  district.name AS districtName, district.borough AS borough, district.boroughKey AS boroughKey,
  COLLECT { MATCH (p)-[e:ENGAGES_IN]->(dimension:Dimension)
    RETURN [dimension.key, e.perspective] AS engagement ORDER BY dimension.key, e.perspective
  } AS dimensions
ORDER BY id`,
      params: partners.params,
    };
  },

  /**
   * The cooperations that count: started within the window, of the selected kinds, and with at
   * least one selected partner; each with those partners and its dimensions, sorted.
   */
  cooperations(filter: NormalisedNetworkFilter, mode: NetworkModeName): CypherQuery {
    const partners = partnerConditions(filter, mode);
    const { conditions, params, add } = conditionSet();
    if (filter.from) add('c.startedOn >= date($from)', { from: filter.from });
    if (filter.to) add('c.startedOn <= date($to)', { to: filter.to });
    if (filter.cooperationKinds) add('c.kind IN $kinds', { kinds: filter.cooperationKinds });
    return {
      cypher: `MATCH (c:Cooperation) ${whereClause(conditions)}
WITH c, COLLECT {
  MATCH (p:Partner)-[:PARTICIPATES_IN]->(c) ${whereClause(partners.conditions)}
  RETURN p.id ORDER BY p.id
} AS partnerIds
WHERE size(partnerIds) > 0
RETURN c.id AS id, c.title AS title, c.kind AS kind, c.startedOn.year AS year, partnerIds,
  COLLECT { MATCH (c)-[:ADDRESSES]->(d:Dimension) RETURN d.key ORDER BY d.key } AS dimensionKeys
ORDER BY id`,
      params: { ...params, ...partners.params },
    };
  },

  /** The dimension nodes of DIMENSIONS mode, labelled in the request's language. */
  dimensions(filter: NormalisedNetworkFilter, language: Language): CypherQuery {
    return {
      cypher: `MATCH (d:Dimension) WHERE $keys IS NULL OR d.key IN $keys
RETURN d.key AS key, CASE $language WHEN 'en' THEN d.nameEn ELSE d.nameDe END AS label
ORDER BY key`,
      params: { keys: filter.dimensions, language },
    };
  },
};

const toNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : isInt(value) ? value.toNumber() : Number(value);

// Hand-written mappers instead of fromNeo4j: they run on the request thread for up to ~100k
// records at 50k partners, and touch only the fields needed.
const toPartner = (r: Neo4jRecord): PartnerRow => ({
  id: r.get('id') as string,
  name: r.get('name') as string,
  sector: r.get('sector') as string,
  kind: r.get('kind') as string,
  districtKey: r.get('districtKey') as string | null,
  districtName: r.get('districtName') as string | null,
  borough: r.get('borough') as string | null,
  boroughKey: r.get('boroughKey') as string | null,
  status: r.get('status') as string,
  scope: r.get('scope') as string,
  dimensions: (r.get('dimensions') as [string, string][]).map(([key, perspective]) => ({
    key,
    perspective,
  })),
});

const toCooperation = (r: Neo4jRecord): CooperationRow => ({
  id: r.get('id') as string,
  title: r.get('title') as string,
  kind: r.get('kind') as string,
  year: toNumber(r.get('year')),
  partnerIds: r.get('partnerIds') as string[],
  dimensionKeys: r.get('dimensionKeys') as string[],
});

const toDimension = (r: Neo4jRecord): DimensionRow => ({
  key: r.get('key') as string,
  label: r.get('label') as string,
});

/** Reads what the network is computed from. */
export class NetworkRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** The current data version; it grows with every write. */
  async dataVersion(): Promise<number> {
    const [version] = await this.executor.read(
      networkQueries.dataVersion(),
      (r) => toNumber(r.get('version')) ?? 0,
      'networkDataVersion',
    );
    return version ?? 0;
  }

  /**
   * The rows of one network, in two round trips run side by side: the nodes (partners, or
   * dimensions in DIMENSIONS mode) and the cooperations that link them.
   */
  async rows(
    mode: NetworkModeName,
    filter: NormalisedNetworkFilter,
    language: Language,
  ): Promise<NetworkRows> {
    const [cooperations, partners, dimensions] = await Promise.all([
      this.executor.read(networkQueries.cooperations(filter, mode), toCooperation, 'network'),
      mode === 'DIMENSIONS'
        ? Promise.resolve([])
        : this.executor.read(networkQueries.partners(filter, mode), toPartner, 'network'),
      mode === 'DIMENSIONS'
        ? this.executor.read(networkQueries.dimensions(filter, language), toDimension, 'network')
        : Promise.resolve([]),
    ]);
    return { partners, cooperations, dimensions };
  }
}
