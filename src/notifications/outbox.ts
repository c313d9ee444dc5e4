import { randomUUID } from 'node:crypto';
import type { CypherQuery, TransactionRunner } from '../db/executor';

/**
 * What a partner is told about (Benachrichtigung). One kind per event that concerns a partner;
 * the e-mail texts and the partner's e-mail settings are per kind.
 */
export enum NotificationKind {
  /** Someone asks for the partner's contact data (subject: the contact request). */
  CONTACT_REQUESTED = 'CONTACT_REQUESTED',
  /** The partner's contact request was accepted (subject: the contact request). */
  CONTACT_ACCEPTED = 'CONTACT_ACCEPTED',
  /** The partner is named in a proposed cooperation (subject: the cooperation). */
  COOPERATION_PROPOSED = 'COOPERATION_PROPOSED',
  /** Another named partner confirmed a proposal the partner is part of (subject: the cooperation). */
  COOPERATION_CONFIRMED = 'COOPERATION_CONFIRMED',
  /** Every named partner confirmed: the cooperation is ACTIVE (subject: the cooperation). */
  COOPERATION_ACTIVE = 'COOPERATION_ACTIVE',
  /** A named partner declined the proposal (subject: the cooperation). */
  COOPERATION_DECLINED = 'COOPERATION_DECLINED',
  /** The proposing partner withdrew the proposal (subject: the cooperation). */
  COOPERATION_WITHDRAWN = 'COOPERATION_WITHDRAWN',
  /** The proposal expired unconfirmed (subject: the cooperation). */
  COOPERATION_EXPIRED = 'COOPERATION_EXPIRED',
  /** A mutual interest at a Kooperationsbörse (subject: the match). */
  EXCHANGE_MATCH = 'EXCHANGE_MATCH',
}

/** One notification to write in the transaction of the change it reports. */
export interface NotificationDraft {
  /** The partner told. */
  partnerId: string;
  kind: NotificationKind;
  /** The contact request, cooperation or match the notification is about. */
  subjectId: string;
  /** The other partner of the event (requester, proposer, decliner, match partner), if any. */
  otherPartnerId: string | null;
  /** A text to quote: the request's message or the cooperation's title; `null` for none. */
  text: string | null;
}

/**
 * The statement that writes the drafts as `(:Notification)` nodes — the transactional outbox.
 * The other partner's name is read in the same statement, so the e-mail shows the name as it
 * was when the event happened. Delivery (e-mail, subscription) happens after the commit, at
 * least once; the node's `id` is the e-mail's Message-ID, so a repeated delivery is recognisable.
 */
export function notificationStatement(drafts: readonly NotificationDraft[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
OPTIONAL MATCH (other:Partner {id: row.otherPartnerId})
CREATE (n:Notification {id: row.id, partnerId: row.partnerId, kind: row.kind,
  subjectId: row.subjectId, otherPartnerId: row.otherPartnerId, otherPartnerName: other.name,
  text: row.text, createdAt: datetime(), readAt: null,
  emailStatus: 'PENDING', attempts: 0, nextAttemptAt: datetime(), sentAt: null})`,
    params: { rows: drafts.map((draft) => ({ ...draft, id: `n-${randomUUID()}` })) },
  };
}

/** Writes the drafts in the caller's transaction; nothing for an empty list. */
export async function enqueueNotifications(
  tx: TransactionRunner,
  drafts: readonly NotificationDraft[],
): Promise<void> {
  if (drafts.length === 0) return;
  await tx.run(notificationStatement(drafts), () => null);
}
