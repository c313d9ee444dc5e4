import { ErrorCode, userError } from '../common/errors';

/**
 * Work-based admission: what an operation may cost depends on who asks. The static limits
 * (query-limits.ts) estimate the work; admission decides whether it runs now:
 *
 * - anonymous callers get a small budget per operation and per minute (per client address, as
 *   `TRUST_PROXY_HOPS` resolves it);
 * - every caller (token subject, else address) has at most a few expensive operations running at
 *   once, so a burst of costly queries waits its turn at the client instead of in the server.
 *
 * Refusals are TOO_MANY_REQUESTS with `extensions.retryAfterSeconds` (and `Retry-After` on HTTP).
 */
export interface AdmissionSettings {
  /** `GRAPHQL_MAX_COST_PUBLIC`: the cost one anonymous operation may have. */
  publicMaxCost: number;
  /** `GRAPHQL_PUBLIC_COST_PER_MINUTE`: the cost one anonymous address may spend per minute. */
  publicCostPerMinute: number;
  /** `GRAPHQL_EXPENSIVE_IN_FLIGHT`: expensive operations one caller may run at once. */
  expensiveInFlight: number;
  /**
   * `GRAPHQL_PUBLIC_REFUSALS_PER_10S`: refusals within {@link OFFENCE_WINDOW_MS} after which an
   * anonymous address is held back (see {@link Admission.holdsBack}).
   */
  refusalsBeforeHoldBack: number;
}

/** An operation costing at least this much counts as expensive (one suggestion list). */
export const EXPENSIVE_COST = 1_000;

/** Who is asking, as admission sees it. */
export interface Asker {
  /** `user:<subject>` or `ip:<address>`. */
  identity: string;
  anonymous: boolean;
}

/** The outcome of {@link Admission.admit}: run (and call `release` when done), or the refusal. */
export type AdmissionVerdict =
  | { admitted: true; release: () => void }
  | { admitted: false; refusal: ReturnType<typeof userError> };

const MINUTE_MS = 60_000;

/** How long refusals are remembered, and how long a repeat offender is held back. */
export const OFFENCE_WINDOW_MS = 10_000;
/** How long a repeat offender's request waits before its refusal (see {@link Admission.holdsBack}). */
export const HOLD_BACK_MS = 1_000;

/** Admission state of one process; see the module comment. */
export class Admission {
  private readonly running = new Map<string, number>();
  private readonly spent = new Map<string, { since: number; cost: number }>();
  private readonly offences = new Map<string, number[]>();

  constructor(
    private readonly settings: AdmissionSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** The highest cost an operation of this asker may have (the static limit for everyone else). */
  maxCost(asker: Asker, staticMax: number): number {
    return asker.anonymous ? Math.min(this.settings.publicMaxCost, staticMax) : staticMax;
  }

  /** Remembers that an anonymous asker's operation was refused (over a limit or a budget). */
  noteRefusal(asker: Asker): void {
    if (!asker.anonymous) return;
    const now = this.now();
    const recent = (this.offences.get(asker.identity) ?? []).filter(
      (at) => now - at < OFFENCE_WINDOW_MS,
    );
    recent.push(now);
    this.offences.set(asker.identity, recent.slice(-this.settings.refusalsBeforeHoldBack));
    if (this.offences.size > 10_000) this.forgetOldOffences(now);
  }

  /**
   * Whether an anonymous address refused `refusalsBeforeHoldBack` times within the last
   * {@link OFFENCE_WINDOW_MS} is held back: its requests wait {@link HOLD_BACK_MS} and are refused
   * before they are read. A client that loops on refused queries then costs the server a timer
   * per request instead of a request's work, and slows down to one request a second per loop.
   */
  holdsBack(identity: string): boolean {
    const recent = this.offences.get(identity) ?? [];
    const enough = recent.length >= this.settings.refusalsBeforeHoldBack;
    return enough && this.now() - (recent[0] ?? 0) < OFFENCE_WINDOW_MS;
  }

  /** Admits an operation of the given estimated cost, or refuses it. */
  admit(asker: Asker, cost: number): AdmissionVerdict {
    const refusal = this.spendBudget(asker, cost) ?? this.refuseInFlight(asker, cost);
    if (refusal) return { admitted: false, refusal };
    if (cost < EXPENSIVE_COST) return { admitted: true, release: () => undefined };
    this.running.set(asker.identity, (this.running.get(asker.identity) ?? 0) + 1);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.running.get(asker.identity) ?? 1) - 1;
        if (left > 0) this.running.set(asker.identity, left);
        else this.running.delete(asker.identity);
      },
    };
  }

  private refuseInFlight(asker: Asker, cost: number) {
    const max = this.settings.expensiveInFlight;
    if (cost < EXPENSIVE_COST || (this.running.get(asker.identity) ?? 0) < max) return undefined;
    return tooMany(`expected at most ${max} expensive operations at once; wait for one`, 1);
  }

  /** Anonymous askers spend from a budget that refills each minute. */
  private spendBudget(asker: Asker, cost: number) {
    if (!asker.anonymous) return undefined;
    const now = this.now();
    const window = this.spent.get(asker.identity);
    const current = window && now - window.since < MINUTE_MS ? window : { since: now, cost: 0 };
    const budget = this.settings.publicCostPerMinute;
    if (current.cost + cost > budget) {
      const retryAfter = Math.ceil((current.since + MINUTE_MS - now) / 1000);
      return tooMany(
        `expected anonymous operations to cost at most ${budget} per minute; sign in or try again in ${retryAfter} s`,
        retryAfter,
      );
    }
    current.cost += cost;
    this.spent.set(asker.identity, current);
    this.forgetOldWindows(now);
    return undefined;
  }

  private forgetOldOffences(now: number) {
    for (const [identity, times] of this.offences) {
      if (now - (times.at(-1) ?? 0) >= OFFENCE_WINDOW_MS) this.offences.delete(identity);
    }
  }

  /** Keeps the map of windows from growing with every address ever seen. */
  private forgetOldWindows(now: number) {
    if (this.spent.size < 10_000) return;
    for (const [identity, window] of this.spent) {
      if (now - window.since >= MINUTE_MS) this.spent.delete(identity);
    }
  }
}

function tooMany(message: string, retryAfterSeconds: number) {
  return userError(ErrorCode.TOO_MANY_REQUESTS, message, { retryAfterSeconds });
}
