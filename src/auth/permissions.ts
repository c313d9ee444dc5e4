import type { GraphQLError } from 'graphql';
import { ErrorCode, userError } from '../common/errors';
import { type AuthUser, Role } from './auth.types';

/*
 * Who may act on whose data, apart from type-graphql's `@Authorized` (./auth-checker): services
 * call these, so the same rule holds on every path (HTTP, WebSocket, routes).
 */

/** Whether the user may see or change the partner's own data: a coordinator or that partner. */
export function isSelfOrCoordinator(user: AuthUser | null, partnerId: string): boolean {
  return (
    user?.role === Role.COORDINATOR || (user?.role === Role.PARTNER && user.partnerId === partnerId)
  );
}

/**
 * Refuses anyone but a coordinator or the partner itself.
 *
 * @throws UNAUTHENTICATED without a token, FORBIDDEN for another partner
 */
export function assertSelfOrCoordinator(user: AuthUser | null, partnerId: string): AuthUser {
  if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This operation needs a token.');
  if (!isSelfOrCoordinator(user, partnerId)) {
    throw userError(ErrorCode.FORBIDDEN, 'Only the partner itself or a coordinator may do this.');
  }
  return user;
}

/**
 * The one actor rule of every write by a PARTNER (checked by `runWrite` in the write's own
 * transaction): the caller's partner exists and is ACTIVE; APPLIED is enough where the operation
 * allows it (completing one's own profile before admission). A partner that left, was erased or
 * is paused acts no more, whatever its token says.
 *
 * @param status - the partner's status as the transaction read it; `null` when it does not exist
 * @returns the refusal, or `null` when the partner may act
 */
export function actorRefusal(
  partnerId: string,
  status: string | null,
  mayBeApplied: boolean,
): GraphQLError | null {
  const allowed = mayBeApplied ? ['ACTIVE', 'APPLIED'] : ['ACTIVE'];
  if (status !== null && allowed.includes(status)) return null;
  const got = status === null ? 'it does not exist' : `it is ${status}`;
  return userError(
    ErrorCode.FORBIDDEN,
    `expected your partner ${partnerId} to be ${allowed.join(' or ')}, but ${got}`,
    { partnerStatus: status },
  );
}
