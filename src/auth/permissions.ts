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
