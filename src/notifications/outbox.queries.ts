import neo4j from 'neo4j-driver';
import type { CypherQuery } from '../db/executor';

/*
 * The statements of the dispatcher, as pure functions (values as parameters). A claim is three
 * statements in one write transaction (see OutboxRepository.claim): find due ids, take their
 * write locks in id order, then re-read them under the locks — only a new statement reads the
 * committed state another replica left, so two replicas never claim the same notification.
 */

/** A notification `n` as the API shows it (internal bookkeeping such as leases left out). */
export const NOTIFICATION_PROJECTION = `n {.id, .partnerId, .kind, .subjectId, .otherPartnerId,
  .otherPartnerName, .text, .emailStatus, createdAt: toString(n.createdAt),
  readAt: toString(n.readAt), emailSentAt: toString(n.sentAt)}`;

/** Ids of e-mails due now and not leased by a process, oldest due first. */
export function dueIds(limit: number): CypherQuery {
  return {
    cypher: `MATCH (n:Notification) WHERE n.emailStatus = 'PENDING' AND n.nextAttemptAt <= datetime()
  AND (n.claimedUntil IS NULL OR n.claimedUntil <= datetime())
RETURN n.id AS id ORDER BY n.nextAttemptAt, n.id LIMIT $limit`,
    params: { limit: neo4j.int(limit) },
  };
}

/** Takes the notifications' write locks, always in id order (no deadlock between replicas). */
export function lockNotifications(ids: readonly string[]): CypherQuery {
  return {
    cypher: `MATCH (n:Notification) WHERE n.id IN $ids
WITH n ORDER BY n.id
SET n._lock = true REMOVE n._lock`,
    params: { ids },
  };
}

/**
 * Leases the locked notifications that are still unclaimed to this claim (`$token`) for
 * `$leaseMs`, and returns what an e-mail is made of, the recipient's settings included.
 */
export function leaseNotifications(
  ids: readonly string[],
  token: string,
  leaseMs: number,
): CypherQuery {
  return {
    cypher: `MATCH (n:Notification) WHERE n.id IN $ids AND n.emailStatus = 'PENDING'
  AND (n.claimedUntil IS NULL OR n.claimedUntil <= datetime())
SET n.claimedUntil = datetime() + duration({milliseconds: $leaseMs}), n.claimedBy = $token
WITH n
OPTIONAL MATCH (p:Partner {id: n.partnerId})
RETURN n.id AS id, n.kind AS kind, n.subjectId AS subjectId,
  n.otherPartnerName AS otherPartnerName, n.text AS text, n.attempts AS attempts,
  p.name AS recipientName, p.contactEmail AS email, p.notifyLanguage AS language,
  p.notifyEmailKinds AS emailKinds
ORDER BY n.nextAttemptAt, n.id`,
    params: { ids, token, leaseMs: neo4j.int(leaseMs) },
  };
}

/**
 * Marks an e-mail SENT. Whoever holds the lease: the mail went out, so it must not go out again.
 */
export function markSent(id: string): CypherQuery {
  return {
    cypher: `MATCH (n:Notification {id: $id}) WHERE n.emailStatus = 'PENDING'
SET n.emailStatus = 'SENT', n.sentAt = datetime(), n.attempts = n.attempts + 1,
  n.claimedUntil = null, n.claimedBy = null, n.lastError = null`,
    params: { id },
  };
}

/** Marks an e-mail SKIPPED (no address, or the partner does not want this kind by e-mail). */
export function markSkipped(id: string, reason: string): CypherQuery {
  return {
    cypher: `MATCH (n:Notification {id: $id}) WHERE n.emailStatus = 'PENDING'
SET n.emailStatus = 'SKIPPED', n.skipReason = $reason, n.claimedUntil = null, n.claimedBy = null`,
    params: { id, reason },
  };
}

/**
 * Counts a failed attempt and sets the next one `$delayMs` from now; only while this claim still
 * holds the lease (after it ran out, another process may be trying already).
 */
export function markFailed(id: string, token: string, delayMs: number, error: string): CypherQuery {
  return {
    cypher: `MATCH (n:Notification {id: $id}) WHERE n.emailStatus = 'PENDING' AND n.claimedBy = $token
SET n.attempts = n.attempts + 1, n.nextAttemptAt = datetime() + duration({milliseconds: $delayMs}),
  n.lastError = $error, n.claimedUntil = null, n.claimedBy = null
RETURN n.attempts AS attempts`,
    params: { id, token, delayMs: neo4j.int(delayMs), error },
  };
}

/** Gives leased notifications back unattempted (the claim ran short of its lease). */
export function releaseNotifications(ids: readonly string[], token: string): CypherQuery {
  return {
    cypher: `MATCH (n:Notification) WHERE n.id IN $ids AND n.claimedBy = $token
SET n.claimedUntil = null, n.claimedBy = null`,
    params: { ids, token },
  };
}

/** The notifications created in the last `$windowMs` (the feed of new ones, see NotificationFeed). */
export function recentNotifications(windowMs: number): CypherQuery {
  return {
    cypher: `MATCH (n:Notification) WHERE n.createdAt >= datetime() - duration({milliseconds: $windowMs})
RETURN ${NOTIFICATION_PROJECTION} AS notification
ORDER BY n.createdAt, n.id`,
    params: { windowMs: neo4j.int(windowMs) },
  };
}
