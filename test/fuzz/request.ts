import type { SubscribePayload } from 'graphql-ws';

/** Who sends an operation: each role, and tokens that must be refused. */
export const AUTH_KINDS = [
  'none',
  'coordinator',
  'partner0',
  'partner1',
  'garbage',
  'wrongSecret',
  'expired',
  'basic',
] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

/** How an operation travels: an HTTP request, or a `subscribe` message on a graphql-ws socket. */
export type Transport = 'http' | 'ws';

/** One generated request. */
export interface FuzzOperation {
  /** What kind of input it is (`schema`, `deep`, `aliases`, `http`, …), for the counts. */
  shape: string;
  /**
   * `mutation` when it might write: the fuzzer then checks the graph digest around it.
   * `subscription` when its document subscribes: over graphql-ws it may stay silent.
   */
  kind: 'query' | 'mutation' | 'subscription';
  method: 'GET' | 'POST';
  contentType: string;
  /** The raw request body (POST) or the query string (GET). */
  payload: string;
  auth: AuthKind;
  /** `ws` only for a document with its variables ({@link wsPayloadOf}); raw HTTP stays `http`. */
  transport: Transport;
  /** Every string the request carries; quotes of them in error messages are not leaks. */
  texts: string[];
}

/** A generated request before an identity and a transport are chosen for it. */
export type Request = Omit<FuzzOperation, 'auth' | 'transport'>;

/** A JSON POST of a document and its variables. */
export function post(
  shape: string,
  query: string,
  variables: Record<string, unknown> = {},
): Request {
  return {
    shape,
    kind: kindOf(query),
    method: 'POST',
    contentType: 'application/json',
    payload: JSON.stringify({ query, variables }),
    texts: [query, ...literalsIn(query), ...stringsIn(variables)],
  };
}

/**
 * What a document does: `subscription` when it starts with that keyword, else `mutation` when the
 * word occurs anywhere (a truncated or garbled mutation still counts as one, so that a digest
 * window covers it), else `query`.
 */
export function kindOf(document: string): FuzzOperation['kind'] {
  if (/^\s*subscription\b/.test(document)) return 'subscription';
  return /\bmutation\b/.test(document) ? 'mutation' : 'query';
}

/**
 * The graphql-ws `subscribe` payload of a request, when it can travel over a WebSocket: a JSON
 * POST of a document (a string `query`, variables an object or absent). GET requests and the
 * malformed HTTP shapes (`http:*`) have no WebSocket form, so they get undefined.
 */
export function wsPayloadOf(request: Request): SubscribePayload | undefined {
  if (request.method !== 'POST' || request.shape.startsWith('http:')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(request.payload);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { query, variables } = body as { query?: unknown; variables?: unknown };
  if (typeof query !== 'string') return undefined;
  if (variables === undefined || variables === null) return { query };
  if (typeof variables !== 'object' || Array.isArray(variables)) return undefined;
  return { query, variables: variables as Record<string, unknown> };
}

/** Every string inside a JSON value, for the leak checks. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The string literals written into a document (arguments passed inline), unescaped. */
export function literalsIn(document: string): string[] {
  return [...document.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].flatMap((match) => {
    try {
      return [JSON.parse(`"${match[1] ?? ''}"`) as string];
    } catch {
      return [match[1] ?? ''];
    }
  });
}
