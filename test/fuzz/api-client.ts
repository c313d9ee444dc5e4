import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { Role } from '../../src/auth/auth.types';
import type { CypherExecutor } from '../../src/db/executor';
import { fromNeo4j } from '../../src/db/values';
import { TEST_JWT_SECRET } from '../support/tokens';
import type { ObservedResponse } from './checks';
import type { Transport } from './request';
import { firstArrival } from './ws-transport';
import { observeWs } from './ws-responses';

/** No answer within this time counts as none (a hang). */
const ANSWER_TIMEOUT_MS = 30_000;

/** The parts of a GraphQL response body the lifecycle model and the races read. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/**
 * Sends single GraphQL operations for the lifecycle model and the races, with any headers: over
 * HTTP, or over graphql-ws on a socket of its own (opened with the token, closed after the
 * answer), so that every WebSocket operation meets the token check of `connection_init`.
 */
export class ApiClient {
  /** @param url - `http://host:port/graphql` */
  constructor(private readonly url: string) {}

  /** Sends the operation over `transport`; `undefined` when no answer came in time. */
  send(
    transport: Transport,
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<ObservedResponse | undefined> {
    return transport === 'http'
      ? this.http(query, variables, headers)
      : this.ws(query, variables, headers.authorization);
  }

  /** A JSON POST. */
  async http(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<ObservedResponse | undefined> {
    return observeHttp(
      this.url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      },
      ANSWER_TIMEOUT_MS,
    );
  }

  /** A `subscribe` on a new socket with `authorization` in `connectionParams`. */
  async ws(
    query: string,
    variables: Record<string, unknown>,
    authorization: string | undefined,
  ): Promise<ObservedResponse | undefined> {
    const client = createClient({
      url: this.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: authorization === undefined ? undefined : { authorization },
      retryAttempts: 0,
      // Lazy: the socket opens with the subscribe, and its refusal (4403) reaches the sink.
      lazy: true,
    });
    try {
      return observeWs(await firstArrival(client, { query, variables }, ANSWER_TIMEOUT_MS), false);
    } finally {
      await client.dispose();
    }
  }
}

/**
 * Sends one HTTP request and reads its whole answer as the fuzzer observes it; `undefined` when
 * none came within `timeoutMs` or the connection failed.
 */
export async function observeHttp(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<ObservedResponse | undefined> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  } catch {
    return undefined;
  }
}

/** The number a statement returns as `value` in its first row (`null` when none). */
export async function readNumber(
  executor: CypherExecutor,
  cypher: string,
  params: Record<string, unknown>,
): Promise<number | null> {
  const [value] = await executor.read({ cypher, params }, (r) =>
    fromNeo4j<number | null>(r.get('value')),
  );
  return value === undefined || value === null ? null : Number(value);
}

/** The JSON body of a response, if it has one. */
export function bodyOf(response: ObservedResponse | undefined): GraphQLBody | undefined {
  if (!response) return undefined;
  try {
    const body = JSON.parse(response.text) as unknown;
    return typeof body === 'object' && body !== null ? (body as GraphQLBody) : undefined;
  } catch {
    return undefined;
  }
}

/** The `Authorization` header of a PARTNER token issued at `issuedAt` (seconds), valid 8 h. */
export async function partnerAuthorization(partnerId: string, issuedAt: number): Promise<string> {
  const token = await new SignJWT({ role: Role.PARTNER, partnerId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`partner:${partnerId}`)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 8 * 3600)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  return `Bearer ${token}`;
}

/** Now in whole seconds, as a token's `iat`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
