import type { ExecutorChoice } from './schema/jit-executor';
import { PROPOSAL_DEFAULTS } from './cooperations/proposal-settings';
import { bool, cleanEnv, host, makeValidator, str } from 'envalid';
import type { QueryLimits } from './limits/query-limits';
import type { AdmissionSettings } from './limits/admission';
import type { WebSocketSettings } from './limits/ws-connections';
import type { DeliverySettings } from './notifications/delivery-settings';

/** Thrown by {@link loadConfig} when an environment variable is missing or malformed. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const neo4jUri = makeValidator<string>((input) => {
  if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/]+/.test(input)) {
    throw new Error(`expected a bolt:// or neo4j:// URI (optionally +s or +ssc), got "${input}"`);
  }
  return input;
});

const memorySize = makeValidator<string>((input) => {
  if (!/^[1-9][0-9]*[mMgG]$/.test(input)) {
    throw new Error(`expected a size such as 512m or 1g, got "${input}"`);
  }
  return input.toLowerCase();
});

const portOrZero = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`expected 0 (any free port) or a port 1-65535, got "${input}"`);
  }
  return value;
});

const positiveInt = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`expected a positive integer, got "${input}"`);
  }
  return value;
});

const nonNegativeInt = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`expected 0 or a positive integer, got "${input}"`);
  }
  return value;
});

const byteSize = makeValidator<string>((input) => {
  if (!/^[1-9][0-9]*(b|kb|mb)$/i.test(input)) {
    throw new Error(`expected a size such as 256kb or 1mb, got "${input}"`);
  }
  return input.toLowerCase();
});

const originList = makeValidator<string[]>((input) => {
  const origins = input
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  const bad = origins.find((origin) => origin !== '*' && !/^https?:\/\/[^\s/]+$/.test(origin));
  if (bad !== undefined) {
    throw new Error(
      `expected * or origins such as https://example.org, comma-separated, got "${bad}"`,
    );
  }
  return origins;
});

const redisUrl = makeValidator<string>((input) => {
  if (!/^rediss?:\/\/[^\s]+$/.test(input)) {
    throw new Error(`expected redis://host:port or rediss://…, got "${input}"`);
  }
  return input;
});

const secret = makeValidator<string>((input) => {
  if (input.length < 32) {
    throw new Error(`expected at least 32 characters, got ${input.length}`);
  }
  return input;
});

const smtpUrl = makeValidator<string>((input) => {
  if (!/^smtps?:\/\/\S+$/.test(input)) {
    throw new Error(`expected smtp://host:port or smtps://user:password@host:port, got "${input}"`);
  }
  return input;
});

const isoDuration = makeValidator<string>((input) => {
  if (!/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/.test(input)) {
    throw new Error(`expected an ISO-8601 duration such as P30D or PT1H, got "${input}"`);
  }
  return input;
});

const httpUrl = makeValidator<string>((input) => {
  if (!/^https?:\/\/\S+$/.test(input)) throw new Error(`expected an http(s) URL, got "${input}"`);
  return input;
});

/**
 * Every environment variable the API reads, with its default. docs/configuration.md's table
 * (test/unit/config-docs.test.ts) and the docker-compose test are checked against these names.
 */
export const ENV_SPEC = {
  NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
  HOST: host({ default: '127.0.0.1', desc: 'interface the HTTP/WebSocket server binds to' }),
  PORT: portOrZero({ default: 4000, desc: 'HTTP and WebSocket port (0 picks a free port)' }),
  LOG_LEVEL: str({
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
  }),
  SHUTDOWN_TIMEOUT_MS: positiveInt({ default: 10_000, desc: 'grace period for running requests' }),
  NEO4J_URI: neo4jUri({
    default: undefined,
    desc: 'external Neo4j; unset starts the embedded one',
  }),
  NEO4J_USER: str({ default: 'neo4j' }),
  NEO4J_PASSWORD: str({ default: '' }),
  NEO4J_DATABASE: str({ default: 'neo4j' }),
  NEO4J_HEAP: memorySize({ default: '512m', desc: 'embedded Neo4j JVM heap' }),
  NEO4J_PAGECACHE: memorySize({ default: '64m', desc: 'embedded Neo4j page cache' }),
  NEO4J_DATA_DIR: str({ default: '.data/neo4j', desc: 'embedded Neo4j data folder' }),
  NEO4J_BOLT_PORT: portOrZero({ default: 0, desc: 'embedded Neo4j Bolt port (0 = a free port)' }),
  NEO4J_START_TIMEOUT_MS: positiveInt({ default: 120_000 }),
  NEO4J_CONNECTION_TIMEOUT_MS: positiveInt({
    default: 2_000,
    desc: 'how long opening one Bolt connection may take',
  }),
  NEO4J_ACQUISITION_TIMEOUT_MS: positiveInt({
    default: 5_000,
    desc: 'how long a query may wait for a pooled connection (including opening one)',
  }),
  NEO4J_MAX_RETRY_TIME_MS: positiveInt({
    default: 500,
    desc: 'retry window of a transaction after a transient error (one retry ~1 s later)',
  }),
  SEED_ON_START: bool({ default: true, desc: 'load the demo alliance when the graph is empty' }),
  GRAPHQL_EXECUTOR: str({
    choices: ['jit', 'graphql-js'],
    default: 'jit',
    desc: 'what runs HTTP operations: graphql-jit (compiled per operation) or graphql-js',
  }),
  READ_COMPILER: bool({
    default: true,
    desc: 'serve plain reads with one compiled Cypher statement per root field (false: the DataLoader path, kept for one release to compare)',
  }),
  MATCHING_WARM_UP: bool({
    default: true,
    desc: "compute the matching's ranking context (exposure factors, communities) once the API is ready, so the first suggestion request does not wait for it",
  }),
  MATCHING_WORKERS: nonNegativeInt({
    default: 1,
    desc: 'worker threads that rank suggestions and search consortia; 0: in slices of ~3 ms on the event loop',
  }),
  JWT_SECRET: secret({ default: undefined, desc: 'HS256 secret for local tokens' }),
  JWT_JWKS_URL: httpUrl({ default: undefined, desc: "identity provider's JWKS" }),
  JWT_ISSUER: str({ default: undefined, desc: 'expected iss (required with JWT_JWKS_URL)' }),
  JWT_AUDIENCE: str({ default: undefined, desc: 'expected aud (required with JWT_JWKS_URL)' }),
  JWT_MAX_LIFETIME_S: positiveInt({
    default: 86_400,
    desc: 'longest token lifetime accepted (exp minus iat, seconds); tokens without exp are refused',
  }),
  APPLY_RATE_LIMIT_PER_HOUR: positiveInt({ default: 10, desc: 'applyForMembership per IP' }),
  CONTACT_REQUESTS_OPEN_MAX: positiveInt({
    default: 10,
    desc: 'contact requests one partner may have waiting for an answer (PENDING) at once',
  }),
  CONTACT_REQUEST_COOLDOWN_DAYS: nonNegativeInt({
    default: 30,
    desc: 'days after a partner declined (or revoked) before the requester may ask it again',
  }),
  REDIS_URL: redisUrl({
    default: undefined,
    desc: 'Redis shared by API processes: exchange events, the application rate limit, ended tokens (unset: in-process only)',
  }),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt({
    default: 20,
    desc: 'subscriptions one WebSocket may hold at once',
  }),
  WS_MAX_SOCKETS_PER_USER: positiveInt({
    default: 10,
    desc: 'WebSockets one token subject (or one address, without a token) may hold at once',
  }),
  WS_TOKEN_SWEEP_MS: positiveInt({
    default: 30_000,
    desc: "how often open partner WebSockets' tokens are checked again in one read (closed with 4403 when ended)",
  }),
  // Query limits and protocol hardening, the same on HTTP and WebSocket (docs/security.md).
  GRAPHQL_MAX_DEPTH: positiveInt({ default: 12, desc: 'deepest field nesting of an operation' }),
  GRAPHQL_MAX_ALIASES: nonNegativeInt({ default: 15, desc: 'aliased fields per operation' }),
  GRAPHQL_MAX_DIRECTIVES: nonNegativeInt({ default: 20, desc: 'directives per operation' }),
  GRAPHQL_MAX_TOKENS: positiveInt({ default: 2_000, desc: 'lexical tokens per document' }),
  GRAPHQL_MAX_COST: positiveInt({
    default: 500_000,
    desc: 'estimated cost per operation (fields times page sizes)',
  }),
  GRAPHQL_MAX_COST_PUBLIC: positiveInt({
    default: 20_000,
    desc: 'estimated cost per operation without a token',
  }),
  GRAPHQL_PUBLIC_COST_PER_MINUTE: positiveInt({
    default: 200_000,
    desc: 'estimated cost one client address may spend per minute without a token',
  }),
  GRAPHQL_EXPENSIVE_IN_FLIGHT: positiveInt({
    default: 2,
    desc: 'expensive operations (cost 1,000 or more) one caller may run at once',
  }),
  GRAPHQL_PUBLIC_REFUSALS_PER_10S: positiveInt({
    default: 5,
    desc: 'refused operations within 10 s after which an address without a token is held back',
  }),
  GRAPHQL_INTROSPECTION: bool({
    default: undefined,
    desc: 'allow introspection (default: on, off when NODE_ENV=production)',
  }),
  GRAPHQL_FIELD_SUGGESTIONS: bool({
    default: undefined,
    desc: '"Did you mean …?" in validation errors (default: on, off when NODE_ENV=production)',
  }),
  HTTP_BODY_LIMIT: byteSize({ default: '256kb', desc: 'largest HTTP request body (413 above)' }),
  TRUST_PROXY_HOPS: nonNegativeInt({
    default: 0,
    desc: 'reverse proxies in front whose X-Forwarded-For is trusted for the client address (nginx: 1)',
  }),
  CORS_ORIGINS: originList({
    default: [],
    desc: 'origins allowed to call from a browser, comma-separated; * for any; empty: same origin',
  }),
  WS_MAX_PAYLOAD_BYTES: positiveInt({
    default: 65_536,
    desc: 'largest WebSocket message (the socket is closed with 1009 above)',
  }),
  WS_CONNECTION_INIT_TIMEOUT_MS: positiveInt({
    default: 3_000,
    desc: 'time a WebSocket has to send connection_init (closed with 4408 after)',
  }),
  // No query of the API needs more than a few seconds at demo size, even with cold caches; 20 s
  // stops a runaway query while leaving headroom for a busy host (analytics after a write).
  NEO4J_TX_TIMEOUT_MS: positiveInt({
    default: 20_000,
    desc: 'longest a Neo4j transaction may run before Neo4j stops it',
  }),
  // Notifications (docs/follow-through.md#notifications-and-e-mails).
  SMTP_URL: smtpUrl({
    default: undefined,
    desc: 'where notification e-mails are sent (unset: no e-mails, in-app notifications only)',
  }),
  MAIL_FROM: str({
    default: 'Bündnis für Vielfalt <noreply@vielfalt.local>',
    desc: 'sender of notification e-mails',
  }),
  PUBLIC_URL: httpUrl({
    default: 'http://localhost:3000',
    desc: 'the frontend; links in e-mails start with it',
  }),
  NOTIFY_POLL_MS: positiveInt({
    default: 1_000,
    desc: 'how often each process looks for notifications to send and to stream',
  }),
  NOTIFY_RETRY_MIN_MS: positiveInt({
    default: 2_000,
    desc: 'first wait after a failed e-mail; doubles per attempt',
  }),
  NOTIFY_RETRY_MAX_MS: positiveInt({
    default: 300_000,
    desc: 'longest wait between two attempts of one e-mail (retried at this pace for ever)',
  }),
  PROPOSAL_TTL: isoDuration({
    default: PROPOSAL_DEFAULTS.ttl,
    desc: 'how long a proposed cooperation (DRAFT) waits for every confirmation before it expires (ISO-8601 duration)',
  }),
  PROPOSAL_SWEEP_MS: positiveInt({
    default: PROPOSAL_DEFAULTS.sweepMs,
    desc: 'how often expired proposals are set EXPIRED and their partners notified',
  }),
  METRICS_ENABLED: bool({ default: true, desc: 'serve Prometheus metrics at GET /metrics' }),
  METRICS_TOKEN: secret({
    default: undefined,
    desc: 'set: GET /metrics requires Authorization: Bearer <token>',
  }),
};

/** The names of all environment variables the API understands. */
export const ENV_NAMES = Object.keys(ENV_SPEC) as (keyof typeof ENV_SPEC)[];

/** Settings of the embedded Neo4j the project starts when no `NEO4J_URI` is given. */
export interface EmbeddedNeo4jConfig {
  dataDir: string;
  /** `0` picks a free port at start. */
  boltPort: number;
  /** JVM heap, as `-Xmx` takes it (`512m`). */
  heap: string;
  pageCacheMiB: number;
  startTimeoutMs: number;
}

/** Validated configuration of one API process. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  http: {
    host: string;
    port: number;
    shutdownTimeoutMs: number;
    /** Largest request body, as express.json takes it (`256kb`). */
    bodyLimit: string;
    /** Reverse proxies whose `X-Forwarded-For` entries count (see `clientAddress`). */
    trustProxyHops: number;
    /** Origins answered with CORS headers; `*` for any; empty: same origin only. */
    corsOrigins: string[];
    /** Whether `__schema` and `__type` may be queried. */
    introspection: boolean;
    /** Whether validation errors suggest similar field names. */
    fieldSuggestions: boolean;
    /** What runs HTTP operations (src/schema/jit-executor.ts). */
    executor: ExecutorChoice;
    limits: QueryLimits;
    /** Work-based admission (src/limits/admission.ts). */
    admission: AdmissionSettings;
    webSocket: WebSocketSettings;
  };
  logLevel: string;
  neo4j: {
    /** Set → use that server; unset → start {@link EmbeddedNeo4jConfig | the embedded one}. */
    uri?: string;
    user: string;
    password: string;
    database: string;
    /** Neo4j stops a transaction that runs longer. */
    txTimeoutMs: number;
    /** Kept small so that requests fail fast (SERVICE_UNAVAILABLE) while Neo4j is down. */
    timeouts: { connectionMs: number; acquisitionMs: number; maxRetryMs: number };
    embedded: EmbeddedNeo4jConfig;
  };
  seedOnStart: boolean;
  /** Whether plain reads are compiled into one statement per root field (src/reads). */
  readCompiler: boolean;
  /** How long proposals live and how often expired ones are swept (src/cooperations). */
  proposals: { ttl: string; sweepMs: number };
  /** Whether slices warm their caches once the API is ready (`MATCHING_WARM_UP`). */
  warmUp: boolean;
  /** Worker threads of the matching's ranking (`MATCHING_WORKERS`; 0: sliced on the event loop). */
  matchingWorkers: number;
  /** Limits of contact requests (src/contacts). */
  contactRequests: { openMax: number; cooldownDays: number };
  /** `GET /metrics`: served at all, and guarded by a bearer token when one is set. */
  metrics: { enabled: boolean; token?: string };
  exchange: {
    /** Set → exchange events fan out through Redis to every API process. */
    redisUrl?: string;
  };
  /** How notifications are delivered (src/notifications). */
  notifications: DeliverySettings;
  auth: {
    secret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    /** Longest accepted token lifetime in seconds (`exp` − `iat`); `exp` is always required. */
    maxTokenLifetimeSeconds: number;
    /** applyForMembership calls allowed per client IP and hour. */
    applyRateLimitPerHour: number;
  };
}

/**
 * Reads and validates the configuration from an environment.
 *
 * @param env - usually `process.env`
 * @returns the typed configuration
 * @throws {ConfigError} naming every bad variable and what it allows
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const clean = cleanEnv(env, ENV_SPEC, {
    reporter: ({ errors }) => {
      const problems = Object.entries(errors).map(
        ([name, error]) => `  ${name}: ${(error as Error).message}`,
      );
      if (problems.length > 0) {
        throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
      }
    },
  });
  assertAuthConfig(clean);
  return {
    env: clean.NODE_ENV,
    http: {
      host: clean.HOST,
      port: clean.PORT,
      shutdownTimeoutMs: clean.SHUTDOWN_TIMEOUT_MS,
      bodyLimit: clean.HTTP_BODY_LIMIT,
      trustProxyHops: clean.TRUST_PROXY_HOPS,
      corsOrigins: clean.CORS_ORIGINS,
      introspection: clean.GRAPHQL_INTROSPECTION ?? clean.NODE_ENV !== 'production',
      fieldSuggestions: clean.GRAPHQL_FIELD_SUGGESTIONS ?? clean.NODE_ENV !== 'production',
      executor: clean.GRAPHQL_EXECUTOR as ExecutorChoice,
      limits: {
        maxDepth: clean.GRAPHQL_MAX_DEPTH,
        maxAliases: clean.GRAPHQL_MAX_ALIASES,
        maxDirectives: clean.GRAPHQL_MAX_DIRECTIVES,
        maxTokens: clean.GRAPHQL_MAX_TOKENS,
        maxCost: clean.GRAPHQL_MAX_COST,
      },
      admission: {
        publicMaxCost: clean.GRAPHQL_MAX_COST_PUBLIC,
        publicCostPerMinute: clean.GRAPHQL_PUBLIC_COST_PER_MINUTE,
        expensiveInFlight: clean.GRAPHQL_EXPENSIVE_IN_FLIGHT,
        refusalsBeforeHoldBack: clean.GRAPHQL_PUBLIC_REFUSALS_PER_10S,
      },
      webSocket: {
        maxPayloadBytes: clean.WS_MAX_PAYLOAD_BYTES,
        connectionInitTimeoutMs: clean.WS_CONNECTION_INIT_TIMEOUT_MS,
        maxSubscriptionsPerSocket: clean.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
        maxSocketsPerUser: clean.WS_MAX_SOCKETS_PER_USER,
        tokenSweepMs: clean.WS_TOKEN_SWEEP_MS,
      },
    },
    logLevel: clean.LOG_LEVEL,
    neo4j: {
      uri: clean.NEO4J_URI,
      user: clean.NEO4J_USER,
      password: clean.NEO4J_PASSWORD,
      database: clean.NEO4J_DATABASE,
      txTimeoutMs: clean.NEO4J_TX_TIMEOUT_MS,
      timeouts: {
        connectionMs: clean.NEO4J_CONNECTION_TIMEOUT_MS,
        acquisitionMs: clean.NEO4J_ACQUISITION_TIMEOUT_MS,
        maxRetryMs: clean.NEO4J_MAX_RETRY_TIME_MS,
      },
      embedded: {
        dataDir: clean.NEO4J_DATA_DIR,
        boltPort: clean.NEO4J_BOLT_PORT,
        heap: clean.NEO4J_HEAP,
        pageCacheMiB: toMiB(clean.NEO4J_PAGECACHE),
        startTimeoutMs: clean.NEO4J_START_TIMEOUT_MS,
      },
    },
    seedOnStart: clean.SEED_ON_START,
    readCompiler: clean.READ_COMPILER,
    proposals: { ttl: clean.PROPOSAL_TTL, sweepMs: clean.PROPOSAL_SWEEP_MS },
    warmUp: clean.MATCHING_WARM_UP,
    matchingWorkers: clean.MATCHING_WORKERS,
    contactRequests: {
      openMax: clean.CONTACT_REQUESTS_OPEN_MAX,
      cooldownDays: clean.CONTACT_REQUEST_COOLDOWN_DAYS,
    },
    metrics: { enabled: clean.METRICS_ENABLED, token: clean.METRICS_TOKEN },
    exchange: {
      redisUrl: clean.REDIS_URL,
    },
    notifications: {
      smtpUrl: clean.SMTP_URL,
      mailFrom: clean.MAIL_FROM,
      publicUrl: clean.PUBLIC_URL.replace(/\/+$/, ''),
      pollMs: clean.NOTIFY_POLL_MS,
      retry: { minMs: clean.NOTIFY_RETRY_MIN_MS, maxMs: clean.NOTIFY_RETRY_MAX_MS },
    },
    auth: {
      secret: clean.JWT_SECRET,
      jwksUrl: clean.JWT_JWKS_URL,
      issuer: clean.JWT_ISSUER,
      audience: clean.JWT_AUDIENCE,
      maxTokenLifetimeSeconds: clean.JWT_MAX_LIFETIME_S,
      applyRateLimitPerHour: clean.APPLY_RATE_LIMIT_PER_HOUR,
    },
  };
}

/** Cross-variable rules envalid cannot express alone. */
function assertAuthConfig(clean: {
  NODE_ENV: string;
  JWT_SECRET?: string;
  JWT_JWKS_URL?: string;
  JWT_ISSUER?: string;
  JWT_AUDIENCE?: string;
}): void {
  if (clean.JWT_JWKS_URL && (!clean.JWT_ISSUER || !clean.JWT_AUDIENCE)) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_JWKS_URL: expected JWT_ISSUER and JWT_AUDIENCE to be set too',
    );
  }
  if (clean.NODE_ENV === 'production' && !clean.JWT_SECRET && !clean.JWT_JWKS_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: expected JWT_SECRET or JWT_JWKS_URL in production (development generates a secret)',
    );
  }
}

function toMiB(size: string): number {
  const amount = Number.parseInt(size, 10);
  return size.endsWith('g') ? amount * 1024 : amount;
}
