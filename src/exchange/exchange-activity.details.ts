import type { ActivityDetails } from './exchange-activity.types';
import type { ExchangeEvent } from './exchange-events';
import { ExchangeStatus, PostKind } from './exchange.types';

/**
 * The typed details of a stored event, from its JSON payload. Events are stored as they were
 * written, so a missing key reads as `null` (or `''` for the ids every writer sets) rather than
 * failing the whole stream.
 */
export function toActivityDetails(event: ExchangeEvent): ActivityDetails {
  const { payload } = event;
  const text = (key: string): string | null => {
    const value = payload[key];
    return typeof value === 'string' ? value : null;
  };
  const id = (key: string): string => text(key) ?? '';
  const count = (key: string): number => {
    const value = payload[key];
    return typeof value === 'number' ? value : 0;
  };
  switch (event.type) {
    case 'EXCHANGE_OPENED':
    case 'EXCHANGE_CLOSED':
      return {
        type: event.type,
        status: (text('status') as ExchangeStatus | null) ?? statusAfter(event.type),
        eventId: text('eventId'),
      };
    case 'CHECKED_IN':
    case 'CHECKED_OUT':
      return { type: event.type, partnerId: id('partnerId') };
    case 'POST_CREATED':
    case 'POST_WITHDRAWN':
      return {
        type: event.type,
        postId: id('postId'),
        partnerId: id('partnerId'),
        kind: (text('kind') as PostKind | null) ?? PostKind.OFFER,
      };
    case 'INTEREST_EXPRESSED':
      return {
        type: event.type,
        partnerId: id('partnerId'),
        targetPartnerId: id('targetPartnerId'),
        postId: text('postId'),
      };
    case 'MATCH':
      // The target was interested first, so it comes first, as in the match itself.
      return {
        type: event.type,
        matchId: id('matchId'),
        partnerIds: [id('targetPartnerId'), id('partnerId')],
      };
    case 'COOPERATION_PROPOSED':
      return {
        type: event.type,
        matchId: id('matchId'),
        cooperationId: id('cooperationId'),
        partnerId: id('partnerId'),
        targetPartnerId: id('targetPartnerId'),
      };
    case 'MEETING_PLAN_PUBLISHED':
      return {
        type: event.type,
        rounds: count('rounds'),
        tableSize: count('tableSize'),
        score: count('score'),
        partnerCount: count('partnerCount'),
      };
    default:
      return unreachable(event.type);
  }
}

function statusAfter(type: 'EXCHANGE_OPENED' | 'EXCHANGE_CLOSED'): ExchangeStatus {
  return type === 'EXCHANGE_OPENED' ? ExchangeStatus.OPEN : ExchangeStatus.CLOSED;
}

/** Compiles only when every event type has a case above. */
function unreachable(type: never): never {
  throw new Error(`unknown exchange event type ${String(type)}`);
}
