import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Label value for operations without a name. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** Label value that stands for every name beyond the cardinality bound. */
export const OTHER_LABEL = 'other';
/** How many distinct operation names get their own time series. */
export const MAX_OPERATION_LABELS = 200;
/** How many distinct error codes get their own time series. */
export const MAX_ERROR_CODE_LABELS = 50;

/** Whether a Neo4j transaction read or wrote. */
export type QueryMode = 'read' | 'write';
/** How a GraphQL operation or a Neo4j transaction ended. */
export type Outcome = 'ok' | 'error';

/**
 * All Prometheus metrics of one API instance, on a registry of its own (not prom-client's global
 * one), so that several apps in one process, as in the tests, never collide or share counts.
 */
export interface ApiMetrics {
  readonly registry: Registry;
  /** `graphql_requests_total{operation,type,outcome}` */
  readonly graphqlRequests: Counter<'operation' | 'type' | 'outcome'>;
  /** `graphql_request_duration_seconds{operation}` */
  readonly graphqlDuration: Histogram<'operation'>;
  /** `graphql_errors_total{code}`: one count per error in a response. */
  readonly graphqlErrors: Counter<'code'>;
  /** `neo4j_query_duration_seconds{mode,outcome}`: one observation per transaction. */
  readonly neo4jQueryDuration: Histogram<'mode' | 'outcome'>;
  /** `websocket_connections`: sockets that completed `connection_init`. */
  readonly websocketConnections: Gauge;
  /** `graphql_subscriptions`: operations running on WebSockets right now. */
  readonly graphqlSubscriptions: Gauge;
  /** `graphql_compiled_reads_total{field,outcome}`: how root read fields were served. */
  readonly compiledReads: Counter<'field' | 'outcome'>;
  /** `neo4j_embedded_restarts_total`: restarts of the embedded Neo4j by its supervisor. */
  readonly neo4jRestarts: Counter;
  /** Maps an operation name to its bounded label value (see {@link BoundedLabel}). */
  operationLabel(name: string | null | undefined): string;
  /** Maps an error code to its bounded label value. */
  errorCodeLabel(code: unknown): string;
  /** Records how long one Neo4j transaction took. */
  observeQuery(mode: QueryMode, outcome: Outcome, seconds: number): void;
}

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Also collect the default process metrics (CPU, memory, event loop, GC). Default `true`. */
  processMetrics?: boolean;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Keeps a label's values to a fixed number of distinct ones. Operation names come from clients:
 * unbounded, every new name would add a set of time series to each histogram and counter, growing
 * this process's memory and the Prometheus server's storage without limit (a client could do that
 * on purpose). The first `max` names keep their own series; later ones share `other`.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly shape: RegExp,
  ) {}

  /** The label value for `value`: itself while the bound allows, else `other`. */
  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (!this.shape.test(value) || this.seen.size >= this.max) return OTHER_LABEL;
    this.seen.add(value);
    return value;
  }
}

/** Creates the metrics of one API instance on a fresh registry. */
export function createMetrics(options: MetricsOptions = {}): ApiMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const operations = new BoundedLabel(MAX_OPERATION_LABELS, NAME);
  const codes = new BoundedLabel(MAX_ERROR_CODE_LABELS, CODE);
  const neo4jQueryDuration = new Histogram({
    name: 'neo4j_query_duration_seconds',
    help: 'Duration of Neo4j transactions (including driver retries), by access mode and outcome',
    labelNames: ['mode', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  return {
    registry,
    graphqlRequests: new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL operations (HTTP and WebSocket), by operation name, type and outcome',
      labelNames: ['operation', 'type', 'outcome'] as const,
      registers,
    }),
    graphqlDuration: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Duration of GraphQL operations from receipt to response, by operation name',
      labelNames: ['operation'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    graphqlErrors: new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code',
      labelNames: ['code'] as const,
      registers,
    }),
    neo4jQueryDuration,
    websocketConnections: new Gauge({
      name: 'websocket_connections',
      help: 'Open graphql-ws connections (acknowledged)',
      registers,
    }),
    graphqlSubscriptions: new Gauge({
      name: 'graphql_subscriptions',
      help: 'GraphQL operations running on WebSockets right now',
      registers,
    }),
    compiledReads: new Counter({
      name: 'graphql_compiled_reads_total',
      help: 'Root read fields by how they were served: compiled (one statement), partly (some fields by their resolvers), unsupported or off (by the resolvers)',
      labelNames: ['field', 'outcome'] as const,
      registers,
    }),
    neo4jRestarts: new Counter({
      name: 'neo4j_embedded_restarts_total',
      help: 'Restarts of the embedded Neo4j by its supervisor',
      registers,
    }),
    operationLabel: (name) => (name ? operations.of(name) : ANONYMOUS_OPERATION),
    errorCodeLabel: (code) => (typeof code === 'string' ? codes.of(code) : 'UNKNOWN'),
    observeQuery: (mode, outcome, seconds) =>
      neo4jQueryDuration.observe({ mode, outcome }, seconds),
  };
}
