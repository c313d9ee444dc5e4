import type { AuthUser } from '../auth/auth.types';
import { Role } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { Language } from '../common/language';
import { decodeCursor, encodeCursor } from '../common/pagination';
import type { MatchingService } from '../matching/matching.service';
import type { PartnerSuggestion } from '../matching/matching.types';
import { abortable, exchangeEventStream, type StreamLimits } from './event-stream';
import type { ExchangeEventBus } from './exchange-bus';
import type { ExchangeEvent, ExchangeEventStore } from './exchange-events';

/** What the streams need to know about an exchange and who is present. */
export interface ExchangePresence {
  findExchangeStatus(exchangeId: string): Promise<'DRAFT' | 'OPEN' | 'CLOSED' | null>;
  isPresent(exchangeId: string, partnerId: string): Promise<boolean>;
  presentPartnerIds(exchangeId: string): Promise<string[]>;
}

/** Scope of exchange-activity cursors: a cursor names its exchange and a sequence number. */
const CURSOR_SCOPE = 'exchangeActivity';

/** The cursor of an event: opaque to clients, hands back `sequence` for `after`. */
export function activityCursor(event: Pick<ExchangeEvent, 'exchangeId' | 'sequence'>): string {
  return encodeCursor(CURSOR_SCOPE, [event.sequence, event.exchangeId]);
}

/**
 * The sequence number an `after` cursor stands for.
 * @throws BAD_USER_INPUT for a malformed cursor or one of another exchange
 */
export function sequenceAfter(exchangeId: string, cursor: string | null | undefined): number {
  if (cursor == null) return 0;
  const [sequence, cursorExchange] = decodeCursor(CURSOR_SCOPE, cursor, 'after');
  if (cursorExchange !== exchangeId || !Number.isInteger(sequence) || Number(sequence) < 0) {
    throw userError(ErrorCode.BAD_USER_INPUT, 'expected after to be a cursor of this exchange', {
      argument: 'after',
    });
  }
  return Number(sequence);
}

/**
 * Who may see an event: coordinators everything; partners public events and those addressed to
 * them (an interest its target, a match both partners).
 */
export function canSee(user: AuthUser, event: ExchangeEvent): boolean {
  if (user.role === Role.COORDINATOR) return true;
  return event.audience === null || event.audience.includes(user.partnerId ?? '');
}

/** Whether a consumer's stream ends with this event: the exchange closed, or the partner left. */
export function endsStream(user: AuthUser, event: ExchangeEvent): boolean {
  if (event.type === 'EXCHANGE_CLOSED') return true;
  return (
    user.role !== Role.COORDINATOR &&
    event.type === 'CHECKED_OUT' &&
    event.payload.partnerId === user.partnerId
  );
}

/** The live streams of exchanges: activity (replay + live) and a partner's live suggestions. */
export class ExchangeStreamService {
  constructor(
    private readonly bus: ExchangeEventBus,
    private readonly store: ExchangeEventStore,
    private readonly presence: ExchangePresence,
    private readonly matching: MatchingService,
    private readonly limits: Partial<StreamLimits> = {},
  ) {}

  /**
   * The events of an exchange after `after` (a cursor), then live; ends when the exchange closes
   * or the partner checks out.
   * @throws UNAUTHENTICATED without a token, NOT_FOUND for an unknown exchange, FORBIDDEN for a
   * partner not checked in, BAD_USER_INPUT for a foreign or malformed cursor
   */
  async activity(
    exchangeId: string,
    after: string | null | undefined,
    user: AuthUser | null,
  ): Promise<AsyncIterableIterator<ExchangeEvent>> {
    const subscriber = await this.assertSubscriber(exchangeId, user);
    return exchangeEventStream({
      exchangeId,
      after: sequenceAfter(exchangeId, after),
      bus: this.bus,
      read: this.store.after,
      visible: (event) => canSee(subscriber, event),
      ends: (event) => endsStream(subscriber, event),
      limits: this.limits,
    });
  }

  /**
   * The partner's suggestions among the partners present now: first the current list, then a new
   * list whenever check-ins or check-outs change it (unchanged lists are not sent again).
   */
  async mySuggestions(
    exchangeId: string,
    first: number,
    user: AuthUser | null,
    language: Language,
  ): Promise<AsyncIterableIterator<PartnerSuggestion[]>> {
    const subscriber = await this.assertSubscriber(exchangeId, user);
    const partnerId = subscriber.partnerId;
    if (subscriber.role !== Role.PARTNER || !partnerId) {
      throw userError(ErrorCode.FORBIDDEN, 'Only a partner has suggestions of its own.');
    }
    // Only what happens from now on can change the list.
    const latest = await this.store.latest(exchangeId);
    const events = exchangeEventStream({
      exchangeId,
      after: latest,
      bus: this.bus,
      read: this.store.after,
      visible: () => true,
      ends: (event) => endsStream(subscriber, event),
      limits: this.limits,
    });
    const compute = async () =>
      this.matching.suggestAmong(
        partnerId,
        await this.presence.presentPartnerIds(exchangeId),
        first,
        { user: subscriber, language },
      );
    return abortable(async function* (signal) {
      signal.addEventListener('abort', () => void events.return?.());
      let last = await compute();
      yield last;
      for await (const event of events) {
        if (event.type !== 'CHECKED_IN' && event.type !== 'CHECKED_OUT') continue;
        const next = await compute();
        if (sameList(next, last)) continue;
        last = next;
        yield next;
      }
    });
  }

  /** Subscribers are coordinators and partners checked in to the exchange. */
  private async assertSubscriber(exchangeId: string, user: AuthUser | null): Promise<AuthUser> {
    if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This subscription needs a token.');
    const status = await this.presence.findExchangeStatus(exchangeId);
    if (status === null) {
      throw userError(ErrorCode.NOT_FOUND, `expected exchange ${exchangeId} to exist`, {
        argument: 'exchangeId',
      });
    }
    if (user.role === Role.COORDINATOR) return user;
    if (!user.partnerId || !(await this.presence.isPresent(exchangeId, user.partnerId))) {
      throw userError(
        ErrorCode.FORBIDDEN,
        'Only coordinators and partners checked in to this exchange may follow it.',
      );
    }
    return user;
  }
}

/** Two suggestion lists are the same when they name the same partners with the same scores. */
function sameList(a: readonly PartnerSuggestion[], b: readonly PartnerSuggestion[]): boolean {
  const key = (list: readonly PartnerSuggestion[]) =>
    list.map((s) => `${s.partnerId}:${s.score}`).join();
  return key(a) === key(b);
}
