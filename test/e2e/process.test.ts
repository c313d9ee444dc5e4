import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, isAlive, spawnApi } from '../support/api-process';

/** The environment of an API process with its own embedded Neo4j in `dataDir`. */
const embeddedEnv = (dataDir: string, extra: Record<string, string> = {}) => ({
  PORT: '0',
  NEO4J_DATA_DIR: dataDir,
  NEO4J_HEAP: '256m',
  NEO4J_PAGECACHE: '16m',
  SEED_ON_START: 'false',
  ...extra,
});

const isReady = (line: Record<string, unknown>) => line.msg === 'ready';
const jvmStarted = (line: Record<string, unknown>) => line.msg === 'embedded Neo4j started';

describe('the API process', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-process-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should exit 1 naming the variable when an env value is bad', async () => {
    const api = spawnApi({ PORT: 'eighty', NEO4J_HEAP: 'lots' });
    const { code } = await api.exited;
    expect(code).toBe(1);
    expect(api.stderr()).toMatch(
      /PORT: expected 0 \(any free port\) or a port 1-65535, got "eighty"/,
    );
    expect(api.stderr()).toMatch(/NEO4J_HEAP: expected a size such as 512m or 1g, got "lots"/);
  });

  it('should leave no JVM behind after a graceful SIGTERM', async () => {
    const api = spawnApi(embeddedEnv(dataDir));
    const jvmPid = (await api.waitForLog(jvmStarted)).pid as number;
    await api.waitForLog(isReady);
    expect(isAlive(jvmPid)).toBe(true);
    api.child.kill('SIGTERM');
    expect((await api.exited).code).toBe(0);
    expect(isAlive(jvmPid)).toBe(false);
  });

  it('should leave no JVM behind when the API is killed with SIGKILL', async () => {
    const api = spawnApi(embeddedEnv(dataDir));
    const jvmPid = (await api.waitForLog(jvmStarted)).pid as number;
    api.child.kill('SIGKILL');
    await api.exited;
    expect(await eventually(() => !isAlive(jvmPid), 30_000)).toBe(true);
  });

  it('should exit 1 with a clear message when the Bolt port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const api = spawnApi(embeddedEnv(dataDir, { NEO4J_BOLT_PORT: String(port) }));
      const { code } = await api.exited;
      expect(code).toBe(1);
      expect(api.stderr()).toContain(`Bolt port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('should exit 1 with a clear message when the data folder is corrupt', async () => {
    const store = path.join(dataDir, 'data', 'databases', 'neo4j');
    await mkdir(store, { recursive: true });
    await writeFile(path.join(store, 'neostore'), 'this is not a Neo4j store');
    await writeFile(path.join(store, 'neostore.nodestore.db'), Buffer.alloc(100, 7));
    const api = spawnApi(embeddedEnv(dataDir));
    const { code } = await api.exited;
    expect(code).toBe(1);
    expect(api.stderr()).toMatch(/Start-up failed: Embedded Neo4j did not start: /);
  });

  it('should exit 1 with a clear message when Java is missing', async () => {
    const api = spawnApi({ ...embeddedEnv(dataDir), PATH: '/nonexistent' });
    const { code } = await api.exited;
    expect(code).toBe(1);
    expect(api.stderr()).toContain('Java was not found. Install Java 17+ or set NEO4J_URI');
  });
});
