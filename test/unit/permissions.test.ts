import { actorRefusal } from '../../src/auth/permissions';

describe('the actor rule', () => {
  it('should let an ACTIVE partner act, and an APPLIED one only where the operation allows it', () => {
    expect(actorRefusal('p-1', 'ACTIVE', false)).toBeNull();
    expect(actorRefusal('p-1', 'APPLIED', true)).toBeNull();
    expect(actorRefusal('p-1', 'APPLIED', false)?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      partnerStatus: 'APPLIED',
    });
  });

  it.each(['PAUSED', 'LEFT'])(
    'should refuse a %s partner with FORBIDDEN naming the status',
    (status) => {
      const refusal = actorRefusal('p-1', status, true);
      expect(refusal?.extensions?.code).toBe('FORBIDDEN');
      expect(refusal?.message).toBe(
        `expected your partner p-1 to be ACTIVE or APPLIED, but it is ${status}`,
      );
    },
  );

  it('should refuse a partner that does not exist', () => {
    expect(actorRefusal('p-gone', null, false)?.message).toMatch(/but it does not exist$/);
  });
});
