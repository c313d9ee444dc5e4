import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnApi } from '../test/support/api-process';
import { report, rssMiB } from './support';

/**
 * `npm run bench:startup`: time from starting the API process to `/readyz` = 200 with the Neo4j
 * jars cached, for a first start (new data folder, cold JVM) and a second start on the same data,
 * plus the resident memory of the Node process and of the JVM once ready.
 * Targets (issue): ready in ≤ 15 s, JVM RSS ≤ 1 GiB with the default settings.
 */
async function measureStart(dataDir: string, label: string) {
  const started = performance.now();
  const api = spawnApi({ PORT: '0', NEO4J_DATA_DIR: dataDir, SEED_ON_START: 'false' });
  const url = (await api.waitForLog((line) => line.msg === 'listening')).url as string;
  const jvmPid = (api.logs.find((line) => line.msg === 'embedded Neo4j started')?.pid ??
    -1) as number;
  const readyz = url.replace('/graphql', '/readyz');
  while ((await fetch(readyz).catch(() => undefined))?.status !== 200) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const readyMs = Math.round(performance.now() - started);
  const row = {
    start: label,
    readyMs,
    nodeRssMiB: await rssMiB(api.child.pid as number),
    jvmRssMiB: await rssMiB(jvmPid),
  };
  const stopStarted = performance.now();
  api.child.kill('SIGTERM');
  await api.exited;
  return { ...row, stopMs: Math.round(performance.now() - stopStarted) };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-bench-startup-'));
  try {
    const first = await measureStart(dataDir, 'first (new data folder)');
    const second = await measureStart(dataDir, 'second (same data)');
    await report('startup', [first, second], {
      targets: { readyMs: 15_000, jvmRssMiB: 1024 },
      met: [first, second].every((row) => row.readyMs <= 15_000 && row.jvmRssMiB <= 1024),
      secondToFirstRatio: Number((second.readyMs / first.readyMs).toFixed(2)),
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
