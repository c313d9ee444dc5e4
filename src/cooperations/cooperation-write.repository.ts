import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherQuery, TransactionRunner } from '../db/executor';
import { fromNeo4j } from '../db/values';
import type { AllianceEvent, EventKind } from '../events/event.types';
import type { PartnerStatus } from '../partners/partner.types';
import {
  type Cooperation,
  type CooperationKind,
  CooperationStatus,
  ParticipationRole,
} from './cooperation.types';
import { EVENT_PROJECTION } from '../events/event.repository';
import { cooperationProjection } from './cooperation.repository';
import type { Engagement } from './cross-dimension-rule';

// The same projections as the read repositories, so a mutation returns what a query would.
const COOPERATION = cooperationProjection('c');
const EVENT = EVENT_PROJECTION;

/** The confirmation time of the participant `row` of a new cooperation: now for `$confirmedBy`. */
const confirmedAt = 'CASE WHEN row.id = $confirmedBy THEN datetime() ELSE null END';

/** `p.lastActiveOn` raised to `day` when that is later (the latest activity wins). */
export const raiseLastActive = (day: string) =>
  `p.lastActiveOn = CASE WHEN p.lastActiveOn IS NULL OR p.lastActiveOn < ${day} THEN ${day} ELSE p.lastActiveOn END`;

/** A partner as the write checks need it, read under its write lock. */
export interface PartnerProfile {
  id: string;
  name: string;
  status: PartnerStatus;
  engagements: Engagement[];
}

/** A named partner of a cooperation: PARTICIPATES_IN it, or (a proposal's) PROPOSED_IN it. */
export interface NamedPartner {
  id: string;
  role: ParticipationRole;
  /** ISO date-time of its confirmation; `null` while it has not (or a coordinator recorded it). */
  confirmedAt: string | null;
}

/** A cooperation's state as the write checks need it, read under its write lock. */
export interface CooperationState {
  id: string;
  title: string;
  kind: CooperationKind;
  status: CooperationStatus;
  startedOn: string;
  endedOn: string | null;
  /** The proposing partner; `null` for a coordinator's proposal or a recorded cooperation. */
  proposedBy: string | null;
  /** A DRAFT whose `expiresAt` has passed (the sweeper may not have marked it EXPIRED yet). */
  expired: boolean;
  participants: NamedPartner[];
}

/**
 * What makes a new cooperation a proposal (DRAFT): its named partners are PROPOSED_IN it until
 * every one confirmed (docs/follow-through.md#proposals).
 */
export interface NewProposal {
  /** The proposing partner (confirmed at once); `null` when a coordinator proposes. */
  proposedBy: string | null;
  /** ISO-8601 duration after which an unconfirmed proposal expires (`PROPOSAL_TTL`). */
  ttl: string;
  /** The Kooperationsbörse and match it was proposed from, if any. */
  exchangeId: string | null;
  matchId: string | null;
}

/** Everything `createCooperation` writes. */
export interface NewCooperation {
  id: string;
  title: string;
  kind: CooperationKind;
  startedOn: string;
  funding: string | null;
  leadPartnerId: string;
  partnerIds: string[];
  dimensionKeys: string[];
  eventId: string | null;
  /** Set: a DRAFT proposal; unset: an ACTIVE cooperation (activatedAt = now). */
  proposal?: NewProposal | null;
  /** A partner already confirmed in an ACTIVE cooperation (a partner leading one alone). */
  confirmedBy?: string | null;
}

/** Everything `recordEvent` writes. */
export interface NewEvent {
  id: string;
  kind: EventKind;
  title: string;
  date: string;
}

/**
 * The Cypher of cooperation and event writes, as pure functions; every value is a parameter.
 * Statements that read what a check decides on take the node's write lock first
 * (`SET x._lock = true REMOVE x._lock`, held until the transaction ends) and read afterwards,
 * so that concurrent writers see each other's committed state (Neo4j runs read-committed).
 */
export const cooperationWriteQueries = {
  lockPartners(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner) WHERE p.id IN $ids
WITH p ORDER BY p.id
SET p._lock = true REMOVE p._lock
WITH p
RETURN p.id AS id, p.name AS name, p.status AS status,
  [(p)-[r:ENGAGES_IN]->(d:Dimension) | {dimension: d.key, perspective: r.perspective}] AS engagements`,
      params: { ids },
    };
  },
  lockCooperation(id: string): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation {id: $id})
SET c._lock = true REMOVE c._lock
WITH c
RETURN c {.id, .title, .kind, .status, .startedOn, .endedOn, proposedBy: c.proposedBy,
  expired: c.status = $draft AND c.expiresAt <= datetime(),
  participants: [(p:Partner)-[r:PARTICIPATES_IN|PROPOSED_IN]->(c) |
    {id: p.id, role: r.role, confirmedAt: toString(r.confirmedAt)}]} AS state`,
      params: { id, draft: CooperationStatus.DRAFT },
    };
  },
  dimensionKeys(keys: readonly string[]): CypherQuery {
    return {
      cypher: 'MATCH (d:Dimension) WHERE d.key IN $keys RETURN d.key AS key',
      params: { keys },
    };
  },
  partnerIds(ids: readonly string[]): CypherQuery {
    return { cypher: 'MATCH (p:Partner) WHERE p.id IN $ids RETURN p.id AS id', params: { ids } };
  },
  /**
   * An ACTIVE cooperation, or with `c.proposal` a DRAFT: then the named partners are PROPOSED_IN
   * it (the proposer confirmed) and nobody's count or activity changes until it becomes ACTIVE.
   */
  createCooperation(c: NewCooperation): CypherQuery {
    const participants = [
      { id: c.leadPartnerId, role: ParticipationRole.LEAD },
      ...c.partnerIds.map((id) => ({ id, role: ParticipationRole.PARTNER })),
    ];
    const confirmedBy = c.proposal ? c.proposal.proposedBy : (c.confirmedBy ?? null);
    const named = c.proposal
      ? `CREATE (p)-[:PROPOSED_IN {role: row.role, confirmedAt: ${confirmedAt}}]->(c)`
      : `CREATE (p)-[:PARTICIPATES_IN {role: row.role, confirmedAt: ${confirmedAt}}]->(c)
  SET p.cooperationCount = coalesce(p.cooperationCount, 0) + 1, ${raiseLastActive('c.startedOn')}`;
    const lifecycle = c.proposal
      ? `proposedAt: datetime(), proposedBy: $proposedBy, expiresAt: datetime() + duration($ttl),
  exchangeId: $exchangeId, matchId: $matchId`
      : 'activatedAt: datetime()';
    return {
      cypher: `CREATE (c:Cooperation {id: $id, title: $title, kind: $kind, status: $status,
  startedOn: date($startedOn), endedOn: null, funding: $funding, ${lifecycle}})
WITH c
CALL (c) {
  UNWIND $participants AS row
  MATCH (p:Partner {id: row.id})
  ${named}
}
CALL (c) {
  UNWIND $dimensionKeys AS key
  MATCH (d:Dimension {key: key})
  CREATE (c)-[:ADDRESSES]->(d)
}
CALL (c) {
  MATCH (e:Event {id: $eventId})
  CREATE (c)-[:PART_OF]->(e)
}
RETURN ${COOPERATION} AS cooperation`,
      params: {
        id: c.id,
        title: c.title,
        kind: c.kind,
        status: c.proposal ? CooperationStatus.DRAFT : CooperationStatus.ACTIVE,
        startedOn: c.startedOn,
        funding: c.funding,
        participants,
        confirmedBy,
        dimensionKeys: c.dimensionKeys,
        eventId: c.eventId,
        ...(c.proposal
          ? {
              proposedBy: c.proposal.proposedBy,
              ttl: c.proposal.ttl,
              exchangeId: c.proposal.exchangeId,
              matchId: c.proposal.matchId,
            }
          : {}),
      },
    };
  },
  addParticipant(cooperationId: string, partnerId: string, role: ParticipationRole): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation {id: $cooperationId})
MATCH (p:Partner {id: $partnerId})
CREATE (p)-[:PARTICIPATES_IN {role: $role, confirmedAt: null}]->(c)
SET p.cooperationCount = coalesce(p.cooperationCount, 0) + 1, ${raiseLastActive('c.startedOn')}
RETURN ${COOPERATION} AS cooperation`,
      params: { cooperationId, partnerId, role },
    };
  },
  end(id: string, endedOn: string): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation {id: $id})
SET c.status = $status, c.endedOn = date($endedOn)
RETURN ${COOPERATION} AS cooperation`,
      params: { id, endedOn, status: CooperationStatus.ENDED },
    };
  },
  createEvent(event: NewEvent): CypherQuery {
    return {
      cypher: `CREATE (e:Event {id: $id, kind: $kind, title: $title, date: date($date)})
RETURN ${EVENT} AS event`,
      params: { ...event },
    };
  },
  event(id: string): CypherQuery {
    return { cypher: `MATCH (e:Event {id: $id}) RETURN ${EVENT} AS event`, params: { id } };
  },
  attend(eventId: string, partnerIds: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (e:Event {id: $eventId})
UNWIND $partnerIds AS partnerId
MATCH (p:Partner {id: partnerId})
MERGE (p)-[:ATTENDED]->(e)
SET ${raiseLastActive('e.date')}
RETURN count(p) AS attended`,
      params: { eventId, partnerIds },
    };
  },
};

const cooperationOf = (r: Neo4jRecord) => fromNeo4j<Cooperation>(r.get('cooperation'));
const eventOf = (r: Neo4jRecord) => fromNeo4j<AllianceEvent>(r.get('event'));

/** Runs {@link cooperationWriteQueries} inside the transaction of one write. */
export class CooperationWriteRepository {
  /** Locks the partners that exist among `ids` and returns them by id. */
  async lockPartners(tx: TransactionRunner, ids: readonly string[]) {
    const rows = await tx.run(cooperationWriteQueries.lockPartners(ids), (r) =>
      fromNeo4j<PartnerProfile>(r.toObject()),
    );
    return new Map(rows.map((p) => [p.id, p]));
  }

  /** Locks a cooperation and returns its state; `null` when it does not exist. */
  async lockCooperation(tx: TransactionRunner, id: string): Promise<CooperationState | null> {
    const [state] = await tx.run(cooperationWriteQueries.lockCooperation(id), (r) =>
      fromNeo4j<CooperationState>(r.get('state')),
    );
    return state ?? null;
  }

  /** The keys among `keys` that name a dimension. */
  async knownDimensionKeys(tx: TransactionRunner, keys: readonly string[]): Promise<Set<string>> {
    const rows = await tx.run(cooperationWriteQueries.dimensionKeys(keys), (r) =>
      fromNeo4j<string>(r.get('key')),
    );
    return new Set(rows);
  }

  /** The ids among `ids` that name a partner. */
  async knownPartnerIds(tx: TransactionRunner, ids: readonly string[]): Promise<Set<string>> {
    const rows = await tx.run(cooperationWriteQueries.partnerIds(ids), (r) =>
      fromNeo4j<string>(r.get('id')),
    );
    return new Set(rows);
  }

  /** Creates a cooperation with its participants, dimensions and event; updates the counts. */
  async createCooperation(tx: TransactionRunner, c: NewCooperation): Promise<Cooperation> {
    return single(await tx.run(cooperationWriteQueries.createCooperation(c), cooperationOf));
  }

  /** Adds a participant and updates its count and last activity. */
  async addParticipant(
    tx: TransactionRunner,
    cooperationId: string,
    partnerId: string,
    role: ParticipationRole,
  ): Promise<Cooperation> {
    const query = cooperationWriteQueries.addParticipant(cooperationId, partnerId, role);
    return single(await tx.run(query, cooperationOf));
  }

  /** Sets a cooperation ENDED on `endedOn`. */
  async end(tx: TransactionRunner, id: string, endedOn: string): Promise<Cooperation> {
    return single(await tx.run(cooperationWriteQueries.end(id, endedOn), cooperationOf));
  }

  /** Creates an event. */
  async createEvent(tx: TransactionRunner, event: NewEvent): Promise<AllianceEvent> {
    return single(await tx.run(cooperationWriteQueries.createEvent(event), eventOf));
  }

  /** One event with its participant count; `null` when it does not exist. */
  async findEvent(tx: TransactionRunner, id: string): Promise<AllianceEvent | null> {
    const [event] = await tx.run(cooperationWriteQueries.event(id), eventOf);
    return event ?? null;
  }

  /** Records that the partners attended the event (once each) and raises their last activity. */
  async attend(tx: TransactionRunner, eventId: string, partnerIds: readonly string[]) {
    await tx.run(cooperationWriteQueries.attend(eventId, partnerIds), () => null);
  }
}

/** The one row a write statement returns; a missing row is a bug (the checks ran before). */
function single<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('expected the write to return 1 row, got 0');
  return row;
}
