import pino from 'pino';
import { type AppConfig, ConfigError, loadConfig } from '../config';
import { type Database, openDatabase } from '../db/database';
import { EmbeddedNeo4jError } from '../db/embedded-neo4j';
import type { BackupProgress } from './backup';

/** Prints a message to stderr and exits with code 1. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Prints a line to stdout (the CLIs' results; progress goes to stderr). */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The API's configuration from the environment, or exit 1 naming the bad variable. */
export function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/**
 * Opens the database the API would use: `NEO4J_URI`, or the embedded Neo4j on `NEO4J_DATA_DIR`.
 * An embedded data folder can be opened by one process only; when the API runs on it, the CLI
 * must talk to the API's Neo4j over Bolt instead, which the message explains.
 */
export async function openOrExit(config: AppConfig): Promise<Database> {
  const logger = pino({ level: 'warn' }, pino.destination(2));
  process.stderr.write(
    config.neo4j.uri
      ? `Using Neo4j at ${config.neo4j.uri}\n`
      : `Starting embedded Neo4j in ${config.neo4j.embedded.dataDir} …\n`,
  );
  try {
    return await openDatabase(config.neo4j, logger);
  } catch (error) {
    if (!(error instanceof EmbeddedNeo4jError)) throw error;
    return fail(
      `${error.message}\n\nIf the API is running on ${config.neo4j.embedded.dataDir}, its Neo4j holds the folder: ` +
        'use it over Bolt instead, NEO4J_URI=bolt://127.0.0.1:<port> (the API logs the port as ' +
        '"embedded Neo4j started"; NEO4J_BOLT_PORT fixes it).',
    );
  }
}

/**
 * A progress reporter for stderr: a line when a phase starts and then at most one every five
 * seconds, so that a million relationships do not print a thousand lines.
 */
export function progressToStderr(): BackupProgress {
  let lastPhase = '';
  let lastAt = 0;
  return ({ phase, done }) => {
    const now = Date.now();
    if (phase === lastPhase && now - lastAt < 5_000) return;
    lastPhase = phase;
    lastAt = now;
    process.stderr.write(`  ${phase}: ${done}\n`);
  };
}
