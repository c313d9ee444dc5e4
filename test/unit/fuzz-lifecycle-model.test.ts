import type { ObservedResponse } from '../fuzz/checks';
import {
  actorVerdict,
  exchangeWriteVerdict,
  judge,
  type ModelPartner,
  type ModelStatus,
  tokenEnded,
  transitionVerdict,
  validAfterInStep,
} from '../fuzz/lifecycle-model';
import { dueCount } from '../fuzz/model-parts';

const partner = (status: ModelStatus, tokensValidAfter: number | null = null): ModelPartner => ({
  id: 'p-1',
  status,
  tokensValidAfter,
  checkedIn: false,
  postTexts: [],
});

const json = (body: unknown, status = 200): ObservedResponse => ({
  status,
  contentType: 'application/json',
  text: JSON.stringify(body),
});

describe('the lifecycle model of the fuzzer', () => {
  it('should end a token issued before tokensValidAfter, and only such', () => {
    expect(tokenEnded(99, 100)).toBe(true);
    expect(tokenEnded(100, 100)).toBe(false);
    expect(tokenEnded(5, null)).toBe(false);
  });

  it('should let only ACTIVE partners write, and APPLIED ones their own profile', () => {
    expect(actorVerdict(partner('ACTIVE'), 10, false)).toBeNull();
    expect(actorVerdict(partner('APPLIED'), 10, true)).toBeNull();
    expect(actorVerdict(partner('APPLIED'), 10, false)).toEqual({
      kind: 'forbidden',
      partnerStatus: 'APPLIED',
    });
    expect(actorVerdict(partner('PAUSED'), 10, true)).toEqual({
      kind: 'forbidden',
      partnerStatus: 'PAUSED',
    });
    // Erasure leaves a LEFT partner in the graph, and that is what the refusal names.
    expect(actorVerdict(partner('ERASED'), 10, true)).toEqual({
      kind: 'forbidden',
      partnerStatus: 'LEFT',
    });
  });

  it('should refuse an ended token before looking at the status', () => {
    expect(actorVerdict(partner('ACTIVE', 11), 10, false)).toEqual({ kind: 'unauthenticated' });
    expect(actorVerdict(partner('LEFT', 11), 11, false)).toEqual({
      kind: 'forbidden',
      partnerStatus: 'LEFT',
    });
  });

  it('should expect CONFLICT for a Börse write of a partner not checked in, after the actor rule', () => {
    expect(exchangeWriteVerdict(partner('ACTIVE'), 10, false)).toEqual({ kind: 'conflict' });
    expect(exchangeWriteVerdict(partner('ACTIVE'), 10, true)).toEqual({ kind: 'accepted' });
    expect(exchangeWriteVerdict(partner('PAUSED'), 10, false).kind).toBe('forbidden');
  });

  it('should follow the status machine and let erasure repeat', () => {
    expect(transitionVerdict('APPLIED', 'admit')).toEqual({
      expectation: { kind: 'accepted' },
      next: 'ACTIVE',
    });
    expect(transitionVerdict('ACTIVE', 'admit')).toEqual({
      expectation: { kind: 'conflict', currentStatus: 'ACTIVE' },
      next: 'ACTIVE',
    });
    expect(transitionVerdict('PAUSED', 'leave').next).toBe('LEFT');
    expect(transitionVerdict('ERASED', 'reactivate').expectation).toEqual({
      kind: 'conflict',
      currentStatus: 'LEFT',
    });
    expect(transitionVerdict('ERASED', 'erase')).toEqual({
      expectation: { kind: 'accepted' },
      next: 'ERASED',
    });
  });

  it('should accept tokensValidAfter only one second after a moment of the step', () => {
    expect(validAfterInStep(101, 100_500, 100_900)).toBe(true);
    expect(validAfterInStep(102, 100_500, 101_100)).toBe(true);
    expect(validAfterInStep(100, 100_500, 100_900)).toBe(false);
    expect(validAfterInStep(103, 100_500, 101_100)).toBe(false);
  });
});

describe('judging an answer against the model', () => {
  it('should want 401 over HTTP and a 4403 close over graphql-ws for an ended token', () => {
    const ended = { kind: 'unauthenticated' } as const;
    expect(judge(ended, json({ errors: [] }, 401), 'http', 'x')).toEqual([]);
    const closed: ObservedResponse = {
      status: 0,
      contentType: 'text/plain',
      text: 'Forbidden',
      wsEnd: { kind: 'closed', code: 4403, reason: 'Forbidden' },
    };
    expect(judge(ended, closed, 'ws', 'x')).toEqual([]);
    expect(judge(ended, json({ data: { x: { id: 1 } } }), 'http', 'x')[0]).toMatch(
      /expected an ended token refused.*got HTTP 200/,
    );
  });

  it('should want FORBIDDEN with the partner status, and no data', () => {
    const forbidden = { kind: 'forbidden', partnerStatus: 'LEFT' } as const;
    const refusal = (partnerStatus: string) =>
      json({ data: null, errors: [{ extensions: { code: 'FORBIDDEN', partnerStatus } }] });
    expect(judge(forbidden, refusal('LEFT'), 'http', 'x')).toEqual([]);
    expect(judge(forbidden, refusal('PAUSED'), 'ws', 'x')).toHaveLength(1);
    expect(judge(forbidden, json({ data: { x: { id: 1 } } }), 'http', 'x')).toHaveLength(1);
  });

  it('should want an acceptance to carry its root field and no errors', () => {
    const accepted = { kind: 'accepted' } as const;
    expect(judge(accepted, json({ data: { x: { id: 1 } } }), 'http', 'x')).toEqual([]);
    expect(judge(accepted, json({ data: { x: null } }), 'http', 'x')).toHaveLength(1);
    expect(judge(accepted, undefined, 'http', 'x')).toEqual(['expected acceptance, got no answer']);
  });

  it('should check the current status of a CONFLICT when the model names one', () => {
    const conflict = (currentStatus: string) =>
      json({ data: null, errors: [{ extensions: { code: 'CONFLICT', currentStatus } }] });
    expect(judge({ kind: 'conflict' }, conflict('OPEN'), 'http', 'x')).toEqual([]);
    expect(
      judge({ kind: 'conflict', currentStatus: 'LEFT' }, conflict('ACTIVE'), 'http', 'x'),
    ).toHaveLength(1);
  });
});

describe('spreading the lifecycle steps and races over a run', () => {
  it('should make the steps due in proportion to the operations, and all at the end', () => {
    expect(dueCount(40, 0.5)).toBe(20);
    expect(dueCount(3, 0.2)).toBe(0);
    expect(dueCount(3, 1)).toBe(3);
    expect(dueCount(0, 0.7)).toBe(0);
  });
});
