import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { AppConfig, EmbeddedNeo4jConfig } from '../config';
import { EmbeddedNeo4j } from './embedded-neo4j';
import { CypherExecutor } from './executor';
import { Neo4jSupervisor } from './neo4j-supervisor';
import type { ApiMetrics } from '../observability/metrics';

/** An open connection to Neo4j: the driver, the executor over it, and the embedded DBMS if any. */
export interface Database {
  readonly driver: Driver;
  readonly executor: CypherExecutor;
  /**
   * The embedded DBMS running right now, when this process started its own: a new one after
   * each supervised restart, `undefined` while it is down.
   */
  readonly embedded?: EmbeddedNeo4j;
  /** Answers within ~2 s whether Neo4j accepts queries right now. */
  ping(): Promise<boolean>;
  /** Closes the driver, then ends supervision and stops the embedded DBMS cleanly. */
  close(): Promise<void>;
}

const PING_TIMEOUT_MS = 2_000;

/**
 * Connects to the configured Neo4j. With `neo4j.uri` set the server is used as it is and may still
 * be starting (the caller waits for readiness), and the driver reconnects by itself after an
 * outage; otherwise an embedded Neo4j is started, supervised (restarted on the same data folder
 * and Bolt port when it dies), and connectivity is verified before this returns.
 *
 * @param metrics - the app's metrics (Neo4j query time, embedded restarts); CLIs may omit them
 * @throws {EmbeddedNeo4jError} when the embedded Neo4j cannot start
 */
export async function openDatabase(
  config: AppConfig['neo4j'],
  logger: Logger,
  metrics?: ApiMetrics,
): Promise<Database> {
  let supervisor: Neo4jSupervisor<EmbeddedNeo4j> | undefined;
  let uri = config.uri;
  if (uri === undefined) {
    supervisor = await superviseEmbedded(config.embedded, logger, () =>
      metrics?.neo4jRestarts.inc(),
    );
    uri = supervisor.current?.uri ?? '';
  }
  // Small timeouts and one retry at most: while Neo4j is down a request fails within ~2 s with
  // SERVICE_UNAVAILABLE instead of hanging on the driver's 30 s defaults.
  const driverConfig = {
    connectionAcquisitionTimeout: config.timeouts.acquisitionMs,
    connectionTimeout: config.timeouts.connectionMs,
    maxTransactionRetryTime: config.timeouts.maxRetryMs,
  };
  const auth = neo4j.auth.basic(config.user, config.password);
  const driver = neo4j.driver(uri, auth, { ...driverConfig, disableLosslessIntegers: false });
  // Compiled reads return response values as they are; numbers need no Integer objects there.
  const plainDriver = neo4j.driver(uri, auth, { ...driverConfig, disableLosslessIntegers: true });
  if (supervisor) {
    try {
      await driver.verifyConnectivity({ database: config.database });
    } catch (error) {
      await Promise.all([driver.close(), plainDriver.close()]);
      await supervisor.stop();
      throw error;
    }
  }
  const executor = new CypherExecutor(
    driver,
    config.database,
    metrics?.observeQuery,
    config.txTimeoutMs,
    plainDriver,
  );
  // Between a restart and its ready line, fail at once rather than wait on a cold database.
  const running = () => supervisor === undefined || supervisor.phase === 'running';
  executor.gate(running);
  return {
    driver,
    get embedded() {
      return supervisor?.current;
    },
    executor,
    ping: async () => running() && (await ping(driver, config.database)),
    close: async () => {
      await Promise.all([driver.close(), plainDriver.close()]);
      await supervisor?.stop();
    },
  };
}

/**
 * Starts the embedded Neo4j under a supervisor. Restarts reuse the first start's Bolt port (even
 * when the configuration said `0`), so the driver finds the new DBMS at the old address.
 */
async function superviseEmbedded(
  config: EmbeddedNeo4jConfig,
  logger: Logger,
  onRestart: () => void,
): Promise<Neo4jSupervisor<EmbeddedNeo4j>> {
  let boltPort = config.boltPort;
  const supervisor = await Neo4jSupervisor.start({
    start: async () => {
      const embedded = await EmbeddedNeo4j.start({ ...config, boltPort }, (line) =>
        logger.info(line),
      );
      boltPort = embedded.boltPort;
      return embedded;
    },
    logger,
    onRestart,
  });
  const first = supervisor.current;
  logger.info({ uri: first?.uri, pid: first?.pid }, 'embedded Neo4j started');
  return supervisor;
}

/** Asks Neo4j itself, past the executor: the executor's gate is what readiness decides about. */
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
