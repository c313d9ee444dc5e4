import { createHash } from 'node:crypto';
import { type AuthUser, Role } from '../auth/auth.types';
import { actorRefusal } from '../auth/permissions';
import { auditStatement } from '../audit/audit.repository';
import { ErrorCode, userError } from '../common/errors';
import type { CypherExecutor, CypherQuery, TransactionRunner } from './executor';
import { fromNeo4j } from './values';

/** The longest idempotency key accepted. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * Checks a client's idempotency key.
 *
 * @throws BAD_USER_INPUT when it is empty or longer than {@link MAX_IDEMPOTENCY_KEY_LENGTH}
 */
export function assertIdempotencyKey(key: string | null | undefined): void {
  if (key == null || (key.length >= 1 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH)) return;
  throw userError(
    ErrorCode.BAD_USER_INPUT,
    `expected idempotencyKey of 1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${key.length}`,
    { argument: 'idempotencyKey' },
  );
}

/**
 * Bumps the graph's data version, `(:DataVersion {id: 'graph'}).value`, which the network cache
 * compares (src/network). Every writer runs it in its own transaction; runWrite runs it last, so
 * that the one lock all writes share is held only until the commit.
 */
export const BUMP_DATA_VERSION: CypherQuery = {
  cypher:
    "MERGE (v:DataVersion {id: 'graph'}) ON CREATE SET v.value = 1 ON MATCH SET v.value = v.value + 1",
};

/** What a write reports back: its result and the ids it touched (for the audit log). */
export interface WriteOutcome<T> {
  result: T;
  ids: string[];
  /**
   * `true` when the change leaves the alliance graph as its readers see it (a check-in or post
   * of a Kooperationsbörse): the data version then stays, so the caches built on it (network,
   * matching profiles) stay valid, and the write skips the one lock all writers share.
   */
  graphUnchanged?: boolean;
}

/**
 * A client's idempotency key and what it is bound to. Keys are scoped to the caller — the token
 * subject, or the client address for PUBLIC callers — so nobody can claim another caller's key,
 * and bound to a hash of the input, so a reused key with other input is refused instead of
 * silently answered with the first result. A key lives {@link IDEMPOTENCY_KEY_TTL} long.
 */
export interface Idempotency {
  key: string | null | undefined;
  /** The mutation's input, as the client sent it. */
  input: unknown;
  /** Scopes the keys of PUBLIC callers (unset: all PUBLIC callers share one scope). */
  clientIp?: string;
}

/** How long a key replays its first result (a Neo4j duration): retries come within minutes. */
export const IDEMPOTENCY_KEY_TTL = 'P1D';

/** Everything a mutation needs to run as one unit of work. */
export interface WriteUnitOptions {
  user: AuthUser | null;
  /** The mutation's name, recorded in the audit log and the transaction metadata. */
  operation: string;
  /** Optional: a retried call with the same key (and input) returns the first result. */
  idempotency?: Idempotency;
  /**
   * Which partners may act (see {@link actorRefusal}): `active` (the default), `activeOrApplied`
   * (its own profile and tokens before admission), or `any` for a public operation, where a token
   * only names whom the audit log records (applying for membership).
   */
  actor?: 'active' | 'activeOrApplied' | 'any';
  /**
   * For a write the API makes on its own, without a caller (`user: null`), e.g. the expiry of
   * proposals: the name the audit log records as its actor instead of `public`.
   */
  systemActor?: string;
}

/**
 * Reads the acting partner's status under its write lock, so that a concurrent erasure or
 * leaving cannot slip between this check and the change, and refuses per {@link actorRefusal}.
 */
async function assertActorMayWrite(
  tx: TransactionRunner,
  user: AuthUser | null,
  actor: WriteUnitOptions['actor'] = 'active',
): Promise<void> {
  if (actor === 'any' || user?.role !== Role.PARTNER || user.partnerId === undefined) return;
  const [status = null] = await tx.run(
    {
      cypher:
        'MATCH (p:Partner {id: $partnerId}) SET p._lock = true REMOVE p._lock RETURN p.status AS status',
      params: { partnerId: user.partnerId },
    },
    (r) => r.get('status') as string,
  );
  const refusal = actorRefusal(user.partnerId, status, actor === 'activeOrApplied');
  if (refusal) throw refusal;
}

/** The key's owner: the token subject, else the client address. */
function idempotencyScope(user: AuthUser | null, clientIp: string | undefined): string {
  return user ? `user:${user.subject}` : `ip:${clientIp ?? '-'}`;
}

/** JSON with object keys sorted at every level, so equal inputs hash equally. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

/**
 * Claims the key in the transaction. MERGE on the key's unique triple (scope, key, operation)
 * locks it, so a concurrent retry waits here until the first call commits and then replays its
 * result (or, when the first rolled back, runs itself).
 *
 * @returns the first call's result id when the key is live, else `undefined` (run the work)
 * @throws CONFLICT when the live key was used with other input
 */
async function claimKey(
  tx: TransactionRunner,
  claim: { scope: string; key: string; operation: string; inputHash: string },
): Promise<string | undefined> {
  const [known] = await tx.run(
    {
      cypher: `MERGE (k:IdempotencyKey {scope: $scope, key: $key, operation: $operation})
WITH k, k.at IS NOT NULL AND k.at > datetime() - duration($ttl) AS live
RETURN live, k.inputHash AS inputHash, k.resultId AS resultId`,
      params: { ...claim, ttl: IDEMPOTENCY_KEY_TTL },
    },
    (r) =>
      fromNeo4j<{ live: boolean; inputHash: string | null; resultId: string | null }>(r.toObject()),
  );
  if (!known?.live) return undefined;
  if (known.inputHash !== claim.inputHash) {
    throw userError(
      ErrorCode.CONFLICT,
      `idempotencyKey "${claim.key}" was used for ${claim.operation} with other input; send a new key for new input`,
      { argument: 'idempotencyKey' },
    );
  }
  return known.resultId ?? '';
}

/** Stores the result with the claimed key and drops a few expired keys of any caller. */
function recordKey(
  claim: { scope: string; key: string; operation: string; inputHash: string },
  resultId: string | null,
): CypherQuery {
  return {
    cypher: `MATCH (k:IdempotencyKey {scope: $scope, key: $key, operation: $operation})
SET k.inputHash = $inputHash, k.resultId = $resultId, k.at = datetime()
WITH 1 AS done
OPTIONAL MATCH (old:IdempotencyKey) WHERE old.at < datetime() - duration($ttl)
WITH old LIMIT 20
DETACH DELETE old`,
    params: { ...claim, resultId, ttl: IDEMPOTENCY_KEY_TTL },
  };
}

/**
 * The one way mutations write: one transaction holding the actor check (a PARTNER's own partner
 * must be ACTIVE, see {@link actorRefusal}), the change, its audit entry and (when an
 * idempotency key is given) the key with the result's id. A retried call with a live key and the
 * same input runs nothing and returns `replay(resultId)`. Any error rolls everything back.
 *
 * @param work - the change; returns its result and the ids it touched (the first id is the one
 *   an idempotent retry hands to `replay`)
 * @param replay - loads the result of a first call from its id
 * @throws CONFLICT when the key was used with other input (see {@link Idempotency})
 */
export async function runWrite<T>(
  executor: CypherExecutor,
  options: WriteUnitOptions,
  work: (tx: TransactionRunner) => Promise<WriteOutcome<T>>,
  replay?: (resultId: string) => Promise<T>,
): Promise<T> {
  const { idempotency } = options;
  assertIdempotencyKey(idempotency?.key);
  const claim =
    idempotency?.key != null
      ? {
          scope: idempotencyScope(options.user, idempotency.clientIp),
          key: idempotency.key,
          operation: options.operation,
          inputHash: createHash('sha256').update(canonicalJson(idempotency.input)).digest('hex'),
        }
      : null;
  const outcome = await executor.writeTransaction(async (tx) => {
    await assertActorMayWrite(tx, options.user, options.actor);
    if (claim) {
      const replayed = await claimKey(tx, claim);
      if (replayed !== undefined) return { replayed, done: null };
    }
    const done = await work(tx);
    const audit = auditStatement(options.user, options.operation, done.ids, options.systemActor);
    await tx.run(audit, () => null);
    if (claim) await tx.run(recordKey(claim, done.ids[0] ?? null), () => null);
    if (!done.graphUnchanged) await tx.run(BUMP_DATA_VERSION, () => null);
    return { replayed: '', done };
  }, options.operation);
  if (outcome.done) return outcome.done.result;
  if (!replay) throw new Error(`${options.operation} has no replay for idempotent retries`);
  return replay(outcome.replayed);
}
