import { CloseCode } from '../../src/common/errors';
import { PROJECT_ROOT } from '../../src/common/paths';

/**
 * What the fuzzer demands of every response, as pure functions of the request and the response
 * (unit-testable without a server).
 */

/**
 * A response as the fuzzer saw it. Over graphql-ws (see ws-responses.ts) a `next` or `error`
 * message reads as status 200 with a JSON body; an operation that got no message has status 0
 * and says in `wsEnd` how it ended instead.
 */
export interface ObservedResponse {
  status: number;
  contentType: string;
  text: string;
  /** Set only for a graphql-ws operation that got neither a `next` nor an `error` message. */
  wsEnd?: WsEnd;
}

/** How a graphql-ws operation ended without a `next` or `error` message. */
export type WsEnd =
  /** The socket closed: refused (see {@link WS_REFUSAL_CLOSE_CODES}) or broken. */
  | { kind: 'closed'; code: number; reason: string }
  /** The client failed without a close event (a socket error, a message it could not read). */
  | { kind: 'failed'; message: string }
  /** A subscription sent nothing within its time: it waits for events, which is fine. */
  | { kind: 'silent' }
  /** A subscription completed without an event (its stream had already ended). */
  | { kind: 'completed' };

/**
 * Close codes with which the server refuses a socket or a message, the client's fault: a bad
 * message, a subscribe before the acknowledgement, a refused token or too many sockets, a
 * duplicate operation id, a second `connection_init`, and 1009 from ws for a message over
 * `WS_MAX_PAYLOAD_BYTES`. Any other close in the middle of an operation is a violation, 1011 and
 * 4500 (internal error) above all.
 */
export const WS_REFUSAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.BadRequest,
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.SubscriberAlreadyExists,
  CloseCode.TooManyInitialisationRequests,
  1009,
]);

/** The parts of a GraphQL response body the checks read. */
interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

/** How an operation ended, for the counts the fuzzer prints. */
export type Outcome =
  | { kind: 'accepted' }
  | { kind: 'partial'; code: string }
  | { kind: 'refused'; code: string }
  | { kind: 'http'; status: number }
  | { kind: 'ws-close'; code: number }
  | { kind: 'ws-silent' | 'ws-completed' | 'ws-failed' };

/** A stack frame as V8 prints it: `at fn (/path/file.js:12:34)` or `at /path/file.js:12:34`. */
const STACK_FRAME = /\bat (?:async )?(?:[\w$.<>[\]]+ \()?(?:file:\/\/|node:|\/)[^\s()]*:\d+:\d+\)?/;

/** Where the API's files live; none of these may appear in an error. */
const INTERNAL_PATHS = [
  /\/node_modules\//,
  /\bdist\/(?:src|test|seeds)\//,
  new RegExp(PROJECT_ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  /\.[jt]s:\d+:\d+/,
];

/**
 * Fragments that give away Cypher or Neo4j internals. Quotes of the request are cut out first:
 * validation messages quote the offending input, and the fuzzer sends Cypher-looking strings on
 * purpose.
 */
const CYPHER_FRAGMENTS = [
  /Neo\.(?:ClientError|TransientError|DatabaseError)[\w.]*/,
  /Invalid input '[^']*'/,
  /\(line \d+, column \d+ \(offset: \d+\)\)/,
  /\b(?:OPTIONAL )?MATCH \([^"'\n]{0,24}/,
  /\bMERGE \([^"'\n]{0,24}/,
  /\bRETURN [^"'\n]{1,24}/,
  /\bUNWIND \$[^"'\n]{0,24}/,
  /\bDETACH DELETE\b[^"'\n]{0,24}/,
  /\bNeo4jError\b/,
];

/**
 * Every way a response breaks the fuzzer's rules; empty when it is fine.
 *
 * @param requestTexts - every string the request carried (query, variable values, raw body):
 *   quotes of them in error messages are not leaks
 */
export function findViolations(response: ObservedResponse, requestTexts: string[]): string[] {
  const problems: string[] = response.wsEnd ? wsEndViolations(response.wsEnd) : [];
  if (response.status >= 500) problems.push(`HTTP ${response.status}`);
  const leak = (pattern: RegExp, text: string) =>
    pattern.test(text) && pattern.test(withoutQuotes(text, requestTexts));
  if (leak(STACK_FRAME, response.text)) {
    problems.push(`stack trace in the response: ${excerpt(response.text, STACK_FRAME)}`);
  }
  const body = parseBody(response);
  for (const text of body ? errorTexts(body) : [response.text]) {
    for (const pattern of [...INTERNAL_PATHS, ...CYPHER_FRAGMENTS]) {
      if (leak(pattern, text)) problems.push(`internals in an error: ${excerpt(text, pattern)}`);
    }
  }
  for (const error of body?.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') {
      problems.push(`an error without extensions.code: ${String(error.message)}`);
    }
    if (code === 'INTERNAL_SERVER_ERROR') {
      problems.push(
        'INTERNAL_SERVER_ERROR: the input reached an unexpected failure instead of a coded refusal',
      );
    }
  }
  return problems;
}

/**
 * What is wrong with the way a graphql-ws operation ended: a close with a code that is no
 * refusal, or a client failure. Also applied to a close between operations (the socket of an
 * idle client), which must be a refusal too (e.g. 4403 when a token expires).
 */
export function wsEndViolations(end: WsEnd): string[] {
  switch (end.kind) {
    case 'closed': {
      if (WS_REFUSAL_CLOSE_CODES.has(end.code)) return [];
      const internal = end.code === 1011 || end.code === CloseCode.InternalServerError;
      const what = internal ? 'an internal error' : 'a code that is no refusal';
      return [`the WebSocket closed with ${end.code} (${what}): ${JSON.stringify(end.reason)}`];
    }
    case 'failed':
      return [`the graphql-ws client failed: ${end.message}`];
    case 'silent':
    case 'completed':
      return [];
  }
}

/** Classifies a response for the counts by outcome. */
export function outcomeOf(response: ObservedResponse): Outcome {
  if (response.wsEnd) {
    return response.wsEnd.kind === 'closed'
      ? { kind: 'ws-close', code: response.wsEnd.code }
      : { kind: `ws-${response.wsEnd.kind}` };
  }
  const body = parseBody(response);
  const code = (i: number) => String(body?.errors?.[i]?.extensions?.code ?? 'NO_CODE');
  if (!body) return { kind: 'http', status: response.status };
  const hasErrors = (body.errors?.length ?? 0) > 0;
  if (!hasErrors)
    return 'data' in body ? { kind: 'accepted' } : { kind: 'http', status: response.status };
  const hasData = Object.values(body.data ?? {}).some((value) => value !== null);
  return hasData ? { kind: 'partial', code: code(0) } : { kind: 'refused', code: code(0) };
}

/**
 * Whether a mutation was refused, so that it must have left the graph as it was: the request
 * failed as a whole (HTTP error, closed WebSocket, parse, validation, authentication: errors
 * without a path), or its root field's resolver threw (an error whose path is just that field).
 * An error deeper in the selection comes after the resolver ran: the write may have happened,
 * so that counts as accepted. Meant for operations with one root mutation field (the fuzzer
 * sends no more).
 */
export function isRefusedMutation(response: ObservedResponse): boolean {
  const body = parseBody(response);
  if (!body || !('data' in body || 'errors' in body)) return true;
  return (body.errors ?? []).some((error) => error.path === undefined || error.path.length <= 1);
}

/** A short, stable name of an outcome: `accepted`, `refused:BAD_USER_INPUT`, `http:413`. */
export function outcomeName(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'accepted':
      return 'accepted';
    case 'partial':
    case 'refused':
      return `${outcome.kind}:${outcome.code}`;
    case 'http':
      return `http:${outcome.status}`;
    case 'ws-close':
      return `ws-close:${outcome.code}`;
    case 'ws-silent':
    case 'ws-completed':
    case 'ws-failed':
      return outcome.kind;
  }
}

function parseBody(response: ObservedResponse): GraphQLBody | undefined {
  if (!/json/.test(response.contentType)) return undefined;
  try {
    const body = JSON.parse(response.text) as unknown;
    return typeof body === 'object' && body !== null ? (body as GraphQLBody) : undefined;
  } catch {
    return undefined;
  }
}

/** Messages and extensions of every error: where internals would leak. */
function errorTexts(body: GraphQLBody): string[] {
  return (body.errors ?? []).flatMap((error) => [
    String(error.message),
    JSON.stringify(error.extensions ?? {}),
  ]);
}

/**
 * The text with every quote of the request cut out: each request string (also JSON-escaped),
 * and where a message shortened it, its longest prefix of at least eight characters. What is
 * left is the server's own words, where a leak would show.
 */
function withoutQuotes(text: string, requestTexts: string[]): string {
  let rest = text;
  const forms = requestTexts
    .flatMap((sent) => [sent, jsonQuoted(sent)])
    .filter((form) => form.length >= 4)
    .sort((a, b) => b.length - a.length);
  for (const form of forms) {
    const prefix = longestPrefixIn(rest, form);
    if (prefix.length >= Math.min(8, form.length)) rest = rest.split(prefix).join('«input»');
  }
  return rest;
}

/** The longest prefix of `sought` that occurs in `text` (binary search: prefixes nest). */
function longestPrefixIn(text: string, sought: string): string {
  let low = 0;
  let high = sought.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (text.includes(sought.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  return sought.slice(0, low);
}

function jsonQuoted(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function excerpt(text: string, pattern: RegExp): string {
  const at = text.search(pattern);
  return JSON.stringify(text.slice(Math.max(0, at - 40), at + 120));
}
