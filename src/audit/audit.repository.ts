import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { AuthUser } from '../auth/auth.types';
import type { PageRequest, SortKey } from '../common/pagination';
import { conditionSet, whereClause } from '../db/cypher';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import { keysetClause, type SortSpec, CursorValueType } from '../db/keyset';
import { fromNeo4j } from '../db/values';
import type { AuditEntry, AuditFilter } from './audit.types';

const SORT: SortSpec = {
  expression: 'a.at',
  valueType: CursorValueType.DATETIME,
  direction: 'DESC',
  id: 'a.id',
};

/**
 * The statement that records a write. It runs inside the write's own transaction, so a write and
 * its audit entry exist together or not at all. The actor is the token's subject, else
 * `systemActor` (a write the API makes on its own, such as `system`), else `public`.
 */
export function auditStatement(
  user: AuthUser | null,
  operation: string,
  ids: string[],
  systemActor?: string,
): CypherQuery {
  return {
    cypher: `CREATE (:AuditEntry {id: $id, at: datetime(), actor: $actor, role: $role, operation: $operation, ids: $ids})`,
    params: {
      id: randomUUID(),
      actor: user?.subject ?? systemActor ?? 'public',
      role: user?.role ?? null,
      operation,
      ids,
    },
  };
}

function auditConditions(filter: AuditFilter = {}) {
  const set = conditionSet();
  if (filter.operation) set.add('a.operation = $operation', { operation: filter.operation });
  if (filter.actor) set.add('a.actor = $actor', { actor: filter.actor });
  if (filter.touching) set.add('$touching IN a.ids', { touching: filter.touching });
  return set;
}

/** Reads the audit log, newest first. */
export class AuditRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** One page of entries (limit + 1 rows, in request direction). */
  findPage(filter: AuditFilter | undefined, request: PageRequest) {
    const { conditions, params } = auditConditions(filter);
    const keyset = keysetClause(SORT, request);
    return this.executor.read(
      {
        cypher: `MATCH (a:AuditEntry) ${whereClause([...conditions, keyset.where])}
RETURN a {.*} AS entry, toString(a.at) AS sortValue
ORDER BY ${keyset.orderBy} LIMIT $limit`,
        params: { ...params, ...keyset.params, limit: neo4j.int(request.limit + 1) },
      },
      (r) => {
        const node = fromNeo4j<AuditEntry>(r.get('entry'));
        return { node, key: [r.get('sortValue') as string, node.id] as SortKey };
      },
      'auditLog',
    );
  }

  /** How many entries match. */
  async count(filter: AuditFilter | undefined): Promise<number> {
    const { conditions, params } = auditConditions(filter);
    const [total] = await this.executor.read(
      {
        cypher: `MATCH (a:AuditEntry) ${whereClause(conditions)} RETURN count(a) AS total`,
        params,
      },
      (r) => fromNeo4j<number>(r.get('total')),
      'auditLogCount',
    );
    return total ?? 0;
  }
}
