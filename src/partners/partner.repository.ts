import neo4j from 'neo4j-driver';
import type { ChildPage, PageRequest, SortKey } from '../common/pagination';
import { toLuceneQuery } from '../common/lucene';
import { alignById, conditionSet, whereClause } from '../db/cypher';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import {
  childPagesQuery,
  keysetClause,
  type SortSpec,
  toChildPages,
  CursorValueType,
} from '../db/keyset';
import { fromNeo4j } from '../db/values';
import { ENGAGED_DIMENSION_KEYS } from './dimension-keys';
import { partnerNameSort } from './german-sort-key';
import type { Dimension } from '../dimensions/dimension.types';
import type { District } from '../districts/district.types';
import {
  OrderDirection,
  type Partner,
  type PartnerDimension,
  type PartnerFilter,
  type PartnerOrder,
  PartnerOrderField,
  PartnerScope,
} from './partner.types';

/**
 * The scope of partner `v`: partners written before scopes existed have no `scope` property and
 * read as NEIGHBOURHOOD (the narrowest, so nobody looks farther-reaching than they said).
 */
export const partnerScope = (v: string) => `coalesce(${v}.scope, '${PartnerScope.NEIGHBOURHOOD}')`;

/** The public properties of partner `v`; private contact data is never read by these queries. */
export const partnerProjection = (v: string) =>
  `${v} {.id, .name, .sector, .kind, .status, .joinedOn, .description, .website, .cooperationCount, .lastActiveOn, .version, scope: ${partnerScope(v)}}`;
const PARTNER_PROJECTION = partnerProjection('p');

const SORTS: Record<PartnerOrderField, Omit<SortSpec, 'direction'>> = {
  [PartnerOrderField.NAME]: {
    expression: partnerNameSort('p'),
    valueType: CursorValueType.TEXT,
    id: 'p.id',
  },
  [PartnerOrderField.JOINED_ON]: {
    expression: 'p.joinedOn',
    valueType: CursorValueType.DATE,
    id: 'p.id',
  },
  [PartnerOrderField.COOPERATION_COUNT]: {
    expression: 'p.cooperationCount',
    valueType: CursorValueType.INTEGER,
    id: 'p.id',
  },
  [PartnerOrderField.LAST_ACTIVITY]: {
    expression: 'p.lastActiveOn',
    valueType: CursorValueType.DATE,
    id: 'p.id',
  },
};

/** The sort of a partner ordering, on the variable `p`. */
export function partnerSort(order: PartnerOrder): SortSpec {
  return { ...SORTS[order.field], direction: order.direction };
}

/** The default ordering of partners. */
export const DEFAULT_PARTNER_ORDER: PartnerOrder = {
  field: PartnerOrderField.NAME,
  direction: OrderDirection.ASC,
};

/** A partner's personal and internal data: never public. */
export interface PartnerPrivate {
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  internalNotes: string | null;
}

/** The Cypher that selects the partners matching a filter: a source pattern and conditions. */
export interface FilterClause {
  source: string;
  conditions: string[];
  params: Record<string, unknown>;
}

/** Counts the partners (`p`) a filter clause matches, as a `total` column. */
export function countMatching(clause: FilterClause): CypherQuery {
  return {
    cypher: `${clause.source}
WITH p ${whereClause(clause.conditions)}
RETURN count(p) AS total`,
    params: clause.params,
  };
}

/**
 * Translates a partner filter into Cypher. The source starts from the most selective index
 * (full-text search, then districts, boroughs, dimensions) so that cost follows the result size,
 * not the number of partners. Every value is a parameter.
 * @param anchored - `false` gives conditions only (for callers with their own source pattern):
 *   the source is then a plain `MATCH (p:Partner)` and every condition is in `conditions`
 *   (a full-text `search` needs its index as the source and is ignored then)
 */
export function partnerFilterClause(filter: PartnerFilter = {}, anchored = true): FilterClause {
  const { conditions, params, add } = conditionSet();
  // The anchor is the most selective index the filter allows; its condition is then not
  // checked a second time for every partner it yields.
  let source = 'MATCH (p:Partner)';
  let anchor: 'districts' | 'boroughs' | null = null;
  const search = filter.search != null ? toLuceneQuery(filter.search) : null;
  if (search !== null && anchored) {
    source = "CALL db.index.fulltext.queryNodes('partner_search', $search) YIELD node AS p";
    params.search = search;
  } else if (filter.districts?.length && anchored) {
    source =
      'MATCH (anchor:District)<-[:LOCATED_IN]-(p:Partner) WHERE anchor.key IN $districts WITH DISTINCT p';
    anchor = 'districts';
    params.districts = filter.districts;
  } else if (filter.boroughs?.length && anchored) {
    source =
      'MATCH (anchor:District)<-[:LOCATED_IN]-(p:Partner) WHERE anchor.boroughKey IN $boroughs WITH DISTINCT p';
    anchor = 'boroughs';
    params.boroughs = filter.boroughs;
  } else if (filter.dimensions?.length && anchored) {
    source =
      'MATCH (anchor:Dimension {key: $dimensions[0]})<-[:ENGAGES_IN]-(p:Partner) WITH DISTINCT p';
  }
  if (filter.sectors?.length) add('p.sector IN $sectors', { sectors: filter.sectors });
  if (filter.statuses?.length) add('p.status IN $statuses', { statuses: filter.statuses });
  if (filter.dimensions?.length && !filter.perspective) {
    // One property per partner (src/partners/dimension-keys.ts); a partner written without the
    // list (a test fixture, a writer that forgot it) is read from its relationships instead.
    add(
      `all(key IN $dimensions WHERE key IN coalesce(p.dimensionKeys, ${ENGAGED_DIMENSION_KEYS}))`,
      { dimensions: filter.dimensions },
    );
  } else if (filter.dimensions?.length) {
    // Reads the partner's few ENGAGES_IN relationships instead of probing each dimension.
    add(
      'all(key IN $dimensions WHERE key IN [(p)-[r:ENGAGES_IN]->(d:Dimension) WHERE r.perspective = $perspective | d.key])',
      { dimensions: filter.dimensions, perspective: filter.perspective },
    );
  } else if (filter.perspective) {
    add('EXISTS { (p)-[:ENGAGES_IN {perspective: $perspective}]->(:Dimension) }', {
      perspective: filter.perspective,
    });
  }
  if (filter.topics?.length) {
    add('EXISTS { (p)-[:ACTIVE_IN]->(t:Topic) WHERE t.key IN $topics }', { topics: filter.topics });
  }
  if (filter.districts?.length && anchor !== 'districts') {
    add('EXISTS { (p)-[:LOCATED_IN]->(d:District) WHERE d.key IN $districts }', {
      districts: filter.districts,
    });
  }
  if (filter.boroughs?.length && anchor !== 'boroughs') {
    add('EXISTS { (p)-[:LOCATED_IN]->(d:District) WHERE d.boroughKey IN $boroughs }', {
      boroughs: filter.boroughs,
    });
  }
  if (filter.joinedFrom) add('p.joinedOn >= date($joinedFrom)', { joinedFrom: filter.joinedFrom });
  if (filter.joinedTo) add('p.joinedOn <= date($joinedTo)', { joinedTo: filter.joinedTo });
  if (filter.cooperatedSince) {
    add(
      'EXISTS { (p)-[:PARTICIPATES_IN]->(c:Cooperation) WHERE c.startedOn >= date($cooperatedSince) }',
      { cooperatedSince: filter.cooperatedSince },
    );
  }
  return { source, conditions, params };
}

/** The Cypher of the Partner slice, as pure functions. */
export const partnerQueries = {
  page(filter: PartnerFilter | undefined, order: PartnerOrder, request: PageRequest): CypherQuery {
    const clause = partnerFilterClause(filter);
    const sort = partnerSort(order);
    const keyset = keysetClause(sort, request);
    return {
      cypher: `${clause.source}
WITH p ${whereClause([...clause.conditions, keyset.where])}
RETURN ${PARTNER_PROJECTION} AS partner, ${sort.expression} AS sortValue
ORDER BY ${keyset.orderBy} LIMIT $limit`,
      params: { ...clause.params, ...keyset.params, limit: neo4j.int(request.limit + 1) },
    };
  },
  count(filter: PartnerFilter | undefined): CypherQuery {
    return countMatching(partnerFilterClause(filter));
  },
  byIds(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner) WHERE p.id IN $ids RETURN ${PARTNER_PROJECTION} AS partner`,
      params: { ids },
    };
  },
  dimensionsByPartners(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner)-[r:ENGAGES_IN]->(d:Dimension) WHERE p.id IN $ids
WITH p, r, d ORDER BY d.key, r.perspective
RETURN p.id AS id, collect({perspective: r.perspective, dimension: d {.*}}) AS dimensions`,
      params: { ids },
    };
  },
  /** Partners under many dimensions or districts (Dimension.partners, District.partners). */
  pagesByParents(
    parent: 'Dimension' | 'District',
    parentKeys: readonly string[],
    perspective: string | null,
    request: PageRequest,
  ) {
    return childPagesQuery(
      {
        parent: { label: parent, key: 'key' },
        match:
          parent === 'Dimension'
            ? 'MATCH (parent)<-[r:ENGAGES_IN]-(node:Partner)'
            : 'MATCH (parent)<-[:LOCATED_IN]-(node:Partner)',
        conditions: perspective ? ['r.perspective = $perspective'] : [],
        projection: partnerProjection('node'),
        sort: {
          expression: partnerNameSort('node'),
          valueType: CursorValueType.TEXT,
          id: 'node.id',
          direction: 'ASC',
        },
        params: { perspective },
      },
      parentKeys,
      request,
    );
  },
  privateByPartners(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner) WHERE p.id IN $ids
RETURN p.id AS id, p {.contactName, .contactEmail, .contactPhone, .internalNotes} AS private`,
      params: { ids },
    };
  },
  /**
   * Which of the partners share their contact with the viewer (an accepted contact request,
   * `SHARES_CONTACT` in either direction, src/contacts): their contact data, the others none.
   */
  sharedContactsOf(viewerId: string, ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner)-[:SHARES_CONTACT]-(:Partner {id: $viewerId}) WHERE p.id IN $ids
RETURN DISTINCT p.id AS id, p {.contactName, .contactEmail, .contactPhone, internalNotes: null} AS private`,
      params: { viewerId, ids },
    };
  },
  districtsByPartners(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner)-[:LOCATED_IN]->(d:District) WHERE p.id IN $ids
RETURN p.id AS id, d {.*} AS district`,
      params: { ids },
    };
  },
};

/** Reads partners; holds all of the slice's Cypher. */
export class PartnerRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** One page of partners (limit + 1 rows, in request direction) with their sort keys. */
  findPage(filter: PartnerFilter | undefined, order: PartnerOrder, request: PageRequest) {
    return this.executor.read(
      partnerQueries.page(filter, order, request),
      (r) => {
        const node = fromNeo4j<Partner>(r.get('partner'));
        const key: SortKey = [fromNeo4j<string | number>(r.get('sortValue')), node.id];
        return { node, key };
      },
      'partners',
    );
  }

  /** How many partners match the filter. */
  async count(filter: PartnerFilter | undefined): Promise<number> {
    const [total] = await this.executor.read(
      partnerQueries.count(filter),
      (r) => fromNeo4j<number>(r.get('total')),
      'partnersCount',
    );
    return total ?? 0;
  }

  /** Partners by id, in the order asked; `null` for unknown ids. */
  async findByIds(ids: readonly string[]): Promise<(Partner | null)[]> {
    const partners = await this.executor.read(
      partnerQueries.byIds(ids),
      (r) => fromNeo4j<Partner>(r.get('partner')),
      'partnersById',
    );
    return alignById(
      ids,
      partners.map((p) => [p.id, p]),
      null,
    );
  }

  /** The dimensions (with perspective) of each partner. */
  async findDimensions(ids: readonly string[]): Promise<PartnerDimension[][]> {
    const rows = await this.executor.read(
      partnerQueries.dimensionsByPartners(ids),
      (r) =>
        [
          r.get('id') as string,
          fromNeo4j<{ perspective: PartnerDimension['perspective']; dimension: Dimension }[]>(
            r.get('dimensions'),
          ),
        ] as [string, PartnerDimension[]],
      'partnerDimensions',
    );
    return alignById(ids, rows, []);
  }

  /** The partners of many dimensions or districts, one page each, ordered by name. */
  async findPagesByParents(
    ...args: Parameters<typeof partnerQueries.pagesByParents>
  ): Promise<ChildPage<Partner>[]> {
    const rows = await this.executor.read(
      partnerQueries.pagesByParents(...args),
      (r) => ({
        parentId: r.get('parentId') as string,
        total: fromNeo4j<number>(r.get('total')),
        page: fromNeo4j<{ node: Partner; sortValue: string }[]>(r.get('page')),
      }),
      `${args[0].toLowerCase()}Partners`,
    );
    return toChildPages(args[1], rows, (p) => p.id);
  }

  /** The private contact data of each partner; only read for callers allowed to see it. */
  async findPrivate(ids: readonly string[]): Promise<(PartnerPrivate | null)[]> {
    const rows = await this.executor.read(
      partnerQueries.privateByPartners(ids),
      (r) =>
        [r.get('id') as string, fromNeo4j<PartnerPrivate>(r.get('private'))] as [
          string,
          PartnerPrivate,
        ],
      'partnerPrivate',
    );
    return alignById<PartnerPrivate | null>(ids, rows, null);
  }

  /**
   * The contact data of each partner that shares its contact with the viewer, else `null`
   * (see `sharedContactsOf`); internal notes are never part of it.
   */
  async findSharedContacts(
    viewerId: string,
    ids: readonly string[],
  ): Promise<(PartnerPrivate | null)[]> {
    const rows = await this.executor.read(
      partnerQueries.sharedContactsOf(viewerId, ids),
      (r) =>
        [r.get('id') as string, fromNeo4j<PartnerPrivate>(r.get('private'))] as [
          string,
          PartnerPrivate,
        ],
      'partnerSharedContacts',
    );
    return alignById<PartnerPrivate | null>(ids, rows, null);
  }

  /** The district of each partner, or `null`. */
  async findDistricts(ids: readonly string[]): Promise<(District | null)[]> {
    const rows = await this.executor.read(
      partnerQueries.districtsByPartners(ids),
      (r) => [r.get('id') as string, fromNeo4j<District>(r.get('district'))] as [string, District],
      'partnerDistricts',
    );
    return alignById<District | null>(ids, rows, null);
  }
}
