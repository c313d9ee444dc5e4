import { randomUUID } from 'node:crypto';
import { type AuthUser, Role } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import { type ConnectionArgs, orderedConnection, type Page } from '../common/pagination';
import type { CypherExecutor, TransactionRunner } from '../db/executor';
import type { PartnerDeparture } from '../partners/partner-departures';
import { runWrite } from '../db/write-unit';
import { assembleFunnel, assertFunnelPeriod, monthsOf } from './funnel';
import { assertOneSubject, type FunnelArgs, type RecordOutcomeInput } from './outcome.inputs';
import type { OutcomeRepository } from './outcome.repository';
import type { CooperationFunnel, Outcome } from './outcome.types';

/** `myOutcomes` is listed newest first. */
const NEWEST_FIRST = { field: 'AT', direction: 'DESC' };

/**
 * The partner behind a PARTNER token.
 *
 * @throws UNAUTHENTICATED without a token, FORBIDDEN for any other role (outcomes are a partner's
 *   own: a coordinator is no party to a pair)
 */
function ownPartner(user: AuthUser | null): string {
  if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This operation needs a token.');
  if (user.role !== Role.PARTNER || user.partnerId === undefined) {
    throw userError(ErrorCode.FORBIDDEN, `This operation is for PARTNER, not ${user.role}.`);
  }
  return user.partnerId;
}

/** The pair an outcome is about, as resolved inside its write. */
interface Subject {
  aboutPartnerId: string;
  matchId: string | null;
  exchangeId: string | null;
}

/** Outcomes of pairs (private to their authors) and the funnel over them (coordinators). */
export class OutcomeService {
  constructor(
    private readonly executor: CypherExecutor,
    private readonly outcomes: OutcomeRepository,
  ) {}

  /**
   * Records what came of a pair or of a Börse match the caller is part of. The latest outcome per
   * pair replaces the earlier one; the same outcome again changes nothing.
   *
   * @throws BAD_USER_INPUT for both or neither of pair and match and for oneself; NOT_FOUND for
   *   an unknown partner or match; FORBIDDEN for a match of others, for callers that are not an
   *   ACTIVE partner
   */
  recordOutcome(user: AuthUser | null, input: RecordOutcomeInput): Promise<Outcome> {
    const by = ownPartner(user);
    assertOneSubject(input);
    const note = input.note?.trim() ? input.note : null;
    return runWrite(this.executor, { user, operation: 'recordOutcome' }, async (tx) => {
      const subject = await this.subjectOf(tx, by, input);
      const outcome = await this.outcomes.record(tx, {
        id: `o-${randomUUID()}`,
        byPartnerId: by,
        ...subject,
        outcome: input.outcome,
        note,
      });
      const ids = [outcome.id, by, subject.aboutPartnerId];
      return { result: outcome, ids: subject.matchId ? [...ids, subject.matchId] : ids };
    });
  }

  /** After an erasure committed: its outcomes go, notes about it are blanked (repeatable). */
  async followUpDeparture({ partnerId, erased, by }: PartnerDeparture): Promise<void> {
    if (!erased) return;
    await runWrite(this.executor, { user: by, operation: 'erasePartner' }, async (tx) => {
      await this.outcomes.erase(tx, partnerId);
      return { result: null, ids: [partnerId], graphUnchanged: true };
    });
  }

  /** The caller's own outcomes, newest first (Relay connection). */
  myOutcomes(user: AuthUser | null, args: ConnectionArgs): Promise<Page<Outcome>> {
    const by = ownPartner(user);
    return orderedConnection('myOutcomes', args, NEWEST_FIRST, {
      rows: (_order, request) => this.outcomes.findPage(by, request),
      count: () => this.outcomes.count(by),
    });
  }

  /**
   * The cooperation funnel of the days `from`–`to` (UTC), per month and in total; with
   * `exchangeId` for that Börse only.
   *
   * @throws BAD_USER_INPUT for a period ending before it starts or longer than five years;
   *   NOT_FOUND for an unknown exchange
   */
  async cooperationFunnel(args: FunnelArgs): Promise<CooperationFunnel> {
    const { from, to } = args;
    const exchangeId = args.exchangeId ?? null;
    assertFunnelPeriod(from, to);
    if (exchangeId !== null && !(await this.outcomes.exchangeExists(exchangeId))) {
      throw userError(ErrorCode.NOT_FOUND, `expected an exchange with id ${exchangeId}, got none`, {
        argument: 'exchangeId',
      });
    }
    const rows = await this.outcomes.funnelRows(from, to, exchangeId);
    return {
      from,
      to,
      exchangeId,
      ...assembleFunnel(monthsOf(from, to), rows, exchangeId !== null),
    };
  }

  /** The other partner of the pair, checked inside the write. */
  private async subjectOf(
    tx: TransactionRunner,
    by: string,
    input: RecordOutcomeInput,
  ): Promise<Subject> {
    if (input.matchId != null) {
      const match = await this.outcomes.findMatch(tx, input.matchId);
      if (!match) {
        throw userError(
          ErrorCode.NOT_FOUND,
          `expected a match with id ${input.matchId}, got none`,
          {
            argument: 'input.matchId',
          },
        );
      }
      const other = match.partnerIds.find((id) => id !== by);
      if (!match.partnerIds.includes(by) || other === undefined) {
        throw userError(
          ErrorCode.FORBIDDEN,
          `expected a match of your partner ${by}, got one of others`,
          { argument: 'input.matchId' },
        );
      }
      return { aboutPartnerId: other, matchId: match.id, exchangeId: match.exchangeId };
    }
    const about = input.aboutPartnerId as string;
    if (about === by) {
      const reason = 'expected another partner than your own';
      throw userError(ErrorCode.BAD_USER_INPUT, `Invalid input: input.aboutPartnerId: ${reason}`, {
        fields: [{ path: 'input.aboutPartnerId', reason }],
      });
    }
    if ((await this.outcomes.partnerStatus(tx, about)) === null) {
      throw userError(ErrorCode.NOT_FOUND, `expected a partner with id ${about}, got none`, {
        argument: 'input.aboutPartnerId',
      });
    }
    return { aboutPartnerId: about, matchId: null, exchangeId: null };
  }
}
