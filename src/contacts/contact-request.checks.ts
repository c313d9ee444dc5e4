import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { FieldProblem } from '../common/validation';
import {
  ContactContextKind,
  type ContactRequest,
  ContactRequestStatus,
} from './contact-request.types';

/** Longest message of a contact request, in characters (code points). */
export const MAX_CONTACT_MESSAGE = 1000;

// Control characters except tab (\u0009) and line feed (\u000a): a message may have paragraphs.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * What is wrong with a contact request's message, or `null` when it is fine: 1–1,000
 * characters (code points, so an emoji counts once), not blank, and no control characters
 * except line feed and tab — a carriage return, a NUL or an escape sequence has no place in a
 * text that is shown in lists and e-mails.
 *
 * @returns what a valid message is, for an "expected X, got Y" message; `null` for a valid one
 */
export function contactMessageProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'a message';
  if (CONTROL_CHARACTER.test(value)) {
    return 'a message without control characters (line breaks and tabs are fine)';
  }
  if (value.trim().length === 0) return 'a message that is not blank';
  if ([...value].length > MAX_CONTACT_MESSAGE) {
    return `a message of 1-${MAX_CONTACT_MESSAGE} characters`;
  }
  return null;
}

/** The context of a request as given: its kind and the ids it names. */
export interface ContextInput {
  kind: ContactContextKind;
  exchangeId?: string | null;
  matchId?: string | null;
}

/**
 * The problems of a context that can be seen without reading the graph: an EXCHANGE_MATCH names
 * its match, and only an EXCHANGE_MATCH names one.
 */
export function contextProblems(context: ContextInput): FieldProblem[] {
  const path = 'input.context.matchId';
  if (context.kind === ContactContextKind.EXCHANGE_MATCH && context.matchId == null) {
    return [{ path, reason: 'expected the match id for an EXCHANGE_MATCH, got nothing' }];
  }
  if (context.kind !== ContactContextKind.EXCHANGE_MATCH && context.matchId != null) {
    return [{ path, reason: `expected no matchId for a ${context.kind}, got one` }];
  }
  return [];
}

/** Refuses input with the given field problems (nothing when there are none). */
export function assertNoProblems(problems: readonly FieldProblem[]): void {
  if (problems.length === 0) return;
  const summary = problems.map((p) => `${p.path}: ${p.reason}`).join('; ');
  throw userError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${summary}`, { fields: problems });
}

/**
 * The partner a PARTNER token acts for; coordinators have none (they see counts only).
 *
 * @throws UNAUTHENTICATED without a token, FORBIDDEN without a partner
 */
export function ownPartnerId(user: AuthUser | null): string {
  if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This operation needs a token.');
  if (user.partnerId === undefined) {
    throw userError(
      ErrorCode.FORBIDDEN,
      `expected a partner's token (contact requests are between partners), got ${user.role}`,
    );
  }
  return user.partnerId;
}

/**
 * Nobody asks itself for its own contact data.
 *
 * @throws BAD_USER_INPUT with the path of the argument
 */
export function assertNotSelf(requesterId: string, targetId: string, path: string): void {
  if (requesterId !== targetId) return;
  throw userError(
    ErrorCode.BAD_USER_INPUT,
    `expected ${path} to be another partner, got your own partner ${targetId}`,
    { fields: [{ path, reason: 'your own partner' }] },
  );
}

/**
 * What a new request from `requesterId` to `targetId` meets among the requests between the two,
 * newest first: an earlier request that makes this one a repeat (`existing`: return it, write
 * nothing), a request of the other partner still waiting for the requester's answer (`incoming`:
 * refused — accepting it is the way), or nothing (`none`: a new request may be made).
 */
export type PairVerdict =
  | { kind: 'existing'; request: ContactRequest }
  | { kind: 'incoming'; request: ContactRequest }
  | { kind: 'none' };

/**
 * Decides what a request meets among the pair's requests (see {@link PairVerdict}): a PENDING
 * or ACCEPTED request the same way is a repeat; an ACCEPTED one the other way means the contact
 * is shared already (it is the answer, too); a PENDING one the other way waits for the
 * requester's own answer.
 */
export function pairVerdict(requesterId: string, pair: readonly ContactRequest[]): PairVerdict {
  const live = pair.filter(
    (r) => r.status === ContactRequestStatus.PENDING || r.status === ContactRequestStatus.ACCEPTED,
  );
  const accepted = live.find((r) => r.status === ContactRequestStatus.ACCEPTED);
  if (accepted) return { kind: 'existing', request: accepted };
  const own = live.find((r) => r.fromPartnerId === requesterId);
  if (own) return { kind: 'existing', request: own };
  const incoming = live.find((r) => r.fromPartnerId !== requesterId);
  return incoming ? { kind: 'incoming', request: incoming } : { kind: 'none' };
}

/**
 * When the target last said no to the requester: it declined the requester's request, or it
 * revoked a contact the two shared. A no by the requester itself (it declined the target, or
 * revoked itself) does not hold it back.
 *
 * @returns the ISO date-time of the latest such refusal, or `null`
 */
export function lastRefusalAt(
  requesterId: string,
  targetId: string,
  pair: readonly ContactRequest[],
): string | null {
  const times = pair.flatMap((r) => {
    if (
      r.status === ContactRequestStatus.DECLINED &&
      r.fromPartnerId === requesterId &&
      r.answeredAt
    ) {
      return [r.answeredAt];
    }
    if (r.status === ContactRequestStatus.REVOKED && r.revokedBy === targetId && r.revokedAt) {
      return [r.revokedAt];
    }
    return [];
  });
  return times.reduce<string | null>(
    (latest, t) => (latest === null || Date.parse(t) > Date.parse(latest) ? t : latest),
    null,
  );
}

/**
 * The moment a new request may be made after a refusal: `cooldownDays` after it.
 *
 * @returns `null` when it may be made now
 */
export function cooldownEnd(
  refusedAt: string | null,
  cooldownDays: number,
  now: Date,
): Date | null {
  if (refusedAt === null) return null;
  const end = new Date(Date.parse(refusedAt) + cooldownDays * 86_400_000);
  return end > now ? end : null;
}

/**
 * An answer (accept or decline) comes from the target of the request only.
 *
 * @throws FORBIDDEN for anyone else, the requester included
 */
export function assertTarget(partnerId: string, request: ContactRequest): void {
  if (request.toPartnerId === partnerId) return;
  throw userError(
    ErrorCode.FORBIDDEN,
    `expected the asked partner ${request.toPartnerId} to answer contact request ${request.id}, got partner ${partnerId}`,
  );
}

/** What an answer does to a request in its current status. */
export type AnswerStep = 'apply' | 'noOp';

/**
 * Whether an answer applies to a request: a PENDING request takes it; answering the same again
 * (accepting an ACCEPTED, declining a DECLINED request) changes nothing.
 *
 * @throws CONFLICT naming the current status otherwise (`extensions.currentStatus`)
 */
export function answerStep(request: ContactRequest, answer: ContactRequestStatus): AnswerStep {
  if (request.status === ContactRequestStatus.PENDING) return 'apply';
  if (request.status === answer) return 'noOp';
  throw userError(
    ErrorCode.CONFLICT,
    `expected contact request ${request.id} to be PENDING, got ${request.status}`,
    { currentStatus: request.status },
  );
}
