import type { Logger } from 'pino';
import { tokenEndedBy } from './tokens';

/** A PARTNER token that an open connection holds. */
export interface HeldToken {
  partnerId: string;
  /** The token's `iat` in seconds; `undefined` when it had none. */
  issuedAt: number | undefined;
  /** Ends the connection (the WebSocket policy closes the socket with 4403). */
  end(): void;
}

/**
 * Reads the `tokensValidAfter` of many partners at once; a partner missing from the map does not
 * exist (any token for it is ended). Implemented by `partnerStandingsFromGraph`.
 */
export type PartnerStandings = (
  partnerIds: readonly string[],
) => Promise<Map<string, { tokensValidAfter: number | null }>>;

/** What {@link TokenSweep} needs. */
export interface TokenSweepOptions {
  /** Pause between two sweeps (`WS_TOKEN_SWEEP_MS`). @default 30_000 // 30 seconds */
  intervalMs: number;
  /** The tokens open connections hold right now. */
  held: () => readonly HeldToken[];
  standings: PartnerStandings;
  logger: Logger;
}

/**
 * The held tokens that the partners' standings end, by the verifier's own rule
 * ({@link tokenEndedBy}); pure. A partner missing from `standings` ends all its tokens.
 */
export function endedTokens<T extends Pick<HeldToken, 'partnerId' | 'issuedAt'>>(
  held: readonly T[],
  standings: ReadonlyMap<string, { tokensValidAfter: number | null }>,
): T[] {
  return held.filter((token) => {
    const standing = standings.get(token.partnerId);
    return standing === undefined || tokenEndedBy(token.issuedAt, standing.tokensValidAfter);
  });
}

/**
 * Checks the tokens of open connections against the graph every `intervalMs`, in one batched
 * read, and ends the connections whose tokens ended. It is the floor under the immediate paths
 * (the announcement on this replica and through Redis): a replica that missed a message (Redis
 * down, no `REDIS_URL` with several replicas, `tokensValidAfter` written by another tool) closes
 * such a socket within one interval, operation or not. A failed read ends nothing and is logged:
 * Neo4j being away for a moment must not close every partner's socket. Sweeps never overlap (the
 * next is scheduled when one finishes), and no read is sent while no partner socket is open.
 */
export class TokenSweep {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: TokenSweepOptions) {}

  /** Starts sweeping, unless already started or stopped; safe to call for every new socket. */
  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.schedule();
  }

  /** Stops for good (server shutdown); a running sweep finishes but schedules no next one. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Runs one sweep now; resolves with the number of connections it ended. */
  async sweep(): Promise<number> {
    const held = this.options.held();
    if (held.length === 0) return 0;
    let standings: Map<string, { tokensValidAfter: number | null }>;
    try {
      standings = await this.options.standings([...new Set(held.map((t) => t.partnerId))]);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'token sweep could not read; retried next interval');
      return 0;
    }
    const ended = endedTokens(held, standings);
    ended.forEach((token) => token.end());
    if (ended.length > 0) {
      const partnerIds = [...new Set(ended.map((t) => t.partnerId))];
      this.options.logger.info({ closed: ended.length, partnerIds }, 'token sweep ended sockets');
    }
    return ended.length;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.sweep().finally(() => {
        if (!this.stopped) this.schedule();
      });
    }, this.options.intervalMs);
    // Shutdown stops it explicitly; unref only keeps a forgotten stop from holding the process.
    this.timer.unref();
  }
}
