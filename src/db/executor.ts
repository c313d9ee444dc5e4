import neo4j, {
  type Driver,
  type ManagedTransaction,
  Neo4jError,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import { ErrorCode, userError } from '../common/errors';

/** A Cypher statement and its parameters. Values always travel as parameters, never in the text. */
export interface CypherQuery {
  cypher: string;
  params?: Record<string, unknown>;
}

/** Runs queries inside one transaction handed to {@link CypherExecutor.writeTransaction}. */
export interface TransactionRunner {
  run<T>(query: CypherQuery, map: (record: Neo4jRecord) => T): Promise<T[]>;
}

/** Called once per statement sent to Neo4j; tests count round trips with it. */
export type QueryObserver = (query: CypherQuery) => void;

/**
 * The one place that runs Cypher. Every call opens a session, runs in a managed transaction
 * (retried by the driver on transient errors), closes the session in `finally`, and turns
 * driver errors into GraphQL errors with a code.
 */
export class CypherExecutor {
  private readonly observers = new Set<QueryObserver>();

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
  ) {}

  /** Runs a read query and maps each record. */
  read<T>(query: CypherQuery, map: (record: Neo4jRecord) => T, operation?: string): Promise<T[]> {
    return this.transaction('READ', (tx) => tx.run(query, map), operation);
  }

  /** Runs a single write statement in its own transaction and maps each record. */
  write<T>(query: CypherQuery, map: (record: Neo4jRecord) => T, operation?: string): Promise<T[]> {
    return this.transaction('WRITE', (tx) => tx.run(query, map), operation);
  }

  /**
   * Runs several statements as one write transaction: all of them take effect, or none.
   * `work` may be run more than once when the driver retries a transient failure, so it must
   * not have side effects outside the transaction.
   */
  writeTransaction<T>(work: (tx: TransactionRunner) => Promise<T>, operation?: string): Promise<T> {
    return this.transaction('WRITE', work, operation);
  }

  /**
   * Runs a schema statement (constraint, index) on its own: Neo4j refuses schema changes in a
   * transaction that also writes data.
   */
  async runSchema(query: CypherQuery): Promise<void> {
    await this.transaction('WRITE', (tx) => tx.run(query, () => null), 'migration');
  }

  /** Registers an observer of every statement; returns the function that removes it. */
  observe(observer: QueryObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private async transaction<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: TransactionRunner) => Promise<T>,
    operation = 'anonymous',
  ): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { metadata: { app: 'vielfalt-api', operation } };
    const unit = (tx: ManagedTransaction) => work(this.runner(tx));
    try {
      return mode === 'READ'
        ? await session.executeRead(unit, config)
        : await session.executeWrite(unit, config);
    } catch (error) {
      throw toGraphQLError(error);
    } finally {
      await session.close();
    }
  }

  private runner(tx: ManagedTransaction): TransactionRunner {
    return {
      run: async (query, map) => {
        for (const observer of this.observers) observer(query);
        const result = await tx.run(query.cypher, query.params ?? {});
        return result.records.map(map);
      },
    };
  }
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * Maps a driver error to a client-safe GraphQL error by its `code`, never by its message.
 * Unknown errors are returned as they are, to be logged and masked by the error formatter.
 */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE_CODES.has(error.code)) {
    return userError(
      ErrorCode.SERVICE_UNAVAILABLE,
      'The database is not reachable right now; try again shortly.',
    );
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return userError(ErrorCode.CONFLICT, 'The change collides with an existing record.');
  }
  return error;
}
