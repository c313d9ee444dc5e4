import type { Logger } from 'pino';

/** How often counted views are written, at most (milliseconds). */
export const VIEWS_FLUSH_MS = 1000;

/** Writes `views` more partner-days of suggestion reads to a day's counter. */
export type ViewCounter = (day: string, views: number) => Promise<void>;

/** What {@link SuggestionViews} is built from. */
export interface SuggestionViewsOptions {
  count: ViewCounter;
  logger: Logger;
  /** Today as `YYYY-MM-DD` (UTC); tests give a clock of their own. */
  today?: () => string;
  /** @default VIEWS_FLUSH_MS */
  flushMs?: number;
}

/**
 * Counts "suggestions viewed" for the cooperation funnel without logging who viewed: at most one
 * count per partner and day. The partner ids of the current day are held in memory only (a set
 * per process, emptied when the day changes); the graph gets nothing but a number per day,
 * `(:FunnelCounter {day, stage: 'SUGGESTIONS_VIEWED', count})`.
 *
 * Limits, by design: with N replicas a partner reading on each counts up to N times a day, and a
 * restart forgets the day's set (a partner reading again after it counts again). Counts are
 * written in batches, at most every {@link VIEWS_FLUSH_MS}, so reads never wait for a write and
 * all replicas' requests do not queue on the counter's lock; a crash loses the last batch, a
 * failed write is retried with the next.
 */
export class SuggestionViews {
  private day: string | null = null;
  private seen = new Set<string>();
  /** Counted but not yet written, by day. */
  private readonly unwritten = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly today: () => string;

  constructor(private readonly options: SuggestionViewsOptions) {
    this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  }

  /** A partner read its own suggestions (or an explanation of one); counts once a day. */
  viewed(partnerId: string): void {
    const day = this.today();
    if (day !== this.day) {
      this.day = day;
      this.seen = new Set();
    }
    if (this.seen.has(partnerId)) return;
    this.seen.add(partnerId);
    this.unwritten.set(day, (this.unwritten.get(day) ?? 0) + 1);
    this.schedule();
  }

  /** Writes what was counted so far; resolves when it is written (or failed and kept). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.unwritten];
    this.unwritten.clear();
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  private async write(batch: [string, number][]): Promise<void> {
    for (const [day, views] of batch) {
      try {
        await this.options.count(day, views);
      } catch (error) {
        // Kept for the next batch: a count is lost only when the process ends first.
        this.unwritten.set(day, (this.unwritten.get(day) ?? 0) + views);
        this.options.logger.warn({ err: error, day }, 'suggestion views not counted yet');
      }
    }
    if (this.unwritten.size > 0) this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? VIEWS_FLUSH_MS);
    this.timer.unref();
  }
}
