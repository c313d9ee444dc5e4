import { type GraphQLResolveInfo, Kind } from 'graphql';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { assertIntInRange } from './checks';
import { ErrorCode, userError } from './errors';

/** The largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;
/** The page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

/** Relay connection arguments, shared by every paginated field. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size going forward (0–${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Opaque cursor: items after this one.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page size going backward (0–${MAX_PAGE_SIZE}).`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Opaque cursor: items before this one.' })
  before?: string | null;
}

/** Relay page info. */
@ObjectType({ description: 'Where a page sits in its connection.', simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The position of an item in an ordering: its sort value and its id (the tie-break). */
export type SortKey = [value: string | number | null, id: string];

/**
 * A validated page request, ready for a repository: fetch `limit + 1` items ordered in
 * `direction` (`backward` = reversed order), strictly after `from` in that direction.
 */
export interface PageRequest {
  direction: 'forward' | 'backward';
  limit: number;
  from?: SortKey;
  /** The argument `from` came from, for error messages. @default 'after' */
  fromArgument?: 'after' | 'before';
}

/**
 * Encodes a cursor. The scope (e.g. `partners:NAME:ASC`) makes a cursor from another connection
 * or ordering detectable as foreign.
 */
export function encodeCursor(scope: string, key: SortKey): string {
  return Buffer.from(JSON.stringify([scope, ...key])).toString('base64url');
}

/**
 * Decodes a cursor of the given scope.
 *
 * @throws BAD_USER_INPUT when the cursor is malformed or belongs to another connection/ordering
 */
export function decodeCursor(scope: string, cursor: string, argument: string): SortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    typeof parsed[2] === 'string' &&
    ['string', 'number'].includes(typeof parsed[1]);
  if (!valid) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected ${argument} to be a cursor from this API, got a malformed one`,
      {
        argument,
      },
    );
  }
  const [cursorScope, value, id] = parsed as [unknown, string | number, string];
  if (cursorScope !== scope) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected ${argument} to be a cursor of this connection and ordering, got one of another`,
      { argument },
    );
  }
  return [value, id];
}

/**
 * Validates connection arguments and turns them into a {@link PageRequest}.
 *
 * @throws BAD_USER_INPUT for sizes outside 0–100, `first` together with `last`, or bad cursors
 */
export function toPageRequest(scope: string, args: ConnectionArgs): PageRequest {
  const { first, after, last, before } = args;
  if (first != null) assertIntInRange('first', first, 0, MAX_PAGE_SIZE);
  if (last != null) assertIntInRange('last', last, 0, MAX_PAGE_SIZE);
  if (first != null && last != null) {
    throw userError(ErrorCode.BAD_USER_INPUT, 'expected either first or last, got both', {
      argument: 'last',
    });
  }
  if (last != null || (before != null && first == null)) {
    return {
      direction: 'backward',
      limit: last ?? DEFAULT_PAGE_SIZE,
      from: before != null ? decodeCursor(scope, before, 'before') : undefined,
      fromArgument: 'before',
    };
  }
  return {
    direction: 'forward',
    limit: first ?? DEFAULT_PAGE_SIZE,
    from: after != null ? decodeCursor(scope, after, 'after') : undefined,
  };
}

/** One item of a connection with its cursor. */
export interface Edge<T> {
  node: T;
  cursor: string;
}

/** A page of a connection, before it is given to GraphQL. */
export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A getter: the count query runs only when the client asks for `totalCount`. */
  readonly totalCount: Promise<number>;
}

/**
 * Builds a page from the rows a repository fetched for a {@link PageRequest} (`limit + 1` rows in
 * request direction), in the connection's natural order.
 */
export function toPage<T>(
  scope: string,
  request: PageRequest,
  rows: readonly { node: T; key: SortKey }[],
  totalCount: () => Promise<number>,
): Page<T> {
  const hasMore = rows.length > request.limit;
  const taken = rows.slice(0, request.limit);
  const ordered = request.direction === 'forward' ? taken : [...taken].reverse();
  const edges = ordered.map((row) => ({ node: row.node, cursor: encodeCursor(scope, row.key) }));
  const pageInfo: PageInfo = {
    hasNextPage: request.direction === 'forward' ? hasMore : request.from !== undefined,
    hasPreviousPage: request.direction === 'backward' ? hasMore : request.from !== undefined,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  return {
    edges,
    pageInfo,
    get totalCount() {
      return totalCount();
    },
  };
}

/** One parent's page of a nested connection, as a batched repository query returns it. */
export interface ChildPage<T> {
  total: number;
  rows: { node: T; key: SortKey }[];
}

/**
 * Resolves a nested connection (e.g. `Partner.cooperations`) through a batched loader: validates
 * the arguments against the parent's cursor scope, loads the parent's page, and shapes it.
 */
export async function childConnection<T>(
  scope: string,
  args: ConnectionArgs,
  load: (request: PageRequest) => Promise<ChildPage<T>>,
): Promise<Page<T>> {
  const request = toPageRequest(scope, args);
  const page = await load(request);
  return toPage(scope, request, page.rows, () => Promise.resolve(page.total));
}

/**
 * Whether a connection field's selection asks for `totalCount`, so the count query can run in
 * parallel with the page instead of after it. Fragments are assumed to ask for it.
 */
export function selectsTotalCount(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) =>
    (node.selectionSet?.selections ?? []).some(
      (selection) => selection.kind !== Kind.FIELD || selection.name.value === 'totalCount',
    ),
  );
}

/** How a root connection reads: its rows for an ordering and page request, and its total. */
export interface ConnectionSource<T, O> {
  rows: (order: O, request: PageRequest) => Promise<{ node: T; key: SortKey }[]>;
  count: () => Promise<number>;
}

/**
 * The one way a root connection is served: the cursor scope is the connection's name and
 * ordering, the arguments are validated against it, and the total is counted in parallel with
 * the page when `countNow` is set (else only if the client reads it).
 *
 * @throws BAD_USER_INPUT for bad page sizes or cursors
 */
export async function orderedConnection<T, O extends { field: string; direction: string }>(
  name: string,
  args: ConnectionArgs,
  order: O,
  source: ConnectionSource<T, O>,
  countNow = false,
): Promise<Page<T>> {
  const scope = `${name}:${order.field}:${order.direction}`;
  const request = toPageRequest(scope, args);
  const [rows, total] = await Promise.all([
    source.rows(order, request),
    countNow ? source.count() : undefined,
  ]);
  return toPage(scope, request, rows, () =>
    total !== undefined ? Promise.resolve(total) : source.count(),
  );
}

/** Code-unit order, the same in sorting and in cursor comparisons. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two sort keys as {@link sortedPage} orders them: value (null first), then id. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  const [va, ia] = a;
  const [vb, ib] = b;
  if (va !== vb) {
    if (va === null) return -1;
    if (vb === null) return 1;
    if (typeof va === 'number' && typeof vb === 'number') return va - vb;
    return compareText(String(va), String(vb));
  }
  return compareText(ia, ib);
}

/**
 * The rows of one page of an in-memory list, as a repository would return them for
 * {@link toPage}: up to `limit + 1` items strictly after (forward) or before (backward) the
 * cursor's key, in request direction.
 *
 * @param items - sorted ascending by `keyOf` ({@link compareSortKeys})
 */
export function sortedPage<T>(
  items: readonly T[],
  keyOf: (item: T) => SortKey,
  request: PageRequest,
): { node: T; key: SortKey }[] {
  const rows = items.map((node) => ({ node, key: keyOf(node) }));
  const { from } = request;
  if (request.direction === 'forward') {
    const start = from ? rows.findIndex((r) => compareSortKeys(r.key, from) > 0) : 0;
    return start < 0 ? [] : rows.slice(start, start + request.limit + 1);
  }
  const end = from ? rows.findIndex((r) => compareSortKeys(r.key, from) >= 0) : rows.length;
  const stop = end < 0 ? rows.length : end;
  return rows.slice(Math.max(0, stop - request.limit - 1), stop).reverse();
}
