import type { Notification } from './notification.types';

/**
 * How far back each poll of the feed reads. A notification's `createdAt` is the time its
 * transaction ran the statement, not its commit, so a slow transaction commits a notification
 * "in the past"; no transaction runs longer than `NEO4J_TX_TIMEOUT_MS` (20 s by default), so a
 * window of a minute sees every commit at least once. Seen ids are remembered as long.
 */
export const FEED_WINDOW_MS = 60_000;

/** Notifications a slow subscriber may have waiting; beyond, the oldest are dropped. */
export const MAX_WAITING = 100;

/** Receives the new notifications of one partner. */
type Listener = (notification: Notification) => void;

/**
 * New notifications, fanned out to the `myNotifications` subscribers of this process. Each
 * process polls the outbox itself (the dispatcher calls {@link NotificationFeed.poll} every
 * `NOTIFY_POLL_MS`) and reads the notifications of the last minute; the ones it has not seen
 * are new. That needs no Redis and works the same on every replica, because each reads the
 * committed graph: a notification reaches the subscriber after its transaction committed, on
 * whichever replica the subscriber is connected to, within one poll interval. The feed reads
 * only while someone subscribes.
 */
export class NotificationFeed {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Ids already handed out (or already there when the feed started), with when they were seen. */
  private readonly seen = new Map<string, number>();
  private primed = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly read: (windowMs: number) => Promise<Notification[]>,
    private readonly windowMs = FEED_WINDOW_MS,
  ) {}

  /** Whether any subscriber listens (the dispatcher polls the feed only then). */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  /**
   * Starts listening to one partner's new notifications and returns the function that stops.
   * The first subscriber of an idle feed first reads what exists already, so that only
   * notifications committed after the subscription started count as new.
   */
  async listen(partnerId: string, listener: Listener): Promise<() => void> {
    if (!this.primed) await this.serially(() => this.readNew(false));
    const own = this.listeners.get(partnerId) ?? new Set<Listener>();
    own.add(listener);
    this.listeners.set(partnerId, own);
    return () => {
      own.delete(listener);
      if (own.size === 0 && this.listeners.get(partnerId) === own) this.listeners.delete(partnerId);
    };
  }

  /** Reads the recent notifications and hands the new ones to their partners' listeners. */
  poll(): Promise<void> {
    if (!this.active) {
      // Idle: forget, so that a later first subscriber starts from its own "now".
      this.primed = false;
      this.seen.clear();
      return Promise.resolve();
    }
    return this.serially(() => this.readNew(true));
  }

  /** Runs reads one after another (a subscription may prime while the dispatcher polls). */
  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async readNew(deliver: boolean): Promise<void> {
    const recent = await this.read(this.windowMs);
    const now = Date.now();
    for (const notification of recent) {
      if (this.seen.has(notification.id)) continue;
      this.seen.set(notification.id, now);
      if (deliver && this.primed) this.deliver(notification);
    }
    this.primed = true;
    for (const [id, at] of this.seen) {
      if (now - at > 2 * this.windowMs) this.seen.delete(id);
    }
  }

  private deliver(notification: Notification): void {
    for (const listener of this.listeners.get(notification.partnerId) ?? []) {
      listener(notification);
    }
  }
}

/**
 * The async iterator of one `myNotifications` subscription: it listens to the feed until the
 * client unsubscribes (`return()`), which ends it at once even while it waits.
 */
export async function notificationStream(
  feed: NotificationFeed,
  partnerId: string,
): Promise<AsyncIterableIterator<Notification>> {
  const waiting: Notification[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  const stop = await feed.listen(partnerId, (notification) => {
    if (waiting.length >= MAX_WAITING) waiting.shift();
    waiting.push(notification);
    wake?.();
  });
  const finish = (): IteratorReturnResult<undefined> => {
    done = true;
    stop();
    wake?.();
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterableIterator<Notification> = {
    async next(): Promise<IteratorResult<Notification>> {
      while (!done) {
        const notification = waiting.shift();
        if (notification) return { value: notification, done: false };
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      return { value: undefined, done: true };
    },
    return: async () => finish(),
    throw: async (error: unknown) => {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
