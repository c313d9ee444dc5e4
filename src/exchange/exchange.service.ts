import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import { CooperationWriteRepository } from '../cooperations/cooperation-write.repository';
import { requireUser } from '../cooperations/cooperation-write.checks';
import type { CypherExecutor, TransactionRunner } from '../db/executor';
import type { ExchangeWriteUnit } from './exchange-write-unit';
import { runWrite } from '../db/write-unit';
import { EventKind } from '../events/event.types';
import { assertId, assertIntInRange } from '../common/checks';
import { ExchangeTransition, nextExchangeStatus } from './exchange.checks';
import type { CreateExchangeInput } from './exchange.inputs';
import type { ExchangeRepository } from './exchange.repository';
import type { ExchangeStatus } from './exchange.types';
import { type Exchange } from './exchange.types';

/** Most exchanges one `exchanges` query returns. */
export const MAX_EXCHANGES = 100;

/**
 * Exchanges (Kooperationsbörse sessions): reads, the presence the live streams ask for, and the
 * coordinators' lifecycle DRAFT → OPEN → CLOSED.
 */
export class ExchangeService {
  private readonly cooperationWrites = new CooperationWriteRepository();

  constructor(
    private readonly executor: CypherExecutor,
    private readonly repository: ExchangeRepository,
    private readonly writes: ExchangeWriteUnit,
  ) {}

  /** One exchange; `null` when unknown. @throws BAD_USER_INPUT for a malformed id */
  get(id: string): Promise<Exchange | null> {
    assertId('id', id);
    return this.repository.findById(this.repository.reader('exchange'), id);
  }

  /** Exchanges, newest first, optionally of one status. @throws BAD_USER_INPUT for `first` */
  list(status: ExchangeStatus | null, first: number): Promise<Exchange[]> {
    assertIntInRange('first', first, 1, MAX_EXCHANGES);
    return this.repository.list(status, first);
  }

  /** The exchange's status; `null` when unknown. Cheap: the live streams ask it per subscribe. */
  async findExchangeStatus(exchangeId: string): Promise<ExchangeStatus | null> {
    return this.repository.status(this.repository.reader('exchangeStatus'), exchangeId);
  }

  /** Whether the partner is checked in to the exchange now. */
  async isPresent(exchangeId: string, partnerId: string): Promise<boolean> {
    const reader = this.repository.reader('exchangePresence');
    return (await this.repository.presence(reader, exchangeId, partnerId))?.present ?? false;
  }

  /** The ids of the partners checked in now, sorted. */
  presentPartnerIds(exchangeId: string): Promise<string[]> {
    return this.repository.presentIds(this.repository.reader('exchangePresent'), exchangeId);
  }

  /**
   * Prepares a DRAFT exchange, optionally at an alliance meeting (coordinators).
   *
   * @throws NOT_FOUND for an unknown event; BAD_USER_INPUT for an event that is not an
   *   ALLIANCE_MEETING
   */
  create(caller: AuthUser | null, input: CreateExchangeInput): Promise<Exchange> {
    const user = requireUser(caller);
    const id = `x-${randomUUID()}`;
    const eventId = input.eventId ?? null;
    return runWrite(this.executor, { user, operation: 'createExchange' }, async (tx) => {
      if (eventId !== null) await this.requireMeeting(tx, eventId);
      const exchange = await this.repository.create(tx, { id, title: input.title, eventId });
      return { result: exchange, ids: eventId ? [id, eventId] : [id] };
    });
  }

  /** DRAFT → OPEN (coordinators). @throws NOT_FOUND; CONFLICT with `extensions.currentStatus` */
  open(caller: AuthUser | null, id: string): Promise<Exchange> {
    return this.transition(caller, id, ExchangeTransition.OPEN, 'EXCHANGE_OPENED');
  }

  /**
   * OPEN → CLOSED (coordinators); live streams of the exchange end with its EXCHANGE_CLOSED.
   * @throws NOT_FOUND; CONFLICT with `extensions.currentStatus`
   */
  close(caller: AuthUser | null, id: string): Promise<Exchange> {
    return this.transition(caller, id, ExchangeTransition.CLOSE, 'EXCHANGE_CLOSED');
  }

  private transition(
    caller: AuthUser | null,
    id: string,
    transition: ExchangeTransition,
    type: 'EXCHANGE_OPENED' | 'EXCHANGE_CLOSED',
  ): Promise<Exchange> {
    const user = requireUser(caller);
    assertId('id', id);
    return this.writes.run(user, transition, id, async (tx, status) => {
      const verdict = nextExchangeStatus(status, transition);
      if (!verdict.ok) {
        throw userError(ErrorCode.CONFLICT, verdict.message, { currentStatus: status });
      }
      const exchange = await this.repository.setStatus(tx, id, verdict.to);
      const payload = { status: verdict.to, eventId: exchange.event?.id ?? null };
      return {
        result: exchange,
        ids: [],
        events: [{ type, actorId: null, audience: null, payload }],
      };
    });
  }

  /** The event an exchange takes place at must be an alliance meeting. */
  private async requireMeeting(tx: TransactionRunner, eventId: string): Promise<void> {
    const event = await this.cooperationWrites.findEvent(tx, eventId);
    if (!event) {
      throw userError(ErrorCode.NOT_FOUND, `expected an event with id ${eventId}, got none`, {
        id: eventId,
      });
    }
    if (event.kind !== EventKind.ALLIANCE_MEETING) {
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        `expected event ${eventId} to be ALLIANCE_MEETING, got ${event.kind}`,
        { fields: [{ path: 'input.eventId', reason: `an event of kind ${event.kind}` }] },
      );
    }
  }
}
