import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { EmbeddedNeo4jConfig } from '../config';
import { EMBEDDED_NEO4J_DIR, ensureNeo4jJars } from './install-neo4j';

/** Thrown when the embedded Neo4j cannot start; the message is meant for the person starting it. */
export class EmbeddedNeo4jError extends Error {
  override readonly name = 'EmbeddedNeo4jError';
}

/** How long a stop waits for a clean shutdown before it kills the JVM. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * A real Neo4j Community DBMS running in a child JVM (tools/embedded-neo4j/Launcher.java),
 * reachable over Bolt on 127.0.0.1. The JVM ends when {@link stop} is called, on SIGTERM, and by
 * itself when this process dies (its stdin closes), so it is never orphaned.
 */
export class EmbeddedNeo4j {
  private readonly exited: Promise<void>;

  private constructor(
    private readonly jvm: ChildProcessWithoutNullStreams,
    /** The Bolt URI to connect to. */
    readonly uri: string,
  ) {
    this.exited = new Promise((resolve) => {
      if (jvm.exitCode !== null || jvm.signalCode !== null) resolve();
      else jvm.once('exit', () => resolve());
    });
  }

  /** Process id of the JVM. */
  get pid(): number {
    return this.jvm.pid ?? -1;
  }

  /** Whether the JVM is still running. */
  get running(): boolean {
    return this.jvm.exitCode === null && this.jvm.signalCode === null;
  }

  /**
   * Fetches the jars if needed (once), starts the JVM and waits for its ready line.
   *
   * @param report - progress lines (jar download, start-up)
   * @throws {EmbeddedNeo4jError} when Java is missing, the Bolt port is taken, the data folder is
   *   corrupt, or the DBMS is not ready within `startTimeoutMs`; the JVM is stopped in every case
   */
  static async start(
    config: EmbeddedNeo4jConfig,
    report: (line: string) => void = () => undefined,
  ): Promise<EmbeddedNeo4j> {
    assertJava();
    const libDir = await ensureNeo4jJars(report);
    const port = config.boltPort === 0 ? await freePort() : config.boltPort;
    const dataDir = path.resolve(config.dataDir);
    await mkdir(dataDir, { recursive: true });
    const jvm = spawn(
      'java',
      [
        `-Xms${config.heap}`,
        `-Xmx${config.heap}`,
        '-XX:+UseSerialGC',
        '-cp',
        `${libDir}${path.sep}*`,
        path.join(EMBEDDED_NEO4J_DIR, 'Launcher.java'),
        dataDir,
        String(port),
        String(config.pageCacheMiB),
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    await waitUntilReady(jvm, config.startTimeoutMs, port);
    return new EmbeddedNeo4j(jvm, `bolt://127.0.0.1:${port}`);
  }

  /** Shuts the DBMS down cleanly (SIGTERM), killing it only if it hangs. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.running) return this.exited;
    this.jvm.kill('SIGTERM');
    const timer = setTimeout(() => this.jvm.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new EmbeddedNeo4jError(
      'Java was not found. Install Java 17+ or set NEO4J_URI to use an existing Neo4j.',
    );
  }
  const major = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (major !== undefined && Number(major) < 17) {
    throw new EmbeddedNeo4jError(`Neo4j 5 needs Java 17 or newer, found Java ${major}.`);
  }
}

/** Asks the OS for a free port; a tiny race with other processes is acceptable for local use. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function waitUntilReady(
  jvm: ChildProcessWithoutNullStreams,
  timeoutMs: number,
  port: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stderrTail: string[] = [];
    const fail = (reason: string) => {
      clearTimeout(timer);
      jvm.kill('SIGKILL');
      reject(new EmbeddedNeo4jError(`Embedded Neo4j did not start: ${reason}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    createInterface({ input: jvm.stderr }).on('line', (line) => {
      if (line.startsWith('NEO4J_FAILED ')) {
        fail(explain(line.slice('NEO4J_FAILED '.length), port));
      } else {
        stderrTail.push(line);
        if (stderrTail.length > 20) stderrTail.shift();
      }
    });
    createInterface({ input: jvm.stdout }).on('line', (line) => {
      if (line.startsWith('NEO4J_READY')) {
        clearTimeout(timer);
        resolve();
      }
    });
    jvm.once('error', (error) => fail(error.message));
    jvm.once('exit', (code, signal) =>
      fail(`the JVM exited (${signal ?? `code ${code}`}): ${stderrTail.join(' | ')}`),
    );
  });
}

/** Turns the launcher's root-cause chain into one actionable sentence where the cause is known. */
function explain(reason: string, port: number): string {
  if (/address already in use|BindException/i.test(reason)) {
    return `Bolt port ${port} is already in use (set NEO4J_BOLT_PORT=0 for a free one). ${reason}`;
  }
  if (/store|corrupt|format|recovery|log file/i.test(reason)) {
    return `the data folder looks damaged or foreign; move it away or set NEO4J_DATA_DIR. ${reason}`;
  }
  return reason;
}
