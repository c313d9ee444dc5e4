import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { EmbeddedNeo4j } from './embedded-neo4j';
import { CypherExecutor } from './executor';

/** An open connection to Neo4j: the driver, the executor over it, and the embedded DBMS if any. */
export interface Database {
  readonly driver: Driver;
  readonly executor: CypherExecutor;
  /** Set when this process started its own Neo4j. */
  readonly embedded?: EmbeddedNeo4j;
  /** Answers within ~2 s whether Neo4j accepts queries right now. */
  ping(): Promise<boolean>;
  /** Closes the driver, then stops the embedded DBMS. */
  close(): Promise<void>;
}

const PING_TIMEOUT_MS = 2_000;

/**
 * Connects to the configured Neo4j. With `neo4j.uri` set the server is used as it is and may still
 * be starting (the caller waits for readiness); otherwise an embedded Neo4j is started and
 * connectivity is verified before this returns.
 *
 * @throws {EmbeddedNeo4jError} when the embedded Neo4j cannot start
 */
export async function openDatabase(config: AppConfig['neo4j'], logger: Logger): Promise<Database> {
  let embedded: EmbeddedNeo4j | undefined;
  let uri = config.uri;
  if (uri === undefined) {
    embedded = await EmbeddedNeo4j.start(config.embedded, (line) => logger.info(line));
    uri = embedded.uri;
    logger.info({ uri, pid: embedded.pid }, 'embedded Neo4j started');
  }
  const driver = neo4j.driver(uri, neo4j.auth.basic(config.user, config.password), {
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 5_000,
    disableLosslessIntegers: false,
  });
  if (embedded) {
    try {
      await driver.verifyConnectivity({ database: config.database });
    } catch (error) {
      await driver.close();
      await embedded.stop();
      throw error;
    }
  }
  return {
    driver,
    embedded,
    executor: new CypherExecutor(driver, config.database),
    ping: () => ping(driver, config.database),
    close: async () => {
      await driver.close();
      await embedded?.stop();
    },
  };
}

async function ping(driver: Driver, database: string): Promise<boolean> {
  const session = driver.session({ database });
  const timeout = new Promise<boolean>((resolve) =>
    setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref(),
  );
  const probe = session
    .run('RETURN 1', {}, { timeout: PING_TIMEOUT_MS })
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    void session.close().catch(() => undefined);
  }
}
