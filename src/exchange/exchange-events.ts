import neo4j from 'neo4j-driver';
import type { CypherExecutor, CypherQuery, TransactionRunner } from '../db/executor';
import { fromNeo4j } from '../db/values';

/** What happened in an exchange (Kooperationsbörse); one stream per exchange. */
export type ExchangeEventType =
  | 'EXCHANGE_OPENED'
  | 'EXCHANGE_CLOSED'
  | 'CHECKED_IN'
  | 'CHECKED_OUT'
  | 'POST_CREATED'
  | 'POST_WITHDRAWN'
  | 'INTEREST_EXPRESSED'
  | 'MATCH'
  | 'COOPERATION_PROPOSED'
  | 'MEETING_PLAN_PUBLISHED';

/**
 * One event of an exchange's stream, as stored and as published. Events are written in the same
 * transaction as the change they report, numbered without gaps per exchange (`sequence` 1, 2, …),
 * and published only after that transaction committed.
 */
export interface ExchangeEvent {
  exchangeId: string;
  /** Position in the exchange's stream: 1, 2, 3, … without gaps. */
  sequence: number;
  type: ExchangeEventType;
  /**
   * ISO date-time the event was appended: the last statement of its transaction, so within
   * milliseconds of the commit (the transaction's start would include waiting for the lock).
   */
  at: string;
  /** The partner who acted; `null` for coordinators' actions. */
  actorId: string | null;
  /**
   * Who may see the event besides coordinators: `null` for everyone allowed on the stream;
   * otherwise only these partner ids (an interest: its target; a match: both partners).
   */
  audience: string[] | null;
  /** Event details (ids of the post, target, cooperation, …) as plain JSON. */
  payload: Record<string, unknown>;
}

/** An event before it has a sequence number and a time. */
export type ExchangeEventDraft = Omit<ExchangeEvent, 'exchangeId' | 'sequence' | 'at'>;

/** The Cypher of the event store; every value is a parameter. */
export const exchangeEventQueries = {
  /**
   * Appends events to an exchange's stream. Incrementing `lastSequence` on the exchange node
   * write-locks it, so concurrent writers to one exchange get consecutive numbers in commit order.
   */
  append(exchangeId: string, drafts: readonly ExchangeEventDraft[]): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $exchangeId})
SET x.lastSequence = coalesce(x.lastSequence, 0) + size($drafts)
WITH x, x.lastSequence - size($drafts) AS base
UNWIND range(0, size($drafts) - 1) AS i
WITH x, base + i + 1 AS sequence, $drafts[i] AS draft
CREATE (e:ExchangeEvent {
  exchangeId: x.id, sequence: sequence, type: draft.type, at: datetime.realtime(),
  actorId: draft.actorId, audience: draft.audience, payload: draft.payload
})
RETURN e {.*} AS event ORDER BY e.sequence`,
      params: {
        exchangeId,
        drafts: drafts.map((d) => ({ ...d, payload: JSON.stringify(d.payload) })),
      },
    };
  },

  /** The last sequence number of an exchange's stream (0 before the first event). */
  latest(exchangeId: string): CypherQuery {
    return {
      cypher: `MATCH (x:Exchange {id: $exchangeId}) RETURN coalesce(x.lastSequence, 0) AS sequence`,
      params: { exchangeId },
    };
  },

  /** Events of an exchange after a sequence number, oldest first, at most `limit`. */
  after(exchangeId: string, after: number, limit: number): CypherQuery {
    return {
      cypher: `MATCH (e:ExchangeEvent {exchangeId: $exchangeId}) WHERE e.sequence > $after
RETURN e {.*} AS event ORDER BY e.sequence LIMIT $limit`,
      params: { exchangeId, after: neo4j.int(after), limit: neo4j.int(limit) },
    };
  },
};

/** Turns a stored event node's properties into an {@link ExchangeEvent}. */
export function toExchangeEvent(stored: unknown): ExchangeEvent {
  const event = fromNeo4j<Omit<ExchangeEvent, 'payload'> & { payload: string }>(stored);
  return {
    exchangeId: event.exchangeId,
    sequence: event.sequence,
    type: event.type,
    at: event.at,
    actorId: event.actorId ?? null,
    audience: event.audience ?? null,
    payload: JSON.parse(event.payload) as Record<string, unknown>,
  };
}

/**
 * Appends events inside the caller's write transaction (e.g. the `work` of `runWrite`), so that an
 * event exists exactly when its change does. Publish the returned events after the commit.
 */
export async function appendExchangeEvents(
  tx: TransactionRunner,
  exchangeId: string,
  drafts: readonly ExchangeEventDraft[],
): Promise<ExchangeEvent[]> {
  if (drafts.length === 0) return [];
  return tx.run(exchangeEventQueries.append(exchangeId, drafts), (r) =>
    toExchangeEvent(r.get('event')),
  );
}

/** Where committed events go: the live stream (in-process, or through Redis across processes). */
export interface ExchangeEventPublisher {
  /** Publishes committed events, in sequence order. Never throws: a lost publish is healed by readers. */
  publish(events: readonly ExchangeEvent[]): void;
}

/** Reads stored events of an exchange after a sequence number, oldest first. */
export type EventStoreRead = (
  exchangeId: string,
  after: number,
  limit: number,
) => Promise<ExchangeEvent[]>;

/** Reads of the event store, shared by the bus (healing gaps) and the streams (replay). */
export interface ExchangeEventStore {
  /** Events after a sequence number, oldest first, at most `limit`. */
  after(exchangeId: string, after: number, limit: number): Promise<ExchangeEvent[]>;
  /** The last sequence number of an exchange (0 before its first event). */
  latest(exchangeId: string): Promise<number>;
}

/** The event store over the executor. */
export function exchangeEventStore(executor: CypherExecutor): ExchangeEventStore {
  return {
    after: (exchangeId, after, limit) =>
      executor.read(
        exchangeEventQueries.after(exchangeId, after, limit),
        (r) => toExchangeEvent(r.get('event')),
        'exchangeEvents',
      ),
    latest: async (exchangeId) => {
      const [sequence] = await executor.read(
        exchangeEventQueries.latest(exchangeId),
        (r) => fromNeo4j<number>(r.get('sequence')),
        'exchangeLatest',
      );
      return sequence ?? 0;
    },
  };
}
