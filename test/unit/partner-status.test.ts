import {
  nextStatus,
  PARTNER_TRANSITIONS,
  PartnerTransition,
} from '../../src/partners/partner-status';
import { PartnerStatus } from '../../src/partners/partner.types';

const { APPLIED, ACTIVE, PAUSED, LEFT } = PartnerStatus;
const { ADMIT, PAUSE, REACTIVATE, LEAVE } = PartnerTransition;

describe('partner status machine', () => {
  it.each([
    [APPLIED, ADMIT, ACTIVE],
    [ACTIVE, PAUSE, PAUSED],
    [PAUSED, REACTIVATE, ACTIVE],
    [ACTIVE, LEAVE, LEFT],
    [PAUSED, LEAVE, LEFT],
  ])('should allow %s --%s--> %s', (from, transition, to) => {
    expect(nextStatus(from, transition)).toEqual({ ok: true, to });
  });

  const allowed = new Set(
    Object.entries(PARTNER_TRANSITIONS).flatMap(([t, rule]) => rule.from.map((s) => `${s}/${t}`)),
  );
  const forbidden = Object.values(PartnerStatus)
    .flatMap((status) => Object.values(PartnerTransition).map((t) => [status, t] as const))
    .filter(([status, t]) => !allowed.has(`${status}/${t}`));

  it('should have exactly the five allowed transitions', () => {
    expect(allowed.size).toBe(5);
    expect(forbidden).toHaveLength(11);
  });

  it.each(forbidden)('should refuse %s with %s, naming the current status', (status, t) => {
    const result = nextStatus(status, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.currentStatus).toBe(status);
    expect(result.message).toMatch(new RegExp(`^expected status .+ for ${t}, got ${status}$`));
  });

  it('should never leave LEFT', () => {
    for (const t of Object.values(PartnerTransition)) expect(nextStatus(LEFT, t).ok).toBe(false);
  });

  it('should phrase the refusal as "expected X, got Y"', () => {
    expect(nextStatus(ACTIVE, ADMIT)).toEqual({
      ok: false,
      currentStatus: ACTIVE,
      message: 'expected status APPLIED for admitPartner, got ACTIVE',
    });
    expect(nextStatus(APPLIED, LEAVE)).toMatchObject({
      message: 'expected status ACTIVE or PAUSED for recordPartnerLeft, got APPLIED',
    });
  });
});
