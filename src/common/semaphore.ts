/**
 * At most `permits` holders at once; the others wait in the order they came (FIFO). Used where
 * running more at once only divides the same CPU among more callers and slows everyone else.
 */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  /** @param permits - holders at once (at least 1) */
  constructor(private readonly permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`expected permits to be a positive integer, got ${permits}`);
    }
  }

  /** Runs `work` once a permit is free and gives the permit back when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** How many wait for a permit now. */
  get queued(): number {
    return this.waiting.length;
  }

  private acquire(): Promise<void> {
    if (this.held < this.permits) {
      this.held += 1;
      return Promise.resolve();
    }
    // The permit passes straight to the waiter: `held` stays as it is.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held -= 1;
  }
}
