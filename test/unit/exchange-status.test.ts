import { Role } from '../../src/auth/auth.types';
import { ErrorCode } from '../../src/common/errors';
import {
  assertOpen,
  assertPresent,
  EXCHANGE_TRANSITIONS,
  ExchangeTransition,
  nextExchangeStatus,
  proposalLead,
} from '../../src/exchange/exchange.checks';
import { type ExchangeMatch, ExchangeStatus } from '../../src/exchange/exchange.types';

const { DRAFT, OPEN, CLOSED } = ExchangeStatus;
const { OPEN: OPEN_IT, CLOSE } = ExchangeTransition;

/** The error code a function throws, or undefined when it does not throw. */
function codeOf(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code;
  }
}

describe('exchange status machine', () => {
  it.each([
    [DRAFT, OPEN_IT, OPEN],
    [OPEN, CLOSE, CLOSED],
  ])('should allow %s --%s--> %s', (from, transition, to) => {
    expect(nextExchangeStatus(from, transition)).toEqual({ ok: true, to });
  });

  const forbidden = Object.values(ExchangeStatus)
    .flatMap((status) => Object.values(ExchangeTransition).map((t) => [status, t] as const))
    .filter(([status, t]) => EXCHANGE_TRANSITIONS[t].from !== status);

  it('should have exactly the two allowed transitions', () => {
    expect(forbidden).toHaveLength(4);
  });

  it.each(forbidden)('should refuse %s with %s, naming the current status', (status, t) => {
    const result = nextExchangeStatus(status, t);
    expect(result).toMatchObject({ ok: false, currentStatus: status });
    if (result.ok) return;
    expect(result.message).toBe(
      `expected status ${EXCHANGE_TRANSITIONS[t].from} for ${t}, got ${status}`,
    );
  });

  it('should never reopen a closed exchange', () => {
    expect(nextExchangeStatus(CLOSED, OPEN_IT).ok).toBe(false);
  });
});

describe('exchange checks', () => {
  it.each([DRAFT, CLOSED])('should refuse actions in a %s exchange with CONFLICT', (status) => {
    expect(codeOf(() => assertOpen(status, 'x-1'))).toBe(ErrorCode.CONFLICT);
  });

  it('should allow actions in an OPEN exchange', () => {
    expect(codeOf(() => assertOpen(OPEN, 'x-1'))).toBeUndefined();
  });

  it('should refuse partners not checked in with CONFLICT', () => {
    expect(codeOf(() => assertPresent(false, 'p-1', 'x-1'))).toBe(ErrorCode.CONFLICT);
  });

  const match: ExchangeMatch = {
    id: 'm-1',
    exchangeId: 'x-1',
    partnerIds: ['p-first', 'p-second'],
    createdAt: '2024-01-01T10:00:00Z',
    cooperationId: null,
  };
  const partner = (partnerId: string) => ({ subject: partnerId, role: Role.PARTNER, partnerId });
  const coordinator = { subject: 'office', role: Role.COORDINATOR };

  it('should let either matched partner propose and lead', () => {
    expect(proposalLead(partner('p-second'), match)).toBe('p-second');
    expect(proposalLead(partner('p-first'), match)).toBe('p-first');
  });

  it('should let a coordinator propose, led by who was interested first', () => {
    expect(proposalLead(coordinator, match)).toBe('p-first');
  });

  it('should refuse other partners with FORBIDDEN', () => {
    expect(codeOf(() => proposalLead(partner('p-other'), match))).toBe(ErrorCode.FORBIDDEN);
  });

  it('should refuse a second proposal with CONFLICT', () => {
    const proposed = { ...match, cooperationId: 'c-1' };
    expect(codeOf(() => proposalLead(coordinator, proposed))).toBe(ErrorCode.CONFLICT);
  });
});
