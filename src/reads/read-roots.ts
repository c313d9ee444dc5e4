import neo4j from 'neo4j-driver';
import { type ConnectionArgs, toPageRequest } from '../common/pagination';
import { whereClause } from '../db/cypher';
import { keysetClause, readsAscending, type SortSpec } from '../db/keyset';
import {
  type Compilation,
  compileConnection,
  connectionTypeOf,
  collectOrdered,
  cursorSortValue,
  projectObject,
  type ObjectProjection,
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
  /** The source for the arguments; `c` gives the viewer (`c.user`) and parameters (`c.param`). */
  source: (args: Record<string, unknown>, c: Compilation) => RootSource;
}

/**
 * A root connection in one statement: the page's rows one record each, so that Neo4j streams
 * them while it reads the next (one record holding the whole page measured 1.7× slower), and
 * the count only when `totalCount` is selected. `OPTIONAL CALL` keeps one record with the count
 * when the page is empty; the final ORDER BY puts the rows in page order whatever the
 * subqueries did to it.
 */
export function rootConnection(spec: RootConnectionSpec): RootReader {
  return (c, field, args) => {
    spec.check?.(args);
    const order = spec.order(args);
    const scope = `${spec.name}:${order.field}:${order.direction}`;
    const request = toPageRequest(scope, args as ConnectionArgs);
    const from = spec.source(args, c);
    const keyset = keysetClause(order.sort, request);
    Object.assign(c.params, from.params, keyset.params);
    const compiled = compileConnection(
      c,
      connectionTypeOf(field.field),
      field.nodes,
      from.variable,
      {
        request,
        sortValue: cursorSortValue(order.sort.valueType, order.sort.expression),
        id: order.sort.id,
        scope: () => scope,
      },
    );
    if (!compiled) return null;
    const page = { from, keyset, limit: c.param(neo4j.int(request.limit + 1)), compiled };
    const direction = readsAscending(order.sort, request) ? 'ASC' : 'DESC';
    const cypher = `${compiled.countsTotal && !from.labelScan ? countedInOnePass(page) : pageAfterCount(page, order.sort.expression)}
RETURN total, row
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

/** What the two ways of reading a root page share. */
interface RootPage {
  from: RootSource;
  keyset: ReturnType<typeof keysetClause>;
  limit: string;
  compiled: { row: string; calls: string[]; countsTotal: boolean };
}

/** The page's subqueries and row for node `v`. */
const rowsOf = ({ compiled }: RootPage) =>
  `${compiled.calls.join('\n')}\nRETURN ${compiled.row} AS row`;

/**
 * A page from a plain label scan: read in the sort property's index order (`sort IS NOT NULL`
 * lets the planner walk the range index and stop after the page), counted apart — without
 * conditions Neo4j answers the count from its count store.
 */
function pageAfterCount(page: RootPage, sortExpression: string): string {
  const { from, keyset, limit, compiled } = page;
  const v = from.variable;
  const count = compiled.countsTotal
    ? `CALL () { ${from.source} WITH ${v} ${whereClause(from.conditions)} RETURN count(${v}) AS total }`
    : 'WITH null AS total';
  const inIndexOrder = from.labelScan ? [`${sortExpression} IS NOT NULL`] : [];
  return `${count}
OPTIONAL CALL () { ${from.source}
WITH ${v} ${whereClause([...from.conditions, keyset.where, ...inIndexOrder])}
WITH ${v} ORDER BY ${keyset.orderBy} LIMIT ${limit}
${rowsOf(page)} }`;
}

/**
 * A counted page from an anchored source (a district, a dimension, a search): the matching
 * nodes are read once, ordered, counted, and the page is cut from them, where a separate count
 * would walk the same anchor a second time.
 */
function countedInOnePass(page: RootPage): string {
  const { from, keyset, limit } = page;
  const v = from.variable;
  const after = keyset.where ? ` WHERE ${keyset.where}` : '';
  return `CALL () { ${from.source}
WITH ${v} ${whereClause(from.conditions)}
WITH ${v} ORDER BY ${keyset.orderBy}
WITH collect(${v}) AS matching
RETURN size(matching) AS total, [${v} IN matching${after}][0..${limit}] AS pageNodes }
OPTIONAL CALL (pageNodes) { UNWIND pageNodes AS ${v}
${rowsOf(page)} }`;
}

/** The projection of the object type a root field returns, bound to `v`. */
function rootProjection(c: Compilation, field: SelectedField, v: string): ObjectProjection | null {
  const type = objectTypeOf(field.field);
  return type && projectObject(c, type, v, field.nodes);
}

/**
 * A root field of one object by a unique property (`partner(id)`); `null` when none has it (or,
 * when `match` adds a condition on the viewer `c.user`, when the viewer may not see it).
 */
export function rootByKey(spec: {
  check: (args: Record<string, unknown>) => void;
  match: (v: string, key: string, c: Compilation) => string;
  argument: string;
}): RootReader {
  return (c, field, args) => {
    spec.check(args);
    const v = c.variable();
    const projection = rootProjection(c, field, v);
    if (!projection) return null;
    return {
      cypher: `${spec.match(v, c.param(args[spec.argument]), c)}\n${projection.calls.join('\n')}\nRETURN ${projection.cypher} AS result`,
      shape: ([record]) => {
        const raw = record?.result ?? null;
        return raw === null ? null : projection.build(raw);
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
    const projection = rootProjection(c, field, v);
    if (!projection) return null;
    return {
      cypher: `${spec.match(v)}\n${projection.calls.join('\n')}\n${collectOrdered(v, projection.cypher, spec.orderBy(v), 'result')}`,
      shape: ([record]) => {
        return ((record?.result ?? []) as unknown[]).map(projection.build);
      },
    };
  };
}
