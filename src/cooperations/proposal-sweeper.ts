import type { Logger } from 'pino';

/** A sweeper that runs a job every few milliseconds until stopped. */
export interface Sweeper {
  /** Stops the timer and waits for a running sweep to end. */
  stop(): Promise<void>;
}

/**
 * Runs `sweep` every `intervalMs` (`PROPOSAL_SWEEP_MS`): the expiry of proposals. One sweep at a
 * time (a slow one is not overlapped by the next); the timer is unref'd, so it never keeps the
 * process alive; a failed sweep is logged and the next one tries again (a DRAFT past its
 * `expiresAt` already answers EXPIRED before the sweeper writes it).
 */
export function startSweeper(
  sweep: () => Promise<number>,
  intervalMs: number,
  logger: Logger,
): Sweeper {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sweep()
      .then((expired) => {
        if (expired > 0) logger.info({ expired }, 'proposals expired');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'expiring proposals failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
