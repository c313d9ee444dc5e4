import {
  DEFAULT_RESTART_POLICY,
  initialState,
  restartDelay,
  type SupervisorEvent,
  type SupervisorState,
  transition,
} from '../../src/db/neo4j-supervisor';

/** Feeds events one after the other and returns every state passed through. */
function run(state: SupervisorState, events: SupervisorEvent[]): SupervisorState[] {
  const states: SupervisorState[] = [];
  for (const event of events) {
    state = transition(state, event);
    states.push(state);
  }
  return states;
}

/** The delays a sequence of states announces, in seconds. */
const delays = (states: SupervisorState[]) =>
  states.flatMap((s) => (s.phase === 'waiting' ? [s.delayMs / 1000] : []));

describe('restartDelay', () => {
  it('should double from 1 s and stop at the 15 s cap', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => restartDelay(n) / 1000)).toEqual([
      1, 2, 4, 8, 15, 15, 15,
    ]);
  });

  it('should stay finite at the cap for any number of failures', () => {
    expect(restartDelay(10_000)).toBe(DEFAULT_RESTART_POLICY.maxDelayMs);
  });

  it('should follow a custom policy', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 350, healthyAfterMs: 1_000 };
    expect([0, 1, 2, 3].map((n) => restartDelay(n, policy))).toEqual([100, 200, 350, 350]);
  });
});

describe('transition', () => {
  const t0 = 1_000_000;

  it('should wait 1 s before restarting a process that crashed', () => {
    expect(transition(initialState(t0), { type: 'exited', at: t0 + 5_000 })).toEqual({
      phase: 'waiting',
      failures: 1,
      delayMs: 1_000,
    });
  });

  it('should back off 1, 2, 4, 8, 15, 15 s while restarts keep failing', () => {
    const states = run(initialState(t0), [
      { type: 'exited', at: t0 + 100 },
      ...Array.from({ length: 5 }, (): SupervisorEvent[] => [
        { type: 'retry' },
        { type: 'startFailed' },
      ]).flat(),
    ]);
    expect(delays(states)).toEqual([1, 2, 4, 8, 15, 15]);
  });

  it('should keep backing off when restarted processes crash again within a minute', () => {
    let at = t0;
    const events: SupervisorEvent[] = [];
    for (let crash = 0; crash < 5; crash += 1) {
      at += 10_000;
      events.push({ type: 'exited', at }, { type: 'retry' }, { type: 'started', at });
    }
    expect(delays(run(initialState(t0), events))).toEqual([1, 2, 4, 8, 15]);
  });

  it('should start again from 1 s after a process ran healthy for a minute', () => {
    const states = run(initialState(t0), [
      { type: 'exited', at: t0 + 1_000 },
      { type: 'retry' },
      { type: 'startFailed' },
      { type: 'retry' },
      { type: 'started', at: t0 + 10_000 },
      { type: 'exited', at: t0 + 10_000 + 60_000 },
    ]);
    expect(delays(states)).toEqual([1, 2, 1]);
    expect(states.at(-1)).toEqual({ phase: 'waiting', failures: 1, delayMs: 1_000 });
  });

  it('should not reset the back-off for a run just short of a minute', () => {
    const states = run(initialState(t0), [
      { type: 'exited', at: t0 + 1_000 },
      { type: 'retry' },
      { type: 'started', at: t0 + 2_000 },
      { type: 'exited', at: t0 + 2_000 + 59_999 },
    ]);
    expect(delays(states)).toEqual([1, 2]);
  });

  it.each<SupervisorState>([
    initialState(t0),
    { phase: 'waiting', failures: 2, delayMs: 2_000 },
    { phase: 'starting', failures: 2 },
  ])('should stop for good from $phase on a clean shutdown', (state) => {
    const stopped = transition(state, { type: 'stop' });
    expect(stopped).toEqual({ phase: 'stopped' });
    const after = run(stopped, [
      { type: 'exited', at: t0 },
      { type: 'retry' },
      { type: 'started', at: t0 },
      { type: 'startFailed' },
    ]);
    expect(after.every((s) => s.phase === 'stopped')).toBe(true);
  });

  it('should ignore events that do not fit the phase, so a stray callback cannot restart twice', () => {
    const running = initialState(t0);
    const waiting: SupervisorState = { phase: 'waiting', failures: 1, delayMs: 1_000 };
    const starting: SupervisorState = { phase: 'starting', failures: 1 };
    expect(transition(running, { type: 'retry' })).toBe(running);
    expect(transition(running, { type: 'started', at: t0 })).toBe(running);
    expect(transition(waiting, { type: 'exited', at: t0 })).toBe(waiting);
    expect(transition(waiting, { type: 'started', at: t0 })).toBe(waiting);
    expect(transition(starting, { type: 'exited', at: t0 })).toBe(starting);
    expect(transition(starting, { type: 'retry' })).toBe(starting);
  });
});
