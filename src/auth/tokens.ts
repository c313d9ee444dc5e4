import { createRemoteJWKSet, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { ErrorCode, HTTP_STATUS, userError } from '../common/errors';
import { type AuthUser, Role } from './auth.types';

// jose 5 rather than 6: jose 6 is published as ES modules only, and this project compiles to
// CommonJS for type-graphql's decorator metadata.

/** How tokens are checked: a local HS256 secret, or an identity provider's JWKS. */
export type TokenVerification =
  | { mode: 'secret'; secret: string; issuer?: string; audience?: string }
  | { mode: 'jwks'; jwksUrl: string; issuer: string; audience: string };

/** Checks a bearer token and returns its user; throws UNAUTHENTICATED otherwise. */
export type TokenVerifier = (token: string) => Promise<AuthUser>;

const unauthenticated = (reason: string) =>
  userError(ErrorCode.UNAUTHENTICATED, `The token was refused: ${reason}.`, {
    http: { status: HTTP_STATUS[ErrorCode.UNAUTHENTICATED] },
  });

/**
 * Turns verified claims into a user.
 *
 * @throws UNAUTHENTICATED naming the missing or bad claim
 */
export function userFromClaims(claims: JWTPayload): AuthUser {
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    throw unauthenticated('expected a sub claim');
  }
  const role = claims.role;
  if (role !== Role.PARTNER && role !== Role.COORDINATOR) {
    throw unauthenticated(`expected role PARTNER or COORDINATOR, got ${JSON.stringify(role)}`);
  }
  const partnerId = claims.partnerId;
  if (role === Role.PARTNER && (typeof partnerId !== 'string' || partnerId === '')) {
    throw unauthenticated('expected a partnerId claim for role PARTNER');
  }
  return {
    subject: claims.sub,
    role,
    partnerId: role === Role.PARTNER ? (partnerId as string) : undefined,
    expiresAt: claims.exp,
  };
}

/**
 * Makes the verifier for a configuration. Only the expected algorithms are accepted (HS256 for
 * the local secret; the provider's asymmetric algorithms for JWKS), so `alg: none` and algorithm
 * confusion are refused; expiry and not-before are checked with 5 s of clock tolerance.
 */
export function createTokenVerifier(verification: TokenVerification): TokenVerifier {
  const options = {
    issuer: verification.issuer,
    audience: verification.audience,
    clockTolerance: 5,
  };
  let verify: (token: string) => Promise<{ payload: JWTPayload }>;
  if (verification.mode === 'secret') {
    const secret = new TextEncoder().encode(verification.secret);
    verify = (token) => jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
  } else {
    const jwks = createRemoteJWKSet(new URL(verification.jwksUrl));
    verify = (token) =>
      jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'PS256', 'ES256'] });
  }
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw unauthenticated(expired ? 'it has expired' : 'it is malformed or wrongly signed');
    }
    return userFromClaims(payload);
  };
}

/** Claims of a development token. */
export interface DevelopmentTokenClaims {
  role: Role;
  partnerId?: string;
  subject?: string;
  /** Lifetime, e.g. `8h` or `30s`. @default '8h' */
  expiresIn?: string;
}

/** Signs a token with the local secret (development, tests, `npm run token`). */
export function signDevelopmentToken(
  secret: string,
  claims: DevelopmentTokenClaims,
): Promise<string> {
  const subject =
    claims.subject ?? (claims.partnerId ? `partner:${claims.partnerId}` : 'coordinator');
  const payload: JWTPayload = { role: claims.role };
  if (claims.partnerId) payload.partnerId = claims.partnerId;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(secret));
}
