import 'reflect-metadata';
import { createClient, type Client } from 'graphql-ws';
import pino, { type Logger } from 'pino';
import WebSocket from 'ws';
import { type App, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { TEST_JWT_SECRET } from './tokens';

/** Admission settings that let test and benchmark traffic through (test/e2e/admission.test.ts). */
export const RELAXED_ADMISSION = {
  GRAPHQL_MAX_COST_PUBLIC: '500000',
  GRAPHQL_PUBLIC_COST_PER_MINUTE: '1000000000',
  GRAPHQL_EXPENSIVE_IN_FLIGHT: '1000',
  GRAPHQL_PUBLIC_REFUSALS_PER_10S: '1000000',
};

/**
 * Starts the whole API on a free port against the run's Neo4j (`NEO4J_URI` from the global
 * setup) and waits until it is ready. Dispose it with `app.stop()` in `afterAll`.
 */
export async function startTestApp(
  env: NodeJS.ProcessEnv = {},
  logger: Logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
): Promise<App> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    SEED_ON_START: 'false',
    // Suites that ask for suggestions compute the ranking context on demand; the others need not.
    MATCHING_WARM_UP: 'false',
    JWT_SECRET: TEST_JWT_SECRET,
    NEO4J_URI: process.env.NEO4J_URI,
    // No SMTP_URL: e-mails stay PENDING unless a suite passes its mail catcher (test/support/
    // mail-server.ts); a short poll brings new notifications to myNotifications within ~250 ms.
    NOTIFY_POLL_MS: '250',
    // The proposal sweep writes on its own clock (60 s by default): in a suite that runs longer it
    // would land inside a test that counts the Cypher statements of one request. The suites that
    // test expiry set their own interval.
    PROPOSAL_SWEEP_MS: '3600000',
    // Suites send many anonymous operations from one address; admission has its own suite.
    ...RELAXED_ADMISSION,
    ...env,
  });
  const app = await startApp(config, logger);
  await app.ready;
  return app;
}

/** The JSON body of a GraphQL response. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
}

/** Posts one operation over real HTTP. */
export async function postGraphQL<T = Record<string, unknown>>(
  app: App,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLResponse<T> }> {
  const response = await fetch(app.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
}

/** A real graphql-ws client for the app's WebSocket endpoint. */
export function wsClient(app: App, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: app.server.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/** Runs a query or mutation over a graphql-ws client and resolves with its single result. */
export function wsExecute<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  return new Promise((resolve, reject) => {
    let result: GraphQLResponse<T> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => (result = value as GraphQLResponse<T>),
        error: reject,
        complete: () => (result ? resolve(result) : reject(new Error('no result'))),
      },
    );
  });
}
