import { randomUUID } from 'node:crypto';
import { type AuthUser, Role } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { TransactionRunner } from '../db/executor';
import { type AllianceEvent, EventKind } from '../events/event.types';
import { enqueueNotifications } from '../notifications/outbox';
import {
  assertActivePartners,
  assertCrossDimensionRule,
  assertOwnPartnerActive,
} from './cooperation-write.checks';
import { CooperationWriteRepository, type NewProposal } from './cooperation-write.repository';
import { type Cooperation, CooperationKind } from './cooperation.types';
import { proposalNotifications } from './proposal.notifications';

/** What a new cooperation or proposal consists of (the fields of `CreateCooperationInput`). */
export interface CooperationDraft {
  title: string;
  kind: CooperationKind;
  startedOn: string;
  funding?: string | null;
  leadPartnerId: string;
  partnerIds: string[];
  dimensionKeys: string[];
  eventId?: string | null;
}

/** Where a proposal comes from when not from `createCooperation`: a Kooperationsbörse match. */
export interface ProposalOrigin {
  exchangeId: string;
  matchId: string;
}

/**
 * The one way cooperations come into being, inside the caller's write transaction — used by
 * `createCooperation` and by the Kooperationsbörse's `proposeCooperation`. It runs the checks
 * (named partners exist and are ACTIVE, the cross-dimension rule for a DIVERSITY_COOPERATION,
 * dimensions and event exist) and decides what is made (docs/follow-through.md#proposals):
 *
 * - a coordinator records an ACTIVE cooperation directly (the office writes down what exists);
 * - a partner naming other partners makes a DRAFT proposal, confirmed by itself at once, which
 *   becomes ACTIVE when every named partner confirmed; the others are notified in the same
 *   transaction (COOPERATION_PROPOSED);
 * - a partner alone (a network project of its own) needs nobody's consent: ACTIVE;
 * - a proposal from a Börse match is always a DRAFT, also when a coordinator makes it.
 */
export class CooperationCreation {
  private readonly writes = new CooperationWriteRepository();

  /** @param proposalTtl - ISO-8601 duration until a DRAFT expires (`PROPOSAL_TTL`) */
  constructor(private readonly proposalTtl: string) {}

  /**
   * Creates the cooperation or proposal.
   *
   * @returns it, and the ids the audit entry records (its own first)
   * @throws FORBIDDEN for a lead partner that is not ACTIVE; NOT_FOUND for unknown partners,
   *   dimensions or events; BAD_USER_INPUT for named partners that are not ACTIVE and for
   *   diversity cooperations breaking the cross-dimension rule (`extensions.rule`)
   */
  async create(
    tx: TransactionRunner,
    user: AuthUser,
    draft: CooperationDraft,
    origin: ProposalOrigin | null = null,
  ): Promise<{ cooperation: Cooperation; ids: string[] }> {
    const ids = [draft.leadPartnerId, ...draft.partnerIds];
    const locked = await this.writes.lockPartners(tx, ids);
    assertOwnPartnerActive(user, locked.get(draft.leadPartnerId));
    const profiles = assertActivePartners(ids, locked);
    if (draft.kind === CooperationKind.DIVERSITY_COOPERATION) assertCrossDimensionRule(profiles);
    await this.assertReferences(tx, draft);
    const actor = user.role === Role.PARTNER ? (user.partnerId ?? null) : null;
    const proposes = origin !== null || (actor !== null && draft.partnerIds.length > 0);
    const proposal: NewProposal | null = proposes
      ? {
          proposedBy: actor,
          ttl: this.proposalTtl,
          exchangeId: origin?.exchangeId ?? null,
          matchId: origin?.matchId ?? null,
        }
      : null;
    const id = `c-${randomUUID()}`;
    const cooperation = await this.writes.createCooperation(tx, {
      ...draft,
      id,
      funding: draft.funding ?? null,
      eventId: draft.eventId ?? null,
      proposal,
      confirmedBy: actor,
    });
    if (proposal) {
      const event = { kind: 'PROPOSED', proposer: actor } as const;
      await enqueueNotifications(tx, proposalNotifications(cooperation, ids, event));
    }
    return { cooperation, ids: [id, ...ids] };
  }

  /** The addressed dimensions and the ACTION_DAYS event must exist. */
  private async assertReferences(tx: TransactionRunner, draft: CooperationDraft) {
    const known = await this.writes.knownDimensionKeys(tx, draft.dimensionKeys);
    const unknown = draft.dimensionKeys.find((key) => !known.has(key));
    if (unknown !== undefined) {
      throw userError(ErrorCode.NOT_FOUND, `expected a dimension with key ${unknown}, got none`, {
        key: unknown,
      });
    }
    if (draft.eventId != null) {
      await requireEvent(this.writes, tx, draft.eventId, [EventKind.ACTION_DAYS]);
    }
  }
}

/**
 * An event that exists and, when `kinds` is given, is of one of them.
 *
 * @throws NOT_FOUND for an unknown event; BAD_USER_INPUT for another kind
 */
export async function requireEvent(
  writes: CooperationWriteRepository,
  tx: TransactionRunner,
  id: string,
  kinds?: readonly EventKind[],
): Promise<AllianceEvent> {
  const event = await writes.findEvent(tx, id);
  if (!event) throw userError(ErrorCode.NOT_FOUND, `expected an event with id ${id}, got none`);
  if (kinds && !kinds.includes(event.kind)) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected event ${id} to be ${kinds.join(' or ')}, got ${event.kind}`,
      { eventId: id, kind: event.kind },
    );
  }
  return event;
}
