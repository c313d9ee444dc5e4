import Redis from 'ioredis';
import type { Logger } from 'pino';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

/** The outcome of counting one application: allowed, or refused until a later time. */
export type ApplyVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts `applyForMembership` calls per client address. The partner service sees only this, not
 * where the count lives (this process's memory, or Redis shared by all replicas).
 */
export interface ApplyRateLimit {
  /** Applications allowed per client address and hour. */
  readonly perHour: number;
  /**
   * Counts one application from `clientIp`.
   *
   * @returns `allowed: false` with the whole seconds until the next one is allowed, over the limit
   * @throws only on a bug in the limiter; an unreachable Redis falls back to counting in memory
   */
  consume(clientIp: string): Promise<ApplyVerdict>;
  /** Releases the Redis connection, if any. Call once, when the app stops. */
  close(): Promise<void>;
}

/** Where the count is kept and how many applications an hour allows. */
export interface ApplyRateLimitOptions {
  /** Applications allowed per client address and hour (`APPLY_RATE_LIMIT_PER_HOUR`). */
  perHour: number;
  /** `REDIS_URL`: set, all replicas share one count per address; unset, each counts alone. */
  redisUrl: string | undefined;
  logger: Logger;
}

/** Prefix of the limiter's Redis keys (`vielfalt:apply:<client address>`). */
export const APPLY_LIMIT_KEY_PREFIX = 'vielfalt:apply';

/**
 * Longest wait for one Redis command of the limiter before counting in memory instead. A healthy
 * Redis answers within a millisecond; the wait only bounds how long a hung one delays a mutation.
 * @default 500
 */
export const APPLY_LIMIT_REDIS_TIMEOUT_MS = 500;

const HOUR_SECONDS = 3_600;

/**
 * Builds the limiter the configuration asks for: in Redis when `REDIS_URL` is set (its own
 * connection, not the exchange bus's, whose offline queue would make a mutation wait for a
 * reconnect), else in this process's memory.
 *
 * While Redis is unreachable, applications are counted in memory per replica (rate-limiter-
 * flexible's `insuranceLimiter`) rather than refused: admission is the alliance's front door, and a
 * Redis outage should cost at most N times the allowance for its duration, not every application.
 * That count is separate from Redis's: it starts from zero at the first outage and is not consulted
 * while Redis answers.
 */
export function createApplyRateLimit(options: ApplyRateLimitOptions): ApplyRateLimit {
  const { perHour, redisUrl, logger } = options;
  const limits = { points: perHour, duration: HOUR_SECONDS };
  if (!redisUrl) return wrap(perHour, new RateLimiterMemory(limits), async () => {});
  const client = new Redis(redisUrl, {
    // No offline queue and no retries: a command while Redis is away fails at once, and the
    // insurance limiter counts instead. The command timeout covers a Redis that accepts but hangs.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: APPLY_LIMIT_REDIS_TIMEOUT_MS,
  });
  client.on('error', (error: Error) =>
    logger.warn(
      { err: error, client: 'apply-rate-limit' },
      'redis connection problem; counting applications per replica until it is back',
    ),
  );
  const limiter = new RateLimiterRedis({
    ...limits,
    storeClient: client,
    keyPrefix: APPLY_LIMIT_KEY_PREFIX,
    // Skips Redis while it reconnects instead of waiting for the command to fail.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(limits),
  });
  return wrap(perHour, limiter, async () => {
    client.disconnect();
  });
}

/** Turns rate-limiter-flexible's "reject with RateLimiterRes" into an {@link ApplyVerdict}. */
function wrap(
  perHour: number,
  limiter: RateLimiterAbstract,
  close: () => Promise<void>,
): ApplyRateLimit {
  return {
    perHour,
    async consume(clientIp) {
      try {
        await limiter.consume(clientIp);
        return { allowed: true };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { allowed: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1_000) };
      }
    },
    close,
  };
}
