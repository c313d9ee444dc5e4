import { type AppConfig, loadConfig } from '../src/config';
import { RELAXED_ADMISSION } from '../test/support/test-app';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedNeo4j } from '../src/db/embedded-neo4j';
import { projectPath } from '../src/common/paths';

/** Percentile (nearest rank) of a list of numbers; `p` in [0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * Times `runs` sequential calls of `work` after `warmup` untimed ones.
 * @returns the durations in milliseconds
 */
export async function timeRuns(
  runs: number,
  work: (run: number) => Promise<unknown>,
  warmup = 10,
): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** p50 and p95 of durations, rounded to 0.01 ms. */
export function latency(samples: readonly number[]): { p50: number; p95: number } {
  return {
    p50: Number(percentile(samples, 50).toFixed(2)),
    p95: Number(percentile(samples, 95).toFixed(2)),
  };
}

/** Resident set size of a process in MiB, read from /proc (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kib / 1024);
}

/**
 * CPU time (user + system, all threads) a process has used so far, in seconds, read from
 * /proc (Linux; the kernel counts in ticks of 1/100 s).
 */
export async function cpuSeconds(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields after it start behind its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/**
 * Prints a benchmark's table and writes `bench/results/<name>.json` (git-ignored) so runs can
 * be compared by script.
 */
export async function report(
  name: string,
  rows: Record<string, unknown>[],
  summary: Record<string, unknown>,
) {
  // eslint-disable-next-line no-console
  console.table(rows);
  // eslint-disable-next-line no-console
  console.log(JSON.stringify(summary, null, 2));
  await mkdir(projectPath('bench', 'results'), { recursive: true });
  await writeFile(
    projectPath('bench', 'results', `${name}.json`),
    JSON.stringify({ name, rows, ...summary }, null, 2),
  );
}

/**
 * The frame of the size benchmarks: starts one embedded Neo4j (1 GB heap) in a temporary folder,
 * measures each partner count given on the command line (default 353 and 50,000) with `measure`,
 * reports the rows under `name`, and removes the database whatever happens.
 */
export async function benchAtSizes(
  name: string,
  summary: Record<string, unknown>,
  measure: (db: EmbeddedNeo4j, partners: number) => Promise<Record<string, unknown>>,
): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  const dataDir = await mkdtemp(path.join(tmpdir(), `vielfalt-bench-${name}-`));
  const db = await EmbeddedNeo4j.start({
    dataDir,
    boltPort: 0,
    heap: '1g',
    pageCacheMiB: 512,
    startTimeoutMs: 180_000,
  });
  try {
    const rows = [];
    for (const partners of sizes.length > 0 ? sizes : [353, 50_000]) {
      rows.push(await measure(db, partners));
    }
    await report(name, rows, summary);
  } finally {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Posts one GraphQL operation over HTTP (for a bench's set-up, not for timed calls).
 *
 * @returns the response's `data`
 * @throws when the response carries errors or no data
 */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: unknown };
  if (body.errors !== undefined || body.data == null) {
    throw new Error(`${response.status}: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

/**
 * The configuration of an in-process API for a benchmark: on the benchmark's Neo4j, a free port,
 * no seeding, silent, and admission relaxed (a benchmark sends many operations from one address).
 */
export function benchAppConfig(neo4jUri: string): AppConfig {
  return loadConfig({
    PORT: '0',
    NEO4J_URI: neo4jUri,
    SEED_ON_START: 'false',
    LOG_LEVEL: 'silent',
    ...RELAXED_ADMISSION,
  });
}
