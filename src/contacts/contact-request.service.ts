import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth.types';
import { assertId } from '../common/checks';
import { ErrorCode, userError } from '../common/errors';
import { type ConnectionArgs, orderedConnection, type Page } from '../common/pagination';
import type { CypherExecutor, TransactionRunner } from '../db/executor';
import { runWrite } from '../db/write-unit';
import { enqueueNotifications, NotificationKind } from '../notifications/outbox';
import type { PartnerDeparture } from '../partners/partner-departures';
import {
  answerStep,
  assertNoProblems,
  assertNotSelf,
  assertTarget,
  contextProblems,
  cooldownEnd,
  lastRefusalAt,
  ownPartnerId,
  pairVerdict,
} from './contact-request.checks';
import type { RequestContactInput } from './contact-request.inputs';
import { ContactRequestRepository, countsOf } from './contact-request.repository';
import {
  ContactContextKind,
  type ContactDirection,
  type ContactRequest,
  ContactRequestStatus,
  type ContactRequestStats,
} from './contact-request.types';

/** The limits of contact requests (`CONTACT_REQUESTS_OPEN_MAX`, `CONTACT_REQUEST_COOLDOWN_DAYS`). */
export interface ContactRequestSettings {
  /** Most PENDING requests one partner may have sent. */
  openMax: number;
  /** Days after a "no" before the same partner may be asked again. */
  cooldownDays: number;
}

/**
 * Who may say no: declining and revoking withhold or withdraw consent, which must stay as easy
 * as giving it, so any partner with a valid token may do both — a PAUSED one too, which the one
 * actor rule would refuse. Saying no discloses nothing, so it needs no standing; asking and
 * accepting keep the rule (ACTIVE only).
 */
const WITHDRAWING = 'any' as const;

/** Requests are listed newest first. */
const NEWEST_FIRST = { field: 'CREATED_AT', direction: 'DESC' };

/**
 * Contact requests with consent: a partner asks another for its contact data; on accept both
 * see each other's contact name, e-mail and phone until either revokes. Every write runs through
 * {@link runWrite} (actor rule, audit entry with the request and both partner ids) and writes
 * its notifications in the same transaction. The alliance graph as the network and matching
 * read it does not change, so writes keep the data version (`graphUnchanged`).
 */
export class ContactRequestService {
  private readonly repository: ContactRequestRepository;

  constructor(
    private readonly executor: CypherExecutor,
    private readonly settings: ContactRequestSettings,
  ) {
    this.repository = new ContactRequestRepository(executor);
  }

  /**
   * Asks `input.toPartnerId` for its contact data. A repeat (a PENDING or ACCEPTED request of the
   * pair, see `pairVerdict`) returns the existing request and writes nothing else.
   *
   * @throws BAD_USER_INPUT (own partner, target not ACTIVE, context not matching), NOT_FOUND
   *   (unknown target), FORBIDDEN (not a partner, own partner not ACTIVE), CONFLICT (the target
   *   asked first, open-request limit, cool-down after a "no")
   */
  requestContact(user: AuthUser | null, input: RequestContactInput): Promise<ContactRequest> {
    const requesterId = ownPartnerId(user);
    const targetId = input.toPartnerId;
    assertNotSelf(requesterId, targetId, 'input.toPartnerId');
    assertNoProblems(contextProblems(input.context));
    return runWrite(this.executor, { user, operation: 'requestContact' }, async (tx) => {
      const target = await this.repository.lockPartner(tx, targetId);
      if (!target) {
        throw userError(ErrorCode.NOT_FOUND, `expected a partner with id ${targetId}, got none`, {
          fields: [{ path: 'input.toPartnerId', reason: 'unknown partner' }],
        });
      }
      const pair = await this.repository.pair(tx, requesterId, targetId);
      const verdict = pairVerdict(requesterId, pair);
      if (verdict.kind === 'existing') {
        const { request } = verdict;
        return {
          result: request,
          ids: [request.id, request.fromPartnerId, request.toPartnerId],
          graphUnchanged: true,
        };
      }
      if (verdict.kind === 'incoming') {
        throw userError(
          ErrorCode.CONFLICT,
          `expected no open request between you and ${targetId}, got its request ${verdict.request.id} to you (PENDING): accept it with acceptContactRequest`,
          { currentStatus: verdict.request.status, requestId: verdict.request.id },
        );
      }
      if (target.status !== 'ACTIVE') {
        throw userError(
          ErrorCode.BAD_USER_INPUT,
          `expected input.toPartnerId to be an ACTIVE partner, got ${target.status}`,
          { fields: [{ path: 'input.toPartnerId', reason: `partner is ${target.status}` }] },
        );
      }
      this.assertNoCooldown(requesterId, targetId, pair);
      await this.assertOpenLimit(tx, requesterId);
      const context = await this.checkedContext(tx, requesterId, targetId, input);
      const id = `cr-${randomUUID()}`;
      const request = await this.repository.create(tx, {
        id,
        fromPartnerId: requesterId,
        toPartnerId: targetId,
        message: input.message,
        contextKind: input.context.kind,
        contextExchangeId: context.exchangeId,
        contextMatchId: context.matchId,
      });
      await enqueueNotifications(tx, [
        {
          partnerId: targetId,
          kind: NotificationKind.CONTACT_REQUESTED,
          subjectId: id,
          otherPartnerId: requesterId,
          text: input.message,
        },
      ]);
      return { result: request, ids: [id, requesterId, targetId], graphUnchanged: true };
    });
  }

  /**
   * Accepts a request (its target only): both partners see each other's contact data from now
   * on (`SHARES_CONTACT`); the requester is told. The audit entry names the request and both
   * partners — the record of the disclosure. Accepting again changes nothing.
   *
   * @throws NOT_FOUND, FORBIDDEN (not the target), CONFLICT (DECLINED or REVOKED)
   */
  acceptContactRequest(user: AuthUser | null, id: string): Promise<ContactRequest> {
    const partnerId = ownPartnerId(user);
    assertId('id', id);
    return runWrite(this.executor, { user, operation: 'acceptContactRequest' }, async (tx) => {
      const current = await this.lockRequest(tx, id);
      assertTarget(partnerId, current);
      const ids = [id, current.fromPartnerId, current.toPartnerId];
      if (answerStep(current, ContactRequestStatus.ACCEPTED) === 'noOp') {
        return { result: current, ids, graphUnchanged: true };
      }
      const accepted = await this.repository.accept(tx, id);
      await enqueueNotifications(tx, [
        {
          partnerId: current.fromPartnerId,
          kind: NotificationKind.CONTACT_ACCEPTED,
          subjectId: id,
          otherPartnerId: partnerId,
          text: null,
        },
      ]);
      return { result: accepted, ids, graphUnchanged: true };
    });
  }

  /**
   * Declines a request (its target only, a PAUSED one too), without a reason and without telling
   * anyone: the requester only sees the status DECLINED ("nicht jetzt"). Declining again changes
   * nothing.
   *
   * @throws NOT_FOUND, FORBIDDEN (not the target), CONFLICT (ACCEPTED or REVOKED)
   */
  declineContactRequest(user: AuthUser | null, id: string): Promise<ContactRequest> {
    const partnerId = ownPartnerId(user);
    assertId('id', id);
    const options = { user, operation: 'declineContactRequest', actor: WITHDRAWING };
    return runWrite(this.executor, options, async (tx) => {
      const current = await this.lockRequest(tx, id);
      assertTarget(partnerId, current);
      const ids = [id, current.fromPartnerId, current.toPartnerId];
      if (answerStep(current, ContactRequestStatus.DECLINED) === 'noOp') {
        return { result: current, ids, graphUnchanged: true };
      }
      return { result: await this.repository.decline(tx, id), ids, graphUnchanged: true };
    });
  }

  /**
   * Ends the contact shared with `otherId` (either side may, a PAUSED one too): the ACCEPTED request of the pair
   * becomes REVOKED and neither sees the other's contact data any more. Revoking again returns
   * the revoked request.
   *
   * @throws BAD_USER_INPUT (own partner), NOT_FOUND (no contact shared with that partner, ever)
   */
  revokeContact(user: AuthUser | null, otherId: string): Promise<ContactRequest> {
    const partnerId = ownPartnerId(user);
    assertId('partnerId', otherId);
    assertNotSelf(partnerId, otherId, 'partnerId');
    const options = { user, operation: 'revokeContact', actor: WITHDRAWING };
    return runWrite(this.executor, options, async (tx) => {
      await this.repository.lockPartner(tx, otherId);
      const pair = await this.repository.pair(tx, partnerId, otherId);
      const accepted = pair.find((r) => r.status === ContactRequestStatus.ACCEPTED);
      const current = accepted ?? pair.find((r) => r.status === ContactRequestStatus.REVOKED);
      if (!current) {
        throw userError(
          ErrorCode.NOT_FOUND,
          `expected a contact shared with partner ${otherId}, got none`,
          { argument: 'partnerId' },
        );
      }
      const ids = [current.id, current.fromPartnerId, current.toPartnerId];
      const result = accepted ? await this.repository.revoke(tx, current.id, partnerId) : current;
      return { result, ids, graphUnchanged: true };
    });
  }

  /**
   * The caller's requests of one direction, newest first.
   *
   * @throws FORBIDDEN for callers without a partner (coordinators), BAD_USER_INPUT for bad pages
   */
  myContactRequests(
    user: AuthUser | null,
    args: ConnectionArgs & { direction: ContactDirection; status?: ContactRequestStatus | null },
  ): Promise<Page<ContactRequest>> {
    const partnerId = ownPartnerId(user);
    const status = args.status ?? null;
    return orderedConnection('myContactRequests', args, NEWEST_FIRST, {
      rows: (_order, request) => this.repository.page(partnerId, args.direction, status, request),
      count: () => this.repository.count(partnerId, args.direction, status),
    });
  }

  /**
   * Requests made from `from` to `to` (inclusive) by current status, in all and per month —
   * counts only, never messages or who asked whom.
   *
   * @throws BAD_USER_INPUT when `to` is before `from`
   */
  async contactRequestStats(from: string, to: string): Promise<ContactRequestStats> {
    if (to < from) {
      throw userError(ErrorCode.BAD_USER_INPUT, `expected to on or after from ${from}, got ${to}`, {
        argument: 'to',
      });
    }
    const rows = await this.repository.stats(from, to);
    const months = [...new Set(rows.map((row) => row.month))];
    return {
      from,
      to,
      counts: countsOf(rows),
      byMonth: months.map((month) => ({
        month,
        counts: countsOf(rows.filter((row) => row.month === month)),
      })),
    };
  }

  /**
   * After an erasure (a follow-up of `erasePartner`, run once it committed): the erased
   * partner's messages go, its shared contacts end, and its open or accepted requests become
   * REVOKED. Repeating it changes nothing more.
   */
  async followUpDeparture({ partnerId, erased, by }: PartnerDeparture): Promise<void> {
    if (!erased) return;
    await runWrite(this.executor, { user: by, operation: 'erasePartner' }, async (tx) => {
      const changed = await this.repository.erase(tx, partnerId);
      return { result: null, ids: [partnerId, ...changed], graphUnchanged: true };
    });
  }

  private async lockRequest(tx: TransactionRunner, id: string): Promise<ContactRequest> {
    const request = await this.repository.lock(tx, id);
    if (!request) {
      throw userError(ErrorCode.NOT_FOUND, `expected a contact request with id ${id}, got none`, {
        argument: 'id',
      });
    }
    return request;
  }

  /**
   * After the target said no to the requester (declined, or revoked a shared contact), the
   * requester waits {@link ContactRequestSettings.cooldownDays} before asking again.
   *
   * @throws CONFLICT naming the refused request's status and when asking is possible again
   */
  private assertNoCooldown(
    requesterId: string,
    targetId: string,
    pair: readonly ContactRequest[],
  ): void {
    const refusedAt = lastRefusalAt(requesterId, targetId, pair);
    const end = cooldownEnd(refusedAt, this.settings.cooldownDays, new Date());
    if (!end) return;
    const refused = pair.find((r) => r.answeredAt === refusedAt || r.revokedAt === refusedAt);
    const status = refused?.status ?? ContactRequestStatus.DECLINED;
    throw userError(
      ErrorCode.CONFLICT,
      `expected ${this.settings.cooldownDays} days to pass since partner ${targetId} said no (${status} on ${refusedAt}), got less: ask again from ${end.toISOString()}`,
      { currentStatus: status, retryAfter: end.toISOString() },
    );
  }

  /**
   * A partner has at most {@link ContactRequestSettings.openMax} requests waiting for an answer.
   *
   * @throws CONFLICT with `extensions.limit`
   */
  private async assertOpenLimit(tx: TransactionRunner, requesterId: string): Promise<void> {
    const open = await this.repository.openCount(tx, requesterId);
    if (open < this.settings.openMax) return;
    throw userError(
      ErrorCode.CONFLICT,
      `expected fewer than ${this.settings.openMax} open contact requests, got ${open}: wait for answers first`,
      { limit: this.settings.openMax, open },
    );
  }

  /**
   * The ids the context names, checked against the graph: an EXCHANGE_MATCH names a match of
   * the two partners (its exchange is taken from the match); any exchange named exists.
   *
   * @throws BAD_USER_INPUT with the path of the refused id
   */
  private async checkedContext(
    tx: TransactionRunner,
    requesterId: string,
    targetId: string,
    input: RequestContactInput,
  ): Promise<{ exchangeId: string | null; matchId: string | null }> {
    const { kind, exchangeId = null, matchId = null } = input.context;
    if (kind === ContactContextKind.EXCHANGE_MATCH && matchId !== null) {
      const match = await this.repository.exchangeMatch(tx, matchId);
      const ofPair = match?.partnerIds.includes(requesterId) && match.partnerIds.includes(targetId);
      if (!match || !ofPair) {
        assertNoProblems([
          {
            path: 'input.context.matchId',
            reason: `expected a match of you and ${targetId}, got ${match ? 'a match of others' : 'none'}`,
          },
        ]);
      }
      if (match && exchangeId !== null && exchangeId !== match.exchangeId) {
        assertNoProblems([
          {
            path: 'input.context.exchangeId',
            reason: `expected the match's exchange ${match.exchangeId}, got ${exchangeId}`,
          },
        ]);
      }
      return { exchangeId: match?.exchangeId ?? exchangeId, matchId };
    }
    if (exchangeId !== null && !(await this.repository.exchangeExists(tx, exchangeId))) {
      assertNoProblems([
        {
          path: 'input.context.exchangeId',
          reason: `expected an exchange, got none with id ${exchangeId}`,
        },
      ]);
    }
    return { exchangeId, matchId: null };
  }
}
