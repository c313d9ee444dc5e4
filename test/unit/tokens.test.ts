import { SignJWT, UnsecuredJWT } from 'jose';
import { Role } from '../../src/auth/auth.types';
import { createTokenVerifier, signDevelopmentToken } from '../../src/auth/tokens';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';
const verify = createTokenVerifier({ mode: 'secret', secret: SECRET });
const key = new TextEncoder().encode(SECRET);

async function refusal(token: string): Promise<{ code?: unknown; message: string }> {
  try {
    await verify(token);
  } catch (error) {
    return {
      code: (error as { extensions?: { code?: unknown } }).extensions?.code,
      message: (error as Error).message,
    };
  }
  throw new Error('token accepted');
}

describe('createTokenVerifier', () => {
  it('should accept a coordinator token and a partner token with its partnerId', async () => {
    const coordinator = await verify(
      await signDevelopmentToken(SECRET, { role: Role.COORDINATOR }),
    );
    expect(coordinator).toMatchObject({
      subject: 'coordinator',
      role: 'COORDINATOR',
      partnerId: undefined,
    });
    const partner = await verify(
      await signDevelopmentToken(SECRET, { role: Role.PARTNER, partnerId: 'p-00007' }),
    );
    expect(partner).toMatchObject({ role: 'PARTNER', partnerId: 'p-00007' });
  });

  it('should refuse an expired token with UNAUTHENTICATED saying so', async () => {
    const token = await new SignJWT({ role: 'COORDINATOR' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    expect(await refusal(token)).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The token was refused: it has expired.',
    });
  });

  it('should refuse a token signed with another secret', async () => {
    const token = await signDevelopmentToken('another-secret-of-at-least-thirty-two-chars', {
      role: Role.COORDINATOR,
    });
    expect(await refusal(token)).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/wrongly signed/),
    });
  });

  it('should refuse an unsigned token (alg: none)', async () => {
    const token = new UnsecuredJWT({ role: 'COORDINATOR' })
      .setSubject('x')
      .setExpirationTime('1h')
      .encode();
    expect((await refusal(token)).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['no sub', { role: 'COORDINATOR' }, /expected a sub claim/],
    [
      'an unknown role',
      { sub: 'x', role: 'ADMIN' },
      /expected role PARTNER or COORDINATOR, got "ADMIN"/,
    ],
    ['a partner without partnerId', { sub: 'x', role: 'PARTNER' }, /expected a partnerId claim/],
  ])('should refuse a token with %s', async (_case, claims, message) => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(key);
    expect(await refusal(token)).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(message),
    });
  });

  it('should refuse garbage', async () => {
    expect((await refusal('not.a.token')).code).toBe('UNAUTHENTICATED');
  });
});
