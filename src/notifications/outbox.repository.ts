import type { CypherExecutor } from '../db/executor';
import { fromNeo4j } from '../db/values';
import type { Recipient } from './delivery-settings';
import type { Notification } from './notification.types';
import type { NotificationKind } from './outbox';
import {
  dueIds,
  leaseNotifications,
  lockNotifications,
  markFailed,
  markSent,
  markSkipped,
  recentNotifications,
  releaseNotifications,
} from './outbox.queries';

/** A notification leased for sending, with its recipient. */
export interface ClaimedNotification {
  id: string;
  kind: NotificationKind;
  subjectId: string;
  otherPartnerName: string | null;
  text: string | null;
  /** Failed attempts so far. */
  attempts: number;
  /** `null` when the partner no longer exists. */
  recipientName: string | null;
  recipient: Recipient;
}

/** The dispatcher's side of the outbox: claims, outcomes and the feed of new notifications. */
export class OutboxRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /**
   * Leases up to `limit` due notifications to `token` for `leaseMs`, in one write transaction
   * (see outbox.queries.ts: find, lock in id order, re-read under the locks). Two processes
   * claiming at once get disjoint sets; a process that dies leaves a lease that simply runs out.
   */
  claim(limit: number, token: string, leaseMs: number): Promise<ClaimedNotification[]> {
    return this.executor.writeTransaction(async (tx) => {
      const ids = await tx.run(dueIds(limit), (r) => r.get('id') as string);
      if (ids.length === 0) return [];
      await tx.run(lockNotifications(ids), () => null);
      return tx.run(leaseNotifications(ids, token, leaseMs), (r) => {
        const row = fromNeo4j<Record<string, unknown>>(r.toObject());
        return {
          id: row.id as string,
          kind: row.kind as NotificationKind,
          subjectId: row.subjectId as string,
          otherPartnerName: (row.otherPartnerName as string | null) ?? null,
          text: (row.text as string | null) ?? null,
          attempts: Number(row.attempts ?? 0),
          recipientName: (row.recipientName as string | null) ?? null,
          recipient: {
            email: (row.email as string | null) ?? null,
            language: (row.language as string | null) ?? null,
            emailKinds: (row.emailKinds as string[] | null) ?? null,
          },
        };
      });
    }, 'notificationClaim');
  }

  /** Marks an e-mail SENT. */
  async sent(id: string): Promise<void> {
    await this.executor.write(markSent(id), () => null, 'notificationSent');
  }

  /** Marks an e-mail SKIPPED with its reason. */
  async skipped(id: string, reason: string): Promise<void> {
    await this.executor.write(markSkipped(id, reason), () => null, 'notificationSkipped');
  }

  /**
   * Counts a failed attempt and schedules the next; returns the attempts so far, or `null` when
   * the lease had already run out (the notification was left as another process set it).
   */
  async failed(id: string, token: string, delayMs: number, error: string): Promise<number | null> {
    const [attempts = null] = await this.executor.write(
      markFailed(id, token, delayMs, error.slice(0, 500)),
      (r) => fromNeo4j<number>(r.get('attempts')),
      'notificationFailed',
    );
    return attempts;
  }

  /** Gives leased notifications back without counting an attempt. */
  async release(ids: readonly string[], token: string): Promise<void> {
    if (ids.length === 0) return;
    await this.executor.write(releaseNotifications(ids, token), () => null, 'notificationRelease');
  }

  /** The notifications created in the last `windowMs`, oldest first. */
  recent(windowMs: number): Promise<Notification[]> {
    return this.executor.read(
      recentNotifications(windowMs),
      (r) => fromNeo4j<Notification>(r.get('notification')),
      'notificationFeed',
    );
  }
}
