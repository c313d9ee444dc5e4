import { type NotificationDraft, NotificationKind } from '../notifications/outbox';

/** What happened to a proposal, as its notifications tell it. */
export type ProposalEvent =
  | { kind: 'PROPOSED'; proposer: string | null }
  | { kind: 'CONFIRMED'; by: string }
  | { kind: 'ACTIVE'; lastConfirmer: string }
  | { kind: 'DECLINED'; by: string }
  | { kind: 'WITHDRAWN'; by: string | null }
  | { kind: 'EXPIRED'; proposer: string | null };

const KINDS: Record<ProposalEvent['kind'], NotificationKind> = {
  PROPOSED: NotificationKind.COOPERATION_PROPOSED,
  CONFIRMED: NotificationKind.COOPERATION_CONFIRMED,
  ACTIVE: NotificationKind.COOPERATION_ACTIVE,
  DECLINED: NotificationKind.COOPERATION_DECLINED,
  WITHDRAWN: NotificationKind.COOPERATION_WITHDRAWN,
  EXPIRED: NotificationKind.COOPERATION_EXPIRED,
};

/**
 * The notifications of a proposal's event (docs/follow-through.md#proposals): one per named
 * partner told, never the partner that acted (it knows); the other partner is the actor, or for
 * an expiry the proposer. A coordinator acting is no partner: then every named partner is told
 * and `otherPartnerId` is `null`. Pure, so the rules are unit-tested.
 */
export function proposalNotifications(
  cooperation: { id: string; title: string },
  namedPartnerIds: readonly string[],
  event: ProposalEvent,
): NotificationDraft[] {
  const actor = event.kind === 'EXPIRED' ? null : actorOf(event);
  const other = actorOf(event);
  return namedPartnerIds
    .filter((id) => id !== actor)
    .map((partnerId) => ({
      partnerId,
      kind: KINDS[event.kind],
      subjectId: cooperation.id,
      otherPartnerId: other,
      text: cooperation.title,
    }));
}

function actorOf(event: ProposalEvent): string | null {
  switch (event.kind) {
    case 'PROPOSED':
    case 'EXPIRED':
      return event.proposer;
    case 'ACTIVE':
      return event.lastConfirmer;
    case 'CONFIRMED':
    case 'DECLINED':
    case 'WITHDRAWN':
      return event.by;
  }
}
