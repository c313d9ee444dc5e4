import { type ChildProcess, spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MAIN_JS } from '../test/support/api-process';

/** The signing secret of the benchmarked APIs. */
export const SECRET = 'bench-secret-of-the-vielfalt-api-0123456789';
/** Start-up includes the first JVM start and seeding the demo alliance. */
const START_TIMEOUT_MS = 300_000;

/** A running `node dist/src/main.js` of a benchmark. */
export interface ApiUnderTest {
  child: ChildProcess;
  url: string;
  /** The embedded Neo4j's JVM; -1 when the API uses a Neo4j given by `NEO4J_URI`. */
  jvmPid: number;
  logs(): Promise<Record<string, unknown>[]>;
}

/** Starts `node dist/src/main.js` with its own embedded Neo4j and waits until it is ready. */
export async function startApi(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ApiUnderTest> {
  const logFile = path.join(dataDir, 'api.log');
  const out = await open(logFile, 'w');
  // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where the API spends the run
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, MAIN_JS], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      NEO4J_DATA_DIR: path.join(dataDir, 'neo4j'),
      SEED_ON_START: 'true',
      JWT_SECRET: SECRET,
      ...env,
    },
    stdio: ['ignore', out.fd, out.fd],
  });
  await out.close();
  const logs = async () =>
    (await readFile(logFile, 'utf8')).split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const lines = await logs();
    const listening = lines.find((line) => line.msg === 'listening');
    const jvm = lines.find((line) => line.msg === 'embedded Neo4j started');
    const external = env.NEO4J_URI !== undefined;
    if (listening && (jvm || external) && lines.some((line) => line.msg === 'ready')) {
      return { child, url: listening.url as string, jvmPid: (jvm?.pid as number) ?? -1, logs };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not get ready: ${JSON.stringify(lines.slice(-5))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Stops the API with SIGTERM and waits for its exit. */
export async function stopApi(api: ApiUnderTest): Promise<void> {
  if (api.child.exitCode !== null) return;
  const exited = new Promise((resolve) => api.child.once('exit', resolve));
  api.child.kill('SIGTERM');
  await exited;
}
