import { Semaphore } from '../../src/common/semaphore';

/** A promise with its resolve function, to finish work when the test says so. */
function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Semaphore', () => {
  it('should run at most `permits` at once and the rest in the order they came', async () => {
    const semaphore = new Semaphore(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      semaphore.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(semaphore.queued).toBe(2);
    gates[1]?.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((gate) => gate.resolve());
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(semaphore.queued).toBe(0);
  });

  it('should give the permit back when the work throws', async () => {
    const semaphore = new Semaphore(1);
    await expect(
      semaphore.run(async () => {
        throw new Error('expected a partner, got none');
      }),
    ).rejects.toThrow('expected a partner');
    expect(await semaphore.run(async () => 'next')).toBe('next');
  });

  it('should refuse permits that are not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow('expected permits to be a positive integer, got 0');
  });
});
