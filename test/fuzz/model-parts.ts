import fc from 'fast-check';
import { type LifecycleStep, LifecycleRun, lifecycleStepArbitrary } from './lifecycle';
import { RaceRun, raceArbitrary, type RaceSpec } from './races';
import type { FuzzEnvironment } from './target';

/** A lifecycle step or race whose answers broke the model's expectations. */
export interface ModelFailure {
  part: 'lifecycle' | 'race';
  /** 0-based position in its sequence; with the seed it names the same step or race. */
  index: number;
  /** The step or race, as JSON. */
  step: string;
  violations: string[];
}

/**
 * The stateful parts of a fuzz run: a sequence of lifecycle steps and one of races, both drawn
 * from the run's seed up front, and run in shares as the operations progress (see {@link due}).
 * A step that throws (the API refused to set up a partner, say) is a failure like a broken
 * expectation, so that the run goes on and reports it.
 */
export class ModelParts {
  readonly lifecycle: LifecycleRun;
  readonly races: RaceRun;
  readonly failures: ModelFailure[] = [];
  private readonly steps: LifecycleStep[];
  private readonly raceSpecs: RaceSpec[];
  private stepsDone = 0;
  private racesDone = 0;

  /** @param counts - how many lifecycle steps and races the whole run makes */
  constructor(
    environment: FuzzEnvironment,
    seed: number,
    counts: { lifecycleSteps: number; races: number },
  ) {
    const tag = `${seed}-${Date.now().toString(36)}`;
    const coordinator = environment.headers.coordinator;
    this.lifecycle = new LifecycleRun(environment.target, coordinator, tag);
    this.races = new RaceRun(environment.target, coordinator, tag);
    this.steps = sequence(lifecycleStepArbitrary(), counts.lifecycleSteps, seed);
    this.raceSpecs = sequence(raceArbitrary(), counts.races, seed + 1);
  }

  /** Whether steps or races are due when `share` (0–1) of the operations ran. */
  due(share: number): boolean {
    return (
      this.stepsDone < dueCount(this.steps.length, share) ||
      this.racesDone < dueCount(this.raceSpecs.length, share)
    );
  }

  /** Runs the steps and races due at `share` of the run, each lifecycle step before a race. */
  async catchUp(share: number): Promise<void> {
    while (this.stepsDone < dueCount(this.steps.length, share)) {
      const index = this.stepsDone++;
      const step = this.steps[index] as LifecycleStep;
      await this.record('lifecycle', index, step, () => this.lifecycle.step(step));
    }
    while (this.racesDone < dueCount(this.raceSpecs.length, share)) {
      const index = this.racesDone++;
      const race = this.raceSpecs[index] as RaceSpec;
      await this.record('race', index, race, () => this.races.race(race));
    }
  }

  private async record(
    part: ModelFailure['part'],
    index: number,
    step: object,
    run: () => Promise<string[]>,
  ): Promise<void> {
    let violations: string[];
    try {
      violations = await run();
    } catch (error) {
      violations = [`it failed to run: ${(error as Error).message}`];
    }
    if (violations.length > 0) {
      this.failures.push({ part, index, step: JSON.stringify(step), violations });
    }
  }
}

/** How many of `total` are due at `share` of the run: evenly spread, all at the end. */
export function dueCount(total: number, share: number): number {
  return share >= 1 ? total : Math.floor(total * share);
}

/** `length` values of the arbitrary, the same for the same seed. */
function sequence<T>(arbitrary: fc.Arbitrary<T>, length: number, seed: number): T[] {
  if (length === 0) return [];
  const [values] = fc.sample(fc.array(arbitrary, { minLength: length, maxLength: length }), {
    seed,
    numRuns: 1,
  });
  return values ?? [];
}
