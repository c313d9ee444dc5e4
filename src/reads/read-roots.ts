import type { FieldNode, GraphQLObjectType } from 'graphql';
import neo4j from 'neo4j-driver';
import { type ConnectionArgs, toPageRequest } from '../common/pagination';
import { whereClause } from '../db/cypher';
import { keysetClause, type SortSpec } from '../db/keyset';
import {
  type Compilation,
  compileConnection,
  connectionTypeOf,
  cursorSortValue,
  projectObject,
  type Projection,
} from './read-compiler';
import { objectTypeOf, type SelectedField } from './selection';

/** A root field compiled into one statement; `shape` turns its one record into the answer. */
export interface CompiledRoot {
  cypher: string;
  shape: (record: Record<string, unknown> | undefined) => unknown;
}

/**
 * How one root field (`Query.partners`) compiles. Argument checks throw the resolver's own
 * errors; `null` leaves the field to its resolver.
 */
export type RootReader = (
  c: Compilation,
  field: SelectedField,
  args: Record<string, unknown>,
) => CompiledRoot | null;

/** Where the nodes of a root connection come from, as one slice's filter translates it. */
export interface RootSource {
  /** Cypher binding the node variable, e.g. `MATCH (p:Partner)`; it may end in `WITH DISTINCT`. */
  source: string;
  variable: string;
  conditions: string[];
  params: Record<string, unknown>;
  /**
   * Whether the source is a plain label scan: then `sort IS NOT NULL` is added, so the planner
   * reads the sort property's range index in order instead of sorting every node. Sort
   * properties of the compiled roots are never null, so the condition removes nothing.
   */
  labelScan: boolean;
}

/** A root connection: its cursor scope's name, the ordering and the source for the arguments. */
export interface RootConnectionSpec {
  /** Checks the arguments (filter keys, ids) as the resolver does; throws BAD_USER_INPUT. */
  check?: (args: Record<string, unknown>) => void;
  name: string;
  order: (args: Record<string, unknown>) => {
    field: string;
    direction: string;
    sort: SortSpec;
  };
  source: (args: Record<string, unknown>) => RootSource;
}

/**
 * A root connection in one statement: the count (only when `totalCount` is selected) and the
 * page in two independent subqueries, so an empty page still returns its one record.
 */
export function rootConnection(spec: RootConnectionSpec): RootReader {
  return (c, field, args) => {
    spec.check?.(args);
    const order = spec.order(args);
    const request = toPageRequest(
      `${spec.name}:${order.field}:${order.direction}`,
      args as ConnectionArgs,
    );
    const from = spec.source(args);
    const v = from.variable;
    const keyset = keysetClause(order.sort, request);
    Object.assign(c.params, from.params, keyset.params);
    const scope = `${spec.name}:${order.field}:${order.direction}`;
    const compiled = compileConnection(c, connectionTypeOf(field.field), field.nodes, v, {
      request,
      sortValue: cursorSortValue(order.sort.valueType, order.sort.expression),
      id: order.sort.id,
      scope: () => scope,
    });
    if (!compiled) return null;
    const inIndexOrder = from.labelScan ? [`${order.sort.expression} IS NOT NULL`] : [];
    const limit = c.param(neo4j.int(request.limit + 1));
    const count = compiled.countsTotal
      ? `CALL () { ${from.source} WITH ${v} ${whereClause(from.conditions)} RETURN count(${v}) AS total }\n`
      : '';
    const cypher = `${count}CALL () { ${from.source}
WITH ${v} ${whereClause([...from.conditions, keyset.where, ...inIndexOrder])}
WITH ${v} ORDER BY ${keyset.orderBy} LIMIT ${limit}
RETURN collect(${compiled.row}) AS rows }
RETURN {t: ${compiled.countsTotal ? 'total' : 'null'}, r: rows} AS result`;
    return { cypher, shape: (record) => compiled.shape(record?.result) };
  };
}

function rootObject(
  c: Compilation,
  field: SelectedField,
  v: string,
): { type: GraphQLObjectType; projection: Projection } | null {
  const type = objectTypeOf(field.field);
  const projection = type && projectObject(c, type, v, field.nodes as FieldNode[]);
  return type && projection ? { type, projection } : null;
}

/** A root field of one object by a unique property (`partner(id)`); `null` when none has it. */
export function rootByKey(spec: {
  check: (args: Record<string, unknown>) => void;
  match: (v: string, key: string) => string;
  argument: string;
}): RootReader {
  return (c, field, args) => {
    spec.check(args);
    const v = c.variable();
    const read = rootObject(c, field, v);
    if (!read) return null;
    const { projection } = read;
    return {
      cypher: `${spec.match(v, c.param(args[spec.argument]))} RETURN ${projection.cypher} AS result`,
      shape: (record) => {
        const raw = record?.result ?? null;
        return raw === null || !projection.shape ? raw : projection.shape(raw);
      },
    };
  };
}

/** A root list of all objects of a label, ordered (`dimensions`, `districts`). */
export function rootList(spec: {
  match: (v: string) => string;
  orderBy: (v: string) => string;
}): RootReader {
  return (c, field) => {
    const v = c.variable();
    const read = rootObject(c, field, v);
    if (!read) return null;
    const { projection } = read;
    return {
      cypher: `${spec.match(v)} WITH ${v} ORDER BY ${spec.orderBy(v)} RETURN collect(${projection.cypher}) AS result`,
      shape: (record) => {
        const raw = (record?.result ?? []) as unknown[];
        return projection.shape ? raw.map(projection.shape) : raw;
      },
    };
  };
}
