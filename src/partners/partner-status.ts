import { PartnerStatus } from './partner.types';

/** The status changes a coordinator can make; each is one mutation. */
export enum PartnerTransition {
  /** APPLIED → ACTIVE: the coordination office admits a signatory (`admitPartner`). */
  ADMIT = 'admitPartner',
  /** ACTIVE → PAUSED (`pausePartner`). */
  PAUSE = 'pausePartner',
  /** PAUSED → ACTIVE (`reactivatePartner`). */
  REACTIVATE = 'reactivatePartner',
  /** ACTIVE or PAUSED → LEFT (`recordPartnerLeft`). */
  LEAVE = 'recordPartnerLeft',
}

/** Where a transition may start and where it ends. */
export interface TransitionRule {
  from: readonly PartnerStatus[];
  to: PartnerStatus;
}

/** The membership status machine as data: APPLIED → ACTIVE ↔ PAUSED, ACTIVE | PAUSED → LEFT. */
export const PARTNER_TRANSITIONS: Readonly<Record<PartnerTransition, TransitionRule>> = {
  [PartnerTransition.ADMIT]: { from: [PartnerStatus.APPLIED], to: PartnerStatus.ACTIVE },
  [PartnerTransition.PAUSE]: { from: [PartnerStatus.ACTIVE], to: PartnerStatus.PAUSED },
  [PartnerTransition.REACTIVATE]: { from: [PartnerStatus.PAUSED], to: PartnerStatus.ACTIVE },
  [PartnerTransition.LEAVE]: {
    from: [PartnerStatus.ACTIVE, PartnerStatus.PAUSED],
    to: PartnerStatus.LEFT,
  },
};

/** The outcome of asking the machine: the next status, or why the change is refused. */
export type TransitionResult =
  { ok: true; to: PartnerStatus } | { ok: false; message: string; currentStatus: PartnerStatus };

/**
 * Decides a status change without any I/O.
 *
 * @param current - the partner's status now
 * @param transition - the change asked for
 * @returns `{ ok: true, to }` when allowed; otherwise `{ ok: false }` with a message in the style
 *   "expected status APPLIED for admitPartner, got ACTIVE"
 */
export function nextStatus(
  current: PartnerStatus,
  transition: PartnerTransition,
): TransitionResult {
  const rule = PARTNER_TRANSITIONS[transition];
  if (rule.from.includes(current)) return { ok: true, to: rule.to };
  return {
    ok: false,
    currentStatus: current,
    message: `expected status ${rule.from.join(' or ')} for ${transition}, got ${current}`,
  };
}
