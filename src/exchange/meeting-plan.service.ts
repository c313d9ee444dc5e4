import type { GraphQLError } from 'graphql';
import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import { requireUser } from '../cooperations/cooperation-write.checks';
import type { MatchingService, SuggestionCaller } from '../matching/matching.service';
import { MAX_SUGGESTIONS } from '../matching/matching.checks';
import { assertId } from '../common/checks';
import { assertExchangeExists, assertOpen } from './exchange.checks';
import type { PlanMeetingRoundsArgs } from './exchange.inputs';
import type { ExchangeInterestRepository } from './exchange-interest.repository';
import type { ExchangeRepository, StoredPlan } from './exchange.repository';
import type { ExchangeWriteUnit } from './exchange-write-unit';
import type { MeetingPlan } from './exchange.types';
import { pairAffinities, type PairScore, planMeetings, type PlannedMeetings } from './meeting-plan';

/**
 * Where the planner gets the matching's opinion of pairs of present partners. An interface, so
 * that a batched scorer can replace {@link matchingPairScores} without touching the planner.
 */
export interface PresentPairScores {
  /** Suggestion scores between the given partners, in [0, 1]; pairs not listed score 0. */
  pairScores(partnerIds: readonly string[], caller: SuggestionCaller): Promise<PairScore[]>;
}

/** Partners whose suggestions are computed at once; bounds the database load of a plan. */
const SCORING_CONCURRENCY = 4;

/**
 * Pair scores from {@link MatchingService.suggestAmong}: each present partner's suggestions
 * among the others (the same hard rules as everywhere: no former partners, no dismissed ones,
 * only valid cross-dimension pairs). One call per partner, a few at a time. A partner that
 * cannot get suggestions (paused since checking in) just adds no scores.
 */
export function matchingPairScores(matching: MatchingService): PresentPairScores {
  return {
    async pairScores(partnerIds, caller) {
      const first = Math.max(1, Math.min(MAX_SUGGESTIONS, partnerIds.length - 1));
      const scores: PairScore[] = [];
      for (let start = 0; start < partnerIds.length; start += SCORING_CONCURRENCY) {
        const batch = partnerIds.slice(start, start + SCORING_CONCURRENCY);
        const lists = await Promise.all(
          batch.map((id) =>
            matching.suggestAmong(id, partnerIds, first, caller).catch(skipRefused),
          ),
        );
        batch.forEach((a, i) =>
          lists[i]?.forEach((s) => scores.push({ a, b: s.partnerId, score: s.score })),
        );
      }
      return scores;
    },
  };
}

/** A partner the matching refuses (unknown, not ACTIVE) has no suggestions; other errors fail. */
function skipRefused(error: unknown): [] {
  const code = (error as Partial<GraphQLError>).extensions?.code;
  if (code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.NOT_FOUND) return [];
  throw error;
}

/** What is stored on the exchange: the plan without its exchange id and publication time. */
type StoredPlanBody = Omit<PlannedMeetings, 'rounds'> & {
  requestedRounds: number;
  tableSize: number;
  rounds: string[][][];
};

/** Table plans of exchanges: computed from who is present, published with an event. */
export class MeetingPlanService {
  constructor(
    private readonly repository: ExchangeRepository,
    private readonly interests: ExchangeInterestRepository,
    private readonly writes: ExchangeWriteUnit,
    private readonly scores: PresentPairScores,
  ) {}

  /**
   * Plans table rounds for the partners checked in now and publishes the plan (coordinators),
   * replacing an earlier one. The plan is computed on the presence when the call starts; who
   * checks in meanwhile is not in it (plan again).
   * @throws NOT_FOUND; CONFLICT unless OPEN or with fewer than 2 partners checked in
   *   (`extensions.presentCount`)
   */
  async plan(caller: AuthUser | null, args: PlanMeetingRoundsArgs): Promise<MeetingPlan> {
    const user = requireUser(caller);
    const { exchangeId, rounds, tableSize } = args;
    const reader = this.repository.reader('planMeetingRounds');
    const status = await this.repository.status(reader, exchangeId);
    assertExchangeExists(status, exchangeId);
    assertOpen(status, exchangeId);
    const present = await this.repository.presentIds(reader, exchangeId);
    assertEnoughPresent(present.length);
    const [interests, scores] = await Promise.all([
      this.interests.interestsAmong(exchangeId, present),
      this.scores.pairScores(present, { user, language: 'de' }),
    ]);
    const planned = planMeetings(present, pairAffinities(interests, scores), { rounds, tableSize });
    const body: StoredPlanBody = { ...planned, requestedRounds: rounds, tableSize };
    return this.writes.run(user, 'planMeetingRounds', exchangeId, async (tx, current) => {
      assertOpen(current, exchangeId);
      const plan = toMeetingPlan(
        exchangeId,
        await this.repository.savePlan(tx, exchangeId, JSON.stringify(body)),
      );
      if (!plan) throw new Error(`the plan of ${exchangeId} was not stored`);
      const payload = {
        rounds: plan.rounds.length,
        tableSize,
        score: plan.score,
        partnerCount: present.length,
      };
      const event = {
        type: 'MEETING_PLAN_PUBLISHED',
        actorId: null,
        audience: null,
        payload,
      } as const;
      return { result: plan, ids: [], events: [event] };
    });
  }

  /** The published plan of an exchange; `null` before one is published. @throws NOT_FOUND */
  async meetingPlan(exchangeId: string): Promise<MeetingPlan | null> {
    assertId('exchangeId', exchangeId);
    const stored = (await this.repository.findPlan(exchangeId)) ?? null;
    assertExchangeExists(stored, exchangeId);
    return toMeetingPlan(exchangeId, stored);
  }
}

/** @throws CONFLICT with `extensions.presentCount` when fewer than two partners are present */
function assertEnoughPresent(presentCount: number): void {
  if (presentCount >= 2) return;
  throw userError(
    ErrorCode.CONFLICT,
    `expected at least 2 partners checked in to plan table rounds, got ${presentCount}`,
    { presentCount },
  );
}

/** A stored plan in its GraphQL shape; `null` when none was published. */
function toMeetingPlan(exchangeId: string, stored: StoredPlan): MeetingPlan | null {
  if (stored.plan === null || stored.publishedAt === null) return null;
  const body = JSON.parse(stored.plan) as StoredPlanBody;
  return {
    exchangeId,
    publishedAt: stored.publishedAt,
    requestedRounds: body.requestedRounds,
    tableSize: body.tableSize,
    score: body.score,
    breakdown: body.breakdown,
    rounds: body.rounds.map((tables, r) => ({
      number: r + 1,
      tables: tables.map((partnerIds, t) => ({ number: t + 1, partnerIds })),
    })),
  };
}
