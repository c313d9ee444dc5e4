import neo4j from 'neo4j-driver';
import type { ChildPage, PageRequest, SortKey } from '../common/pagination';
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
import type { Dimension } from '../dimensions/dimension.types';
import { OrderDirection } from '../partners/partner.types';
import { type AuthUser, Role } from '../auth/auth.types';
import {
  type Cooperation,
  type CooperationFilter,
  type CooperationOrder,
  CooperationOrderField,
  type ParticipationRole,
  REAL_COOPERATION_STATUSES,
} from './cooperation.types';

/**
 * The public properties of cooperation `v`, as every query and mutation returns them. Date-times
 * are read with Cypher's `toString`, as the compiled reads read them, so both paths answer alike.
 */
export const cooperationProjection = (v: string) =>
  `${v} {.id, .title, .kind, .status, .startedOn, .endedOn, .funding, .proposedBy, .decidedBy,
  proposedAt: toString(${v}.proposedAt), expiresAt: toString(${v}.expiresAt),
  activatedAt: toString(${v}.activatedAt), decidedAt: toString(${v}.decidedAt)}`;
const PROJECTION = cooperationProjection('c');

const SORTS: Record<CooperationOrderField, Omit<SortSpec, 'direction'>> = {
  [CooperationOrderField.STARTED_ON]: {
    expression: 'c.startedOn',
    valueType: CursorValueType.DATE,
    id: 'c.id',
  },
  [CooperationOrderField.TITLE]: {
    expression: 'c.title',
    valueType: CursorValueType.TEXT,
    id: 'c.id',
  },
};

/** The sort of a cooperation ordering, on the variable `c`. */
export function cooperationSort(order: CooperationOrder): SortSpec {
  return { ...SORTS[order.field], direction: order.direction };
}

/** The default ordering of cooperations: newest first. */
export const DEFAULT_COOPERATION_ORDER: CooperationOrder = {
  field: CooperationOrderField.STARTED_ON,
  direction: OrderDirection.DESC,
};

/**
 * Who may see cooperation `v` (docs/follow-through.md#proposals): coordinators see all (`null`:
 * no condition); everybody sees ACTIVE and ENDED ones; a partner also sees the proposals it is
 * named in (PROPOSED_IN), whatever became of them. Values go through `param`.
 */
export function cooperationVisibility(
  v: string,
  user: AuthUser | null,
  param: (value: unknown) => string,
): string | null {
  if (user?.role === Role.COORDINATOR) return null;
  const real = `${v}.status IN ${param(REAL_COOPERATION_STATUSES)}`;
  if (user?.partnerId == null) return real;
  return `(${real} OR EXISTS { (:Partner {id: ${param(user.partnerId)}})-[:PROPOSED_IN]->(${v}) })`;
}

/**
 * Conditions of a cooperation filter on the node variable `v`, for the viewer `user` (see
 * {@link cooperationVisibility}); every value is a parameter. (`v` is one of our own variable
 * names, never user input.)
 */
export function cooperationConditions(
  filter: CooperationFilter = {},
  v = 'c',
  user: AuthUser | null = null,
) {
  const { conditions, params, add } = conditionSet();
  const visible = cooperationVisibility(v, user, (value) => {
    const name = `visible${Object.keys(params).length}`;
    params[name] = value;
    return `$${name}`;
  });
  if (visible) add(visible);
  if (filter.kinds?.length) add(`${v}.kind IN $kinds`, { kinds: filter.kinds });
  if (filter.statuses?.length) add(`${v}.status IN $statuses`, { statuses: filter.statuses });
  if (filter.dimension) {
    add(`EXISTS { (${v})-[:ADDRESSES]->(:Dimension {key: $dimension}) }`, {
      dimension: filter.dimension,
    });
  }
  if (filter.partner) {
    add(`EXISTS { (:Partner {id: $partner})-[:PARTICIPATES_IN|PROPOSED_IN]->(${v}) }`, {
      partner: filter.partner,
    });
  }
  if (filter.sectorPair?.length) {
    add(
      `EXISTS { MATCH (a:Partner)-[:PARTICIPATES_IN|PROPOSED_IN]->(${v})<-[:PARTICIPATES_IN|PROPOSED_IN]-(b:Partner) WHERE a.sector = $sectorA AND b.sector = $sectorB AND a <> b }`,
      { sectorA: filter.sectorPair[0], sectorB: filter.sectorPair[1] },
    );
  }
  if (filter.activeOn) {
    add(
      `${v}.startedOn <= date($activeOn) AND (${v}.endedOn IS NULL OR ${v}.endedOn >= date($activeOn))`,
      { activeOn: filter.activeOn },
    );
  }
  if (filter.currentlyFunded != null) {
    const funded = `(${v}.status = 'ACTIVE' AND ${v}.funding IS NOT NULL)`;
    add(filter.currentlyFunded ? funded : `NOT ${funded}`);
  }
  return { conditions, params };
}

/** The Cypher of the Cooperation slice, as pure functions. */
export const cooperationQueries = {
  page(
    filter: CooperationFilter | undefined,
    order: CooperationOrder,
    request: PageRequest,
    user: AuthUser | null = null,
  ) {
    const { conditions, params } = cooperationConditions(filter, 'c', user);
    const sort = cooperationSort(order);
    const keyset = keysetClause(sort, request);
    return {
      cypher: `MATCH (c:Cooperation) ${whereClause([...conditions, keyset.where])}
RETURN ${PROJECTION} AS cooperation, ${sort.expression} AS sortValue
ORDER BY ${keyset.orderBy} LIMIT $limit`,
      params: { ...params, ...keyset.params, limit: neo4j.int(request.limit + 1) },
    };
  },
  count(filter: CooperationFilter | undefined, user: AuthUser | null = null): CypherQuery {
    const { conditions, params } = cooperationConditions(filter, 'c', user);
    return {
      cypher: `MATCH (c:Cooperation) ${whereClause(conditions)} RETURN count(c) AS total`,
      params,
    };
  },
  byIds(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation) WHERE c.id IN $ids RETURN ${PROJECTION} AS cooperation`,
      params: { ids },
    };
  },
  participants(ids: readonly string[]): CypherQuery {
    return {
      // A proposal's named partners are PROPOSED_IN it, a real cooperation's PARTICIPATES_IN.
      cypher: `MATCH (p:Partner)-[r:PARTICIPATES_IN|PROPOSED_IN]->(c:Cooperation) WHERE c.id IN $ids
WITH c, p, r ORDER BY r.role, p.nameSortKey
RETURN c.id AS id,
  collect({role: r.role, partnerId: p.id, confirmedAt: toString(r.confirmedAt)}) AS participants`,
      params: { ids },
    };
  },
  dimensions(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation)-[:ADDRESSES]->(d:Dimension) WHERE c.id IN $ids
WITH c, d ORDER BY d.key
RETURN c.id AS id, collect(d {.*}) AS dimensions`,
      params: { ids },
    };
  },
  /**
   * The cooperations of many partners or dimensions, one page each, newest first. Nested lists
   * hold real cooperations only (ACTIVE, ENDED) for every viewer: proposals are listed by the
   * root `cooperations` to those who may see them.
   */
  pagesByParents(
    parent: 'Partner' | 'Dimension',
    parentIds: readonly string[],
    filter: CooperationFilter,
    request: PageRequest,
  ) {
    // As seen by PUBLIC: real cooperations only, whoever asks.
    const { conditions, params } = cooperationConditions(
      { ...filter, partner: null },
      'node',
      null,
    );
    return childPagesQuery(
      {
        parent:
          parent === 'Partner'
            ? { label: 'Partner', key: 'id' }
            : { label: 'Dimension', key: 'key' },
        match:
          parent === 'Partner'
            ? 'MATCH (parent)-[:PARTICIPATES_IN]->(node:Cooperation)'
            : 'MATCH (parent)<-[:ADDRESSES]-(node:Cooperation)',
        conditions,
        projection: cooperationProjection('node'),
        sort: {
          expression: 'node.startedOn',
          valueType: CursorValueType.DATE,
          id: 'node.id',
          direction: 'DESC',
        },
        params,
      },
      parentIds,
      request,
    );
  },
};

/** A participant as the batched query returns it: the partner's id, role and confirmation. */
export interface ParticipantRef {
  partnerId: string;
  role: ParticipationRole;
  confirmedAt: string | null;
}

/** Reads cooperations; holds all of the slice's Cypher. */
export class CooperationRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** One page of cooperations (limit + 1 rows, in request direction) with their sort keys. */
  findPage(
    filter: CooperationFilter | undefined,
    order: CooperationOrder,
    request: PageRequest,
    user: AuthUser | null = null,
  ) {
    return this.executor.read(
      cooperationQueries.page(filter, order, request, user),
      (r) => {
        const node = fromNeo4j<Cooperation>(r.get('cooperation'));
        return { node, key: [fromNeo4j<string>(r.get('sortValue')), node.id] as SortKey };
      },
      'cooperations',
    );
  }

  /** How many cooperations match the filter (and are visible to `user`). */
  async count(
    filter: CooperationFilter | undefined,
    user: AuthUser | null = null,
  ): Promise<number> {
    const [total] = await this.executor.read(
      cooperationQueries.count(filter, user),
      (r) => fromNeo4j<number>(r.get('total')),
      'cooperationsCount',
    );
    return total ?? 0;
  }

  /** Cooperations by id, in the order asked; `null` for unknown ids. */
  async findByIds(ids: readonly string[]): Promise<(Cooperation | null)[]> {
    const found = await this.executor.read(
      cooperationQueries.byIds(ids),
      (r) => fromNeo4j<Cooperation>(r.get('cooperation')),
      'cooperationsById',
    );
    return alignById<Cooperation | null>(
      ids,
      found.map((c) => [c.id, c]),
      null,
    );
  }

  /**
   * The participants (partner id and role) of each cooperation, lead first. Only ids: the
   * partners themselves come through the partner loader, which fetches each distinct partner
   * once however many cooperations it is in.
   */
  async findParticipants(ids: readonly string[]): Promise<ParticipantRef[][]> {
    const rows = await this.executor.read(
      cooperationQueries.participants(ids),
      (r) =>
        [r.get('id') as string, fromNeo4j<ParticipantRef[]>(r.get('participants'))] as [
          string,
          ParticipantRef[],
        ],
      'cooperationParticipants',
    );
    return alignById(ids, rows, []);
  }

  /** The dimensions each cooperation addresses. */
  async findDimensions(ids: readonly string[]): Promise<Dimension[][]> {
    const rows = await this.executor.read(
      cooperationQueries.dimensions(ids),
      (r) =>
        [r.get('id') as string, fromNeo4j<Dimension[]>(r.get('dimensions'))] as [
          string,
          Dimension[],
        ],
      'cooperationDimensions',
    );
    return alignById(ids, rows, []);
  }

  /** One page of cooperations for each partner or dimension, newest first. */
  async findPagesByParents(
    ...args: Parameters<typeof cooperationQueries.pagesByParents>
  ): Promise<ChildPage<Cooperation>[]> {
    const rows = await this.executor.read(
      cooperationQueries.pagesByParents(...args),
      (r) => ({
        parentId: r.get('parentId') as string,
        total: fromNeo4j<number>(r.get('total')),
        page: fromNeo4j<{ node: Cooperation; sortValue: string }[]>(r.get('page')),
      }),
      `${args[0].toLowerCase()}Cooperations`,
    );
    return toChildPages(args[1], rows, (c) => c.id);
  }
}
