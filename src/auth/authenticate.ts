import { ErrorCode, HTTP_STATUS, userError } from '../common/errors';
import type { AuthUser } from './auth.types';
import type { TokenVerifier } from './tokens';

/**
 * Reads the caller from an `Authorization` header value or WebSocket connection parameter.
 *
 * @returns `null` when there is no token (PUBLIC)
 * @throws UNAUTHENTICATED when a token is given but malformed, expired or wrongly signed
 */
export async function authenticate(
  verify: TokenVerifier,
  authorization: unknown,
): Promise<AuthUser | null> {
  if (authorization === undefined || authorization === null || authorization === '') return null;
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!match?.[1]) {
    throw userError(ErrorCode.UNAUTHENTICATED, 'expected "Bearer <token>", got something else', {
      http: { status: HTTP_STATUS[ErrorCode.UNAUTHENTICATED] },
    });
  }
  return verify(match[1]);
}
