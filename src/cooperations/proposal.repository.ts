import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherExecutor, CypherQuery, TransactionRunner } from '../db/executor';
import { fromNeo4j } from '../db/values';
import { raiseLastActive } from './cooperation-write.repository';
import { cooperationProjection } from './cooperation.repository';
import { type Cooperation, CooperationStatus } from './cooperation.types';

const COOPERATION = cooperationProjection('c');

/** A proposal the sweeper set EXPIRED: what its notifications need. */
export interface ExpiredProposal {
  id: string;
  title: string;
  proposedBy: string | null;
  partnerIds: string[];
}

/**
 * The Cypher of the proposal lifecycle (docs/follow-through.md#proposals), as pure functions;
 * every value is a parameter. Each runs after the cooperation's write lock was taken
 * (`lockCooperation`), except the sweeper's, which takes the locks itself.
 */
export const proposalQueries = {
  /** Records the partner's confirmation on its PROPOSED_IN relationship. */
  confirm(id: string, partnerId: string): CypherQuery {
    return {
      cypher: `MATCH (:Partner {id: $partnerId})-[r:PROPOSED_IN]->(c:Cooperation {id: $id})
SET r.confirmedAt = datetime()
RETURN ${COOPERATION} AS cooperation`,
      params: { id, partnerId },
    };
  },
  /**
   * Makes a fully confirmed proposal ACTIVE: each PROPOSED_IN becomes a PARTICIPATES_IN with its
   * role and confirmation, and only now the partners' counts and last activity rise.
   */
  activate(id: string): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation {id: $id})
SET c.status = $active, c.activatedAt = datetime()
WITH c
CALL (c) {
  MATCH (p:Partner)-[r:PROPOSED_IN]->(c)
  CREATE (p)-[:PARTICIPATES_IN {role: r.role, confirmedAt: r.confirmedAt}]->(c)
  DELETE r
  SET p.cooperationCount = coalesce(p.cooperationCount, 0) + 1, ${raiseLastActive('c.startedOn')}
}
RETURN ${COOPERATION} AS cooperation`,
      params: { id, active: CooperationStatus.ACTIVE },
    };
  },
  /** Ends a proposal as DECLINED or WITHDRAWN; its partners stay PROPOSED_IN (the record). */
  decide(id: string, status: CooperationStatus, decidedBy: string | null): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation {id: $id})
SET c.status = $status, c.decidedAt = datetime(), c.decidedBy = $decidedBy
RETURN ${COOPERATION} AS cooperation`,
      params: { id, status, decidedBy },
    };
  },
  /** Up to `limit` DRAFTs past their expiry, oldest first (index on status and expiresAt). */
  due(limit: number): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation {status: $draft}) WHERE c.expiresAt <= datetime()
RETURN c.id AS id ORDER BY c.expiresAt LIMIT $limit`,
      params: { draft: CooperationStatus.DRAFT, limit: neo4j.int(limit) },
    };
  },
  /** Takes the write locks of the cooperations, in id order (as concurrent confirmations do). */
  lock(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation) WHERE c.id IN $ids
WITH c ORDER BY c.id
SET c._lock = true REMOVE c._lock
RETURN count(c) AS locked`,
      params: { ids },
    };
  },
  /**
   * Sets EXPIRED those of the (locked) cooperations that are still expired DRAFTs: read after the
   * lock, so a confirmation that committed meanwhile wins.
   */
  expire(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation) WHERE c.id IN $ids AND c.status = $draft AND c.expiresAt <= datetime()
SET c.status = $expired, c.decidedAt = datetime(), c.decidedBy = null
RETURN c.id AS id, c.title AS title, c.proposedBy AS proposedBy,
  [(p:Partner)-[:PROPOSED_IN]->(c) | p.id] AS partnerIds
ORDER BY id`,
      params: { ids, draft: CooperationStatus.DRAFT, expired: CooperationStatus.EXPIRED },
    };
  },
};

const cooperationOf = (r: Neo4jRecord) => fromNeo4j<Cooperation>(r.get('cooperation'));

/** Runs {@link proposalQueries}; the writes inside the transaction of one write unit. */
export class ProposalRepository {
  /** Records `partnerId`'s confirmation; the cooperation as it is now. */
  async confirm(tx: TransactionRunner, id: string, partnerId: string): Promise<Cooperation> {
    return single(await tx.run(proposalQueries.confirm(id, partnerId), cooperationOf));
  }

  /** Makes the proposal ACTIVE (see {@link proposalQueries.activate}). */
  async activate(tx: TransactionRunner, id: string): Promise<Cooperation> {
    return single(await tx.run(proposalQueries.activate(id), cooperationOf));
  }

  /** Sets DECLINED or WITHDRAWN, with who and when. */
  async decide(
    tx: TransactionRunner,
    id: string,
    status: CooperationStatus,
    decidedBy: string | null,
  ): Promise<Cooperation> {
    return single(await tx.run(proposalQueries.decide(id, status, decidedBy), cooperationOf));
  }

  /** The ids of up to `limit` expired DRAFTs (a read outside any write). */
  due(executor: CypherExecutor, limit: number): Promise<string[]> {
    return executor.read(
      proposalQueries.due(limit),
      (r) => r.get('id') as string,
      'expireProposals',
    );
  }

  /** Locks the cooperations and sets EXPIRED those still due; returns those it set. */
  async expire(tx: TransactionRunner, ids: readonly string[]): Promise<ExpiredProposal[]> {
    await tx.run(proposalQueries.lock(ids), () => null);
    return tx.run(proposalQueries.expire(ids), (r) => fromNeo4j<ExpiredProposal>(r.toObject()));
  }
}

/** The one row a write statement returns; a missing row is a bug (the checks ran before). */
function single<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('expected the write to return 1 row, got 0');
  return row;
}
