import { isSelfOrCoordinator } from '../auth/permissions';
import { type AuthUser, Role } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import { PartnerStatus } from '../partners/partner.types';
import type { CooperationState, PartnerProfile } from './cooperation-write.repository';
import { CooperationStatus, ParticipationRole } from './cooperation.types';
import { checkCrossDimensionRule } from './cross-dimension-rule';

/**
 * The caller of a mutation guarded by `@Authorized()`; a missing user here is refused anyway.
 *
 * @throws UNAUTHENTICATED without a token
 */
export function requireUser(user: AuthUser | null): AuthUser {
  if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This operation needs a token.');
  return user;
}

/**
 * A cooperation may be created by a coordinator, or by a partner for a cooperation it leads.
 *
 * @throws FORBIDDEN when a partner names another lead
 */
export function assertMayLead(user: AuthUser, leadPartnerId: string): void {
  if (!isSelfOrCoordinator(user, leadPartnerId)) {
    throw userError(
      ErrorCode.FORBIDDEN,
      `expected input.leadPartnerId to be your own partner ${user.partnerId ?? '(none)'}, got ${leadPartnerId}`,
    );
  }
}

/**
 * A partner acting for itself must be ACTIVE (APPLIED, PAUSED or LEFT partners cannot start
 * cooperations). Coordinators pass.
 *
 * @throws FORBIDDEN otherwise
 */
export function assertOwnPartnerActive(user: AuthUser, own: PartnerProfile | undefined): void {
  if (user.role === Role.COORDINATOR || own?.status === PartnerStatus.ACTIVE) return;
  throw userError(
    ErrorCode.FORBIDDEN,
    `expected your partner ${user.partnerId ?? '(none)'} to be ACTIVE, got ${own?.status ?? 'unknown'}`,
  );
}

/**
 * Changes of an existing cooperation are for coordinators and its LEAD partner.
 *
 * @throws FORBIDDEN for everyone else
 */
export function assertLeadOrCoordinator(user: AuthUser, state: CooperationState): void {
  const lead = state.participants.find((p) => p.role === ParticipationRole.LEAD)?.id;
  if (user.role === Role.COORDINATOR || (lead !== undefined && user.partnerId === lead)) return;
  throw userError(
    ErrorCode.FORBIDDEN,
    `expected the lead partner ${lead ?? '(none)'} of ${state.id} or a coordinator, got partner ${user.partnerId ?? '(none)'}`,
  );
}

/**
 * Every partner must exist and be ACTIVE.
 *
 * @throws NOT_FOUND naming the first unknown id, BAD_USER_INPUT naming the first partner that
 *   is not ACTIVE and its status
 */
export function assertActivePartners(
  ids: readonly string[],
  profiles: ReadonlyMap<string, PartnerProfile>,
): PartnerProfile[] {
  return ids.map((id) => {
    const profile = profiles.get(id);
    if (!profile) {
      throw userError(ErrorCode.NOT_FOUND, `expected a partner with id ${id}, got none`, { id });
    }
    if (profile.status !== PartnerStatus.ACTIVE) {
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        `expected partner ${id} (${profile.name}) to be ACTIVE, got ${profile.status}`,
        { partnerId: id, status: profile.status },
      );
    }
    return profile;
  });
}

/**
 * A DIVERSITY_COOPERATION must satisfy the cross-dimension rule over its partners.
 *
 * @throws BAD_USER_INPUT with the failing part's message and `extensions.rule`
 */
export function assertCrossDimensionRule(profiles: readonly PartnerProfile[]): void {
  const violation = checkCrossDimensionRule(profiles.map((p) => p.engagements));
  if (!violation) return;
  const partnerId =
    violation.rule === 'NOTHING_TO_BRING' ? profiles[violation.partnerIndex]?.id : undefined;
  throw userError(
    ErrorCode.BAD_USER_INPUT,
    `Not a valid diversity cooperation (Vielfaltskooperation): ${violation.message}${partnerId ? ` (${partnerId})` : ''}`,
    { rule: violation.rule, ...(partnerId ? { partnerId } : {}) },
  );
}

/**
 * The lead is named once, not again among the other partners.
 *
 * @throws BAD_USER_INPUT when `partnerIds` holds the lead
 */
export function assertLeadNotRepeated(leadPartnerId: string, partnerIds: readonly string[]): void {
  if (!partnerIds.includes(leadPartnerId)) return;
  throw userError(
    ErrorCode.BAD_USER_INPUT,
    `expected input.partnerIds without the lead partner, got ${leadPartnerId} in both`,
    { fields: [{ path: 'input.partnerIds', reason: 'holds the lead partner' }] },
  );
}

/**
 * A partner joins an ACTIVE cooperation that it is not yet part of (not a proposal, whose
 * partners are fixed, nor one that ended or was refused).
 *
 * @throws CONFLICT naming the cooperation's status or the partner's current role
 */
export function assertJoinable(state: CooperationState, partnerId: string): void {
  if (state.status !== CooperationStatus.ACTIVE) {
    throw userError(
      ErrorCode.CONFLICT,
      `expected status ACTIVE for addCooperationPartner of ${state.id}, got ${state.status}`,
      { currentStatus: state.status },
    );
  }
  const current = state.participants.find((p) => p.id === partnerId);
  if (current) {
    throw userError(
      ErrorCode.CONFLICT,
      `expected partner ${partnerId} not to take part in ${state.id} yet, got role ${current.role}`,
      { currentRole: current.role },
    );
  }
}

/**
 * Only an ACTIVE cooperation ends, and not before it started.
 *
 * @throws CONFLICT naming the current status; BAD_USER_INPUT when `endedOn` < `startedOn`
 */
export function assertEndable(state: CooperationState, endedOn: string): void {
  if (state.status !== CooperationStatus.ACTIVE) {
    throw userError(
      ErrorCode.CONFLICT,
      `expected cooperation ${state.id} to be ACTIVE, got ${state.status}`,
      { currentStatus: state.status, endedOn: state.endedOn },
    );
  }
  if (endedOn < state.startedOn) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected endedOn on or after startedOn ${state.startedOn}, got ${endedOn}`,
      { fields: [{ path: 'endedOn', reason: `before startedOn ${state.startedOn}` }] },
    );
  }
}
