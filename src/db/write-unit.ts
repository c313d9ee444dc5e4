import type { AuthUser } from '../auth/auth.types';
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

/** Everything a mutation needs to run as one unit of work. */
export interface WriteUnitOptions {
  user: AuthUser | null;
  /** The mutation's name, recorded in the audit log and the transaction metadata. */
  operation: string;
  /** Optional client key: a retried call with the same key returns the first result. */
  idempotencyKey?: string | null;
}

/**
 * The one way mutations write: one transaction holding the change, its audit entry and (when an
 * idempotency key is given) the key with the result's id. A retried call with a known key runs
 * nothing and returns `replay(resultId)`. Any error rolls everything back.
 *
 * @param work - the change; returns its result and the ids it touched (the first id is the one
 *   an idempotent retry hands to `replay`)
 * @param replay - loads the result of a first call from its id
 */
export async function runWrite<T>(
  executor: CypherExecutor,
  options: WriteUnitOptions,
  work: (tx: TransactionRunner) => Promise<WriteOutcome<T>>,
  replay?: (resultId: string) => Promise<T>,
): Promise<T> {
  assertIdempotencyKey(options.idempotencyKey);
  const key = options.idempotencyKey ?? null;
  const outcome = await executor.writeTransaction(async (tx) => {
    if (key !== null) {
      const [known] = await tx.run(
        {
          cypher:
            'MATCH (k:IdempotencyKey {key: $key, operation: $operation}) RETURN k.resultId AS id',
          params: { key, operation: options.operation },
        },
        (r) => fromNeo4j<string>(r.get('id')),
      );
      if (known !== undefined) return { replayed: known, done: null };
    }
    const done = await work(tx);
    await tx.run(auditStatement(options.user, options.operation, done.ids), () => null);
    if (key !== null) {
      await tx.run(
        {
          cypher:
            'CREATE (:IdempotencyKey {key: $key, operation: $operation, resultId: $resultId, at: datetime()})',
          params: { key, operation: options.operation, resultId: done.ids[0] ?? null },
        },
        () => null,
      );
    }
    if (!done.graphUnchanged) await tx.run(BUMP_DATA_VERSION, () => null);
    return { replayed: '', done };
  }, options.operation);
  if (outcome.done) return outcome.done.result;
  if (!replay) throw new Error(`${options.operation} has no replay for idempotent retries`);
  return replay(outcome.replayed);
}
