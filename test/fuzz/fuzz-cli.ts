import 'reflect-metadata';
import { formatResult, runFuzz } from './fuzz';
import { startFuzzEnvironment } from './target';

/**
 * `npm run fuzz`: starts a fresh embedded Neo4j with the demo alliance and an API process on it,
 * then sends FUZZ_RUNS (default 10,000) generated operations, seeded by FUZZ_SEED (default: the
 * clock; always printed), with FUZZ_LIFECYCLE_STEPS lifecycle steps (default: one per 25
 * operations) and FUZZ_RACES idempotency races (default: one per 100) among them. Exit code 0
 * when every operation kept the rules and every step and race the model's expectations, 1
 * otherwise (with the shrunk counterexample of the first failing operation).
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
  const lifecycleSteps = positiveInt('FUZZ_LIFECYCLE_STEPS', Math.ceil(runs / 25));
  const races = positiveInt('FUZZ_RACES', Math.ceil(runs / 100));
  say(
    `Fuzzing with FUZZ_SEED=${seed} FUZZ_RUNS=${runs} FUZZ_LIFECYCLE_STEPS=${lifecycleSteps} FUZZ_RACES=${races}`,
  );
  const environment = await startFuzzEnvironment((line) => process.stderr.write(`${line}\n`));
  let failed: boolean;
  try {
    const result = await runFuzz(environment, {
      runs,
      seed,
      lifecycleSteps,
      races,
      progress: (stats) => process.stderr.write(`  ${stats.operations} operations …\n`),
    });
    for (const line of formatResult(result)) say(line);
    failed =
      result.failures.length > 0 ||
      result.graphChanges.length > 0 ||
      result.modelFailures.length > 0;
    if (result.shrunk) {
      const { operation, report } = result.shrunk;
      say('\nThe first failure, shrunk:');
      say(JSON.stringify({ ...operation, payload: operation.payload.slice(0, 2_000) }, null, 2));
      say(report);
    }
    const replay = `FUZZ_SEED=${seed} FUZZ_RUNS=${runs} FUZZ_LIFECYCLE_STEPS=${lifecycleSteps} FUZZ_RACES=${races}`;
    say(failed ? `\nReproduce with ${replay}` : '\nNo rule broken.');
  } finally {
    await environment.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`Fuzzing failed to run: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
