import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { CypherExecutor, TransactionRunner } from '../db/executor';
import { fromNeo4j } from '../db/values';
import { runWrite } from '../db/write-unit';
import { enqueueNotifications } from '../notifications/outbox';
import {
  assertActivePartners,
  assertCrossDimensionRule,
  requireUser,
} from './cooperation-write.checks';
import { type CooperationState, CooperationWriteRepository } from './cooperation-write.repository';
import { cooperationQueries } from './cooperation.repository';
import { type Cooperation, CooperationKind, CooperationStatus } from './cooperation.types';
import {
  asActivationConflict,
  assertNamedPartner,
  assertNotProposer,
  assertOpenProposal,
  assertProposerOrCoordinator,
  type ProposalAction,
} from './proposal.checks';
import { proposalNotifications } from './proposal.notifications';
import { ProposalRepository } from './proposal.repository';

/** How many expired proposals one sweeper write sets EXPIRED. */
export const EXPIRY_BATCH = 100;

/**
 * The lifecycle of proposals (DRAFT cooperations, docs/follow-through.md#proposals): confirm,
 * decline, withdraw, expire. Each change runs through {@link runWrite} (actor rule, audit entry)
 * and writes its notifications in the same transaction.
 */
export class ProposalService {
  private readonly writes = new CooperationWriteRepository();
  private readonly proposals = new ProposalRepository();

  constructor(private readonly executor: CypherExecutor) {}

  /**
   * A named partner confirms. The last confirmation makes the cooperation ACTIVE, after the
   * checks of its creation ran again (named partners ACTIVE, the cross-dimension rule).
   * Confirming again is a no-op that returns the cooperation (also once it is ACTIVE).
   *
   * @throws NOT_FOUND; FORBIDDEN for coordinators and partners not named in it; CONFLICT naming
   *   the status when it is not an open DRAFT (EXPIRED once `expiresAt` passed), or when a named
   *   partner is no longer ACTIVE or the rule fails now (the proposal stays a DRAFT)
   */
  confirmCooperation(caller: AuthUser | null, id: string): Promise<Cooperation> {
    return this.change(caller, id, 'confirmCooperation', async (tx, user, state) => {
      const own = assertNamedPartner(user, state, 'confirmCooperation');
      const repeated =
        own.confirmedAt !== null &&
        (state.status === CooperationStatus.ACTIVE ||
          (state.status === CooperationStatus.DRAFT && !state.expired));
      if (repeated) return { result: await this.current(tx, id), ids: [id], graphUnchanged: true };
      assertOpenProposal(state, 'confirmCooperation');
      const me = own.id;
      const named = state.participants.map((p) => p.id);
      const waiting = state.participants.filter((p) => p.id !== me && p.confirmedAt === null);
      if (waiting.length > 0) {
        const cooperation = await this.proposals.confirm(tx, id, me);
        const event = { kind: 'CONFIRMED', by: me } as const;
        await enqueueNotifications(tx, proposalNotifications(cooperation, named, event));
        return { result: cooperation, ids: [id, me] };
      }
      await this.assertStillValid(tx, state, named);
      await this.proposals.confirm(tx, id, me);
      const cooperation = await this.proposals.activate(tx, id);
      const event = { kind: 'ACTIVE', lastConfirmer: me } as const;
      await enqueueNotifications(tx, proposalNotifications(cooperation, named, event));
      return { result: cooperation, ids: [id, ...named] };
    });
  }

  /**
   * A named partner other than the proposer declines: DECLINED, with who and when. A partner
   * that confirmed earlier may still decline while the proposal is open.
   *
   * @throws NOT_FOUND; FORBIDDEN for coordinators, partners not named and the proposer;
   *   CONFLICT naming the status unless an open DRAFT
   */
  declineCooperation(caller: AuthUser | null, id: string): Promise<Cooperation> {
    return this.change(caller, id, 'declineCooperation', async (tx, user, state) => {
      const own = assertNamedPartner(user, state, 'declineCooperation');
      assertNotProposer(user, state);
      assertOpenProposal(state, 'declineCooperation');
      const cooperation = await this.proposals.decide(tx, id, CooperationStatus.DECLINED, own.id);
      const named = state.participants.map((p) => p.id);
      const event = { kind: 'DECLINED', by: own.id } as const;
      await enqueueNotifications(tx, proposalNotifications(cooperation, named, event));
      return { result: cooperation, ids: [id, own.id] };
    });
  }

  /**
   * The proposer (or a coordinator) withdraws the proposal: WITHDRAWN, with who and when.
   *
   * @throws NOT_FOUND; FORBIDDEN for everyone else; CONFLICT naming the status unless an open DRAFT
   */
  withdrawProposal(caller: AuthUser | null, id: string): Promise<Cooperation> {
    return this.change(caller, id, 'withdrawProposal', async (tx, user, state) => {
      assertProposerOrCoordinator(user, state);
      assertOpenProposal(state, 'withdrawProposal');
      const by = user.partnerId ?? null;
      const cooperation = await this.proposals.decide(tx, id, CooperationStatus.WITHDRAWN, by);
      const named = state.participants.map((p) => p.id);
      const event = { kind: 'WITHDRAWN', by } as const;
      await enqueueNotifications(tx, proposalNotifications(cooperation, named, event));
      return { result: cooperation, ids: by ? [id, by] : [id] };
    });
  }

  /**
   * Sets EXPIRED the DRAFTs whose `expiresAt` has passed, {@link EXPIRY_BATCH} per write, each
   * write with its audit entry (operation `expireProposals`, actor `system`) and the
   * COOPERATION_EXPIRED notifications. Reads first, so an idle sweep writes nothing.
   *
   * @returns how many proposals expired
   */
  async expireProposals(): Promise<number> {
    let expired = 0;
    for (;;) {
      const due = await this.proposals.due(this.executor, EXPIRY_BATCH);
      if (due.length === 0) return expired;
      const done = await runWrite(
        this.executor,
        { user: null, systemActor: 'system', operation: 'expireProposals', actor: 'any' },
        async (tx) => {
          const rows = await this.proposals.expire(tx, due);
          const drafts = rows.flatMap((row) =>
            proposalNotifications(row, row.partnerIds, {
              kind: 'EXPIRED',
              proposer: row.proposedBy,
            }),
          );
          await enqueueNotifications(tx, drafts);
          // Proposals count nowhere, so the alliance graph as its readers see it is unchanged.
          return { result: rows.length, ids: rows.map((row) => row.id), graphUnchanged: true };
        },
      );
      expired += done;
      if (due.length < EXPIRY_BATCH) return expired;
    }
  }

  /** Runs one lifecycle change on the cooperation, read under its write lock. */
  private change(
    caller: AuthUser | null,
    id: string,
    operation: ProposalAction,
    work: (
      tx: TransactionRunner,
      user: AuthUser,
      state: CooperationState,
    ) => Promise<{ result: Cooperation; ids: string[]; graphUnchanged?: boolean }>,
  ): Promise<Cooperation> {
    const user = requireUser(caller);
    return runWrite(this.executor, { user, operation }, async (tx) => {
      const state = await this.writes.lockCooperation(tx, id);
      if (!state) {
        throw userError(ErrorCode.NOT_FOUND, `expected a cooperation with id ${id}, got none`, {
          id,
        });
      }
      return work(tx, user, state);
    });
  }

  /** The checks of the proposal's creation, once more, as CONFLICTs (see asActivationConflict). */
  private async assertStillValid(
    tx: TransactionRunner,
    state: CooperationState,
    named: string[],
  ): Promise<void> {
    const locked = await this.writes.lockPartners(tx, named);
    asActivationConflict(state.id, () => {
      const profiles = assertActivePartners(named, locked);
      if (state.kind === CooperationKind.DIVERSITY_COOPERATION) {
        assertCrossDimensionRule(profiles);
      }
    });
  }

  /** The cooperation as it is now, read in the transaction. */
  private async current(tx: TransactionRunner, id: string): Promise<Cooperation> {
    const [cooperation] = await tx.run(cooperationQueries.byIds([id]), (r) =>
      fromNeo4j<Cooperation>(r.get('cooperation')),
    );
    if (!cooperation) throw new Error(`cooperation ${id} vanished under its lock`);
    return cooperation;
  }
}
