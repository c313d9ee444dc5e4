import { type AuthUser, Role } from '../auth/auth.types';
import { assertId } from '../common/checks';
import { ErrorCode, userError } from '../common/errors';
import { type ConnectionArgs, orderedConnection, type Page } from '../common/pagination';
import type { CypherExecutor } from '../db/executor';
import { runWrite } from '../db/write-unit';
import type { PartnerDeparture } from '../partners/partner-departures';
import { notificationStream, type NotificationFeed } from './notification-feed';
import type { NotificationRepository } from './notification.repository';
import type {
  Notification,
  NotificationSettings,
  NotificationSettingsInput,
} from './notification.types';

/** Notifications are always listed newest first. */
const NEWEST_FIRST = { field: 'CREATED_AT', direction: 'DESC' };

/** The most ids one `markNotificationsRead` takes. */
export const MAX_MARK_READ = 100;

/**
 * The calling partner, for what is personal: a partner's own notifications.
 *
 * @throws UNAUTHENTICATED without a token; FORBIDDEN for coordinators, whose tokens act for no
 *   partner (notifications are personal: coordinators see none)
 */
export function assertPartnerCaller(user: AuthUser | null): string {
  if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This operation needs a token.');
  if (user.role !== Role.PARTNER || !user.partnerId) {
    throw userError(
      ErrorCode.FORBIDDEN,
      'expected a partner’s token: notifications are personal, coordinators see none',
    );
  }
  return user.partnerId;
}

/**
 * Whose settings a caller means: a partner its own (another partner's id is FORBIDDEN), a
 * coordinator any partner, named by `partnerId` — so the office can change them for a partner
 * that asks by phone; the change is audited.
 *
 * @throws UNAUTHENTICATED without a token, FORBIDDEN for another partner, BAD_USER_INPUT for a
 *   coordinator without `partnerId`
 */
function settingsOwner(user: AuthUser | null, partnerId: string | null | undefined): string {
  if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This operation needs a token.');
  if (partnerId != null) assertId('partnerId', partnerId);
  if (user.role === Role.COORDINATOR) {
    if (partnerId == null) {
      throw userError(ErrorCode.BAD_USER_INPUT, 'expected partnerId for a coordinator, got none', {
        argument: 'partnerId',
      });
    }
    return partnerId;
  }
  const own = assertPartnerCaller(user);
  if (partnerId != null && partnerId !== own) {
    throw userError(ErrorCode.FORBIDDEN, 'Only the partner itself or a coordinator may do this.');
  }
  return own;
}

const unknownPartner = (partnerId: string) =>
  userError(ErrorCode.NOT_FOUND, `expected partner ${partnerId} to exist`, {
    argument: 'partnerId',
  });

/** The in-app side of notifications and the partners' e-mail settings. */
export class NotificationService {
  constructor(
    private readonly executor: CypherExecutor,
    private readonly repository: NotificationRepository,
    private readonly feed: NotificationFeed,
  ) {}

  /** After an erasure committed: the partner's notifications go, quotes of it are blanked. */
  async followUpDeparture({ partnerId, erased, by }: PartnerDeparture): Promise<void> {
    if (!erased) return;
    await runWrite(this.executor, { user: by, operation: 'erasePartner' }, async (tx) => {
      await this.repository.erase(tx, partnerId);
      return { result: null, ids: [partnerId], graphUnchanged: true };
    });
  }

  /** The calling partner's notifications, newest first. */
  notifications(
    user: AuthUser | null,
    args: ConnectionArgs,
    unreadOnly: boolean,
  ): Promise<Page<Notification>> {
    const partnerId = assertPartnerCaller(user);
    return orderedConnection('notifications', args, NEWEST_FIRST, {
      rows: (_order, request) => this.repository.findPage(partnerId, unreadOnly, request),
      count: () => this.repository.count(partnerId, unreadOnly),
    });
  }

  /**
   * Marks the caller's notifications read (a repeat changes nothing: `readAt` stays the first).
   *
   * @throws BAD_USER_INPUT for no or more than {@link MAX_MARK_READ} ids; NOT_FOUND (nothing
   *   marked) when an id is not one of the caller's notifications
   */
  async markRead(user: AuthUser | null, ids: readonly string[]): Promise<Notification[]> {
    const partnerId = assertPartnerCaller(user);
    if (ids.length < 1 || ids.length > MAX_MARK_READ) {
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        `expected 1-${MAX_MARK_READ} ids, got ${ids.length}`,
        { argument: 'ids' },
      );
    }
    ids.forEach((id) => assertId('ids', id));
    const unique = [...new Set(ids)];
    return runWrite(this.executor, { user, operation: 'markNotificationsRead' }, async (tx) => {
      const marked = await this.repository.markRead(tx, partnerId, unique);
      const missing = unique.filter((id) => !marked.some((n) => n.id === id));
      if (missing.length > 0) {
        throw userError(
          ErrorCode.NOT_FOUND,
          `expected notifications of yours, got unknown ids: ${missing.slice(0, 5).join(', ')}`,
          { argument: 'ids', missing },
        );
      }
      return { result: marked, ids: unique, graphUnchanged: true };
    });
  }

  /** The e-mail settings of the caller's partner (or, for coordinators, of `partnerId`). */
  async settings(
    user: AuthUser | null,
    partnerId: string | null | undefined,
  ): Promise<NotificationSettings> {
    const owner = settingsOwner(user, partnerId);
    const settings = await this.repository.settings(owner);
    if (!settings) throw unknownPartner(owner);
    return settings;
  }

  /** Stores what the partner wants by e-mail; a repeat with the same input changes nothing. */
  updateSettings(
    user: AuthUser | null,
    input: NotificationSettingsInput,
    partnerId: string | null | undefined,
  ): Promise<NotificationSettings> {
    const owner = settingsOwner(user, partnerId);
    return runWrite(
      this.executor,
      { user, operation: 'updateNotificationSettings', actor: 'activeOrApplied' },
      async (tx) => {
        const saved = await this.repository.saveSettings(tx, owner, input.language, [
          ...new Set(input.emailKinds),
        ]);
        if (!saved) throw unknownPartner(owner);
        return { result: saved, ids: [owner], graphUnchanged: true };
      },
    );
  }

  /** The caller's new notifications, live (`myNotifications`). */
  stream(user: AuthUser | null): Promise<AsyncIterableIterator<Notification>> {
    return notificationStream(this.feed, assertPartnerCaller(user));
  }
}
