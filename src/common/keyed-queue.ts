/**
 * Runs tasks one after the other per key (and freely across keys), in the order they arrive.
 * Used where the database would serialise anyway — every change of one exchange takes that
 * exchange's write lock — so that waiting happens here, in the event loop, instead of in
 * transactions that each hold one of the driver's pooled connections while they wait.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued earlier under `key` has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      // Forget idle keys, so the map does not grow with every exchange ever written.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with queued or running tasks (for tests). */
  get activeKeys(): number {
    return this.tails.size;
  }
}
