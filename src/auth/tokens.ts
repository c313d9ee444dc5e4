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

/**
 * What the graph says about the partner a PARTNER token names: `null` when no such partner
 * exists; otherwise `tokensValidAfter` (seconds since the epoch, set by erasure, leaving and
 * `revokePartnerTokens`): tokens issued before it are refused.
 */
export type PartnerTokenStanding = (
  partnerId: string,
) => Promise<{ tokensValidAfter: number | null } | null>;

/** Checks beyond the signature, the same for HTTP and WebSocket. */
export interface TokenVerifierOptions {
  /**
   * Longest lifetime a token may have, counted from `iat` (or from now when `iat` is missing).
   * Tokens without `exp` are always refused. @default 86_400 // 24 hours
   */
  maxLifetimeSeconds?: number;
  /** Looks up the partner of a PARTNER token; unset skips the check (unit tests, tools). */
  partnerStanding?: PartnerTokenStanding;
}

/** The default of {@link TokenVerifierOptions.maxLifetimeSeconds}: 24 hours. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 86_400;

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
    issuedAt: claims.iat,
  };
}

/**
 * Makes the verifier for a configuration. Only the expected algorithms are accepted (HS256 for
 * the local secret; the provider's asymmetric algorithms for JWKS), so `alg: none` and algorithm
 * confusion are refused; expiry and not-before are checked with 5 s of clock tolerance.
 */
export function createTokenVerifier(
  verification: TokenVerification,
  checks: TokenVerifierOptions = {},
): TokenVerifier {
  const maxLifetime = checks.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const options = {
    issuer: verification.issuer,
    audience: verification.audience,
    clockTolerance: 5,
    requiredClaims: ['exp'],
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
      const { code, claim } = error as { code?: string; claim?: string };
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'exp') {
        throw unauthenticated('expected an exp claim (tokens must expire)');
      }
      const expired = code === 'ERR_JWT_EXPIRED';
      throw unauthenticated(expired ? 'it has expired' : 'it is malformed or wrongly signed');
    }
    checkLifetime(payload, maxLifetime);
    const user = userFromClaims(payload);
    if (user.partnerId !== undefined && checks.partnerStanding) {
      const standing = await checks.partnerStanding(user.partnerId);
      if (standing === null)
        throw unauthenticated(`expected a known partner, got ${user.partnerId}`);
      if (tokenEndedBy(payload.iat, standing.tokensValidAfter)) {
        throw unauthenticated("it was revoked (issued before the partner's tokens were ended)");
      }
    }
    return user;
  };
}

/**
 * Whether a partner's `tokensValidAfter` ends a token issued at `issuedAt` (its `iat`, seconds):
 * issued before it, or without `iat` once any end was set. The verifier and the token sweep
 * (src/auth/token-sweep.ts) apply this one rule.
 */
export function tokenEndedBy(issuedAt: unknown, validAfter: number | null): boolean {
  return validAfter !== null && (typeof issuedAt !== 'number' || issuedAt < validAfter);
}

/**
 * Refuses a token whose `exp` lies further than `maxLifetime` seconds after its `iat` (or after
 * now, when `iat` is missing or in the future).
 */
function checkLifetime(payload: JWTPayload, maxLifetime: number): void {
  const now = Math.floor(Date.now() / 1000);
  const issued = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
  const exp = payload.exp as number;
  if (exp - issued > maxLifetime) {
    throw unauthenticated(`expected a lifetime of at most ${maxLifetime} s, got ${exp - issued} s`);
  }
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
