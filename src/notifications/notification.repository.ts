import neo4j from 'neo4j-driver';
import type { PageRequest, SortKey } from '../common/pagination';
import type { CypherExecutor, TransactionRunner } from '../db/executor';
import { keysetClause, type SortSpec, CursorValueType } from '../db/keyset';
import { fromNeo4j } from '../db/values';
import { NotificationKind } from './outbox';
import { NOTIFICATION_PROJECTION } from './outbox.queries';
import {
  type Notification,
  NotificationLanguage,
  type NotificationSettings,
} from './notification.types';

const NEWEST_FIRST: SortSpec = {
  expression: 'n.createdAt',
  valueType: CursorValueType.DATETIME,
  direction: 'DESC',
  id: 'n.id',
};

/** A partner's notifications, read by the partner. */
const OWN =
  'MATCH (n:Notification {partnerId: $partnerId}) WHERE ($unreadOnly = false OR n.readAt IS NULL)';

/** Every kind, in declaration order: the default of a partner that never chose. */
export const ALL_KINDS: readonly NotificationKind[] = Object.values(NotificationKind);

/** The in-app side of notifications and the partners' settings; all Cypher of the slice's reads. */
export class NotificationRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** One page of the partner's notifications, newest first (limit + 1 rows in request direction). */
  findPage(partnerId: string, unreadOnly: boolean, request: PageRequest) {
    const keyset = keysetClause(NEWEST_FIRST, request);
    return this.executor.read(
      {
        cypher: `${OWN}${keyset.where ? ` AND ${keyset.where}` : ''}
RETURN ${NOTIFICATION_PROJECTION} AS notification, toString(n.createdAt) AS sortValue
ORDER BY ${keyset.orderBy} LIMIT $limit`,
        params: { partnerId, unreadOnly, ...keyset.params, limit: neo4j.int(request.limit + 1) },
      },
      (r) => {
        const node = fromNeo4j<Notification>(r.get('notification'));
        return { node, key: [r.get('sortValue') as string, node.id] as SortKey };
      },
      'notifications',
    );
  }

  /** How many notifications the partner has (unread ones only, when asked). */
  async count(partnerId: string, unreadOnly: boolean): Promise<number> {
    const [total] = await this.executor.read(
      { cypher: `${OWN} RETURN count(n) AS total`, params: { partnerId, unreadOnly } },
      (r) => fromNeo4j<number>(r.get('total')),
      'notificationsCount',
    );
    return total ?? 0;
  }

  /**
   * Marks the partner's notifications read in the caller's transaction; already read ones keep
   * their first `readAt`. Returns them all, in the order of `ids`; ids that are not the partner's
   * are missing from the result.
   */
  async markRead(
    tx: TransactionRunner,
    partnerId: string,
    ids: readonly string[],
  ): Promise<Notification[]> {
    const rows = await tx.run(
      {
        cypher: `UNWIND range(0, size($ids) - 1) AS i
MATCH (n:Notification {id: $ids[i]}) WHERE n.partnerId = $partnerId
SET n.readAt = coalesce(n.readAt, datetime())
RETURN i, ${NOTIFICATION_PROJECTION} AS notification ORDER BY i`,
        params: { partnerId, ids },
      },
      (r) => fromNeo4j<Notification>(r.get('notification')),
    );
    return rows;
  }

  /** The partner's settings; `null` when the partner does not exist. */
  async settings(partnerId: string): Promise<NotificationSettings | null> {
    const [settings = null] = await this.executor.read(
      {
        cypher: `MATCH (p:Partner {id: $partnerId})
RETURN p.id AS partnerId, p.notifyLanguage AS language, p.notifyEmailKinds AS emailKinds,
  p.contactEmail IS NOT NULL AND trim(p.contactEmail) <> '' AS hasEmailAddress`,
        params: { partnerId },
      },
      (r) => toSettings(r.toObject()),
      'notificationSettings',
    );
    return settings;
  }

  /**
   * Erasure: the erased partner's notifications go (pending e-mails with them); others' notifications
   * that quote its words (a contact request's message) lose the quote.
   */
  async erase(tx: TransactionRunner, partnerId: string): Promise<void> {
    await tx.run(
      {
        cypher: `CALL () { MATCH (n:Notification {partnerId: $partnerId}) DETACH DELETE n }
CALL () { MATCH (n:Notification {otherPartnerId: $partnerId}) SET n.text = null }`,
        params: { partnerId },
      },
      () => null,
    );
  }

  /** Stores the partner's settings in the caller's transaction; `null` for an unknown partner. */
  async saveSettings(
    tx: TransactionRunner,
    partnerId: string,
    language: NotificationLanguage,
    emailKinds: readonly NotificationKind[],
  ): Promise<NotificationSettings | null> {
    const [settings = null] = await tx.run(
      {
        cypher: `MATCH (p:Partner {id: $partnerId})
SET p.notifyLanguage = $language, p.notifyEmailKinds = $emailKinds
RETURN p.id AS partnerId, p.notifyLanguage AS language, p.notifyEmailKinds AS emailKinds,
  p.contactEmail IS NOT NULL AND trim(p.contactEmail) <> '' AS hasEmailAddress`,
        params: { partnerId, language, emailKinds },
      },
      (r) => toSettings(r.toObject()),
    );
    return settings;
  }
}

/** Settings as stored, with the defaults (German, every kind) for a partner that never chose. */
function toSettings(row: Record<string, unknown>): NotificationSettings {
  const stored = fromNeo4j<{
    partnerId: string;
    language: string | null;
    emailKinds: string[] | null;
    hasEmailAddress: boolean;
  }>(row);
  return {
    partnerId: stored.partnerId,
    language: stored.language === 'EN' ? NotificationLanguage.EN : NotificationLanguage.DE,
    emailKinds: stored.emailKinds
      ? ALL_KINDS.filter((kind) => stored.emailKinds?.includes(kind))
      : [...ALL_KINDS],
    hasEmailAddress: stored.hasEmailAddress,
  };
}
