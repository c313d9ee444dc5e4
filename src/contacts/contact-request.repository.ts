import neo4j from 'neo4j-driver';
import type { PageRequest, SortKey } from '../common/pagination';
import { whereClause } from '../db/cypher';
import type { CypherExecutor, CypherQuery, TransactionRunner } from '../db/executor';
import { CursorValueType, keysetClause, type SortSpec } from '../db/keyset';
import { fromNeo4j } from '../db/values';
import {
  type ContactContextKind,
  ContactDirection,
  type ContactRequest,
  type ContactRequestCounts,
  ContactRequestStatus,
} from './contact-request.types';

/** The key of an unordered pair of partners: the requests between two partners share it. */
export const contactPairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** A contact request `r` as the API returns it. */
const REQUEST = `r {.id, .fromPartnerId, .toPartnerId, .message, .status,
  createdAt: toString(r.createdAt), answeredAt: toString(r.answeredAt),
  revokedAt: toString(r.revokedAt), revokedBy: r.revokedBy,
  context: {kind: r.contextKind, exchangeId: r.contextExchangeId, matchId: r.contextMatchId}}`;

const toRequest = (r: { get(key: string): unknown }) => fromNeo4j<ContactRequest>(r.get('request'));

/** Newest first; ties by id. */
const SORT: SortSpec = {
  expression: 'r.createdAt',
  valueType: CursorValueType.DATETIME,
  direction: 'DESC',
  id: 'r.id',
};

/** A new request, as the service made it. */
export interface NewContactRequest {
  id: string;
  fromPartnerId: string;
  toPartnerId: string;
  message: string;
  contextKind: ContactContextKind;
  contextExchangeId: string | null;
  contextMatchId: string | null;
}

/** A partner as a contact request needs it: whether it exists and its status. */
export interface PartnerStanding {
  id: string;
  status: string;
}

/**
 * The Cypher of contact requests, as pure functions; every value is a parameter. A request is
 * `(:ContactRequest {id, fromPartnerId, toPartnerId, pairKey, message, status, context…, createdAt,
 * answeredAt, revokedAt, revokedBy})`; an accepted one links the partners by
 * `(from)-[:SHARES_CONTACT {requestId}]->(to)`, read in either direction.
 */
export const contactQueries = {
  /** Write-locks a partner and reads its status (`null` rows: unknown). */
  lockPartner(id: string): CypherQuery {
    return {
      cypher: `MATCH (p:Partner {id: $id}) SET p._lock = true REMOVE p._lock
RETURN p {.id, .status} AS partner`,
      params: { id },
    };
  },
  /** Every request between two partners, newest first. */
  pair(a: string, b: string): CypherQuery {
    return {
      cypher: `MATCH (r:ContactRequest {pairKey: $pairKey})
RETURN ${REQUEST} AS request ORDER BY r.createdAt DESC, r.id DESC`,
      params: { pairKey: contactPairKey(a, b) },
    };
  },
  /** How many requests of a partner wait for an answer. */
  openCount(partnerId: string): CypherQuery {
    return {
      cypher: `MATCH (r:ContactRequest {fromPartnerId: $partnerId, status: $pending})
RETURN count(r) AS open`,
      params: { partnerId, pending: ContactRequestStatus.PENDING },
    };
  },
  /** A match of a Kooperationsbörse: its exchange and its two partners. */
  exchangeMatch(id: string): CypherQuery {
    return {
      cypher: `MATCH (m:ExchangeMatch {id: $id}) RETURN m {.exchangeId, .partnerIds} AS match`,
      params: { id },
    };
  },
  exchangeExists(id: string): CypherQuery {
    return {
      cypher: 'MATCH (x:Exchange {id: $id}) RETURN x.id AS id',
      params: { id },
    };
  },
  create(request: NewContactRequest): CypherQuery {
    return {
      cypher: `CREATE (r:ContactRequest {id: $id, fromPartnerId: $fromPartnerId,
  toPartnerId: $toPartnerId, pairKey: $pairKey, message: $message, status: $pending,
  contextKind: $contextKind, contextExchangeId: $contextExchangeId, contextMatchId: $contextMatchId,
  createdAt: datetime(), answeredAt: null, revokedAt: null, revokedBy: null})
RETURN ${REQUEST} AS request`,
      params: {
        ...request,
        pairKey: contactPairKey(request.fromPartnerId, request.toPartnerId),
        pending: ContactRequestStatus.PENDING,
      },
    };
  },
  /** Write-locks a request and reads it. */
  lock(id: string): CypherQuery {
    return {
      cypher: `MATCH (r:ContactRequest {id: $id}) SET r._lock = true REMOVE r._lock
RETURN ${REQUEST} AS request`,
      params: { id },
    };
  },
  /** PENDING → ACCEPTED: the two partners share their contact data from now on. */
  accept(id: string): CypherQuery {
    return {
      cypher: `MATCH (r:ContactRequest {id: $id})
MATCH (a:Partner {id: r.fromPartnerId}), (b:Partner {id: r.toPartnerId})
SET r.status = $accepted, r.answeredAt = datetime()
MERGE (a)-[:SHARES_CONTACT {requestId: r.id}]->(b)
RETURN ${REQUEST} AS request`,
      params: { id, accepted: ContactRequestStatus.ACCEPTED },
    };
  },
  decline(id: string): CypherQuery {
    return {
      cypher: `MATCH (r:ContactRequest {id: $id})
SET r.status = $declined, r.answeredAt = datetime()
RETURN ${REQUEST} AS request`,
      params: { id, declined: ContactRequestStatus.DECLINED },
    };
  },
  /** ACCEPTED → REVOKED: the shared contact ends, whoever asked first. */
  revoke(id: string, by: string): CypherQuery {
    return {
      cypher: `MATCH (r:ContactRequest {id: $id})
SET r.status = $revoked, r.revokedAt = datetime(), r.revokedBy = $by
WITH r
OPTIONAL MATCH (:Partner {id: r.fromPartnerId})-[share:SHARES_CONTACT]-(:Partner {id: r.toPartnerId})
DELETE share
RETURN ${REQUEST} AS request`,
      params: { id, by, revoked: ContactRequestStatus.REVOKED },
    };
  },
  /**
   * After an erasure: the partner's messages go (they may name people), its shared contacts
   * end, and what is still PENDING or ACCEPTED becomes REVOKED by it. Returns the changed ids.
   */
  erase(partnerId: string): CypherQuery {
    return {
      cypher: `MATCH (r:ContactRequest)
WHERE (r.fromPartnerId = $partnerId OR r.toPartnerId = $partnerId)
  AND (r.message IS NOT NULL OR r.status IN $live)
SET r.message = null
WITH r, r.status IN $live AS live
SET r.status = CASE WHEN live THEN $revoked ELSE r.status END,
    r.revokedAt = CASE WHEN live THEN datetime() ELSE r.revokedAt END,
    r.revokedBy = CASE WHEN live THEN $partnerId ELSE r.revokedBy END
WITH collect(r.id) AS ids
OPTIONAL MATCH (:Partner {id: $partnerId})-[share:SHARES_CONTACT]-()
DELETE share
RETURN ids`,
      params: {
        partnerId,
        live: [ContactRequestStatus.PENDING, ContactRequestStatus.ACCEPTED],
        revoked: ContactRequestStatus.REVOKED,
      },
    };
  },
  /** Where a partner's requests of one direction (and status) are found. */
  ownConditions(
    partnerId: string,
    direction: ContactDirection,
    status: ContactRequestStatus | null,
  ) {
    const own =
      direction === ContactDirection.INCOMING
        ? 'r.toPartnerId = $partnerId'
        : 'r.fromPartnerId = $partnerId';
    return {
      conditions: status ? [own, 'r.status = $status'] : [own],
      params: { partnerId, status },
    };
  },
  page(
    partnerId: string,
    direction: ContactDirection,
    status: ContactRequestStatus | null,
    request: PageRequest,
  ): CypherQuery {
    const own = contactQueries.ownConditions(partnerId, direction, status);
    const keyset = keysetClause(SORT, request);
    return {
      cypher: `MATCH (r:ContactRequest) ${whereClause([...own.conditions, keyset.where])}
RETURN ${REQUEST} AS request, toString(r.createdAt) AS sortValue
ORDER BY ${keyset.orderBy} LIMIT $limit`,
      params: { ...own.params, ...keyset.params, limit: neo4j.int(request.limit + 1) },
    };
  },
  count(
    partnerId: string,
    direction: ContactDirection,
    status: ContactRequestStatus | null,
  ): CypherQuery {
    const own = contactQueries.ownConditions(partnerId, direction, status);
    return {
      cypher: `MATCH (r:ContactRequest) ${whereClause(own.conditions)} RETURN count(r) AS total`,
      params: own.params,
    };
  },
  /** Requests made between two days (inclusive), counted per month and status; no ids, no text. */
  stats(from: string, to: string): CypherQuery {
    return {
      cypher: `MATCH (r:ContactRequest)
WHERE r.createdAt >= datetime({date: date($from)})
  AND r.createdAt < datetime({date: date($to) + duration({days: 1})})
WITH substring(toString(date(r.createdAt)), 0, 7) AS month, r.status AS status, count(*) AS n
RETURN month, status, n ORDER BY month, status`,
      params: { from, to },
    };
  },
};

/** One month and status with its count, as {@link contactQueries.stats} returns them. */
export interface StatsRow {
  month: string;
  status: ContactRequestStatus;
  n: number;
}

/** Runs the contact requests' Cypher: writes inside `runWrite`'s transaction, reads on their own. */
export class ContactRequestRepository {
  constructor(private readonly executor: CypherExecutor) {}

  async lockPartner(tx: TransactionRunner, id: string): Promise<PartnerStanding | null> {
    const [partner] = await tx.run(contactQueries.lockPartner(id), (r) =>
      fromNeo4j<PartnerStanding>(r.get('partner')),
    );
    return partner ?? null;
  }

  pair(tx: TransactionRunner, a: string, b: string): Promise<ContactRequest[]> {
    return tx.run(contactQueries.pair(a, b), toRequest);
  }

  async openCount(tx: TransactionRunner, partnerId: string): Promise<number> {
    const [open] = await tx.run(contactQueries.openCount(partnerId), (r) =>
      fromNeo4j<number>(r.get('open')),
    );
    return open ?? 0;
  }

  async exchangeMatch(
    tx: TransactionRunner,
    id: string,
  ): Promise<{ exchangeId: string; partnerIds: string[] } | null> {
    const [match] = await tx.run(contactQueries.exchangeMatch(id), (r) =>
      fromNeo4j<{ exchangeId: string; partnerIds: string[] }>(r.get('match')),
    );
    return match ?? null;
  }

  async exchangeExists(tx: TransactionRunner, id: string): Promise<boolean> {
    return (await tx.run(contactQueries.exchangeExists(id), () => true)).length > 0;
  }

  async create(tx: TransactionRunner, request: NewContactRequest): Promise<ContactRequest> {
    return single(await tx.run(contactQueries.create(request), toRequest), request.id);
  }

  async lock(tx: TransactionRunner, id: string): Promise<ContactRequest | null> {
    const [request] = await tx.run(contactQueries.lock(id), toRequest);
    return request ?? null;
  }

  async accept(tx: TransactionRunner, id: string): Promise<ContactRequest> {
    return single(await tx.run(contactQueries.accept(id), toRequest), id);
  }

  async decline(tx: TransactionRunner, id: string): Promise<ContactRequest> {
    return single(await tx.run(contactQueries.decline(id), toRequest), id);
  }

  async revoke(tx: TransactionRunner, id: string, by: string): Promise<ContactRequest> {
    return single(await tx.run(contactQueries.revoke(id, by), toRequest), id);
  }

  /** See {@link contactQueries.erase}; returns the ids of the changed requests. */
  async erase(tx: TransactionRunner, partnerId: string): Promise<string[]> {
    const [ids] = await tx.run(contactQueries.erase(partnerId), (r) =>
      fromNeo4j<string[]>(r.get('ids')),
    );
    return ids ?? [];
  }

  /** One page of a partner's requests (limit + 1 rows, in request direction). */
  page(
    partnerId: string,
    direction: ContactDirection,
    status: ContactRequestStatus | null,
    request: PageRequest,
  ): Promise<{ node: ContactRequest; key: SortKey }[]> {
    return this.executor.read(
      contactQueries.page(partnerId, direction, status, request),
      (r) => {
        const node = toRequest(r);
        return { node, key: [r.get('sortValue') as string, node.id] as SortKey };
      },
      'myContactRequests',
    );
  }

  async count(
    partnerId: string,
    direction: ContactDirection,
    status: ContactRequestStatus | null,
  ): Promise<number> {
    const [total] = await this.executor.read(
      contactQueries.count(partnerId, direction, status),
      (r) => fromNeo4j<number>(r.get('total')),
      'myContactRequestsCount',
    );
    return total ?? 0;
  }

  stats(from: string, to: string): Promise<StatsRow[]> {
    return this.executor.read(
      contactQueries.stats(from, to),
      (r) => fromNeo4j<StatsRow>(r.toObject()),
      'contactRequestStats',
    );
  }
}

/** The one row a write by id returns. */
function single(rows: ContactRequest[], id: string): ContactRequest {
  const [row] = rows;
  if (!row) throw new Error(`expected contact request ${id}, got no row`);
  return row;
}

/** Adds up rows of one month or of all into counts by status. */
export function countsOf(rows: readonly Pick<StatsRow, 'status' | 'n'>[]): ContactRequestCounts {
  const counts: ContactRequestCounts = {
    total: 0,
    pending: 0,
    accepted: 0,
    declined: 0,
    revoked: 0,
  };
  for (const { status, n } of rows) {
    counts.total += n;
    counts[status.toLowerCase() as Exclude<keyof ContactRequestCounts, 'total'>] += n;
  }
  return counts;
}
