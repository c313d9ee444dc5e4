import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { CypherExecutor, TransactionRunner } from '../db/executor';
import { runWrite } from '../db/write-unit';
import { type AllianceEvent, EventKind } from '../events/event.types';
import type { CooperationRepository } from './cooperation.repository';
import type { CooperationCreation } from './cooperation-create';
import { requireEvent } from './cooperation-create';
import {
  assertActivePartners,
  assertCrossDimensionRule,
  assertEndable,
  assertJoinable,
  assertLeadNotRepeated,
  assertLeadOrCoordinator,
  assertMayLead,
  requireUser,
} from './cooperation-write.checks';
import {
  type CooperationState,
  CooperationWriteRepository,
  type PartnerProfile,
} from './cooperation-write.repository';
import type {
  AddCooperationPartnerArgs,
  CreateCooperationInput,
  EndCooperationArgs,
  RecordAttendanceArgs,
  RecordEventInput,
} from './cooperation.inputs';
import { type Cooperation, CooperationKind } from './cooperation.types';

/**
 * Use cases that change cooperations and events. Each runs through {@link runWrite}: one
 * transaction with the change and its audit entry (operation = the mutation's name).
 */
export class CooperationWriteService {
  private readonly writes = new CooperationWriteRepository();

  constructor(
    private readonly executor: CypherExecutor,
    private readonly cooperations: CooperationRepository,
    private readonly creation: CooperationCreation,
  ) {}

  /**
   * Creates a cooperation led by `input.leadPartnerId` through {@link CooperationCreation}: a
   * coordinator records an ACTIVE one (counts and `lastActiveOn` rise at once), a partner naming
   * others proposes a DRAFT that becomes ACTIVE when all confirmed. A retry with the same
   * idempotency key returns the first cooperation.
   *
   * @throws FORBIDDEN for a partner that is not the lead or not ACTIVE; NOT_FOUND for unknown
   *   partners, dimensions or events; BAD_USER_INPUT for partners that are not ACTIVE and for
   *   diversity cooperations that break the cross-dimension rule (`extensions.rule`)
   */
  async createCooperation(
    caller: AuthUser | null,
    input: CreateCooperationInput,
    idempotencyKey?: string | null,
  ): Promise<Cooperation> {
    const user = requireUser(caller);
    assertMayLead(user, input.leadPartnerId);
    assertLeadNotRepeated(input.leadPartnerId, input.partnerIds);
    const options = {
      user,
      operation: 'createCooperation',
      idempotency: { key: idempotencyKey, input },
    };
    const work = async (tx: TransactionRunner) => {
      const { cooperation, ids } = await this.creation.create(tx, user, input);
      return { result: cooperation, ids };
    };
    return runWrite(this.executor, options, work, (id) => this.loadCooperation(id));
  }

  /**
   * Adds an ACTIVE partner to an ACTIVE cooperation (coordinator or its LEAD). A diversity
   * cooperation must still satisfy the cross-dimension rule afterwards.
   *
   * The added partner is not asked (docs/follow-through.md#proposals): this records a partner
   * that joined a running cooperation, as before proposals existed; consent-based joining is
   * left out. A proposal's partners are fixed: withdraw it and propose anew.
   *
   * @throws NOT_FOUND, FORBIDDEN, CONFLICT (not ACTIVE, already taking part), BAD_USER_INPUT
   */
  addCooperationPartner(caller: AuthUser | null, args: AddCooperationPartnerArgs) {
    const user = requireUser(caller);
    const { cooperationId, partnerId, role } = args;
    const options = { user, operation: 'addCooperationPartner' };
    return runWrite(this.executor, options, async (tx) => {
      const state = await this.lockCooperation(tx, user, cooperationId);
      assertJoinable(state, partnerId);
      const ids = [...state.participants.map((p) => p.id), partnerId];
      const locked = await this.writes.lockPartners(tx, ids);
      assertActivePartners([partnerId], locked);
      if (state.kind === CooperationKind.DIVERSITY_COOPERATION) {
        assertCrossDimensionRule(presentProfiles(ids, locked));
      }
      const cooperation = await this.writes.addParticipant(tx, cooperationId, partnerId, role);
      return { result: cooperation, ids: [cooperationId, partnerId] };
    });
  }

  /**
   * Ends an ACTIVE cooperation (coordinator or its LEAD). Of concurrent calls one succeeds, the
   * others get CONFLICT: the state is read under the cooperation's write lock.
   *
   * @throws NOT_FOUND, FORBIDDEN, CONFLICT (not ACTIVE), BAD_USER_INPUT (before startedOn)
   */
  endCooperation(caller: AuthUser | null, args: EndCooperationArgs): Promise<Cooperation> {
    const user = requireUser(caller);
    const options = { user, operation: 'endCooperation' };
    return runWrite(this.executor, options, async (tx) => {
      const state = await this.lockCooperation(tx, user, args.cooperationId);
      assertEndable(state, args.endedOn);
      const cooperation = await this.writes.end(tx, args.cooperationId, args.endedOn);
      return { result: cooperation, ids: [args.cooperationId] };
    });
  }

  /** Records an alliance event (coordinators); idempotent with a key. */
  recordEvent(
    user: AuthUser | null,
    input: RecordEventInput,
    idempotencyKey?: string | null,
  ): Promise<AllianceEvent> {
    const options = {
      user,
      operation: 'recordEvent',
      idempotency: { key: idempotencyKey, input },
    };
    const work = async (tx: TransactionRunner) => {
      const id = `e-${randomUUID()}`;
      const event = await this.writes.createEvent(tx, { ...input, id });
      return { result: event, ids: [id] };
    };
    return runWrite(this.executor, options, work, (id) => this.loadEvent(id));
  }

  /**
   * Records that partners attended a meeting or training (coordinators): one ATTENDED each,
   * however often it is recorded; raises their `lastActiveOn` to the event's date.
   *
   * @throws NOT_FOUND for an unknown event or partner; BAD_USER_INPUT for ACTION_DAYS events
   *   (their participants are the organisers of its cooperations)
   */
  recordAttendance(user: AuthUser | null, args: RecordAttendanceArgs): Promise<AllianceEvent> {
    const { eventId, partnerIds } = args;
    return runWrite(this.executor, { user, operation: 'recordAttendance' }, async (tx) => {
      await requireEvent(this.writes, tx, eventId, [
        EventKind.ALLIANCE_MEETING,
        EventKind.TRAINING,
      ]);
      const known = await this.writes.knownPartnerIds(tx, partnerIds);
      const unknown = partnerIds.find((id) => !known.has(id));
      if (unknown !== undefined) {
        throw userError(ErrorCode.NOT_FOUND, `expected a partner with id ${unknown}, got none`, {
          id: unknown,
        });
      }
      await this.writes.attend(tx, eventId, partnerIds);
      const event = await requireEvent(this.writes, tx, eventId);
      return { result: event, ids: [eventId, ...partnerIds] };
    });
  }

  /** Locks a cooperation for a change by its lead or a coordinator. */
  private async lockCooperation(
    tx: TransactionRunner,
    user: AuthUser,
    id: string,
  ): Promise<CooperationState> {
    const state = await this.writes.lockCooperation(tx, id);
    if (!state) {
      throw userError(ErrorCode.NOT_FOUND, `expected a cooperation with id ${id}, got none`, {
        id,
      });
    }
    assertLeadOrCoordinator(user, state);
    return state;
  }

  private async loadCooperation(id: string): Promise<Cooperation> {
    const [cooperation] = await this.cooperations.findByIds([id]);
    if (!cooperation) throw new Error(`idempotent replay found no cooperation ${id}`);
    return cooperation;
  }

  private async loadEvent(id: string): Promise<AllianceEvent> {
    const runner: TransactionRunner = {
      run: (q, map) => this.executor.read(q, map, 'recordEvent'),
    };
    const event = await this.writes.findEvent(runner, id);
    if (!event) throw new Error(`idempotent replay found no event ${id}`);
    return event;
  }
}

/** The profiles of `ids` that exist (participants who paused since still count). */
function presentProfiles(ids: readonly string[], profiles: ReadonlyMap<string, PartnerProfile>) {
  return ids.flatMap((id) => profiles.get(id) ?? []);
}
