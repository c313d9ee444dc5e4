import type { AuthChecker } from 'type-graphql';
import { ErrorCode, userError } from '../common/errors';
import type { RequestContext } from '../context';
import type { Role } from './auth.types';

/**
 * The one check behind `@Authorized(...)`: no token → UNAUTHENTICATED; a token whose role is not
 * among the listed ones → FORBIDDEN. Finer rules ("the partner itself") live in the services,
 * via `assertSelfOrCoordinator` (./permissions).
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
