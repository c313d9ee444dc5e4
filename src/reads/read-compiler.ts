import {
  type FieldNode,
  type GraphQLObjectType,
  getNamedType,
  isObjectType,
  type GraphQLField,
} from 'graphql';
import neo4j from 'neo4j-driver';
import { Role, type AuthUser } from '../auth/auth.types';
import { CursorValueType } from '../db/cursor-values';
import { keysetClause } from '../db/keyset';
import { encodeCursor, type PageInfo, type PageRequest, toPageRequest } from '../common/pagination';
import type { FieldReader, NestedConnection, ReadModel } from './read-model';
import {
  argumentsOf,
  objectTypeOf,
  type SelectedField,
  readsByName,
  type SelectionScope,
  slotOf,
  slottedFields,
} from './selection';

/**
 * The prototype of the objects the compiler builds. Statements return objects as lists of values
 * in the selection's order (decoding lists, without a key string per value, measured faster
 * than maps), and the compiled reads build the response objects from them with this prototype:
 * it tells a resolver that its source was compiled (see `compiledFieldsFirst`) without a
 * marker property in every value Neo4j sends.
 */
const COMPILED_PROTOTYPE = Object.create(null) as object;

/** Where a compiled object keeps the parent object for resolvers outside the compiler. */
export const PARENT = Symbol('parent');

/**
 * An object the compiler built, keyed by response key, with the parent object for other
 * resolvers under {@link PARENT}.
 */
export type CompiledObject = Record<string, unknown> & { [PARENT]: unknown };

/** Whether a resolver's source was built from a compiled statement. */
export function isCompiled(source: unknown): source is CompiledObject {
  return (
    typeof source === 'object' &&
    source !== null &&
    Object.getPrototypeOf(source) === COMPILED_PROTOTYPE
  );
}

function compiledObject(parent: unknown): CompiledObject {
  const object = Object.create(COMPILED_PROTOTYPE) as CompiledObject;
  object[PARENT] = parent;
  return object;
}

/** Turns a raw value of the statement into the response value. */
type Build = (raw: unknown) => unknown;

/**
 * A Cypher expression that reads a selection, the subqueries it needs, and how to build the
 * response value from what it returns. Relations are read in `CALL (v) { … }` subqueries that
 * run before the expression (each binds one variable the expression uses): Neo4j's Community
 * runtime runs a subquery expression such as `COLLECT { … }` as a nested plan per row.
 */
export interface Projection {
  cypher: string;
  /** `CALL` subqueries to run, in order, before `cypher` is evaluated. */
  calls: string[];
  /** Unset: the raw value already is the response value. */
  build?: Build;
}

/** The projection of an object: its build makes the response object from the list. */
export type ObjectProjection = Projection & { build: Build };

/**
 * One compilation of a root field: the parameters and fresh variable names of its statement,
 * the viewer whose private fields it may read, and how many fields it left to their resolvers.
 */
export class Compilation {
  readonly params: Record<string, unknown> = {};
  /** Fields left to their own resolvers (no reader, or arguments the compiler declines). */
  fallbacks = 0;
  private parameterCount = 0;
  private variableCount = 0;
  private viewerParameter: string | undefined;

  constructor(
    readonly model: ReadModel,
    readonly scope: SelectionScope,
    readonly user: AuthUser | null,
  ) {}

  /** A new parameter holding `value`; returns its reference (`$q3`). */
  param = (value: unknown): string => {
    const name = `q${this.parameterCount++}`;
    this.params[name] = value;
    return `$${name}`;
  };

  /** A new variable name, unique in the statement. */
  variable(): string {
    this.variableCount += 1;
    return `v${this.variableCount}`;
  }

  /** The parameter holding the viewing partner's id (one per statement). */
  viewer(): string {
    this.viewerParameter ??= this.param(this.user?.partnerId ?? null);
    return this.viewerParameter;
  }
}

function buildEach(build: Build | undefined): Build | undefined {
  return build && ((raw) => (Array.isArray(raw) ? raw.map(build) : raw));
}

function buildUnlessNull(build: Build | undefined): Build | undefined {
  return build && ((raw) => (raw === null || raw === undefined ? null : build(raw)));
}

/**
 * Projects the selection on an object type bound to `v` into a list of the selected values.
 * Fields without a reader are left to their resolvers, which then get the type's parent object
 * (the list's last value); `null` when such a field exists but the type has no parent object.
 */
export function projectObject(
  c: Compilation,
  type: GraphQLObjectType,
  v: string,
  nodes: readonly FieldNode[],
): ObjectProjection | null {
  const reader = c.model[type.name];
  if (!reader) return null;
  const values: string[] = [];
  const calls: string[] = [];
  const fields: [slot: string, build: Build | undefined][] = [];
  let leftOver = false;
  const selection = slottedFields(type, nodes, c.scope);
  if (!selection) return null;
  for (const selected of selection) {
    const fieldReader = reader.fields[selected.field.name];
    const projection = fieldReader ? compileField(c, fieldReader, selected, v) : null;
    if (projection === null) {
      // A value read by name has no resolver to fall back to: the object cannot be compiled.
      if (readsByName(selected.field)) return null;
      leftOver = true;
      c.fallbacks += 1;
      continue;
    }
    values.push(projection.cypher);
    calls.push(...projection.calls);
    fields.push([slotOf(selected), projection.build]);
  }
  if (leftOver && !reader.parent) return null;
  if (leftOver && reader.parent) values.push(reader.parent(v));
  const parentIndex = leftOver ? values.length - 1 : -1;
  return {
    cypher: `[${values.join(', ')}]`,
    calls,
    build: (raw) => {
      const list = raw as unknown[];
      const object = compiledObject(parentIndex < 0 ? null : list[parentIndex]);
      for (let i = 0; i < fields.length; i += 1) {
        const [key, build] = fields[i] as [string, Build | undefined];
        object[key] = build ? build(list[i]) : list[i];
      }
      return object;
    },
  };
}

function privateValue(
  c: Compilation,
  reader: Extract<FieldReader, { kind: 'private' }>,
  v: string,
): string {
  const role = c.user?.role;
  if (role === Role.COORDINATOR) return `${v}.${reader.property}`;
  if (reader.visibleTo === 'coordinator' || role !== Role.PARTNER || !c.user?.partnerId) {
    // Never read for other viewers: the statement does not even name the property.
    return 'null';
  }
  const viewer = c.viewer();
  if (reader.visibleTo === 'selfContactOrCoordinator') {
    return `CASE WHEN ${v}.id = ${viewer} OR EXISTS { (${v})-[:SHARES_CONTACT]-(:Partner {id: ${viewer}}) } THEN ${v}.${reader.property} END`;
  }
  return `CASE WHEN ${v}.id = ${viewer} THEN ${v}.${reader.property} END`;
}

function compileField(
  c: Compilation,
  reader: FieldReader,
  selected: SelectedField,
  v: string,
): Projection | null {
  switch (reader.kind) {
    case 'value':
      return { cypher: reader.cypher(v), calls: [] };
    case 'private':
      return { cypher: privateValue(c, reader, v), calls: [] };
    case 'connection':
      return compileNestedConnection(c, reader.connection, selected, v);
    default:
      return compileRelation(c, reader, selected, v);
  }
}

function compileRelation(
  c: Compilation,
  reader: Extract<FieldReader, { kind: 'one' | 'oneOf' | 'many' }>,
  selected: SelectedField,
  v: string,
): Projection | null {
  const type = objectTypeOf(selected.field);
  if (!type) return null;
  const w = c.variable();
  const item = projectObject(c, type, w, selected.nodes);
  if (!item) return null;
  const x = c.variable();
  const inner = item.calls.join('\n');
  switch (reader.kind) {
    case 'one':
      return {
        cypher: x,
        calls: [
          `CALL (${v}) { MATCH ${reader.pattern(v, w)}\n${inner}\nRETURN head(collect(${item.cypher})) AS ${x} }`,
        ],
        build: buildUnlessNull(item.build),
      };
    case 'oneOf':
      // Without subqueries of its own, a list comprehension binds the object in place.
      return item.calls.length === 0
        ? {
            cypher: `head([${w} IN [${reader.expression(v)}] | ${item.cypher}])`,
            calls: [],
            build: buildUnlessNull(item.build),
          }
        : {
            cypher: x,
            calls: [
              `CALL (${v}) { WITH ${reader.expression(v)} AS ${w}\n${inner}\nRETURN ${item.cypher} AS ${x} }`,
            ],
            build: buildUnlessNull(item.build),
          };
    case 'many':
      return {
        cypher: x,
        calls: [
          `CALL (${v}) { ${reader.match(v, w)}\n${inner}\n${collectOrdered(w, item.cypher, reader.orderBy(w), x)} }`,
        ],
        build: buildEach(item.build),
      };
  }
}

/**
 * Collects the items of `w` in order. The order is applied after the item's own subqueries, as
 * nothing promises that rows keep an order through them.
 */
export function collectOrdered(w: string, item: string, orderBy: string, x: string): string {
  return `WITH ${w}, ${item} AS ${x}_item ORDER BY ${orderBy}\nRETURN collect(${x}_item) AS ${x}`;
}

/** How one page's rows are read: the sort of the items and the page request. */
export interface PageSpec {
  request: PageRequest;
  sortValue: string;
  id: string;
  /** The cursor scope of a page, from the raw parent key (nested connections). */
  scope: (parentKey: string | undefined) => string;
}

/** A row of a page as the statement returns it: sort value, id, then one value per `node` alias. */
export type RawRow = [sortValue: string | number | null, id: string, ...nodes: unknown[]];

/** Builds a connection from a page's rows (limit + 1 at most, in request order) and its total. */
export type BuildPage = (rows: readonly RawRow[], total: unknown, parentKey?: string) => unknown;

/** The sort value as the cursor holds it: dates as `YYYY-MM-DD`, as the repositories give them. */
export function cursorSortValue(valueType: CursorValueType, expression: string): string {
  return valueType === CursorValueType.DATE || valueType === CursorValueType.DATETIME
    ? `toString(${expression})`
    : expression;
}

/**
 * Compiles the selection on a connection type: the list each row holds (sort value, id, and
 * one projection per `node` alias), whether `totalCount` is asked for, and how the page's rows
 * become edges with cursors, page info and total.
 */
export function compileConnection(
  c: Compilation,
  connectionType: GraphQLObjectType,
  nodes: readonly FieldNode[],
  w: string,
  page: PageSpec,
): { row: string; calls: string[]; countsTotal: boolean; build: BuildPage } | null {
  const connectionFields = slottedFields(connectionType, nodes, c.scope);
  if (!connectionFields) return null;
  const calls: string[] = [];
  const nodeProjections: string[] = [];
  const nodeBuilds: (Build | undefined)[] = [];
  const edgeBuilders: [string, (row: RawRow, cursor: string) => unknown][] = [];
  let countsTotal = false;
  // Cursors cost a JSON and base64 encoding each: made only when a cursor or page info is read.
  let readsCursors = false;
  for (const selected of connectionFields) {
    if (selected.field.name === 'totalCount') countsTotal = true;
    if (selected.field.name === 'pageInfo') readsCursors = true;
    if (selected.field.name !== 'edges') continue;
    const edgeType = objectTypeOf(selected.field) as GraphQLObjectType;
    const edgeParts: [string, 'cursor' | number][] = [];
    const edgeFields = slottedFields(edgeType, selected.nodes, c.scope);
    if (!edgeFields) return null;
    for (const part of edgeFields) {
      if (part.field.name === 'cursor') {
        readsCursors = true;
        edgeParts.push([slotOf(part), 'cursor']);
        continue;
      }
      const nodeType = objectTypeOf(part.field) as GraphQLObjectType;
      const projection = projectObject(c, nodeType, w, part.nodes);
      if (!projection) return null;
      edgeParts.push([part.key, nodeProjections.length]);
      nodeProjections.push(projection.cypher);
      calls.push(...projection.calls);
      nodeBuilds.push(projection.build);
    }
    edgeBuilders.push([
      slotOf(selected),
      (row, cursor) => {
        const edge = compiledObject(null);
        for (const [key, part] of edgeParts) {
          if (part === 'cursor') edge[key] = cursor;
          else edge[key] = (nodeBuilds[part] ?? ((raw: unknown) => raw))(row[part + 2]);
        }
        return edge;
      },
    ]);
  }
  const row = `[${[page.sortValue, page.id, ...nodeProjections].join(', ')}]`;
  const build: BuildPage = (all, total, parentKey) => {
    const { request } = page;
    const taken = all.slice(0, request.limit);
    const rows = request.direction === 'forward' ? taken : taken.reverse();
    const scope = page.scope(parentKey);
    const cursors = readsCursors
      ? rows.map(([sortValue, id]) => encodeCursor(scope, [sortValue, id]))
      : [];
    const result = compiledObject(null);
    for (const selected of connectionFields) {
      if (selected.field.name === 'totalCount') result[slotOf(selected)] = total;
      else if (selected.field.name === 'pageInfo') {
        result[slotOf(selected)] = pageInfoOf(request, all.length > request.limit, cursors);
      }
    }
    for (const [key, buildEdge] of edgeBuilders) {
      result[key] = rows.map((item, index) => buildEdge(item, cursors[index] ?? ''));
    }
    return result;
  };
  return { row, calls, countsTotal, build };
}

function pageInfoOf(request: PageRequest, hasMore: boolean, cursors: string[]): PageInfo {
  const forward = request.direction === 'forward';
  return {
    hasNextPage: forward ? hasMore : request.from !== undefined,
    hasPreviousPage: forward ? request.from !== undefined : hasMore,
    startCursor: cursors[0] ?? null,
    endCursor: cursors.at(-1) ?? null,
  };
}

/**
 * A nested connection of one parent. Cursors name one parent, so a page after or before a
 * cursor is left to the field's resolver (which checks the cursor against each parent), as are
 * page sizes out of range (its error is then the resolver's).
 */
function compileNestedConnection(
  c: Compilation,
  spec: NestedConnection,
  selected: SelectedField,
  v: string,
): Projection | null {
  const args = argumentsOf(selected, c.scope);
  if (args.after != null || args.before != null) return null;
  let request: PageRequest;
  try {
    request = toPageRequest('', args);
  } catch {
    return null;
  }
  const w = c.variable();
  const id = `${w}.id`;
  const sortExpression = spec.sort.expression(w);
  const compiled = compileConnection(c, connectionTypeOf(selected.field), selected.nodes, w, {
    request,
    sortValue: cursorSortValue(spec.sort.valueType, sortExpression),
    id,
    scope: (parentKey) => spec.scope(parentKey ?? '', args),
  });
  if (!compiled) return null;
  const conditions = spec.conditions?.(w, args, c.param) ?? [];
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const match = `${spec.match(v, w)} ${where}`;
  // Without a cursor (declined above) the keyset is only its ORDER BY.
  const order = keysetClause(
    {
      expression: sortExpression,
      valueType: spec.sort.valueType,
      direction: spec.sort.direction,
      id,
    },
    request,
  ).orderBy;
  const limit = c.param(neo4j.int(request.limit + 1));
  const rows = c.variable();
  const calls = [
    `CALL (${v}) { ${match}\nWITH DISTINCT ${w} ORDER BY ${order} LIMIT ${limit}\n${compiled.calls.join('\n')}\n${collectOrdered(w, compiled.row, order, rows)} }`,
  ];
  let total = 'null';
  if (compiled.countsTotal) {
    total = c.variable();
    calls.push(`CALL (${v}) { ${match}\nRETURN count(DISTINCT ${w}) AS ${total} }`);
  }
  return {
    cypher: `[${spec.parentKey(v)}, ${rows}, ${total}]`,
    calls,
    build: (raw) => {
      const [parentKey, page, count] = raw as [string, RawRow[], unknown];
      return compiled.build(page, count, parentKey);
    },
  };
}

/** The connection type a field returns. */
export function connectionTypeOf(field: GraphQLField<unknown, unknown>): GraphQLObjectType {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) throw new Error(`expected ${field.name} to return a connection`);
  return type;
}
