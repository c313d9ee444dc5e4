import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { EmbeddedNeo4jConfig } from '../config';
import { EMBEDDED_NEO4J_DIR, ensureNeo4jJars } from './install-neo4j';
import type { ProcessExit } from './neo4j-supervisor';

/** Thrown when the embedded Neo4j cannot start; the message is meant for the person starting it. */
export class EmbeddedNeo4jError extends Error {
  override readonly name = 'EmbeddedNeo4jError';
}

/** `java -version` as found by the first start of this process. */
let javaVersion: string | undefined;

/** How long a stop waits for a clean shutdown before it kills the JVM. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * A real Neo4j Community DBMS running in a child JVM (tools/embedded-neo4j/Launcher.java),
 * reachable over Bolt on 127.0.0.1. The JVM ends when {@link stop} is called, on SIGTERM, and by
 * itself when this process dies (its stdin closes), so it is never orphaned.
 */
export class EmbeddedNeo4j {
  /** Resolves once the JVM has ended, however: a stop, a crash, or `kill -9`. */
  readonly exited: Promise<ProcessExit>;

  private constructor(
    private readonly jvm: ChildProcessWithoutNullStreams,
    /** The Bolt port, chosen at start when the configuration said `0`. */
    readonly boltPort: number,
  ) {
    this.exited = new Promise((resolve) => {
      if (jvm.exitCode !== null || jvm.signalCode !== null) {
        resolve({ code: jvm.exitCode, signal: jvm.signalCode });
      } else jvm.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  /** The Bolt URI to connect to. */
  get uri(): string {
    return `bolt://127.0.0.1:${this.boltPort}`;
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
    // Checked once per process: a restart after a crash should not wait for `java -version`.
    javaVersion ??= assertJava();
    const libDir = await ensureNeo4jJars(report);
    const launcher = await planLauncher(libDir, javaVersion);
    const port = config.boltPort === 0 ? await freePort() : config.boltPort;
    const dataDir = path.resolve(config.dataDir);
    await mkdir(dataDir, { recursive: true });
    const jvm = spawn(
      'java',
      [
        `-Xms${config.heap}`,
        `-Xmx${config.heap}`,
        '-XX:+UseSerialGC',
        ...launcher.args,
        dataDir,
        String(port),
        String(config.pageCacheMiB),
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    jvm.once('exit', (code, signal) => void launcher.exited({ code, signal }));
    await waitUntilReady(jvm, config.startTimeoutMs, port);
    return new EmbeddedNeo4j(jvm, port);
  }

  /** Shuts the DBMS down cleanly (SIGTERM), killing it only if it hangs. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.running) {
      await this.exited;
      return;
    }
    this.jvm.kill('SIGTERM');
    const timer = setTimeout(() => this.jvm.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

/** How the JVM runs the launcher, and what to do once that JVM has ended. */
interface LauncherPlan {
  /** JVM arguments from the class-data options to the main class. */
  args: string[];
  /** Publishes a class-data archive the JVM dumped when it ended cleanly. */
  exited(exit: ProcessExit): Promise<void>;
}

/**
 * Plans the launcher's start. Launcher.java is compiled once (per its content and the Java
 * version) into a jar in the git-ignored jar folder, and the first JVM that stops cleanly leaves
 * a class-data archive (AppCDS) next to it, which later JVMs map instead of loading and verifying
 * ~14,000 classes: a start, above all a restart after a crash, then takes ~40 % less CPU.
 * Without javac or jar the source file is run directly, as before.
 */
async function planLauncher(libDir: string, javaVersion: string): Promise<LauncherPlan> {
  const source = path.join(EMBEDDED_NEO4J_DIR, 'Launcher.java');
  const jars = `${libDir}${path.sep}*`;
  const hash = createHash('sha256')
    .update(await readFile(source))
    .update(javaVersion)
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(libDir, `launcher-${hash}`);
  const jar = path.join(dir, 'launcher.jar');
  if (!existsSync(jar) && !(await buildLauncherJar(jars, source, dir))) {
    return { args: ['-cp', jars, source], exited: async () => undefined };
  }
  // Class-data sharing accepts only jars on the class path, hence the launcher's own jar.
  const classPath = ['-cp', `${jars}${path.delimiter}${jar}`, 'Launcher'];
  const archive = path.join(dir, 'neo4j.jsa');
  if (existsSync(archive)) {
    return {
      args: [`-XX:SharedArchiveFile=${archive}`, ...classPath],
      exited: async () => undefined,
    };
  }
  // One JVM at a time dumps (the dump makes its exit slower); a killed JVM leaves no archive.
  const marker = `${archive}.dumping`;
  if (!(await claim(marker))) return { args: classPath, exited: async () => undefined };
  const partial = `${archive}.${process.pid}.partial`;
  return {
    args: [`-XX:ArchiveClassesAtExit=${partial}`, ...classPath],
    exited: async (exit) => {
      const publish = exit.signal === null && existsSync(partial);
      await (publish ? rename(partial, archive) : rm(partial, { force: true })).catch(
        () => undefined,
      );
      await rm(marker, { force: true });
    },
  };
}

/** A marker older than this belongs to a process that died before it could remove it. */
const STALE_MARKER_MS = 15 * 60_000;

/**
 * Creates `marker` unless another process holds a fresh one; resolves whether it did. The holder
 * may also clear what dumps of dead processes left next to the marker.
 */
async function claim(marker: string, retry = true): Promise<boolean> {
  try {
    await writeFile(marker, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !retry) return false;
    const age = Date.now() - ((await stat(marker).catch(() => undefined))?.mtimeMs ?? 0);
    if (age < STALE_MARKER_MS) return false;
    await rm(marker, { force: true });
    return claim(marker, false);
  }
  const dir = path.dirname(marker);
  for (const name of await readdir(dir)) {
    if (name.endsWith('.partial')) await rm(path.join(dir, name), { force: true });
  }
  return true;
}

/** Compiles the launcher into `dir/launcher.jar`; resolves whether that worked. */
async function buildLauncherJar(jars: string, source: string, dir: string): Promise<boolean> {
  // Parallel starts (test suites) each build in their own folder; the first rename wins.
  const staging = `${dir}.${process.pid}.partial`;
  const classes = path.join(staging, 'classes');
  const built =
    (await succeeds('javac', ['-cp', jars, '-d', classes, source])) &&
    (await succeeds('jar', ['cf', path.join(staging, 'launcher.jar'), '-C', classes, '.']));
  if (built) await rename(staging, dir).catch(() => undefined);
  await rm(staging, { recursive: true, force: true });
  return existsSync(path.join(dir, 'launcher.jar'));
}

/** Runs a command to its end; resolves whether it exited with 0 (`false` when it is missing). */
function succeeds(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** @returns the output of `java -version` */
function assertJava(): string {
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
  return probe.stderr;
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
