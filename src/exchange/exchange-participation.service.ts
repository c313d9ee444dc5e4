import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import {
  assertActivePartners,
  assertOwnPartnerActive,
  requireUser,
} from '../cooperations/cooperation-write.checks';
import { CooperationWriteRepository } from '../cooperations/cooperation-write.repository';
import type { TransactionRunner } from '../db/executor';
import { assertId } from '../common/checks';
import type { ExchangeEventDraft } from './exchange-events';
import { actorOf, assertActsFor, assertOpen, notFound } from './exchange.checks';
import type { CreatePostInput, ExchangePartnerArgs } from './exchange.inputs';
import type { ExchangeRepository } from './exchange.repository';
import type { ExchangeChange, ExchangeWriteUnit } from './exchange-write-unit';
import { type Exchange, type Post, PostStatus } from './exchange.types';

/**
 * What partners do in an OPEN exchange besides interests: check in and out, post offers and
 * needs. Partners act for themselves; coordinators may act for any partner (the desk at the
 * meeting). Every change runs through {@link ExchangeWriteUnit}: under the exchange's lock, with
 * its events.
 */
export class ExchangeParticipationService {
  private readonly cooperationWrites = new CooperationWriteRepository();

  constructor(
    private readonly repository: ExchangeRepository,
    private readonly writes: ExchangeWriteUnit,
  ) {}

  /**
   * Checks an ACTIVE partner in; checking in again changes nothing and reports no event. At an
   * exchange linked to an alliance meeting, the check-in is also the partner's attendance there
   * (ATTENDED, `lastActiveOn`), in the same transaction; only a newly recorded attendance bumps
   * the data version, since only it changes what the network and matching read.
   * @throws FORBIDDEN / BAD_USER_INPUT for a partner that is not ACTIVE; NOT_FOUND; CONFLICT
   *   unless OPEN
   */
  checkIn(caller: AuthUser | null, { exchangeId, partnerId }: ExchangePartnerArgs) {
    const user = assertActsFor(caller, partnerId);
    return this.writes.run(user, 'checkIn', exchangeId, async (tx, status) => {
      assertOpen(status, exchangeId);
      const locked = await this.cooperationWrites.lockPartners(tx, [partnerId]);
      assertOwnPartnerActive(user, locked.get(partnerId));
      assertActivePartners([partnerId], locked);
      const present = await this.repository.isPresent(tx, exchangeId, partnerId);
      if (!present) await this.repository.checkIn(tx, exchangeId, partnerId);
      // Also when checked in already: check-ins from before attendance was recorded catch up.
      const attended = await this.repository.attendMeeting(tx, exchangeId, partnerId);
      const event = { type: 'CHECKED_IN', payload: { partnerId } } as const;
      const change = await this.exchangeChange(
        tx,
        user,
        exchangeId,
        partnerId,
        present ? [] : [event],
      );
      if (!attended?.created) return change;
      return { ...change, ids: [...change.ids, attended.eventId], graphChanged: true };
    });
  }

  /**
   * Checks a partner out; when it was not checked in, nothing changes.
   * @throws CONFLICT unless OPEN
   */
  checkOut(caller: AuthUser | null, { exchangeId, partnerId }: ExchangePartnerArgs) {
    const user = assertActsFor(caller, partnerId);
    return this.writes.run(user, 'checkOut', exchangeId, async (tx, status) => {
      assertOpen(status, exchangeId);
      const removed = await this.repository.checkOut(tx, exchangeId, partnerId);
      const event = { type: 'CHECKED_OUT', payload: { partnerId } } as const;
      return this.exchangeChange(tx, user, exchangeId, partnerId, removed ? [event] : []);
    });
  }

  /**
   * Posts an offer or need of a partner checked in.
   * @throws CONFLICT unless OPEN and checked in; BAD_USER_INPUT for unknown keys
   */
  createPost(caller: AuthUser | null, args: ExchangePartnerArgs, input: CreatePostInput) {
    const { exchangeId, partnerId } = args;
    const user = assertActsFor(caller, partnerId);
    return this.writes.run(user, 'createPost', exchangeId, async (tx, status) => {
      assertOpen(status, exchangeId);
      await this.writes.assertPresent(tx, exchangeId, partnerId);
      await this.assertKnownKeys(tx, input.dimensionKeys, input.topicKeys);
      const post = await this.repository.createPost(tx, {
        ...input,
        id: `post-${randomUUID()}`,
        exchangeId,
        partnerId,
      });
      const payload = { postId: post.id, partnerId, kind: post.kind };
      const events: ExchangeEventDraft[] = [
        { type: 'POST_CREATED', actorId: actorOf(user), audience: null, payload },
      ];
      return { result: post, ids: [post.id, partnerId], events };
    });
  }

  /**
   * Withdraws a post (its author or a coordinator) while the exchange is OPEN; the author need
   * not be checked in any more. Withdrawing again changes nothing.
   * @throws NOT_FOUND; FORBIDDEN for other partners; CONFLICT unless OPEN
   */
  async withdrawPost(caller: AuthUser | null, postId: string): Promise<Post> {
    assertId('postId', postId);
    const found = await this.repository.findPost(this.repository.reader('withdrawPost'), postId);
    if (!found) throw notFound('post', postId);
    const user = assertActsFor(requireUser(caller), found.partnerId);
    return this.writes.run(user, 'withdrawPost', found.exchangeId, async (tx, status) => {
      assertOpen(status, found.exchangeId);
      const current = (await this.repository.findPost(tx, postId)) ?? found;
      if (current.status === PostStatus.WITHDRAWN) {
        return { result: current, ids: [postId], events: [] };
      }
      const post = await this.repository.withdrawPost(tx, postId);
      const payload = { postId, partnerId: post.partnerId, kind: post.kind };
      const events: ExchangeEventDraft[] = [
        { type: 'POST_WITHDRAWN', actorId: actorOf(user), audience: null, payload },
      ];
      return { result: post, ids: [postId], events };
    });
  }

  /** The exchange after a presence change, with the change's events. */
  private async exchangeChange(
    tx: TransactionRunner,
    user: AuthUser,
    exchangeId: string,
    partnerId: string,
    events: readonly { type: 'CHECKED_IN' | 'CHECKED_OUT'; payload: { partnerId: string } }[],
  ): Promise<ExchangeChange<Exchange>> {
    const exchange = await this.repository.findById(tx, exchangeId);
    if (!exchange) throw new Error(`exchange ${exchangeId} vanished under its lock`);
    const drafts = events.map((e) => ({ ...e, actorId: actorOf(user), audience: null }));
    return { result: exchange, ids: [partnerId], events: drafts };
  }

  /** Every dimension and topic key of a post names one. @throws BAD_USER_INPUT naming them */
  private async assertKnownKeys(
    tx: TransactionRunner,
    dimensionKeys: string[],
    topicKeys: string[],
  ) {
    const unknown = await this.repository.unknownKeys(tx, dimensionKeys, topicKeys);
    const problem = (kind: string, path: string) => (key: string) => ({
      path,
      reason: `unknown ${kind} ${key}`,
    });
    const fields = [
      ...unknown.dimensions.map(problem('dimension', 'input.dimensionKeys')),
      ...unknown.topics.map(problem('topic', 'input.topicKeys')),
    ];
    if (fields.length === 0) return;
    const summary = fields.map((f) => `${f.path}: ${f.reason}`).join('; ');
    throw userError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${summary}`, { fields });
  }
}
