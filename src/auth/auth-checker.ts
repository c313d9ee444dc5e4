import type { AuthChecker } from 'type-graphql';
import { ErrorCode, userError } from '../common/errors';
import type { RequestContext } from '../context';
import { type AuthUser, Role } from './auth.types';

/**
 * The one check behind `@Authorized(...)`: no token → UNAUTHENTICATED; a token whose role is not
 * among the listed ones → FORBIDDEN. Finer rules ("the partner itself") live in the services,
 * via {@link assertSelfOrCoordinator}.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  const user = context.user;
  if (!user) {
    throw userError(
      ErrorCode.UNAUTHENTICATED,
      'This operation needs a token (Authorization: Bearer ...).',
    );
  }
  if (roles.length > 0 && !roles.includes(user.role)) {
    throw userError(
      ErrorCode.FORBIDDEN,
      `This operation is for ${roles.join(' or ')}, not ${user.role}.`,
    );
  }
  return true;
};

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
