import type { Logger } from 'pino';
import { seedDemoIfEmpty } from '../seeds/demo';
import { loadReferenceData } from '../seeds/reference/load-reference-data';
import { partnerStandingFromGraph, partnerStandingsFromGraph } from './auth/partner-standing';
import { createTokenRevocations } from './auth/token-revocations';
import { createTokenVerifier } from './auth/tokens';
import { resolveTokenVerification } from './auth/verification';
import type { AppConfig } from './config';
import { contextFactory } from './context';
import { type Database, openDatabase } from './db/database';
import { applyMigrations, readMigrations } from './db/migrations';
import { buildAppSchema } from './schema/build-schema';
import { type ApiMetrics, createMetrics } from './observability/metrics';
import { type ApiServer, startServer } from './server';
import type { Slice } from './slice';
import { closeSlices, createSlices } from './slices';

/** A running API: its server, its database, and a promise that settles once it is ready. */
export interface App {
  server: ApiServer;
  database: Database;
  /** This app's Prometheus metrics (its own registry, also served at `GET /metrics`). */
  metrics: ApiMetrics;
  /** Resolves when migrations and reference data are applied (`/readyz` turns 200). */
  ready: Promise<void>;
  /** Graceful shutdown: server first (running requests finish), then driver and embedded Neo4j. */
  stop(): Promise<void>;
}

const PREPARE_BACKOFF_MS = [500, 1_000, 2_000, 5_000];

/**
 * Wires the whole API: database → schema → server, then prepares the graph (migrations, reference
 * data, and the demo alliance when the graph is empty and SEED_ON_START is on) in the background,
 * retrying while an external Neo4j is still starting.
 *
 * @throws when the embedded Neo4j cannot start or the port is taken; nothing is left running then
 */
export async function startApp(config: AppConfig, logger: Logger): Promise<App> {
  const metrics = createMetrics();
  const database = await openDatabase(config.neo4j, logger, metrics);
  let prepared = false;
  let stopped = false;
  let slices: Slice[] = [];
  // Shared by the partners slice (announces ended tokens) and the WebSocket policy (closes the
  // sockets); with REDIS_URL it holds two Redis connections, closed on stop like the slices'.
  const tokenRevocations = createTokenRevocations(config.exchange.redisUrl, logger);
  try {
    const verifyToken = createTokenVerifier(await resolveTokenVerification(config.auth), {
      maxLifetimeSeconds: config.auth.maxTokenLifetimeSeconds,
      partnerStanding: partnerStandingFromGraph(database.executor),
    });
    slices = createSlices({
      executor: database.executor,
      settings: {
        applyRateLimitPerHour: config.auth.applyRateLimitPerHour,
        redisUrl: config.exchange.redisUrl,
        readCompiler: config.readCompiler,
        notifications: config.notifications,
        proposals: config.proposals,
        contactRequests: config.contactRequests,
        matchingWorkers: config.matchingWorkers,
      },
      metricsRegistry: metrics.registry,
      countRead: (field, outcome) => metrics.compiledReads.inc({ field, outcome }),
      verifyToken,
      tokenRevocations,
      logger,
    });
    const server = await startServer({
      config: config.http,
      schema: await buildAppSchema(slices.flatMap((slice) => slice.resolvers)),
      context: contextFactory(logger),
      routes: (app) => slices.forEach((slice) => slice.routes?.(app)),
      verifyToken,
      tokenRevocations,
      partnerStandings: partnerStandingsFromGraph(database.executor),
      readiness: { prepared: () => prepared, ping: () => database.ping() },
      logger,
      observability: { metrics, endpoint: config.metrics },
    });
    logger.info({ url: server.url }, 'listening');

    const prepare = async () => {
      const applied = await applyMigrations(database.executor, await readMigrations());
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
      await loadReferenceData(database.executor);
      if (config.seedOnStart) await seedDemoIfEmpty(database.executor, { logger });
    };
    const ready = retryUntil(prepare, () => stopped, logger).then(() => {
      prepared = true;
      logger.info('ready');
      if (config.warmUp) slices.forEach((slice) => void slice.warmUp?.());
    });
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        stopped = true;
        await server.stop();
        await closeSlices(slices);
        await tokenRevocations.close();
        await database.close();
      })());
    return { server, database, metrics, ready, stop };
  } catch (error) {
    // A failed start (port taken, bad token settings) must not leave the worker or Redis open.
    await closeSlices(slices);
    await tokenRevocations.close();
    await database.close();
    throw error;
  }
}

async function retryUntil(work: () => Promise<void>, stopped: () => boolean, logger: Logger) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (stopped()) return;
      const delay = PREPARE_BACKOFF_MS[Math.min(attempt, PREPARE_BACKOFF_MS.length - 1)] ?? 5_000;
      logger.warn({ err: error, retryInMs: delay }, 'preparing the graph failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
