import neo4j, {
  type Driver,
  type ManagedTransaction,
  Neo4jError,
  type Record as Neo4jRecord,
  type Session,
} from 'neo4j-driver';
import { ErrorCode, userError } from '../common/errors';
import type { QueryMode, Outcome } from '../observability/metrics';
import { fromNeo4j } from './values';

/** A Cypher statement and its parameters. Values always travel as parameters, never in the text. */
export interface CypherQuery {
  cypher: string;
  params?: Record<string, unknown>;
}

/** Runs queries inside one transaction handed to {@link CypherExecutor.writeTransaction}. */
export interface TransactionRunner {
  run<T>(query: CypherQuery, map: (record: Neo4jRecord) => T): Promise<T[]>;
}

/**
 * Runs statements inside the one read transaction of {@link CypherExecutor.readStream}; `stream`
 * hands each record over as it arrives and awaits the handler before pulling the next, so a slow
 * consumer (a file) slows the read down instead of filling memory.
 */
export interface StreamRunner extends TransactionRunner {
  stream(
    query: CypherQuery,
    onRecord: (record: Neo4jRecord) => void | Promise<void>,
  ): Promise<void>;
}

/** Called once per statement sent to Neo4j; tests count round trips with it. */
export type QueryObserver = (query: CypherQuery) => void;

/** Called once per transaction with its duration (retries included); feeds the Neo4j metrics. */
export type TransactionTimer = (mode: QueryMode, outcome: Outcome, seconds: number) => void;

/**
 * The one place that runs Cypher. Every call opens a session, runs its statement(s), closes the
 * session in `finally`, and turns driver errors into GraphQL errors with a code. Writes run in
 * managed transactions (retried by the driver on transient errors); a read is one statement in
 * an auto-commit transaction (see {@link CypherExecutor.read}).
 */
export class CypherExecutor {
  private readonly observers = new Set<QueryObserver>();
  private available: () => boolean = () => true;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly timer: TransactionTimer = () => undefined,
    /** Neo4j stops a transaction that runs longer; unset: the server's own limit. */
    private readonly txTimeoutMs?: number,
    /**
     * A driver to the same database that returns integers as JavaScript numbers
     * (`disableLosslessIntegers`), for {@link CypherExecutor.readRecords}; unset: the main driver,
     * its values converted.
     */
    private readonly plainDriver?: Driver,
  ) {}

  /**
   * Runs a read query and maps each record. A single statement needs no explicit transaction,
   * and an auto-commit one costs one round trip (RUN and PULL in one write) where a managed one
   * costs three (BEGIN, RUN+PULL, COMMIT): under load the socket writes and Neo4j's handling of
   * the extra messages were the largest cost of a short read. Retried once on a transient
   * failure, as the driver would retry a managed transaction.
   */
  read<T>(
    query: CypherQuery,
    map: (record: Neo4jRecord) => T,
    operation = 'anonymous',
  ): Promise<T[]> {
    return this.inSession('READ', async (session) => {
      const run = async () => {
        this.notify(query);
        const result = await session.run(
          query.cypher,
          query.params ?? {},
          this.txConfig(operation),
        );
        return result.records.map(map);
      };
      try {
        return await run();
      } catch (error) {
        if (!neo4j.isRetryableError(error as Error)) throw error;
        return run();
      }
    });
  }

  /**
   * Runs a compiled read: one statement whose records already hold the response's values. It
   * runs on the plain driver, so the driver builds no Integer objects that would be converted
   * again (the main driver keeps lossless integers for backups, which must tell 1 from 1.0).
   * Returns each record's columns as an object.
   */
  readRecords(query: CypherQuery, operation: string): Promise<Record<string, unknown>[]> {
    const plain = this.plainDriver !== undefined;
    return this.inSession(
      'READ',
      async (session) => {
        this.notify(query);
        const { records } = await session.run(
          query.cypher,
          query.params ?? {},
          this.txConfig(operation),
        );
        return records.map((record) =>
          plain ? record.toObject() : fromNeo4j<Record<string, unknown>>(record.toObject()),
        );
      },
      undefined,
      this.plainDriver,
    );
  }

  /** Runs a single write statement in its own transaction and maps each record. */
  write<T>(query: CypherQuery, map: (record: Neo4jRecord) => T, operation?: string): Promise<T[]> {
    return this.managedWrite((tx) => tx.run(query, map), operation);
  }

  /**
   * Runs several statements as one write transaction: all of them take effect, or none.
   * `work` may be run more than once when the driver retries a transient failure, so it must
   * not have side effects outside the transaction.
   */
  writeTransaction<T>(work: (tx: TransactionRunner) => Promise<T>, operation?: string): Promise<T> {
    return this.managedWrite(work, operation);
  }

  /**
   * Runs `work` in one read transaction whose results stream, `fetchSize` records per round
   * trip: for reading the whole graph (backup, digest), where collecting every record as
   * {@link CypherExecutor.read} does would hold 50,000 partners in memory. No time limit (a dump
   * must not be cut off) and no retry (its caller starts a failed dump again).
   */
  readStream<T>(
    work: (tx: StreamRunner) => Promise<T>,
    operation: string,
    fetchSize = 1_000,
  ): Promise<T> {
    return this.inSession(
      'READ',
      async (session) => {
        const tx = session.beginTransaction({ ...this.txConfig(operation), timeout: 0 });
        try {
          return await work({
            run: async (query, map) => {
              this.notify(query);
              return (await tx.run(query.cypher, query.params ?? {})).records.map(map);
            },
            stream: async (query, onRecord) => {
              this.notify(query);
              for await (const record of tx.run(query.cypher, query.params ?? {})) {
                await onRecord(record);
              }
            },
          });
        } finally {
          await tx.rollback().catch(() => undefined);
        }
      },
      fetchSize,
    );
  }

  /**
   * Runs a schema statement (constraint, index) on its own: Neo4j refuses schema changes in a
   * transaction that also writes data.
   */
  async runSchema(query: CypherQuery): Promise<void> {
    await this.managedWrite((tx) => tx.run(query, () => null), 'migration');
  }

  /**
   * Makes every call fail at once with SERVICE_UNAVAILABLE while `available()` says no: while the
   * embedded Neo4j restarts, its Bolt port opens before the database has warmed up, and requests
   * sent then would wait for seconds instead of failing fast.
   */
  gate(available: () => boolean): void {
    this.available = available;
  }

  /** Registers an observer of every statement; returns the function that removes it. */
  observe(observer: QueryObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private managedWrite<T>(
    work: (tx: TransactionRunner) => Promise<T>,
    operation = 'anonymous',
  ): Promise<T> {
    const unit = (tx: ManagedTransaction) => work(this.runner(tx));
    return this.inSession('WRITE', (session) =>
      session.executeWrite(unit, this.txConfig(operation)),
    );
  }

  /** Opens a session for `use`, times it for the metrics, maps its errors and closes it. */
  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    use: (session: Session) => Promise<T>,
    fetchSize?: number,
    driver: Driver = this.driver,
  ): Promise<T> {
    if (!this.available()) throw databaseUnavailable();
    const session = driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(fetchSize === undefined ? {} : { fetchSize }),
    });
    const started = process.hrtime.bigint();
    let outcome: Outcome = 'error';
    try {
      const result = await use(session);
      outcome = 'ok';
      return result;
    } catch (error) {
      throw toGraphQLError(error);
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.timer(mode === 'READ' ? 'read' : 'write', outcome, seconds);
      await session.close();
    }
  }

  private txConfig(operation: string) {
    return {
      metadata: { app: 'vielfalt-api', operation },
      // So that no query runs away; Neo4j ends it with TransactionTimedOut (see toGraphQLError).
      ...(this.txTimeoutMs === undefined ? {} : { timeout: this.txTimeoutMs }),
    };
  }

  private notify(query: CypherQuery): void {
    for (const observer of this.observers) observer(query);
  }

  private runner(tx: ManagedTransaction): TransactionRunner {
    return {
      run: async (query, map) => {
        this.notify(query);
        const result = await tx.run(query.cypher, query.params ?? {});
        return result.records.map(map);
      },
    };
  }
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * Every pooled connection stayed busy for the acquisition timeout: the database is overloaded,
 * which the client should treat like an outage (try again shortly). The driver gives this error
 * no code of its own ('N/A'), so here alone the message tells it apart.
 */
const isPoolExhausted = (error: Neo4jError) =>
  error.code === 'N/A' && error.message.startsWith('Connection acquisition timed out');

const databaseUnavailable = () =>
  userError(
    ErrorCode.SERVICE_UNAVAILABLE,
    'The database is not reachable right now; try again shortly.',
  );

/**
 * Maps a driver error to a client-safe GraphQL error by its `code`, never by its message.
 * Unknown errors are returned as they are, to be logged and masked by the error formatter.
 */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE_CODES.has(error.code) || isPoolExhausted(error)) return databaseUnavailable();
  // TransactionTimedOut, or TransactionTimedOutClientConfiguration for our own `timeout`.
  if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
    return userError(
      ErrorCode.QUERY_TIMEOUT,
      'The operation took longer than the database allows and was stopped; nothing was changed. Ask for less (smaller pages) or try again later.',
    );
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return userError(ErrorCode.CONFLICT, 'The change collides with an existing record.');
  }
  return error;
}
