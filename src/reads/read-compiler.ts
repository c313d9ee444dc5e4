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
import { encodeCursor, type PageInfo, type PageRequest, toPageRequest } from '../common/pagination';
import type { FieldReader, NestedConnection, ReadModel } from './read-model';
import {
  argumentsOf,
  objectTypeOf,
  type SelectedField,
  selectedFields,
  type SelectionScope,
} from './selection';

/** The key of the parent object on every compiled object (see {@link isCompiled}). */
export const PARENT_KEY = '#';

/** A value the compiler made: keyed by response key, the parent for other resolvers under `#`. */
export type CompiledObject = Record<string, unknown> & { [PARENT_KEY]: unknown };

/** Whether a resolver's source came from a compiled statement. */
export function isCompiled(source: unknown): source is CompiledObject {
  return typeof source === 'object' && source !== null && PARENT_KEY in source;
}

/** Turns a raw value of the statement into the response value (cursors, page info). */
type Shape = (raw: unknown) => unknown;

/** A Cypher expression that reads a selection, and how to shape what it returns. */
export interface Projection {
  cypher: string;
  /** Unset: the raw value already is the response value. */
  shape?: Shape;
}

/** A raw page as compiled statements return it: optional parent key and total, the rows. */
interface RawPage {
  p?: string;
  t?: number | null;
  r: ({ s: string | number | null; i: string } & Record<string, unknown>)[];
}

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

const quoted = (key: string) => `\`${key}\``;

/** A map literal from entries already in Cypher. */
function mapLiteral(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([key, cypher]) => `${quoted(key)}: ${cypher}`).join(', ')}}`;
}

function shapeEach(shape: Shape | undefined): Shape | undefined {
  return shape && ((raw) => (Array.isArray(raw) ? raw.map(shape) : raw));
}

function shapeUnlessNull(shape: Shape | undefined): Shape | undefined {
  return shape && ((raw) => (raw === null || raw === undefined ? null : shape(raw)));
}

/**
 * Projects the selection on an object type bound to `v` into a map keyed by response keys.
 * Fields without a reader are left to their resolvers, which then get the type's parent object
 * under `#`; `null` when such a field exists but the type has no parent object to hand over.
 */
export function projectObject(
  c: Compilation,
  type: GraphQLObjectType,
  v: string,
  nodes: readonly FieldNode[],
): Projection | null {
  const reader = c.model[type.name];
  if (!reader) return null;
  const entries: [string, string][] = [];
  const shapers: [string, Shape][] = [];
  let leftOver = false;
  for (const selected of selectedFields(type, nodes, c.scope)) {
    const fieldReader = reader.fields[selected.field.name];
    const projection = fieldReader ? compileField(c, fieldReader, selected, v) : null;
    if (projection === null) {
      leftOver = true;
      c.fallbacks += 1;
      continue;
    }
    entries.push([selected.key, projection.cypher]);
    if (projection.shape) shapers.push([selected.key, projection.shape]);
  }
  if (leftOver && !reader.parent) return null;
  const parent = leftOver && reader.parent ? reader.parent(v) : 'null';
  return {
    cypher: mapLiteral([[PARENT_KEY, parent], ...entries]),
    shape:
      shapers.length === 0
        ? undefined
        : (raw) => {
            const object = raw as Record<string, unknown>;
            for (const [key, shape] of shapers) object[key] = shape(object[key]);
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
  if (reader.visibleTo === 'selfOrCoordinator' && role === Role.PARTNER && c.user?.partnerId) {
    return `CASE WHEN ${v}.id = ${c.viewer()} THEN ${v}.${reader.property} END`;
  }
  // Never read for other viewers: the statement does not even name the property.
  return 'null';
}

function compileField(
  c: Compilation,
  reader: FieldReader,
  selected: SelectedField,
  v: string,
): Projection | null {
  switch (reader.kind) {
    case 'value':
      return { cypher: reader.cypher(v) };
    case 'private':
      return { cypher: privateValue(c, reader, v) };
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
  switch (reader.kind) {
    case 'one':
      return {
        cypher: `head([${reader.pattern(v, w)} | ${item.cypher}])`,
        shape: shapeUnlessNull(item.shape),
      };
    case 'oneOf':
      return {
        cypher: `head([${w} IN [${reader.expression(v)}] | ${item.cypher}])`,
        shape: shapeUnlessNull(item.shape),
      };
    case 'many':
      return {
        cypher: `COLLECT { ${reader.match(v, w)} WITH ${w} ORDER BY ${reader.orderBy(w)} RETURN ${item.cypher} }`,
        shape: shapeEach(item.shape),
      };
  }
}

/** How one page's rows are read: the sort of the items and the page request. */
export interface PageSpec {
  request: PageRequest;
  sortValue: string;
  id: string;
  /** The cursor scope of a page, from the raw parent key (nested connections). */
  scope: (parentKey: string | undefined) => string;
}

/** The sort value as the cursor holds it: dates as `YYYY-MM-DD`, as the repositories give them. */
export function cursorSortValue(valueType: CursorValueType, expression: string): string {
  return valueType === CursorValueType.DATE || valueType === CursorValueType.DATETIME
    ? `toString(${expression})`
    : expression;
}

/**
 * Compiles the selection on a connection type: the map entries of each row (`s`, `i`, and one
 * projection per `node` alias), whether `totalCount` is asked for, and the shape that turns the
 * raw page into edges with cursors, page info and total.
 */
export function compileConnection(
  c: Compilation,
  connectionType: GraphQLObjectType,
  nodes: readonly FieldNode[],
  w: string,
  page: PageSpec,
): { row: string; countsTotal: boolean; shape: Shape } | null {
  const connectionFields = selectedFields(connectionType, nodes, c.scope);
  const nodeProjections: [string, string][] = [];
  const nodeShapes: (Shape | undefined)[] = [];
  const edgeBuilders: [string, (row: RawPage['r'][number], cursor: string) => unknown][] = [];
  let countsTotal = false;
  for (const selected of connectionFields) {
    if (selected.field.name === 'totalCount') countsTotal = true;
    if (selected.field.name !== 'edges') continue;
    const edgeType = objectTypeOf(selected.field) as GraphQLObjectType;
    const edgeParts: [string, 'cursor' | number][] = [];
    for (const part of selectedFields(edgeType, selected.nodes, c.scope)) {
      if (part.field.name === 'cursor') {
        edgeParts.push([part.key, 'cursor']);
        continue;
      }
      const nodeType = objectTypeOf(part.field) as GraphQLObjectType;
      const projection = projectObject(c, nodeType, w, part.nodes);
      if (!projection) return null;
      edgeParts.push([part.key, nodeProjections.length]);
      nodeProjections.push([`n${nodeProjections.length}`, projection.cypher]);
      nodeShapes.push(projection.shape);
    }
    edgeBuilders.push([
      selected.key,
      (row, cursor) => {
        const edge: Record<string, unknown> = { [PARENT_KEY]: null };
        for (const [key, part] of edgeParts) {
          if (part === 'cursor') edge[key] = cursor;
          else edge[key] = (nodeShapes[part] ?? ((raw: unknown) => raw))(row[`n${part}`]);
        }
        return edge;
      },
    ]);
  }
  const row = mapLiteral([['s', page.sortValue], ['i', page.id], ...nodeProjections]);
  const shape: Shape = (raw) => {
    const { p, t, r } = raw as RawPage;
    const { request } = page;
    const taken = r.slice(0, request.limit);
    const rows = request.direction === 'forward' ? taken : taken.reverse();
    const scope = page.scope(p);
    const cursors = rows.map((item) => encodeCursor(scope, [item.s, item.i]));
    const result: Record<string, unknown> = { [PARENT_KEY]: null };
    for (const selected of connectionFields) {
      if (selected.field.name === 'totalCount') result[selected.key] = t;
      else if (selected.field.name === 'pageInfo') {
        result[selected.key] = pageInfoOf(request, r.length > request.limit, cursors);
      }
    }
    for (const [key, build] of edgeBuilders) {
      result[key] = rows.map((item, index) => build(item, cursors[index] as string));
    }
    return result;
  };
  return { row, countsTotal, shape };
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

/** ORDER BY of a sort in the request's direction; the id breaks ties the same way. */
export function orderOf(
  natural: 'ASC' | 'DESC',
  request: PageRequest,
  sortExpression: string,
  id: string,
): string {
  const ascending = (natural === 'ASC') === (request.direction === 'forward');
  const direction = ascending ? 'ASC' : 'DESC';
  return `${sortExpression} ${direction}, ${id} ${direction}`;
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
  const id = `${w}.${spec.idProperty ?? 'id'}`;
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
  const limit = c.param(neo4j.int(request.limit + 1));
  const entries: [string, string][] = [
    ['p', spec.parentKey(v)],
    [
      'r',
      `COLLECT { ${match} WITH DISTINCT ${w} ORDER BY ${orderOf(spec.sort.direction, request, sortExpression, id)} LIMIT ${limit} RETURN ${compiled.row} }`,
    ],
  ];
  if (compiled.countsTotal) entries.push(['t', `COUNT { ${match} RETURN DISTINCT ${w} }`]);
  return { cypher: mapLiteral(entries), shape: compiled.shape };
}

/** The connection type a field returns. */
export function connectionTypeOf(field: GraphQLField<unknown, unknown>): GraphQLObjectType {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) throw new Error(`expected ${field.name} to return a connection`);
  return type;
}
