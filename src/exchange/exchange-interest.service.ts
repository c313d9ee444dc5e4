import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { CooperationCreation } from '../cooperations/cooperation-create';
import { assertActivePartners, requireUser } from '../cooperations/cooperation-write.checks';
import {
  CooperationWriteRepository,
  type PartnerProfile,
} from '../cooperations/cooperation-write.repository';
import { type Cooperation, CooperationKind } from '../cooperations/cooperation.types';
import { coveredDimensions } from '../cooperations/cross-dimension-rule';
import type { TransactionRunner } from '../db/executor';
import {
  enqueueNotifications,
  type NotificationDraft,
  NotificationKind,
} from '../notifications/outbox';
import { assertId } from '../common/checks';
import type { ExchangeEventDraft } from './exchange-events';
import type { ExchangeInterestRepository, StoredInterest } from './exchange-interest.repository';
import {
  actorOf,
  assertActsFor,
  assertOpen,
  assertOtherPartner,
  notFound,
  proposalLead,
} from './exchange.checks';
import type { ExpressInterestArgs, ProposeCooperationInput } from './exchange.inputs';
import type { ExchangeRepository } from './exchange.repository';
import type { ExchangeChange, ExchangeWriteUnit } from './exchange-write-unit';
import { type ExchangeInterest, type ExchangeMatch, PostStatus } from './exchange.types';

/**
 * Interests, matches and the cooperations proposed from them. Interests are private: only the
 * target (and coordinators) hear of one, and only the two partners of a match hear of it — on
 * the stream and by an EXCHANGE_MATCH notification each.
 */
export class ExchangeInterestService {
  private readonly cooperationWrites = new CooperationWriteRepository();

  constructor(
    private readonly exchanges: ExchangeRepository,
    private readonly interests: ExchangeInterestRepository,
    private readonly writes: ExchangeWriteUnit,
    private readonly proposals: CooperationCreation,
  ) {}

  /**
   * A partner checked in wants to meet another partner checked in. When the target is
   * interested already, the two are a match. Repeating it changes nothing.
   * @throws BAD_USER_INPUT for oneself or a post of someone else; NOT_FOUND for an unknown
   *   post; CONFLICT unless OPEN and both are checked in
   */
  expressInterest(caller: AuthUser | null, args: ExpressInterestArgs): Promise<ExchangeInterest> {
    const { exchangeId, partnerId, inPartnerId } = args;
    const user = assertActsFor(caller, partnerId);
    assertOtherPartner(partnerId, inPartnerId);
    return this.writes.run(user, 'expressInterest', exchangeId, async (tx, status) => {
      assertOpen(status, exchangeId);
      await this.writes.assertPresent(tx, exchangeId, partnerId);
      await this.writes.assertPresent(tx, exchangeId, inPartnerId);
      if (args.postId != null) await this.assertPostOf(tx, args.postId, args);
      return this.interest(tx, user, args);
    });
  }

  /**
   * Proposes a DIVERSITY_COOPERATION of the two matched partners as a DRAFT cooperation, with
   * the checks of `createCooperation` (ACTIVE partners, the cross-dimension rule); it becomes
   * ACTIVE when both confirmed (`confirmCooperation`, docs/follow-through.md#proposals).
   * @throws NOT_FOUND; FORBIDDEN for partners outside the match; CONFLICT unless OPEN, unless
   *   the proposing partner is checked in, or when proposed already (`extensions.cooperationId`);
   *   BAD_USER_INPUT when the rule fails (`extensions.rule`)
   */
  async proposeCooperation(
    caller: AuthUser | null,
    matchId: string,
    input: ProposeCooperationInput,
  ): Promise<Cooperation> {
    const user = requireUser(caller);
    assertId('matchId', matchId);
    const reader = this.exchanges.reader('proposeCooperation');
    const found = await this.interests.findMatch(reader, matchId);
    if (!found) throw notFound('match', matchId);
    const exchangeId = found.exchangeId;
    return this.writes.run(user, 'proposeCooperation', exchangeId, async (tx, status) => {
      assertOpen(status, exchangeId);
      const match = (await this.interests.findMatch(tx, matchId)) ?? found;
      const lead = proposalLead(user, match);
      if (actorOf(user)) await this.writes.assertPresent(tx, exchangeId, lead);
      const other = match.partnerIds.find((id) => id !== lead) as string;
      const cooperation = await this.createDraft(tx, user, match, [lead, other], input);
      const payload = {
        matchId,
        cooperationId: cooperation.id,
        partnerId: lead,
        targetPartnerId: other,
      };
      const events: ExchangeEventDraft[] = [
        { type: 'COOPERATION_PROPOSED', actorId: actorOf(user), audience: [lead, other], payload },
      ];
      return { result: cooperation, ids: [cooperation.id, matchId, lead, other], events };
    });
  }

  /** Records the interest (once) and, when it is mutual, the match. */
  private async interest(
    tx: TransactionRunner,
    user: AuthUser,
    { exchangeId, partnerId, inPartnerId, postId }: ExpressInterestArgs,
  ): Promise<ExchangeChange<ExchangeInterest>> {
    const state = await this.interests.interestState(tx, exchangeId, partnerId, inPartnerId);
    if (!state) throw notFound('partner', inPartnerId);
    const result = (own: StoredInterest, match: ExchangeMatch | null): ExchangeInterest => {
      const { postId: ownPostId, at: createdAt } = own;
      return {
        exchangeId,
        partnerId,
        targetPartnerId: inPartnerId,
        postId: ownPostId,
        createdAt,
        match,
      };
    };
    if (state.own) return { result: result(state.own, state.match), ids: [], events: [] };
    const ids: [string, string] = [partnerId, inPartnerId];
    const own = await this.interests.createInterest(tx, exchangeId, ids, postId ?? null);
    const actorId = actorOf(user);
    const pair = { partnerId, targetPartnerId: inPartnerId };
    const events: ExchangeEventDraft[] = [
      {
        type: 'INTEREST_EXPRESSED',
        actorId,
        audience: [inPartnerId],
        payload: { ...pair, postId: own.postId },
      },
    ];
    if (!state.reciprocated || state.match) {
      return { result: result(own, state.match), ids, events };
    }
    // The target was interested first, so it comes first (and leads when a coordinator proposes).
    const matchId = `m-${randomUUID()}`;
    const match = await this.interests.createMatch(tx, matchId, exchangeId, [
      inPartnerId,
      partnerId,
    ]);
    // Both partners are told by e-mail, in the match's transaction (the outbox): the one who
    // completed the match sees it in the response, but may want the e-mail for later too.
    await enqueueNotifications(tx, matchNotifications(matchId, [inPartnerId, partnerId]));
    events.push({
      type: 'MATCH',
      actorId,
      audience: [inPartnerId, partnerId],
      payload: { ...pair, matchId },
    });
    return { result: result(own, match), ids: [...ids, matchId], events };
  }

  /**
   * The DRAFT cooperation of a match, made the one way proposals are made (the cooperation
   * slice's {@link CooperationCreation}: its checks, Cypher and notifications), with the
   * exchange and match on it; the proposing partner counts as confirmed.
   */
  private async createDraft(
    tx: TransactionRunner,
    user: AuthUser,
    match: ExchangeMatch,
    [lead, other]: [string, string],
    input: ProposeCooperationInput,
  ): Promise<Cooperation> {
    const locked = await this.cooperationWrites.lockPartners(tx, [lead, other]);
    const profiles = assertActivePartners([lead, other], locked);
    const draft = {
      title: input.title,
      kind: CooperationKind.DIVERSITY_COOPERATION,
      startedOn: input.startedOn ?? today(),
      funding: null,
      leadPartnerId: lead,
      partnerIds: [other],
      dimensionKeys: await this.draftDimensions(tx, input, profiles),
      eventId: null,
    };
    const origin = { exchangeId: match.exchangeId, matchId: match.id };
    const { cooperation } = await this.proposals.create(tx, user, draft, origin);
    return this.interests.markProposed(tx, match.id, cooperation.id);
  }

  /**
   * The dimensions a proposal addresses: the given keys, or all the pair covers together.
   * @throws NOT_FOUND for an unknown key
   */
  private async draftDimensions(
    tx: TransactionRunner,
    input: ProposeCooperationInput,
    profiles: readonly PartnerProfile[],
  ): Promise<string[]> {
    const keys = input.dimensionKeys ?? coveredDimensions(profiles.map((p) => p.engagements));
    const known = await this.cooperationWrites.knownDimensionKeys(tx, keys);
    const unknown = keys.find((key) => !known.has(key));
    if (unknown !== undefined) throw notFound('dimension', unknown);
    return keys;
  }

  /** An interest may name an ACTIVE post of its target in the same exchange. */
  private async assertPostOf(
    tx: TransactionRunner,
    postId: string,
    { exchangeId, inPartnerId }: ExpressInterestArgs,
  ): Promise<void> {
    const post = await this.exchanges.findPost(tx, postId);
    if (!post) throw notFound('post', postId);
    const fits = post.exchangeId === exchangeId && post.partnerId === inPartnerId;
    if (fits && post.status === PostStatus.ACTIVE) return;
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `expected postId to be an ACTIVE post of ${inPartnerId} in exchange ${exchangeId}, got a ${post.status} post of ${post.partnerId} in ${post.exchangeId}`,
      { argument: 'postId' },
    );
  }
}

/** The EXCHANGE_MATCH notifications of a new match: one to each partner, naming the other. */
export function matchNotifications(
  matchId: string,
  [first, second]: readonly [string, string],
): NotificationDraft[] {
  const draft = (partnerId: string, otherPartnerId: string): NotificationDraft => ({
    partnerId,
    kind: NotificationKind.EXCHANGE_MATCH,
    subjectId: matchId,
    otherPartnerId,
    text: null,
  });
  return [draft(first, second), draft(second, first)];
}

/** Today's date (UTC) as `YYYY-MM-DD`: the default start of a proposed cooperation. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}
