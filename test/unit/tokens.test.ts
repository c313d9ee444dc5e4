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

describe('createTokenVerifier: lifetime and partner checks', () => {
  const sign = (claims: Record<string, unknown>, exp?: number | string, iat?: number) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x');
    if (iat !== undefined) jwt.setIssuedAt(iat);
    else jwt.setIssuedAt();
    if (exp !== undefined) jwt.setExpirationTime(exp);
    return jwt.sign(key);
  };

  it('should refuse a token without exp with UNAUTHENTICATED', async () => {
    expect(await refusal(await sign({ role: 'COORDINATOR' }))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The token was refused: expected an exp claim (tokens must expire).',
    });
  });

  it('should refuse a token that lives longer than the maximum lifetime', async () => {
    const strict = createTokenVerifier(
      { mode: 'secret', secret: SECRET },
      { maxLifetimeSeconds: 3_600 },
    );
    const long = await sign({ role: 'COORDINATOR' }, '2h');
    await expect(strict(long)).rejects.toMatchObject({
      message: expect.stringMatching(/expected a lifetime of at most 3600 s, got 7200 s/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(strict(await sign({ role: 'COORDINATOR' }, '1h'))).resolves.toMatchObject({
      role: 'COORDINATOR',
    });
  });

  it('should refuse a year-long token by the 24 h default', async () => {
    expect((await refusal(await sign({ role: 'COORDINATOR' }, '365d'))).message).toMatch(
      /at most 86400 s/,
    );
  });

  describe('partner standing', () => {
    const now = Math.floor(Date.now() / 1000);
    const standing = async (partnerId: string) =>
      partnerId === 'p-known'
        ? { tokensValidAfter: null }
        : partnerId === 'p-revoked'
          ? { tokensValidAfter: now }
          : null;
    const checked = createTokenVerifier(
      { mode: 'secret', secret: SECRET },
      { partnerStanding: standing },
    );

    it('should refuse a token for a partner that does not exist', async () => {
      const token = await signDevelopmentToken(SECRET, {
        role: Role.PARTNER,
        partnerId: 'p-forged',
      });
      await expect(checked(token)).rejects.toMatchObject({
        message: 'The token was refused: expected a known partner, got p-forged.',
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    });

    it('should accept a token for a known partner', async () => {
      const token = await signDevelopmentToken(SECRET, {
        role: Role.PARTNER,
        partnerId: 'p-known',
      });
      await expect(checked(token)).resolves.toMatchObject({ partnerId: 'p-known' });
    });

    it('should refuse a token issued before the partner tokensValidAfter, accept a later one', async () => {
      const before = await sign({ role: 'PARTNER', partnerId: 'p-revoked' }, '1h', now - 10);
      await expect(checked(before)).rejects.toMatchObject({
        message: expect.stringMatching(/revoked/),
      });
      const after = await sign({ role: 'PARTNER', partnerId: 'p-revoked' }, now + 3_600, now);
      await expect(checked(after)).resolves.toMatchObject({ partnerId: 'p-revoked' });
    });
  });
});
