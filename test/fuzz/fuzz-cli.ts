import 'reflect-metadata';
import { formatResult, runFuzz } from './fuzz';
import { startFuzzEnvironment } from './target';

/**
 * `npm run fuzz`: starts a fresh embedded Neo4j with the demo alliance and an API process on it,
 * then sends FUZZ_RUNS (default 10,000) generated operations, seeded by FUZZ_SEED (default: the
 * clock; always printed). Exit code 0 when every operation kept the rules, 1 with the shrunk
 * counterexample otherwise.
 */

const say = (line: string) => process.stdout.write(`${line}\n`);

function positiveInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    process.stderr.write(`${name}: expected a non-negative integer, got "${text}"\n`);
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  const runs = positiveInt('FUZZ_RUNS', 10_000);
  const seed = positiveInt('FUZZ_SEED', Date.now() % 2 ** 31);
  say(`Fuzzing with FUZZ_SEED=${seed} FUZZ_RUNS=${runs}`);
  const environment = await startFuzzEnvironment((line) => process.stderr.write(`${line}\n`));
  let failed: boolean;
  try {
    const result = await runFuzz(environment, {
      runs,
      seed,
      progress: (stats) => process.stderr.write(`  ${stats.operations} operations …\n`),
    });
    for (const line of formatResult(result)) say(line);
    failed = result.failures.length > 0 || result.graphChanges.length > 0;
    if (result.shrunk) {
      const { operation, report } = result.shrunk;
      say('\nThe first failure, shrunk:');
      say(JSON.stringify({ ...operation, payload: operation.payload.slice(0, 2_000) }, null, 2));
      say(report);
    }
    say(failed ? `\nReproduce with FUZZ_SEED=${seed} FUZZ_RUNS=${runs}` : '\nNo rule broken.');
  } finally {
    await environment.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`Fuzzing failed to run: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
