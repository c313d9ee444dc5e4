import { Admission, EXPENSIVE_COST } from '../../src/limits/admission';

const anonymous = { identity: 'ip:192.0.2.1', anonymous: true };
const partner = { identity: 'user:partner:p-1', anonymous: false };
const settings = {
  publicMaxCost: 20_000,
  publicCostPerMinute: 50_000,
  expensiveInFlight: 2,
  refusalsBeforeHoldBack: 3,
};

describe('admission', () => {
  it('should give anonymous callers the lower cost limit and everyone else the static one', () => {
    const admission = new Admission(settings);
    expect(admission.maxCost(anonymous, 500_000)).toBe(20_000);
    expect(admission.maxCost(partner, 500_000)).toBe(500_000);
  });

  it('should refuse an anonymous address over its budget per minute, and refill it after a minute', () => {
    let now = 0;
    const admission = new Admission(settings, () => now);
    expect(admission.admit(anonymous, 30_000).admitted).toBe(true);
    const refused = admission.admit(anonymous, 30_000);
    expect(refused.admitted).toBe(false);
    if (refused.admitted) return;
    expect(refused.refusal.extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 60,
    });
    expect(admission.admit({ ...anonymous, identity: 'ip:192.0.2.2' }, 30_000).admitted).toBe(true);
    now = 60_000;
    expect(admission.admit(anonymous, 30_000).admitted).toBe(true);
  });

  it('should let a caller run at most two expensive operations at once, cheap ones always', () => {
    const admission = new Admission(settings);
    const first = admission.admit(partner, EXPENSIVE_COST);
    const second = admission.admit(partner, 50_000);
    expect(first.admitted && second.admitted).toBe(true);
    const third = admission.admit(partner, EXPENSIVE_COST);
    expect(third.admitted).toBe(false);
    expect(admission.admit(partner, EXPENSIVE_COST - 1).admitted).toBe(true);
    if (first.admitted) {
      first.release();
      first.release(); // twice is harmless
    }
    expect(admission.admit(partner, EXPENSIVE_COST).admitted).toBe(true);
    expect(admission.admit(partner, EXPENSIVE_COST).admitted).toBe(false);
  });

  it('should hold back an anonymous address refused three times within 10 s, and free it after', () => {
    let now = 0;
    const admission = new Admission(settings, () => now);
    admission.noteRefusal(partner);
    admission.noteRefusal(partner);
    admission.noteRefusal(partner);
    expect(admission.holdsBack(partner.identity)).toBe(false);
    admission.noteRefusal(anonymous);
    now = 5_000;
    admission.noteRefusal(anonymous);
    expect(admission.holdsBack(anonymous.identity)).toBe(false);
    admission.noteRefusal(anonymous);
    expect(admission.holdsBack(anonymous.identity)).toBe(true);
    now = 10_001;
    expect(admission.holdsBack(anonymous.identity)).toBe(false);
  });
});
