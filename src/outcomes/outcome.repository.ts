import neo4j from 'neo4j-driver';
import type { PageRequest, SortKey } from '../common/pagination';
import type { CypherExecutor, CypherQuery, TransactionRunner } from '../db/executor';
import { CursorValueType, keysetClause, type SortSpec } from '../db/keyset';
import { fromNeo4j } from '../db/values';
import { FunnelStage, type FunnelRow } from './funnel';
import type { Outcome, OutcomeKind } from './outcome.types';

/** The outcome's fields as the API gives them. */
const OUTCOME = `o {.id, .aboutPartnerId, .matchId, .exchangeId, .outcome, .note, at: toString(o.at)}`;

/** `myOutcomes` is listed newest first. */
const NEWEST_FIRST: SortSpec = {
  expression: 'o.at',
  valueType: CursorValueType.DATETIME,
  direction: 'DESC',
  id: 'o.id',
};

/** The statuses of a contact request that was accepted at some point (graph shape of contact requests). */
const ACCEPTED_ONCE = ['ACCEPTED', 'REVOKED'];

/** What an outcome's write is given. */
export interface OutcomeWrite {
  /** Used only when the pair has no outcome yet; a replaced outcome keeps its id. */
  id: string;
  byPartnerId: string;
  aboutPartnerId: string;
  matchId: string | null;
  exchangeId: string | null;
  outcome: OutcomeKind;
  note: string | null;
}

/** A Börse match as an outcome needs it. */
export interface MatchRead {
  id: string;
  exchangeId: string;
  partnerIds: string[];
}

/** The Cypher of the outcomes slice, as pure functions; every value is a parameter. */
export const outcomeQueries = {
  /**
   * Erasure: the erased partner's own outcomes go; notes others wrote about it may name its
   * people, so they are blanked (the outcome itself stays the author's record).
   */
  erase(partnerId: string): CypherQuery {
    return {
      cypher: `CALL () { MATCH (o:Outcome {byPartnerId: $partnerId}) DETACH DELETE o }
CALL () { MATCH (o:Outcome {aboutPartnerId: $partnerId}) SET o.note = null }`,
      params: { partnerId },
    };
  },
  /** The status of a partner, or no row when it does not exist. */
  partnerStatus(id: string): CypherQuery {
    return {
      cypher: 'MATCH (p:Partner {id: $id}) RETURN p.status AS status',
      params: { id },
    };
  },

  /** A Börse match with its partners, or no row. */
  match(id: string): CypherQuery {
    return {
      cypher: 'MATCH (m:ExchangeMatch {id: $id}) RETURN m {.id, .exchangeId, .partnerIds} AS match',
      params: { id },
    };
  },

  /**
   * Records the outcome of a pair: one node per (author, other partner), MERGEd on the pair's
   * unique key, so a newer outcome replaces the older one in place. Repeating the same outcome,
   * match and note changes nothing (not even `at`).
   */
  record(write: OutcomeWrite): CypherQuery {
    return {
      cypher: `MERGE (o:Outcome {byPartnerId: $byPartnerId, aboutPartnerId: $aboutPartnerId})
ON CREATE SET o.id = $id
WITH o, o.at IS NOT NULL AND o.outcome = $outcome
  AND (o.note = $note OR (o.note IS NULL AND $note IS NULL))
  AND (o.matchId = $matchId OR (o.matchId IS NULL AND $matchId IS NULL)) AS same
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END |
  SET o.outcome = $outcome, o.note = $note, o.matchId = $matchId, o.exchangeId = $exchangeId,
      o.at = datetime())
RETURN ${OUTCOME} AS outcome`,
      params: { ...write },
    };
  },

  /** One page of an author's outcomes, newest first (limit + 1 rows, in request direction). */
  page(byPartnerId: string, request: PageRequest): CypherQuery {
    const keyset = keysetClause(NEWEST_FIRST, request);
    return {
      cypher: `MATCH (o:Outcome {byPartnerId: $byPartnerId})
${keyset.where ? `WHERE ${keyset.where}` : ''}
RETURN ${OUTCOME} AS outcome, toString(o.at) AS sortValue
ORDER BY ${keyset.orderBy} LIMIT $limit`,
      params: { byPartnerId, ...keyset.params, limit: neo4j.int(request.limit + 1) },
    };
  },

  /** How many outcomes an author recorded. */
  count(byPartnerId: string): CypherQuery {
    return {
      cypher: 'MATCH (o:Outcome {byPartnerId: $byPartnerId}) RETURN count(o) AS total',
      params: { byPartnerId },
    };
  },

  /** Whether a Kooperationsbörse exists. */
  exchangeExists(id: string): CypherQuery {
    return {
      cypher: 'RETURN EXISTS { (:Exchange {id: $id}) } AS found',
      params: { id },
    };
  },

  /**
   * The funnel's counts per stage and month (UTC) of the days `from`–`to`, over the graph shapes
   * the other slices write (docs/follow-through.md): `FunnelCounter` days, `ContactRequest`s,
   * proposed `Cooperation`s, `ExchangeMatch`es and `Outcome`s. With `exchangeId` only what belongs
   * to that Börse (its matches, requests in its context, proposals from its matches, outcomes of
   * its matches); suggestion views belong to no Börse. Timestamps are read through `datetime()` /
   * `date()`, so stored strings and temporal values count alike.
   */
  funnel(from: string, to: string, exchangeId: string | null): CypherQuery {
    const month = (expression: string) => `substring(toString(${expression}), 0, 7)`;
    const inPeriod = (expression: string) =>
      `datetime(${expression}) >= periodStart AND datetime(${expression}) < periodEnd`;
    const ofExchange = (expression: string) =>
      `($exchangeId IS NULL OR ${expression} = $exchangeId)`;
    return {
      cypher: `WITH datetime({date: date($from)}) AS periodStart,
  datetime({date: date($to) + duration('P1D')}) AS periodEnd
CALL (periodStart, periodEnd) {
  MATCH (f:FunnelCounter {stage: $viewed}) WHERE $exchangeId IS NULL AND f.day >= date($from) AND f.day <= date($to)
  RETURN $viewed AS stage, null AS kind, ${month('f.day')} AS month, sum(f.count) AS count
  UNION ALL
  MATCH (m:ExchangeMatch {exchangeId: $exchangeId}) WHERE ${inPeriod('m.createdAt')}
  RETURN $matches AS stage, null AS kind, ${month('date(datetime(m.createdAt))')} AS month, count(*) AS count
  UNION ALL
  MATCH (r:ContactRequest) WHERE ${inPeriod('r.createdAt')} AND ${ofExchange('r.contextExchangeId')}
  RETURN $requested AS stage, null AS kind, ${month('date(datetime(r.createdAt))')} AS month, count(*) AS count
  UNION ALL
  MATCH (r:ContactRequest) WHERE r.status IN $acceptedOnce AND ${inPeriod('r.answeredAt')}
    AND ${ofExchange('r.contextExchangeId')}
  RETURN $accepted AS stage, null AS kind, ${month('date(datetime(r.answeredAt))')} AS month, count(*) AS count
  UNION ALL
  MATCH (c:Cooperation) WHERE c.proposedAt IS NOT NULL AND ${inPeriod('c.proposedAt')}
    AND ${ofExchange('c.exchangeId')}
  RETURN $proposed AS stage, null AS kind, ${month('date(datetime(c.proposedAt))')} AS month, count(*) AS count
  UNION ALL
  MATCH (c:Cooperation) WHERE c.proposedAt IS NOT NULL AND c.activatedAt IS NOT NULL
    AND ${inPeriod('c.activatedAt')} AND ${ofExchange('c.exchangeId')}
  RETURN $confirmed AS stage, null AS kind, ${month('date(datetime(c.activatedAt))')} AS month, count(*) AS count
  UNION ALL
  MATCH (c:Cooperation) WHERE c.proposedAt IS NOT NULL AND c.status = $endedStatus
    AND date(c.endedOn) >= date($from) AND date(c.endedOn) <= date($to) AND ${ofExchange('c.exchangeId')}
  RETURN $ended AS stage, null AS kind, ${month('date(c.endedOn)')} AS month, count(*) AS count
  UNION ALL
  MATCH (o:Outcome) WHERE o.at >= periodStart AND o.at < periodEnd AND ${ofExchange('o.exchangeId')}
  RETURN $outcome AS stage, o.outcome AS kind, ${month('date(o.at)')} AS month, count(*) AS count
}
RETURN stage, kind, month, count`,
      params: {
        from,
        to,
        exchangeId,
        acceptedOnce: ACCEPTED_ONCE,
        endedStatus: 'ENDED',
        viewed: FunnelStage.SUGGESTIONS_VIEWED,
        matches: FunnelStage.MATCHES,
        requested: FunnelStage.CONTACT_REQUESTED,
        accepted: FunnelStage.CONTACT_ACCEPTED,
        proposed: FunnelStage.PROPOSED,
        confirmed: FunnelStage.CONFIRMED,
        ended: FunnelStage.ENDED,
        outcome: FunnelStage.OUTCOME,
      },
    };
  },

  /** Adds views to a day's counter of a stage (no partner ids: see SuggestionViews). */
  countViews(day: string, stage: FunnelStage, views: number): CypherQuery {
    return {
      cypher: `MERGE (f:FunnelCounter {day: date($day), stage: $stage})
ON CREATE SET f.count = 0
SET f.count = f.count + $views`,
      params: { day, stage, views: neo4j.int(views) },
    };
  },
};

const toOutcome = (r: { get(key: string): unknown }) => fromNeo4j<Outcome>(r.get('outcome'));

/** Reads and writes outcomes, the funnel's counts and the views counter. */
export class OutcomeRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** A partner's status inside a write; `null` when it does not exist. */
  async partnerStatus(tx: TransactionRunner, id: string): Promise<string | null> {
    const [status] = await tx.run(
      outcomeQueries.partnerStatus(id),
      (r) => r.get('status') as string,
    );
    return status ?? null;
  }

  /** A Börse match inside a write; `null` when it does not exist. */
  async findMatch(tx: TransactionRunner, id: string): Promise<MatchRead | null> {
    const [match] = await tx.run(outcomeQueries.match(id), (r) =>
      fromNeo4j<MatchRead>(r.get('match')),
    );
    return match ?? null;
  }

  /** Erases what outcomes hold of a partner, inside the erasure's follow-up write. */
  async erase(tx: TransactionRunner, partnerId: string): Promise<void> {
    await tx.run(outcomeQueries.erase(partnerId), () => null);
  }

  /** Records (or replaces) the outcome of a pair inside a write. */
  async record(tx: TransactionRunner, write: OutcomeWrite): Promise<Outcome> {
    const [outcome] = await tx.run(outcomeQueries.record(write), toOutcome);
    if (!outcome) throw new Error(`recording the outcome of ${write.byPartnerId} returned nothing`);
    return outcome;
  }

  /** One page of an author's outcomes. */
  findPage(byPartnerId: string, request: PageRequest) {
    return this.executor.read(
      outcomeQueries.page(byPartnerId, request),
      (r) => {
        const node = toOutcome(r);
        return { node, key: [r.get('sortValue') as string, node.id] as SortKey };
      },
      'myOutcomes',
    );
  }

  /** How many outcomes an author recorded. */
  async count(byPartnerId: string): Promise<number> {
    const [total] = await this.executor.read(
      outcomeQueries.count(byPartnerId),
      (r) => fromNeo4j<number>(r.get('total')),
      'myOutcomesCount',
    );
    return total ?? 0;
  }

  /** Whether a Kooperationsbörse exists. */
  async exchangeExists(id: string): Promise<boolean> {
    const [found] = await this.executor.read(
      outcomeQueries.exchangeExists(id),
      (r) => r.get('found') as boolean,
      'cooperationFunnelExchange',
    );
    return found ?? false;
  }

  /** The funnel's counted rows (see {@link outcomeQueries.funnel}). */
  funnelRows(from: string, to: string, exchangeId: string | null): Promise<FunnelRow[]> {
    return this.executor.read(
      outcomeQueries.funnel(from, to, exchangeId),
      (r) => fromNeo4j<FunnelRow>(r.toObject()),
      'cooperationFunnel',
    );
  }

  /** Adds views to a day's counter, in a write of its own (no audit entry: nobody is named). */
  async countViews(day: string, stage: FunnelStage, views: number): Promise<void> {
    await this.executor.write(
      outcomeQueries.countViews(day, stage, views),
      () => null,
      'countViews',
    );
  }
}
