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

/** One generated request. */
export interface FuzzOperation {
  /** What kind of input it is (`schema`, `deep`, `aliases`, `http`, …), for the counts. */
  shape: string;
  /** `mutation` when it might write: the fuzzer then checks the graph digest around it. */
  kind: 'query' | 'mutation';
  method: 'GET' | 'POST';
  contentType: string;
  /** The raw request body (POST) or the query string (GET). */
  payload: string;
  auth: AuthKind;
  /** Every string the request carries; quotes of them in error messages are not leaks. */
  texts: string[];
}

/** A generated request before an identity is chosen for it. */
export type Request = Omit<FuzzOperation, 'auth'>;

/** A JSON POST of a document and its variables. */
export function post(
  shape: string,
  query: string,
  variables: Record<string, unknown> = {},
): Request {
  return {
    shape,
    kind: /\bmutation\b/.test(query) ? 'mutation' : 'query',
    method: 'POST',
    contentType: 'application/json',
    payload: JSON.stringify({ query, variables }),
    texts: [query, ...literalsIn(query), ...stringsIn(variables)],
  };
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
