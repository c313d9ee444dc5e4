import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherExecutor, CypherQuery, TransactionRunner } from '../db/executor';
import { fromNeo4j } from '../db/values';
import type { Outreach, OutreachKind, OutreachOutcome } from './outreach.types';

/** An outreach's fields as the API gives them. */
const OUTREACH = `o {.id, .partnerId, .kind, .outcome, .note, .by, at: toString(o.at)}`;

/** What an outreach's write is given. */
export interface OutreachWrite {
  id: string;
  partnerId: string;
  kind: OutreachKind;
  outcome: OutreachOutcome | null;
  note: string | null;
  /** The token subject of the coordinator. */
  by: string;
}

/** The Cypher of the outreach slice, as pure functions; every value is a parameter. */
export const outreachQueries = {
  /**
   * Records one outreach, if the partner exists: no row otherwise. A partner's outreach is a
   * list (every contact counts), not one replaced value, so each call creates a node.
   */
  record(write: OutreachWrite): CypherQuery {
    return {
      cypher: `MATCH (p:Partner {id: $partnerId})
CREATE (o:Outreach {id: $id, partnerId: p.id, kind: $kind, outcome: $outcome, note: $note,
  by: $by, at: datetime()})
RETURN ${OUTREACH} AS outreach`,
      params: { ...write },
    };
  },

  /** A partner's outreach, newest first, at most `limit`. */
  ofPartner(partnerId: string, limit: number): CypherQuery {
    return {
      cypher: `MATCH (o:Outreach {partnerId: $partnerId})
RETURN ${OUTREACH} AS outreach ORDER BY o.at DESC, o.id DESC LIMIT $limit`,
      params: { partnerId, limit: neo4j.int(limit) },
    };
  },

  /** The latest outreach of each given partner (none: no row), one round trip for a page. */
  latest(partnerIds: readonly string[]): CypherQuery {
    return {
      cypher: `UNWIND $partnerIds AS partnerId
CALL (partnerId) {
  MATCH (o:Outreach {partnerId: partnerId})
  RETURN o ORDER BY o.at DESC, o.id DESC LIMIT 1
}
RETURN ${OUTREACH} AS outreach`,
      params: { partnerIds },
    };
  },

  /** Erasure: a partner's outreach may name its people, so it goes with the partner. */
  erase(partnerId: string): CypherQuery {
    return {
      cypher: 'MATCH (o:Outreach {partnerId: $partnerId}) DETACH DELETE o',
      params: { partnerId },
    };
  },
};

const toOutreach = (r: Neo4jRecord) => fromNeo4j<Outreach>(r.get('outreach'));

/** Reads and writes outreach records. */
export class OutreachRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** Records an outreach inside a write; `null` when the partner does not exist. */
  async record(tx: TransactionRunner, write: OutreachWrite): Promise<Outreach | null> {
    const [outreach] = await tx.run(outreachQueries.record(write), toOutreach);
    return outreach ?? null;
  }

  /** A partner's outreach, newest first. */
  ofPartner(partnerId: string, limit: number): Promise<Outreach[]> {
    return this.executor.read(outreachQueries.ofPartner(partnerId, limit), toOutreach, 'outreach');
  }

  /** The latest outreach of each partner that has one, by partner id. */
  async latest(partnerIds: readonly string[]): Promise<Map<string, Outreach>> {
    if (partnerIds.length === 0) return new Map();
    const rows = await this.executor.read(
      outreachQueries.latest(partnerIds),
      toOutreach,
      'latestOutreach',
    );
    return new Map(rows.map((o) => [o.partnerId, o]));
  }

  /** Deletes a partner's outreach inside a write (erasure). */
  async erase(tx: TransactionRunner, partnerId: string): Promise<void> {
    await tx.run(outreachQueries.erase(partnerId), () => null);
  }
}
