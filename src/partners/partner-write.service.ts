import { randomUUID } from 'node:crypto';
import { assertSelfOrCoordinator } from '../auth/permissions';
import type { AuthUser } from '../auth/auth.types';
import { ErrorCode, userError } from '../common/errors';
import type { CypherExecutor, TransactionRunner } from '../db/executor';
import { runWrite } from '../db/write-unit';
import type { ApplyRateLimit } from './apply-rate-limit';
import type { OfferNeedList, OfferNeedRow } from './offer-need.repository';
import type { PartnerDepartures } from './partner-departures';
import type { PartnerLoaders } from './partner.loaders';
import type { PartnerRepository } from './partner.repository';
import { nextStatus, PARTNER_TRANSITIONS, PartnerTransition } from './partner-status';
import {
  anonymisedName,
  type OfferNeedLists,
  offerNeedLists,
  offerNeedTopicKeys,
  profileChanges,
  type ReferenceLists,
  referenceLists,
  unknownKeys,
  unknownOfferNeedTopics,
} from './partner-write.mapping';
import {
  type NewPartner,
  PartnerWriteRepository,
  type ReferenceKind,
} from './partner-write.repository';
import type { ApplyForMembershipInput, UpdatePartnerProfileInput } from './partner.inputs';
import { assertId } from '../common/checks';
import { type Partner, PartnerScope } from './partner.types';

/** Settings of the partner writes. */
export interface PartnerWriteOptions {
  /** Counts applyForMembership calls per client IP (in memory, or shared through Redis). */
  applyRateLimit: ApplyRateLimit;
  /** Told after a write ended a partner's tokens, so that its open WebSockets close. */
  tokensEnded: (partnerId: string) => void;
  /** Follow-ups of other slices after a partner left or was erased. */
  departures: PartnerDepartures;
}

/** Writes a partner may make on its own account before admission (APPLIED), see actorRefusal. */
const OWN_ACCOUNT_OPERATIONS: ReadonlySet<string> = new Set([
  'updatePartnerProfile',
  'revokePartnerTokens',
]);

/** Writes that end the partner's tokens (`tokensValidAfter`): it can no longer act with them. */
const TOKEN_ENDING_OPERATIONS: ReadonlySet<string> = new Set([
  PartnerTransition.LEAVE,
  'erasePartner',
  'revokePartnerTokens',
]);

/** Who calls a write: the request's user, address and loaders (cleared after the write). */
export interface WriteCaller {
  user: AuthUser | null;
  clientIp: string;
  loaders: PartnerLoaders;
}

/** Use cases that change partners: admission, status, profile, erasure. */
export class PartnerWriteService {
  private readonly writes = new PartnerWriteRepository();

  constructor(
    private readonly executor: CypherExecutor,
    private readonly partners: PartnerRepository,
    private readonly options: PartnerWriteOptions,
  ) {}

  /**
   * An organisation signs the declaration: a new APPLIED partner. A retry with the same
   * idempotency key returns the first partner and writes nothing.
   *
   * @throws TOO_MANY_REQUESTS over the per-IP rate limit (`extensions.retryAfterSeconds`);
   *   BAD_USER_INPUT for unknown district, topic or dimension keys, also those of offers and
   *   needs (`extensions.fields`)
   */
  async apply(
    input: ApplyForMembershipInput,
    idempotencyKey: string | null,
    caller: WriteCaller,
  ): Promise<Partner> {
    await this.consumeApplication(caller.clientIp);
    const partner: NewPartner = {
      id: `p-${randomUUID()}`,
      name: input.name,
      sector: input.sector,
      kind: input.kind,
      description: input.description ?? null,
      website: input.website ?? null,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      contactPhone: input.contactPhone ?? null,
      scope: input.scope ?? PartnerScope.NEIGHBOURHOOD,
    };
    return runWrite(
      this.executor,
      {
        user: caller.user,
        operation: 'applyForMembership',
        actor: 'any',
        idempotency: { key: idempotencyKey, input, clientIp: caller.clientIp },
      },
      async (tx) => {
        const created = await this.writes.create(tx, partner);
        await this.linkReferences(tx, partner.id, referenceLists(input));
        await this.replaceOffersAndNeeds(tx, partner.id, offerNeedLists(input));
        return { result: created, ids: [partner.id] };
      },
      (id) => this.load(id),
    );
  }

  /**
   * Moves a partner through the status machine (coordinators). The update is conditional on the
   * expected status, so of two concurrent calls exactly one succeeds.
   *
   * @throws NOT_FOUND for an unknown id; CONFLICT naming the current status (`extensions.currentStatus`)
   */
  changeStatus(id: string, transition: PartnerTransition, caller: WriteCaller): Promise<Partner> {
    assertId('id', id);
    const rule = PARTNER_TRANSITIONS[transition];
    return this.write(caller, transition, id, async (tx) => {
      const changed = await this.writes.transition(tx, id, rule.from, rule.to);
      if (changed) return changed;
      const state = await this.existingState(tx, id);
      const verdict = nextStatus(state.status, transition);
      // A status that allows the change cannot reach here unless the machine and Cypher disagree.
      const message = verdict.ok ? `expected status ${rule.from.join(' or ')}` : verdict.message;
      throw userError(ErrorCode.CONFLICT, message, { currentStatus: state.status });
    });
  }

  /**
   * Changes a profile when `version` is still current; given lists replace the relationships,
   * offers and needs, all in the one transaction (an unknown key anywhere leaves all as it was).
   *
   * @throws UNAUTHENTICATED / FORBIDDEN unless the partner itself or a coordinator; NOT_FOUND;
   *   CONFLICT for a stale version (`extensions.currentVersion`); BAD_USER_INPUT for unknown keys
   */
  updateProfile(
    id: string,
    version: number,
    input: UpdatePartnerProfileInput,
    caller: WriteCaller,
  ): Promise<Partner> {
    assertId('id', id);
    assertSelfOrCoordinator(caller.user, id);
    return this.write(caller, 'updatePartnerProfile', id, async (tx) => {
      const updated = await this.writes.updateProfile(tx, id, version, profileChanges(input));
      if (!updated) {
        const state = await this.existingState(tx, id);
        throw userError(
          ErrorCode.CONFLICT,
          `expected version ${version} of partner ${id}, got ${state.version}; reload and retry`,
          { currentVersion: state.version },
        );
      }
      await this.linkReferences(tx, id, referenceLists(input));
      await this.replaceOffersAndNeeds(tx, id, offerNeedLists(input));
      return updated;
    });
  }

  /**
   * Ends every token of the partner issued until now, on HTTP and on open WebSockets (closed with
   * 4403): for a lost or leaked token. The partner itself or a coordinator; the partner signs in
   * again for a new token.
   *
   * @throws UNAUTHENTICATED / FORBIDDEN unless the partner itself or a coordinator; NOT_FOUND
   */
  revokeTokens(id: string, caller: WriteCaller): Promise<Partner> {
    assertId('id', id);
    assertSelfOrCoordinator(caller.user, id);
    return this.write(caller, 'revokePartnerTokens', id, async (tx) => {
      const partner = await this.writes.endTokens(tx, id);
      if (!partner) throw notFound(id);
      return partner;
    });
  }

  /**
   * Data-protection erasure (coordinators): personal data and profile links go, the name becomes
   * anonymous, the status LEFT; the cooperation history stays. Repeating it is harmless.
   *
   * @throws NOT_FOUND for an unknown id
   */
  erase(id: string, caller: WriteCaller): Promise<Partner> {
    assertId('id', id);
    return this.write(caller, 'erasePartner', id, async (tx) => {
      const erased = await this.writes.erase(tx, id, anonymisedName(id));
      if (!erased) throw notFound(id);
      return erased;
    });
  }

  /**
   * Runs one partner write through `runWrite` and forgets the request's cached reads of it. When
   * the write ends the partner's tokens, open WebSockets acting for it are told to close.
   */
  private async write(
    caller: WriteCaller,
    operation: string,
    id: string,
    work: (tx: TransactionRunner) => Promise<Partner>,
  ): Promise<Partner> {
    const actor = OWN_ACCOUNT_OPERATIONS.has(operation) ? 'activeOrApplied' : 'active';
    const partner = await runWrite(
      this.executor,
      { user: caller.user, operation, actor },
      async (tx) => ({
        result: await work(tx),
        ids: [id],
      }),
    );
    forget(caller.loaders, id);
    if (TOKEN_ENDING_OPERATIONS.has(operation)) this.options.tokensEnded(id);
    const erased = operation === 'erasePartner';
    if (caller.user && (erased || operation === PartnerTransition.LEAVE)) {
      await this.options.departures.departed({ partnerId: id, erased, by: caller.user });
    }
    return partner;
  }

  private async existingState(tx: TransactionRunner, id: string) {
    const state = await this.writes.state(tx, id);
    if (!state) throw notFound(id);
    return state;
  }

  /** Replaces each given relationship list; an unknown key aborts the whole write. */
  private async linkReferences(tx: TransactionRunner, id: string, lists: ReferenceLists) {
    for (const [kind, rows] of Object.entries(lists) as [ReferenceKind, { key: string }[]][]) {
      const found = new Set(await this.writes.replaceLinks(tx, id, kind, rows));
      const problems = unknownKeys(kind, rows, found);
      if (problems.length > 0) {
        const summary = problems.map((p) => `${p.path}: ${p.reason}`).join('; ');
        throw userError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${summary}`, {
          fields: problems,
        });
      }
    }
  }

  /**
   * Replaces each given offer or need list. Topic keys are checked first, in one query for both
   * lists, so that a refusal names every unknown key; the throw rolls the whole write back.
   */
  private async replaceOffersAndNeeds(tx: TransactionRunner, id: string, lists: OfferNeedLists) {
    const found = await this.writes.knownTopicKeys(tx, offerNeedTopicKeys(lists));
    const problems = unknownOfferNeedTopics(lists, found);
    if (problems.length > 0) {
      const summary = problems.map((p) => `${p.path}: ${p.reason}`).join('; ');
      throw userError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${summary}`, { fields: problems });
    }
    for (const [list, rows] of Object.entries(lists) as [OfferNeedList, OfferNeedRow[]][]) {
      await this.writes.replaceOfferNeedList(tx, id, list, rows);
    }
  }

  private async consumeApplication(clientIp: string): Promise<void> {
    const limit = this.options.applyRateLimit;
    const verdict = await limit.consume(clientIp);
    if (verdict.allowed) return;
    const { retryAfterSeconds } = verdict;
    const minutes = Math.ceil(retryAfterSeconds / 60);
    throw userError(
      ErrorCode.TOO_MANY_REQUESTS,
      `Too many applications from this address (expected at most ${limit.perHour} per hour); try again in ${minutes} minutes.`,
      { retryAfterSeconds },
    );
  }

  private async load(id: string): Promise<Partner> {
    const [partner] = await this.partners.findByIds([id]);
    if (!partner) throw notFound(id);
    return partner;
  }
}

function notFound(id: string) {
  return userError(
    ErrorCode.NOT_FOUND,
    `expected an existing partner, got id ${JSON.stringify(id)}`,
    {
      id,
    },
  );
}

/** Drops the request's cached reads of a partner, so fields resolved after a write are fresh. */
function forget(loaders: PartnerLoaders, id: string): void {
  for (const loader of [
    loaders.partner,
    loaders.partnerPrivate,
    loaders.partnerDimensions,
    loaders.partnerTopics,
    loaders.partnerDistrict,
    loaders.partnerOffersNeeds,
  ]) {
    loader.clear(id);
  }
}
