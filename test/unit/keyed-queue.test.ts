import { KeyedQueue } from '../../src/common/keyed-queue';

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A task that logs its start and end around a short wait. */
const logged = (log: string[], name: string) => async () => {
  log.push(`start ${name}`);
  await tick();
  log.push(`end ${name}`);
  return name;
};

describe('KeyedQueue', () => {
  it('should run the tasks of one key one after the other, in arrival order', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const results = await Promise.all([
      queue.run('x', logged(log, 'a')),
      queue.run('x', logged(log, 'b')),
    ]);
    expect(results).toEqual(['a', 'b']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('should run tasks of different keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    await Promise.all([queue.run('x', logged(log, 'a')), queue.run('y', logged(log, 'b'))]);
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('should go on after a failed task and forget idle keys', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('x', async () => {
      throw new Error('boom');
    });
    const next = queue.run('x', async () => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
    await tick();
    expect(queue.activeKeys).toBe(0);
  });
});
