import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  ALERT_AFTER_ATTEMPTS,
  type DeliverySettings,
  emailChannel,
  retryDelayMs,
} from './delivery-settings';
import { renderNotificationMail } from './email-templates';
import { isConnectionError, type Mailer, SMTP_TIMEOUTS } from './mailer';
import type { NotificationFeed } from './notification-feed';
import type { ClaimedNotification, OutboxRepository } from './outbox.repository';

/** E-mails claimed per transaction; a full batch is followed by the next at once. */
export const BATCH_SIZE = 50;

/**
 * How long a claim leases its notifications. A process that dies while sending leaves them
 * leased this long; then another process sends them. A batch stops sending (and gives the rest
 * back) well before its lease runs out, so a living process never races a successor.
 */
export const LEASE_MS = 5 * 60_000;

/** The time one send may take at most (connection, greeting, socket timeouts) plus a margin. */
const SEND_RESERVE_MS =
  SMTP_TIMEOUTS.connectionMs + SMTP_TIMEOUTS.greetingMs + SMTP_TIMEOUTS.socketMs + 30_000;

/** How e-mails ended, for the metrics. */
export type DeliveryOutcome = 'sent' | 'failed' | 'skipped';

/** What the dispatcher reports to Prometheus (see notification.slice.ts). */
export interface DeliveryMetrics {
  count(outcome: DeliveryOutcome): void;
  /** An e-mail failed {@link ALERT_AFTER_ATTEMPTS} times (again). */
  alert(): void;
}

/** What a dispatcher works with. */
export interface DispatcherDeps {
  outbox: OutboxRepository;
  /** `null` when `SMTP_URL` is unset: no e-mails, the feed still runs. */
  mailer: Mailer | null;
  feed: NotificationFeed;
  settings: DeliverySettings;
  logger: Logger;
  metrics?: DeliveryMetrics;
}

/**
 * Delivers the outbox, in every API process: every `NOTIFY_POLL_MS` it hands new notifications
 * to this process's subscribers ({@link NotificationFeed}) and sends due e-mails. E-mails are
 * claimed with a lease (outbox.repository.ts), so replicas share the work without sending one
 * twice at the same time; each is marked SENT right after the SMTP server accepted it. A process
 * dying between the two leaves it PENDING, and it is sent again after the lease with the same
 * Message-ID: at least once, recognisably repeated. A failed send is retried after an
 * exponential back-off with jitter (2 s … 5 min by default) for as long as it takes; every
 * {@link ALERT_AFTER_ATTEMPTS} failures of one e-mail are logged as an error and counted.
 */
export class NotificationDispatcher {
  private readonly process = randomUUID().slice(0, 8);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Whether the last send found the SMTP server unreachable (logged once per outage). */
  private smtpDown = false;

  constructor(private readonly deps: DispatcherDeps) {}

  /** Starts polling; says once when e-mails are off. */
  start(): void {
    if (!this.deps.mailer) {
      this.deps.logger.warn(
        'SMTP_URL is not set: notification e-mails are not sent (they stay PENDING); in-app notifications work',
      );
    }
    this.schedule(this.deps.settings.pollMs);
  }

  /** Stops polling, waits for a running round and closes the SMTP connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.deps.mailer?.close();
  }

  /**
   * One round: the feed, then e-mails until no full batch is left. Never throws: a failed round
   * (Neo4j unreachable) is logged and the next one tries again.
   */
  async round(): Promise<void> {
    try {
      await this.deps.feed.poll();
    } catch (error) {
      this.deps.logger.debug({ err: error }, 'reading new notifications failed; next poll retries');
    }
    if (!this.deps.mailer) return;
    try {
      while (!this.stopped && (await this.sendBatch(this.deps.mailer)) === BATCH_SIZE);
    } catch (error) {
      this.deps.logger.warn(
        { err: error },
        'sending notification e-mails failed; next poll retries',
      );
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => {
        this.running = undefined;
        this.schedule(this.deps.settings.pollMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Claims one batch and sends it; returns how many were claimed. */
  private async sendBatch(mailer: Mailer): Promise<number> {
    const token = `${this.process}-${randomUUID()}`;
    const claimedAt = Date.now();
    const batch = await this.deps.outbox.claim(BATCH_SIZE, token, LEASE_MS);
    for (const [index, notification] of batch.entries()) {
      if (this.stopped || Date.now() + SEND_RESERVE_MS > claimedAt + LEASE_MS) {
        await this.deps.outbox.release(
          batch.slice(index).map((n) => n.id),
          token,
        );
        break;
      }
      const outcome = await this.deliver(mailer, notification, token);
      if (outcome === 'unreachable') {
        // The rest would fail the same way; each gets its own back-off.
        for (const rest of batch.slice(index + 1))
          await this.failed(rest, token, 'SMTP unreachable');
        break;
      }
    }
    return batch.length;
  }

  private async deliver(
    mailer: Mailer,
    notification: ClaimedNotification,
    token: string,
  ): Promise<'done' | 'unreachable'> {
    const channel = emailChannel(notification.kind, notification.recipient);
    if (!channel.send) {
      await this.deps.outbox.skipped(notification.id, channel.reason);
      this.deps.metrics?.count('skipped');
      return 'done';
    }
    const mail = renderNotificationMail({
      kind: notification.kind,
      language: channel.language,
      recipientName: notification.recipientName ?? '',
      otherPartnerName: notification.otherPartnerName,
      text: notification.text,
      subjectId: notification.subjectId,
      publicUrl: this.deps.settings.publicUrl,
    });
    try {
      await mailer.send({
        ...mail,
        to: channel.to,
        notificationId: notification.id,
        language: channel.language,
      });
    } catch (error) {
      const unreachable = isConnectionError(error);
      if (unreachable && !this.smtpDown) {
        this.smtpDown = true;
        this.deps.logger.warn({ err: error }, 'SMTP server unreachable; e-mails wait for retry');
      } else if (!unreachable) {
        this.deps.logger.warn(
          { err: error, notificationId: notification.id },
          'SMTP server refused a notification e-mail; retrying later',
        );
      }
      await this.failed(notification, token, (error as Error).message ?? String(error));
      return unreachable ? 'unreachable' : 'done';
    }
    if (this.smtpDown) {
      this.smtpDown = false;
      this.deps.logger.info('SMTP server reachable again; sending waiting e-mails');
    }
    await this.deps.outbox.sent(notification.id);
    this.deps.metrics?.count('sent');
    return 'done';
  }

  private async failed(
    notification: ClaimedNotification,
    token: string,
    reason: string,
  ): Promise<void> {
    const attempts = notification.attempts + 1;
    const delayMs = retryDelayMs(attempts, this.deps.settings.retry);
    const counted = await this.deps.outbox.failed(notification.id, token, delayMs, reason);
    this.deps.metrics?.count('failed');
    if (counted !== null && counted % ALERT_AFTER_ATTEMPTS === 0) {
      this.deps.metrics?.alert();
      this.deps.logger.error(
        { notificationId: notification.id, attempts: counted, nextInMs: delayMs, reason },
        'notification e-mail still not sent; retrying',
      );
    }
  }
}
