import { GraphQLError } from 'graphql';
import { type AuthUser, Role } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { CooperationState, NamedPartner } from './cooperation-write.repository';
import { CooperationStatus } from './cooperation.types';

/** The mutations of a proposal's lifecycle, as their CONFLICT messages and audit entries name them. */
export type ProposalAction = 'confirmCooperation' | 'declineCooperation' | 'withdrawProposal';

/**
 * The status a caller is told: a DRAFT past its `expiresAt` is EXPIRED, even before the sweeper
 * wrote it (so a late confirmation never activates an expired proposal).
 */
export function effectiveStatus(state: CooperationState): CooperationStatus {
  return state.status === CooperationStatus.DRAFT && state.expired
    ? CooperationStatus.EXPIRED
    : state.status;
}

/**
 * Only an open proposal (a DRAFT, not yet expired) can be confirmed, declined or withdrawn.
 *
 * @throws CONFLICT naming the current status (`extensions.currentStatus`)
 */
export function assertOpenProposal(state: CooperationState, action: ProposalAction): void {
  const status = effectiveStatus(state);
  if (status === CooperationStatus.DRAFT) return;
  throw userError(ErrorCode.CONFLICT, `expected status DRAFT for ${action}, got ${status}`, {
    currentStatus: status,
    cooperationId: state.id,
  });
}

/**
 * Confirming and declining are a named partner's own decision: coordinators do not decide on a
 * partner's behalf.
 *
 * @returns the caller's place in the cooperation
 * @throws FORBIDDEN for coordinators and for partners not named in it
 */
export function assertNamedPartner(
  user: AuthUser,
  state: CooperationState,
  action: ProposalAction,
): NamedPartner {
  const named = state.participants.find((p) => p.id === user.partnerId);
  if (user.role === Role.PARTNER && named) return named;
  const ids = state.participants.map((p) => p.id).join(', ');
  throw userError(
    ErrorCode.FORBIDDEN,
    user.role === Role.COORDINATOR
      ? `expected one of the named partners (${ids}) of ${state.id} for ${action}, got a coordinator: partners decide for themselves`
      : `expected one of the named partners (${ids}) of ${state.id} for ${action}, got partner ${user.partnerId ?? '(none)'}`,
  );
}

/**
 * The proposer withdraws its proposal, it does not decline it.
 *
 * @throws FORBIDDEN when the caller proposed it
 */
export function assertNotProposer(user: AuthUser, state: CooperationState): void {
  if (state.proposedBy === null || state.proposedBy !== user.partnerId) return;
  throw userError(
    ErrorCode.FORBIDDEN,
    `expected a named partner other than the proposer ${state.proposedBy} for declineCooperation, got the proposer (use withdrawProposal)`,
  );
}

/**
 * A proposal is withdrawn by the partner that proposed it, or by a coordinator.
 *
 * @throws FORBIDDEN for everyone else
 */
export function assertProposerOrCoordinator(user: AuthUser, state: CooperationState): void {
  if (user.role === Role.COORDINATOR) return;
  if (state.proposedBy !== null && user.partnerId === state.proposedBy) return;
  throw userError(
    ErrorCode.FORBIDDEN,
    `expected the proposer ${state.proposedBy ?? '(a coordinator)'} of ${state.id} or a coordinator for withdrawProposal, got partner ${user.partnerId ?? '(none)'}`,
  );
}

/**
 * Runs the checks a proposal passed when it was made once more when it is about to become
 * ACTIVE (named partners still ACTIVE, the cross-dimension rule): what they refuse now is the
 * graph's state, not the caller's input, so it is a CONFLICT that keeps the check's details.
 * The proposal stays a DRAFT; it can still be withdrawn, declined, or expire.
 *
 * @throws CONFLICT with the check's message and `extensions` (`partnerId`, `status`, `rule`)
 */
export function asActivationConflict<T>(cooperationId: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const { code: _code, ...details } = error.extensions;
    throw userError(
      ErrorCode.CONFLICT,
      `expected ${cooperationId} to be valid still when every partner confirmed, but: ${error.message}`,
      { ...details, cooperationId },
    );
  }
}
