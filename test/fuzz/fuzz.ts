import fc from 'fast-check';
import { type LifecycleStats } from './lifecycle';
import { ModelParts, type ModelFailure } from './model-parts';
import { type FuzzOperation, loadSchema, operationArbitrary } from './operations';
import type { RaceStats } from './races';
import { FuzzRunner, type FuzzStats } from './runner';
import type { FuzzEnvironment } from './target';

/** One operation that broke a rule, and which. */
export interface FuzzFailure {
  /** 0-based position in the run; with the seed it replays the operation. */
  index: number;
  operation: FuzzOperation;
  violations: string[];
}

/** What a fuzz run found. */
export interface FuzzResult {
  seed: number;
  stats: FuzzStats;
  /** Every operation whose response broke a rule, in order. */
  failures: FuzzFailure[];
  /** Windows of refused operations and queries during which the graph digest moved. */
  graphChanges: string[];
  /** The first failure, shrunk by fast-check to a smallest operation that still fails. */
  shrunk?: { operation: FuzzOperation; report: string };
  /** Counts of the lifecycle model's steps and probes (lifecycle.ts). */
  lifecycle: LifecycleStats;
  /** Counts of the idempotency races (races.ts). */
  races: RaceStats;
  /** Every lifecycle step and race whose answers broke the model's expectations. */
  modelFailures: ModelFailure[];
  durationMs: number;
}

/** How many lifecycle steps and races a run interleaves with its operations. */
export interface ModelShare {
  /** Lifecycle steps (default: one per 25 operations). */
  lifecycleSteps?: number;
  /** Idempotency races (default: one per 100 operations). */
  races?: number;
}

/**
 * Runs `runs` generated operations against the environment's API, one at a time, and keeps
 * going after a failure so that one run counts every kind of problem. Between them, spread
 * evenly over the run, come the lifecycle model's steps and the idempotency races
 * (model-parts.ts), each between two digest checkpoints. Then fast-check replays the first
 * failing operation (same seed, its index as the path) and shrinks it to a smallest one that
 * still breaks a rule, re-sending the candidates to the same server.
 *
 * @param seed - with a freshly seeded graph, the same seed sends the same operations, steps
 *   and races
 */
export async function runFuzz(
  environment: FuzzEnvironment,
  options: ModelShare & { runs: number; seed: number; progress?: (stats: FuzzStats) => void },
): Promise<FuzzResult> {
  const started = performance.now();
  const runner = new FuzzRunner(environment.target, environment.headers);
  const arbitrary = operationArbitrary(loadSchema(), environment.pools);
  const parts = new ModelParts(environment, options.seed, {
    lifecycleSteps: options.lifecycleSteps ?? Math.ceil(options.runs / 25),
    races: options.races ?? Math.ceil(options.runs / 100),
  });
  const failures: FuzzFailure[] = [];
  const graphChanges: string[] = [];
  const catchUp = async (share: number) => {
    if (!parts.due(share)) return;
    const { graph } = await runner.interlude(() => parts.catchUp(share));
    graphChanges.push(...graph);
  };
  let index = 0;
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (operation) => {
        const found = await runner.run(operation);
        if (found.response.length > 0) {
          failures.push({ index, operation, violations: found.response });
        }
        graphChanges.push(...found.graph);
        index += 1;
        await catchUp(index / options.runs);
        if (index % 250 === 0) options.progress?.(runner.stats);
      }),
      { numRuns: options.runs, seed: options.seed },
    );
    await catchUp(1);
    graphChanges.push(...(await runner.finish()));
    const [first] = failures;
    return {
      seed: options.seed,
      stats: runner.stats,
      failures,
      graphChanges,
      shrunk: first ? await shrink(runner, arbitrary, options.seed, first.index) : undefined,
      lifecycle: parts.lifecycle.stats,
      races: parts.races.stats,
      modelFailures: parts.failures,
      durationMs: performance.now() - started,
    };
  } finally {
    await runner.dispose();
  }
}

async function shrink(
  runner: FuzzRunner,
  arbitrary: fc.Arbitrary<FuzzOperation>,
  seed: number,
  index: number,
): Promise<FuzzResult['shrunk']> {
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (operation) => {
      const found = await runner.run(operation);
      if (found.response.length > 0) throw new Error(found.response.join('\n'));
    }),
    { seed, path: String(index), numRuns: index + 1 },
  );
  const [operation] = details.counterexample ?? [];
  if (!details.failed || !operation) return undefined;
  return { operation, report: fc.defaultReportMessage(details) ?? '' };
}

/** The counts and findings of a run as printable lines. */
export function formatResult(result: FuzzResult): string[] {
  const table = (title: string, counts: Record<string, number>) => [
    title,
    ...Object.entries(counts)
      .sort(([, a], [, b]) => b - a)
      .map(([key, count]) => `  ${key.padEnd(40)}${String(count).padStart(7)}`),
  ];
  const s = result.stats;
  const distinct = new Map<string, FuzzFailure[]>();
  for (const failure of result.failures) {
    for (const violation of failure.violations) {
      const key = `${violation.slice(0, 120)}  [${rootField(failure.operation)}]`;
      distinct.set(key, [...(distinct.get(key) ?? []), failure]);
    }
  }
  // One line per transport: its total, then its outcomes by kind.
  const perTransport = Object.entries(s.byTransport).map(([transport, kinds]) => {
    const parts = Object.entries(kinds)
      .sort(([, a], [, b]) => b - a)
      .map(([kind, count]) => `${kind} ${count}`);
    return `  ${transport.padEnd(40)}${String(sum(kinds)).padStart(7)}  (${parts.join(' · ')})`;
  });
  return [
    `seed ${result.seed} · ${s.operations} operations in ${(result.durationMs / 1000).toFixed(0)} s`,
    `graph digests ${s.digests} · refused mutations covered by a digest comparison ${s.refusedMutationsChecked} (not covered: ${s.refusedMutationsUnchecked}) · accepted mutations that changed the graph ${s.graphChanges}`,
    ...table('by outcome', s.byOutcome),
    ...table('by shape', s.byShape),
    ...table('by token', s.byAuth),
    'by transport',
    ...perTransport,
    `operations that broke a rule: ${result.failures.length}`,
    ...[...distinct].map(
      ([violation, failures]) =>
        `  ${failures.length}× ${violation}\n    e.g. #${failures[0]?.index} over ${failures[0]?.operation.transport}: ${failures[0]?.operation.payload.slice(0, 300)}`,
    ),
    `windows in which the graph changed without an accepted mutation: ${result.graphChanges.length}`,
    ...result.graphChanges.map((change) => `  ${change}`),
    ...formatModelParts(result),
  ];
}

/** The lifecycle model's and the races' counts and broken expectations. */
function formatModelParts(result: FuzzResult): string[] {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([, a], [, b]) => b - a)
      .map(([key, count]) => `${key} ${count}`)
      .join(' · ');
  const { lifecycle, races } = result;
  return [
    `lifecycle steps ${lifecycle.steps} (${counts(lifecycle.byStep)})`,
    `lifecycle probes with held tokens ${lifecycle.probes} (expected ${counts(lifecycle.byExpectation)}); requests over graphql-ws ${lifecycle.overWs}`,
    `idempotency races ${races.races} (${counts(races.byMutation)}), ${races.requests} requests`,
    `lifecycle steps and races that broke an expectation: ${result.modelFailures.length}`,
    ...result.modelFailures.flatMap((failure) => [
      `  ${failure.part} #${failure.index} ${failure.step}`,
      ...failure.violations.map((violation) => `    ${violation.slice(0, 600)}`),
    ]),
  ];
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}

/** `mutation admitPartner`, `query partners`, …: the first root field of an operation. */
function rootField(operation: FuzzOperation): string {
  let query = operation.payload;
  try {
    query =
      operation.method === 'GET'
        ? (new URLSearchParams(operation.payload).get('query') ?? '')
        : String((JSON.parse(operation.payload) as { query?: unknown }).query);
  } catch {
    // A malformed body: label it by its start.
  }
  const found = /^\s*(query|mutation|subscription)?[^{]*\{\s*(?:\w+\s*:\s*)?(\w+)/.exec(query);
  return found ? `${found[1] ?? 'query'} ${found[2]}` : `${operation.shape} ${query.slice(0, 20)}`;
}
