import type { Logger } from 'pino';

/** How restarts of a crashed process back off. */
export interface RestartPolicy {
  /** Delay before the first restart. @default 1_000 // 1 second */
  initialDelayMs: number;
  /** Longest delay between two restarts; each failure doubles the delay up to this. @default 15_000 */
  maxDelayMs: number;
  /**
   * A process that ran at least this long counts as healthy: its crash starts the back-off
   * afresh instead of continuing it. @default 60_000 // 1 minute
   */
  healthyAfterMs: number;
}

/** 1, 2, 4, 8, 15, 15, … seconds; back to 1 s after a healthy minute. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 15_000,
  healthyAfterMs: 60_000,
};

/**
 * Where the supervision stands. `failures` counts the crashes and failed starts since the last
 * healthy run; it picks the next delay.
 */
export type SupervisorState =
  | { phase: 'running'; since: number; failures: number }
  | { phase: 'waiting'; failures: number; delayMs: number }
  | { phase: 'starting'; failures: number }
  | { phase: 'stopped' };

/** What happens to a supervised process. Times are milliseconds since the epoch. */
export type SupervisorEvent =
  /** The running process ended without being asked to. */
  | { type: 'exited'; at: number }
  /** The back-off delay is over; a start begins. */
  | { type: 'retry' }
  | { type: 'started'; at: number }
  | { type: 'startFailed' }
  /** A clean shutdown: the only way supervision ends. */
  | { type: 'stop' };

/**
 * The delay before a restart after `failures` earlier unhealthy ends: `initialDelayMs × 2^failures`,
 * capped at `maxDelayMs`.
 */
export function restartDelay(failures: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY) {
  // 2 ** 30 is far past any cap and keeps the product a finite number.
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(failures, 30));
}

/** The state a supervisor starts in: its first process has just started at `at`. */
export function initialState(at: number): SupervisorState {
  return { phase: 'running', since: at, failures: 0 };
}

/**
 * The supervisor's state machine. An event that does not fit the phase (a late exit after a stop,
 * a retry while running) leaves the state as it is, so a stray callback can never restart twice.
 */
export function transition(
  state: SupervisorState,
  event: SupervisorEvent,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): SupervisorState {
  if (event.type === 'stop') return { phase: 'stopped' };
  switch (state.phase) {
    case 'running': {
      if (event.type !== 'exited') return state;
      const healthy = event.at - state.since >= policy.healthyAfterMs;
      const failures = healthy ? 0 : state.failures;
      return { phase: 'waiting', failures: failures + 1, delayMs: restartDelay(failures, policy) };
    }
    case 'waiting':
      return event.type === 'retry' ? { phase: 'starting', failures: state.failures } : state;
    case 'starting':
      if (event.type === 'started') {
        return { phase: 'running', since: event.at, failures: state.failures };
      }
      if (event.type === 'startFailed') {
        return {
          phase: 'waiting',
          failures: state.failures + 1,
          delayMs: restartDelay(state.failures, policy),
        };
      }
      return state;
    case 'stopped':
      return state;
    default: {
      const unreachable: never = state;
      throw new Error(`unknown supervisor phase ${JSON.stringify(unreachable)}`);
    }
  }
}

/** How a process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What the supervisor needs from a process: its id, its end, and a clean stop. */
export interface SupervisedProcess {
  readonly pid: number;
  /** Resolves once the process has ended, for whatever reason. */
  readonly exited: Promise<ProcessExit>;
  /** Ends the process cleanly; resolves once it is gone. */
  stop(): Promise<void>;
}

/** What a {@link Neo4jSupervisor} is built from. */
export interface SupervisorOptions<P extends SupervisedProcess> {
  /** Starts a new process (for Neo4j: on the same data folder and Bolt port); throws if it cannot. */
  start(): Promise<P>;
  logger: Logger;
  /** Called after each successful restart (not the first start); e.g. counts restarts. */
  onRestart?(process: P): void;
  /** @default DEFAULT_RESTART_POLICY */
  policy?: RestartPolicy;
}

/**
 * Keeps a process running: when it ends unexpectedly (a crash, `kill -9`), it is started again
 * after a back-off delay ({@link restartDelay}), until {@link stop} is called. The decisions are
 * {@link transition}'s; this class only owns the timer and the process.
 */
export class Neo4jSupervisor<P extends SupervisedProcess> {
  private state: SupervisorState;
  private process: P | undefined;
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;

  private constructor(
    first: P,
    private readonly options: SupervisorOptions<P>,
  ) {
    this.state = initialState(Date.now());
    this.adopt(first);
  }

  /**
   * Starts the first process and supervises it.
   *
   * @throws whatever `start` throws: a process that cannot start at all is not retried here, so
   *   that a bad configuration fails start-up with its message instead of looping
   */
  static async start<P extends SupervisedProcess>(
    options: SupervisorOptions<P>,
  ): Promise<Neo4jSupervisor<P>> {
    return new Neo4jSupervisor(await options.start(), options);
  }

  /** The process running right now; `undefined` between a crash and its restart. */
  get current(): P | undefined {
    return this.process;
  }

  /** The supervision's phase, for logs and tests. */
  get phase(): SupervisorState['phase'] {
    return this.state.phase;
  }

  /** Ends supervision, then stops the running process cleanly (waiting for a start under way). */
  async stop(): Promise<void> {
    this.apply({ type: 'stop' });
    clearTimeout(this.timer);
    await this.starting;
    await this.process?.stop();
  }

  private apply(event: SupervisorEvent): SupervisorState {
    this.state = transition(this.state, event, this.options.policy);
    return this.state;
  }

  private adopt(process: P): void {
    this.process = process;
    void process.exited.then((exit) => this.onExit(process, exit));
  }

  private onExit(process: P, exit: ProcessExit): void {
    if (this.process !== process || this.state.phase === 'stopped') return;
    this.process = undefined;
    const state = this.apply({ type: 'exited', at: Date.now() });
    if (state.phase !== 'waiting') return;
    this.options.logger.error(
      { pid: process.pid, ...exit, restartInMs: state.delayMs, failures: state.failures },
      'embedded Neo4j exited unexpectedly; restarting',
    );
    this.schedule(state.delayMs);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.starting = this.restart().finally(() => (this.starting = undefined));
    }, delayMs);
  }

  private async restart(): Promise<void> {
    if (this.apply({ type: 'retry' }).phase !== 'starting') return;
    let process: P;
    try {
      process = await this.options.start();
    } catch (error) {
      const state = this.apply({ type: 'startFailed' });
      if (state.phase !== 'waiting') return;
      this.options.logger.error(
        { err: error, restartInMs: state.delayMs, failures: state.failures },
        'embedded Neo4j restart failed; retrying',
      );
      this.schedule(state.delayMs);
      return;
    }
    // A stop that arrived while the JVM was starting wins: nothing may outlive it.
    if (this.apply({ type: 'started', at: Date.now() }).phase !== 'running') {
      await process.stop();
      return;
    }
    this.adopt(process);
    this.options.logger.warn({ pid: process.pid }, 'embedded Neo4j restarted');
    this.options.onRestart?.(process);
  }
}
