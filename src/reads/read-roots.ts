import type { FieldNode, GraphQLObjectType } from 'graphql';
import neo4j from 'neo4j-driver';
import { type ConnectionArgs, toPageRequest } from '../common/pagination';
import { whereClause } from '../db/cypher';
import { keysetClause, type SortSpec } from '../db/keyset';
import {
  type Compilation,
  compileConnection,
  connectionTypeOf,
  collectOrdered,
  cursorSortValue,
  projectObject,
  type Projection,
  type RawRow,
} from './read-compiler';
import { objectTypeOf, type SelectedField } from './selection';

/** A root field compiled into one statement; `shape` turns its records into the answer. */
export interface CompiledRoot {
  cypher: string;
  shape: (records: Record<string, unknown>[]) => unknown;
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
 * page's rows, one record each, so that Neo4j streams them while it reads the next (one record
 * holding the whole page measured 1.7× slower). `OPTIONAL CALL` keeps one record with the
 * count when the page is empty; the final ORDER BY puts the rows in page order whatever the
 * subqueries did to it.
 */
export function rootConnection(spec: RootConnectionSpec): RootReader {
  return (c, field, args) => {
    spec.check?.(args);
    const order = spec.order(args);
    const scope = `${spec.name}:${order.field}:${order.direction}`;
    const request = toPageRequest(scope, args as ConnectionArgs);
    const from = spec.source(args);
    const v = from.variable;
    const keyset = keysetClause(order.sort, request);
    Object.assign(c.params, from.params, keyset.params);
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
    const direction = keyset.orderBy.includes(' DESC') ? 'DESC' : 'ASC';
    const cypher = `${count}OPTIONAL CALL () { ${from.source}
WITH ${v} ${whereClause([...from.conditions, keyset.where, ...inIndexOrder])}
WITH ${v} ORDER BY ${keyset.orderBy} LIMIT ${limit}
${compiled.calls.join('\n')}
RETURN ${compiled.row} AS row }
RETURN ${compiled.countsTotal ? 'total' : 'null'} AS total, row
ORDER BY row[0] ${direction}, row[1] ${direction}`;
    return {
      cypher,
      shape: (records) =>
        compiled.build(
          records.flatMap((record) => (record.row === null ? [] : [record.row as RawRow])),
          records[0]?.total ?? null,
        ),
    };
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
      cypher: `${spec.match(v, c.param(args[spec.argument]))}\n${projection.calls.join('\n')}\nRETURN ${projection.cypher} AS result`,
      shape: ([record]) => {
        const raw = record?.result ?? null;
        return raw === null || !projection.build ? raw : projection.build(raw);
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
      cypher: `${spec.match(v)}\n${projection.calls.join('\n')}\n${collectOrdered(v, projection.cypher, spec.orderBy(v), 'result')}`,
      shape: ([record]) => {
        const raw = (record?.result ?? []) as unknown[];
        return projection.build ? raw.map(projection.build) : raw;
      },
    };
  };
}
