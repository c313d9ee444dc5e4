import { toActivityDetails } from '../../src/exchange/exchange-activity.details';
import { DETAILS_TYPES, ExchangeActivityType } from '../../src/exchange/exchange-activity.types';
import type { ExchangeEvent, ExchangeEventType } from '../../src/exchange/exchange-events';
import { matchNotifications } from '../../src/exchange/exchange-interest.service';
import { toActivity } from '../../src/exchange/exchange.subscriptions';

const event = (type: ExchangeEventType, payload: Record<string, unknown>): ExchangeEvent => ({
  exchangeId: 'x-1',
  sequence: 7,
  type,
  at: '2026-03-10T10:00:00.000Z',
  actorId: null,
  audience: null,
  payload,
});

describe('toActivityDetails', () => {
  it.each<[ExchangeEventType, Record<string, unknown>, Record<string, unknown>]>([
    ['EXCHANGE_OPENED', { status: 'OPEN', eventId: 'e-1' }, { status: 'OPEN', eventId: 'e-1' }],
    ['EXCHANGE_CLOSED', { eventId: null }, { status: 'CLOSED', eventId: null }],
    ['CHECKED_IN', { partnerId: 'p-1' }, { partnerId: 'p-1' }],
    ['CHECKED_OUT', { partnerId: 'p-1' }, { partnerId: 'p-1' }],
    [
      'POST_CREATED',
      { postId: 'post-1', partnerId: 'p-1', kind: 'NEED' },
      { postId: 'post-1', partnerId: 'p-1', kind: 'NEED' },
    ],
    [
      'POST_WITHDRAWN',
      { postId: 'post-1', partnerId: 'p-1', kind: 'OFFER' },
      { postId: 'post-1', partnerId: 'p-1', kind: 'OFFER' },
    ],
    [
      'INTEREST_EXPRESSED',
      { partnerId: 'p-1', targetPartnerId: 'p-2', postId: null },
      { partnerId: 'p-1', targetPartnerId: 'p-2', postId: null },
    ],
    // The target was interested first: it comes first, as in the match.
    [
      'MATCH',
      { partnerId: 'p-1', targetPartnerId: 'p-2', matchId: 'm-1' },
      { matchId: 'm-1', partnerIds: ['p-2', 'p-1'] },
    ],
    [
      'COOPERATION_PROPOSED',
      { matchId: 'm-1', cooperationId: 'c-1', partnerId: 'p-1', targetPartnerId: 'p-2' },
      { matchId: 'm-1', cooperationId: 'c-1', partnerId: 'p-1', targetPartnerId: 'p-2' },
    ],
    [
      'MEETING_PLAN_PUBLISHED',
      { rounds: 3, tableSize: 4, score: 12.5, partnerCount: 11 },
      { rounds: 3, tableSize: 4, score: 12.5, partnerCount: 11 },
    ],
  ])('should type %s', (type, payload, expected) => {
    expect(toActivityDetails(event(type, payload))).toEqual({ type, ...expected });
  });

  it('should have one union member per activity type, named after it', () => {
    expect(Object.keys(DETAILS_TYPES).sort()).toEqual(Object.values(ExchangeActivityType).sort());
    for (const Type of Object.values(DETAILS_TYPES)) expect(Type.name).toMatch(/^Exchange/);
  });

  it('should keep the deprecated data as the JSON payload beside the details', () => {
    const activity = toActivity(event('CHECKED_IN', { partnerId: 'p-1' }));
    expect(activity).toMatchObject({
      type: 'CHECKED_IN',
      partnerId: 'p-1',
      details: { type: 'CHECKED_IN', partnerId: 'p-1' },
      data: '{"partnerId":"p-1"}',
    });
  });
});

describe('matchNotifications', () => {
  it('should tell each partner of the match about the other', () => {
    expect(matchNotifications('m-1', ['p-1', 'p-2'])).toEqual([
      {
        partnerId: 'p-1',
        kind: 'EXCHANGE_MATCH',
        subjectId: 'm-1',
        otherPartnerId: 'p-2',
        text: null,
      },
      {
        partnerId: 'p-2',
        kind: 'EXCHANGE_MATCH',
        subjectId: 'm-1',
        otherPartnerId: 'p-1',
        text: null,
      },
    ]);
  });
});
