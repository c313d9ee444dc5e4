/**
 * CPU work cut into steps: a generator that yields between steps of at most about a millisecond
 * and returns its result at the end.
 */
export type Steps<T> = Generator<void, T, void>;

interface Task {
  steps: Steps<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * How long the slicer computes before it lets the event loop serve I/O again.
 * @default 3 // milliseconds
 */
export const DEFAULT_SLICE_MS = 3;

/**
 * Runs CPU-heavy work on the event loop without blocking it: every task is a generator of short
 * steps, and one slicer per process takes steps of all its tasks in turn (round robin) until
 * `sliceMs` is used up, then waits for the next turn of the event loop (`setImmediate`, after
 * I/O callbacks). One shared slicer, not one timer per task, because `setImmediate` callbacks
 * queued by many tasks would all run in the same turn: 30 tasks × 3 ms would block for 90 ms.
 * A step that throws rejects its task only.
 */
export class TimeSlicer {
  private readonly tasks: Task[] = [];
  private scheduled = false;

  /** @param sliceMs - see {@link DEFAULT_SLICE_MS} */
  constructor(private readonly sliceMs = DEFAULT_SLICE_MS) {}

  /** Runs `steps` to the end in slices; resolves with what the generator returns. */
  run<T>(steps: Steps<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.tasks.push({ steps, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.tasks.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.slice();
      this.schedule();
    });
  }

  /** One slice: steps of the tasks in turn until the time is used up or no task is left. */
  private slice(): void {
    const until = performance.now() + this.sliceMs;
    while (this.tasks.length > 0 && performance.now() < until) {
      const task = this.tasks.shift() as Task;
      if (this.step(task)) this.tasks.push(task);
    }
  }

  /** Takes one step of `task`; `true` when the task has steps left. */
  private step(task: Task): boolean {
    try {
      const next = task.steps.next();
      if (!next.done) return true;
      task.resolve(next.value);
    } catch (error) {
      task.reject(error);
    }
    return false;
  }
}
