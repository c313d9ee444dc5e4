import type { ObservedResponse } from './checks';
import type { Transport } from './request';

/**
 * The lifecycle model of the fuzzer (lifecycle.ts): what the API must answer a partner's write,
 * as pure functions of the partner's state and the token's issue time. Unit-testable without a
 * server (test/unit/fuzz-lifecycle-model.test.ts).
 */

/** A partner's state as the model knows it; ERASED is stored as LEFT (with `erasedAt`). */
export type ModelStatus = 'APPLIED' | 'ACTIVE' | 'PAUSED' | 'LEFT' | 'ERASED';

/** A partner created by the fuzz run, as the model tracks it. */
export interface ModelPartner {
  id: string;
  status: ModelStatus;
  /** Seconds since the epoch; tokens issued before it are ended (`null`: never set). */
  tokensValidAfter: number | null;
  /** Checked in to the run's open exchange. */
  checkedIn: boolean;
  /** Texts of its posts in the run's exchange (erasure must blank them). */
  postTexts: string[];
}

/** What a request must get. */
export type Expectation =
  | { kind: 'accepted' }
  /** The token is ended: HTTP 401, or the socket closed with 4403. */
  | { kind: 'unauthenticated' }
  /** The actor rule: FORBIDDEN with `extensions.partnerStatus`. */
  | { kind: 'forbidden'; partnerStatus: string }
  /** The request is fine, the state is not: CONFLICT (with `currentStatus` where named). */
  | { kind: 'conflict'; currentStatus?: string };

/** The coordinator's steps of the membership status machine. */
export type CoordinatorStep = 'admit' | 'pause' | 'reactivate' | 'leave' | 'erase';

/** The status the graph stores and the API reports: erasure leaves a LEFT partner. */
export function graphStatus(status: ModelStatus): string {
  return status === 'ERASED' ? 'LEFT' : status;
}

/** The verifier's rule (src/auth/tokens.ts `tokenEndedBy`), restated for the model. */
export function tokenEnded(issuedAt: number, tokensValidAfter: number | null): boolean {
  return tokensValidAfter !== null && issuedAt < tokensValidAfter;
}

/**
 * The actor rule for a write by a PARTNER token: an ended token is unauthenticated; else the
 * partner must be ACTIVE (or APPLIED, for its own profile and tokens).
 *
 * @returns the refusal, or `null` when the partner may act
 */
export function actorVerdict(
  partner: ModelPartner,
  issuedAt: number,
  mayBeApplied: boolean,
): Expectation | null {
  if (tokenEnded(issuedAt, partner.tokensValidAfter)) return { kind: 'unauthenticated' };
  if (partner.status === 'ACTIVE' || (mayBeApplied && partner.status === 'APPLIED')) return null;
  return { kind: 'forbidden', partnerStatus: graphStatus(partner.status) };
}

/**
 * A Börse write of a partner checked in (a post, an interest): the actor rule first (it runs in
 * the transaction before the write), then both partners must be present.
 *
 * @param present - whether the partner, and the partner it names, are checked in
 */
export function exchangeWriteVerdict(
  partner: ModelPartner,
  issuedAt: number,
  present: boolean,
): Expectation {
  return actorVerdict(partner, issuedAt, false) ?? (present ? accepted : conflict());
}

/** What a coordinator's status change must answer, and the partner's status after it. */
export function transitionVerdict(
  status: ModelStatus,
  step: CoordinatorStep,
): { expectation: Expectation; next: ModelStatus } {
  const from: Record<CoordinatorStep, readonly ModelStatus[]> = {
    admit: ['APPLIED'],
    pause: ['ACTIVE'],
    reactivate: ['PAUSED'],
    leave: ['ACTIVE', 'PAUSED'],
    // Erasure is allowed in every state and repeatable (an erased partner stays erased).
    erase: ['APPLIED', 'ACTIVE', 'PAUSED', 'LEFT', 'ERASED'],
  };
  const to: Record<CoordinatorStep, ModelStatus> = {
    admit: 'ACTIVE',
    pause: 'PAUSED',
    reactivate: 'ACTIVE',
    leave: 'LEFT',
    erase: 'ERASED',
  };
  if (!from[step].includes(status)) {
    return { expectation: conflict(graphStatus(status)), next: status };
  }
  return { expectation: accepted, next: to[step] };
}

/** Whether an accepted step ends every token of the partner issued until then. */
export function endsTokens(step: CoordinatorStep | 'revoke'): boolean {
  return step === 'leave' || step === 'erase' || step === 'revoke';
}

/**
 * Whether the `tokensValidAfter` the API stored for an ending step is right: one second after
 * some moment of the step (`iat` has whole seconds, so the step's own second must end too).
 *
 * @param startedMs - when the request was sent; `answeredMs` - when its answer came
 */
export function validAfterInStep(tokensValidAfter: number, startedMs: number, answeredMs: number) {
  return (
    tokensValidAfter >= Math.floor(startedMs / 1000) + 1 &&
    tokensValidAfter <= Math.floor(answeredMs / 1000) + 1
  );
}

const accepted: Expectation = { kind: 'accepted' };
const conflict = (currentStatus?: string): Expectation =>
  currentStatus === undefined ? { kind: 'conflict' } : { kind: 'conflict', currentStatus };

/** The parts of a GraphQL body the judgement reads. */
interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/**
 * Every way a response differs from its expectation; empty when it matches.
 *
 * @param field - the mutation's root field, which must be set exactly when accepted
 */
export function judge(
  expectation: Expectation,
  response: ObservedResponse | undefined,
  transport: Transport,
  field: string,
): string[] {
  if (!response) return [`expected ${describe(expectation)}, got no answer`];
  const got = observed(response);
  if (expectation.kind === 'unauthenticated') {
    const ok =
      transport === 'http'
        ? response.status === 401
        : response.wsEnd?.kind === 'closed' && response.wsEnd.code === 4403;
    return ok ? [] : [`expected ${describe(expectation)}, got ${got}`];
  }
  const body = parse(response);
  const error = body?.errors?.[0];
  const code = error?.extensions?.code;
  const value = body?.data?.[field];
  if (expectation.kind === 'accepted') {
    const ok = response.status === 200 && !body?.errors?.length && value != null;
    return ok ? [] : [`expected ${describe(expectation)}, got ${got}`];
  }
  const wanted = expectation.kind === 'forbidden' ? 'FORBIDDEN' : 'CONFLICT';
  const details: Record<string, string | undefined> =
    expectation.kind === 'forbidden'
      ? { partnerStatus: expectation.partnerStatus }
      : { currentStatus: expectation.currentStatus };
  const detailsMatch = Object.entries(details).every(
    ([key, wantedValue]) => wantedValue === undefined || error?.extensions?.[key] === wantedValue,
  );
  const ok = code === wanted && value == null && detailsMatch;
  return ok ? [] : [`expected ${describe(expectation)}, got ${got}`];
}

/** A short text of an expectation, for the violations. */
export function describe(expectation: Expectation): string {
  switch (expectation.kind) {
    case 'accepted':
      return 'acceptance';
    case 'unauthenticated':
      return 'an ended token refused (HTTP 401 / close 4403)';
    case 'forbidden':
      return `FORBIDDEN with partnerStatus ${expectation.partnerStatus}`;
    case 'conflict':
      return `CONFLICT${expectation.currentStatus ? ` with currentStatus ${expectation.currentStatus}` : ''}`;
  }
}

function observed(response: ObservedResponse): string {
  if (response.wsEnd) return `a WebSocket end ${JSON.stringify(response.wsEnd)}`;
  return `HTTP ${response.status} ${response.text.slice(0, 300)}`;
}

function parse(response: ObservedResponse): Body | undefined {
  try {
    const body = JSON.parse(response.text) as unknown;
    return typeof body === 'object' && body !== null ? (body as Body) : undefined;
  } catch {
    return undefined;
  }
}
