import neo4j from 'neo4j-driver';
import { alignById } from './cypher';
import type { ChildPage, PageRequest } from '../common/pagination';
import { assertCursorValue, CursorValueType, cursorValueExpression } from './cursor-values';

export { CursorValueType };

/** How a list is ordered: a sort expression, its direction, and the id expression as tie-break. */
export interface SortSpec {
  /** Cypher expression of the sort value, e.g. `p.name`; chosen from a whitelist, never user text. */
  expression: string;
  /**
   * The type of the sort value: every decoded cursor value is checked against it (BAD_USER_INPUT)
   * before Cypher converts the parameter back into it.
   */
  valueType: CursorValueType;
  direction: 'ASC' | 'DESC';
  /** Cypher expression of the unique id, e.g. `p.id`. */
  id: string;
}

/** Whether a page request reads its sort ascending (a backward request reverses the sort). */
export function readsAscending(sort: Pick<SortSpec, 'direction'>, request: PageRequest): boolean {
  return (sort.direction === 'ASC') === (request.direction === 'forward');
}

/** The keyset part of a paginated query: a condition (or none), the ORDER BY and its parameters. */
export interface KeysetClause {
  where: string | null;
  orderBy: string;
  params: Record<string, unknown>;
}

/**
 * Builds keyset pagination for a sort: items strictly after the cursor in the request's direction,
 * ordered by the sort value and then the id, so the order is total and stable. A backward request
 * runs the reversed order (the caller reverses the rows back).
 *
 * @throws BAD_USER_INPUT when the cursor's value does not fit the sort's {@link SortSpec.valueType}
 */
export function keysetClause(sort: SortSpec, request: PageRequest): KeysetClause {
  return keysetClauseWith(sort, request, '$cursorValue', '$cursorId');
}

/**
 * {@link keysetClause} with the cursor's parameter names given, for queries that embed the
 * condition in a list comprehension of a batched query.
 */
export function keysetClauseWith(
  sort: SortSpec,
  request: PageRequest,
  valueParameter: string,
  idParameter: string,
): KeysetClause {
  const ascending = readsAscending(sort, request);
  const direction = ascending ? 'ASC' : 'DESC';
  const orderBy = `${sort.expression} ${direction}, ${sort.id} ${direction}`;
  if (!request.from) return { where: null, orderBy, params: {} };
  assertCursorValue(sort.valueType, request.from[0], request.fromArgument ?? 'after');
  const op = ascending ? '>' : '<';
  const value = cursorValueExpression(sort.valueType, valueParameter);
  return {
    where: `(${sort.expression} ${op} ${value} OR (${sort.expression} = ${value} AND ${sort.id} ${op} ${idParameter}))`,
    orderBy,
    params: { cursorValue: request.from[0], cursorId: request.from[1] },
  };
}

/** A connection under each of many parents, fetched in one query (see {@link childPagesQuery}). */
export interface ChildPagesSpec {
  /** The parents' label and key property; parents are found by that key's unique index. */
  parent: { label: string; key: string };
  /** Cypher matching the variable `parent` to the child variable `node`. */
  match: string;
  /** Extra conditions on `node`, already parameterised. */
  conditions: string[];
  /** Projection of `node` into the returned map, e.g. `node {.*}`. */
  projection: string;
  sort: SortSpec;
  params: Record<string, unknown>;
}

/**
 * One query for the same connection under many parents (DataLoader batches): it counts every
 * parent's children, orders them, applies the keyset and the limit per parent. Parents are
 * matched with `IN $parentIds`, which the planner always turns into unique index seeks (an
 * `UNWIND` + property match was planned as a full index scan per row).
 * All parents of a batch share the same connection arguments; a cursor names one parent only.
 */
export function childPagesQuery(
  spec: ChildPagesSpec,
  parentIds: readonly string[],
  request: PageRequest,
): { cypher: string; params: Record<string, unknown> } {
  const keyset = keysetClause(spec.sort, request);
  const filter = spec.conditions.length > 0 ? `WHERE ${spec.conditions.join(' AND ')}` : '';
  return {
    cypher: `MATCH (parent:${spec.parent.label}) WHERE parent.${spec.parent.key} IN $parentIds
WITH parent, parent.${spec.parent.key} AS parentId
${spec.match}
${filter}
WITH DISTINCT parentId, node
ORDER BY ${keyset.orderBy}
WITH parentId, collect(node) AS matching
RETURN parentId, size(matching) AS total,
  [node IN [node IN matching ${keyset.where ? `WHERE ${keyset.where}` : ''}][0..$limit] | {node: ${spec.projection}, sortValue: ${spec.sort.expression}}] AS page`,
    params: { ...spec.params, ...keyset.params, parentIds, limit: neo4j.int(request.limit + 1) },
  };
}

/** Maps the rows of a {@link childPagesQuery} to pages aligned with the parent ids. */
export function toChildPages<T>(
  parentIds: readonly string[],
  rows: { parentId: string; total: number; page: { node: T; sortValue: string | number }[] }[],
  idOf: (node: T) => string,
): ChildPage<T>[] {
  return alignById<ChildPage<T>>(
    parentIds,
    rows.map((row) => [
      row.parentId,
      {
        total: row.total,
        rows: row.page.map((item) => ({ node: item.node, key: [item.sortValue, idOf(item.node)] })),
      },
    ]),
    { total: 0, rows: [] },
  );
}
