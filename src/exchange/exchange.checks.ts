import { assertSelfOrCoordinator } from '../auth/permissions';
import { type AuthUser, Role } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import { ExchangeStatus, type ExchangeMatch } from './exchange.types';

/** The status changes of an exchange; each is one coordinator mutation. */
export enum ExchangeTransition {
  OPEN = 'openExchange',
  CLOSE = 'closeExchange',
}

/** The exchange status machine as data: DRAFT → OPEN → CLOSED, nothing else. */
export const EXCHANGE_TRANSITIONS: Readonly<
  Record<ExchangeTransition, { from: ExchangeStatus; to: ExchangeStatus }>
> = {
  [ExchangeTransition.OPEN]: { from: ExchangeStatus.DRAFT, to: ExchangeStatus.OPEN },
  [ExchangeTransition.CLOSE]: { from: ExchangeStatus.OPEN, to: ExchangeStatus.CLOSED },
};

/** The outcome of asking the machine: the next status, or why the change is refused. */
export type ExchangeTransitionResult =
  { ok: true; to: ExchangeStatus } | { ok: false; message: string; currentStatus: ExchangeStatus };

/**
 * Decides a status change without any I/O.
 *
 * @returns `{ ok: true, to }` when allowed; otherwise `{ ok: false }` with a message in the style
 *   "expected status DRAFT for openExchange, got OPEN"
 */
export function nextExchangeStatus(
  current: ExchangeStatus,
  transition: ExchangeTransition,
): ExchangeTransitionResult {
  const rule = EXCHANGE_TRANSITIONS[transition];
  if (current === rule.from) return { ok: true, to: rule.to };
  return {
    ok: false,
    currentStatus: current,
    message: `expected status ${rule.from} for ${transition}, got ${current}`,
  };
}

/**
 * An exchange that exists.
 *
 * @throws NOT_FOUND naming the id
 */
export function assertExchangeExists<S>(status: S | null, id: string): asserts status is S {
  if (status !== null) return;
  throw userError(ErrorCode.NOT_FOUND, `expected an exchange with id ${id}, got none`, { id });
}

/**
 * Partners act only while an exchange is OPEN.
 *
 * @throws CONFLICT naming the current status (`extensions.currentStatus`)
 */
export function assertOpen(status: ExchangeStatus, id: string): void {
  if (status === ExchangeStatus.OPEN) return;
  throw userError(ErrorCode.CONFLICT, `expected exchange ${id} to be OPEN, got ${status}`, {
    currentStatus: status,
  });
}

/**
 * Posts, interests and proposals come from partners checked in. We answer CONFLICT rather than
 * BAD_USER_INPUT: the request is well formed, the partner's state does not allow it yet, and
 * checking in makes the same request succeed.
 *
 * @throws CONFLICT with `extensions.present = false`
 */
export function assertPresent(present: boolean, partnerId: string, exchangeId: string): void {
  if (present) return;
  throw userError(
    ErrorCode.CONFLICT,
    `expected partner ${partnerId} to be checked in to exchange ${exchangeId}, got not checked in`,
    { partnerId, present: false },
  );
}

/**
 * Partners act for themselves; coordinators (the desk at the meeting) may act for any partner.
 *
 * @throws UNAUTHENTICATED without a token, FORBIDDEN for another partner
 */
export function assertActsFor(user: AuthUser | null, partnerId: string): AuthUser {
  return assertSelfOrCoordinator(user, partnerId);
}

/** The `actorId` of an event: the acting partner, `null` for coordinators. */
export function actorOf(user: AuthUser): string | null {
  return user.role === Role.COORDINATOR ? null : (user.partnerId ?? null);
}

/**
 * Nobody is interested in itself.
 *
 * @throws BAD_USER_INPUT naming `inPartnerId`
 */
export function assertOtherPartner(partnerId: string, inPartnerId: string): void {
  if (partnerId !== inPartnerId) return;
  throw userError(
    ErrorCode.BAD_USER_INPUT,
    `expected inPartnerId to be another partner, got ${partnerId}`,
    {
      argument: 'inPartnerId',
    },
  );
}

/**
 * Who may propose a cooperation from a match, and who leads it: either partner of the match
 * (it leads), or a coordinator (the partner who was interested first leads).
 *
 * @throws FORBIDDEN for partners outside the match; CONFLICT when a cooperation was proposed
 *   already (`extensions.cooperationId`)
 */
export function proposalLead(user: AuthUser, match: ExchangeMatch): string {
  if (match.cooperationId !== null) {
    throw userError(
      ErrorCode.CONFLICT,
      `expected match ${match.id} without a cooperation, got ${match.cooperationId}`,
      { cooperationId: match.cooperationId },
    );
  }
  if (user.role === Role.COORDINATOR) return match.partnerIds[0] as string;
  if (user.partnerId && match.partnerIds.includes(user.partnerId)) return user.partnerId;
  throw userError(
    ErrorCode.FORBIDDEN,
    `expected one of the matched partners ${match.partnerIds.join(' and ')}, got ${user.partnerId ?? '(none)'}`,
  );
}

/** The NOT_FOUND error of an unknown exchange, post, match, partner or dimension. */
export function notFound(what: string, id: string) {
  return userError(ErrorCode.NOT_FOUND, `expected a ${what} with id ${id}, got none`, { id });
}
