import neo4j from 'neo4j-driver';
import type { PageRequest, SortKey } from '../common/pagination';
import { alignById, conditionSet, whereClause } from '../db/cypher';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import { keysetClause, type SortSpec, CursorValueType } from '../db/keyset';
import { fromNeo4j } from '../db/values';
import type { AllianceEvent, EventFilter } from './event.types';

/**
 * The participants of event `e`: attendees of meetings and trainings and the organisers of the
 * action days' events. The organiser is spelled out so that it never captures a partner `p` of
 * an enclosing query (which counted only that partner's own events).
 */
export const participantCountOf = (e: string) =>
  `COUNT { (:Partner)-[:ATTENDED]->(${e}) } + COUNT { MATCH (organiser:Partner)-[:PARTICIPATES_IN]->(:Cooperation)-[:PART_OF]->(${e}) RETURN DISTINCT organiser }`;

/** The public properties of event `e`, as every query and mutation returns them. */
export const EVENT_PROJECTION = `e {.id, .kind, .title, .date, participantCount: ${participantCountOf('e')}}`;

/** Events are always ordered by date, newest first. */
export const EVENT_SORT: SortSpec = {
  expression: 'e.date',
  valueType: CursorValueType.DATE,
  direction: 'DESC',
  id: 'e.id',
};

/** The conditions of an event filter on `e`; every value is a parameter. */
export function eventConditions(filter: EventFilter = {}) {
  const set = conditionSet();
  if (filter.kinds?.length) set.add('e.kind IN $kinds', { kinds: filter.kinds });
  if (filter.from) set.add('e.date >= date($from)', { from: filter.from });
  if (filter.to) set.add('e.date <= date($to)', { to: filter.to });
  return set;
}

/** The Cypher of the Event slice, as pure functions. */
export const eventQueries = {
  page(filter: EventFilter | undefined, request: PageRequest): CypherQuery {
    const { conditions, params } = eventConditions(filter);
    const keyset = keysetClause(EVENT_SORT, request);
    return {
      cypher: `MATCH (e:Event) ${whereClause([...conditions, keyset.where])}
WITH e ORDER BY ${keyset.orderBy} LIMIT $limit
RETURN ${EVENT_PROJECTION} AS event, e.date AS sortValue`,
      params: { ...params, ...keyset.params, limit: neo4j.int(request.limit + 1) },
    };
  },
  count(filter: EventFilter | undefined): CypherQuery {
    const { conditions, params } = eventConditions(filter);
    return {
      cypher: `MATCH (e:Event) ${whereClause(conditions)} RETURN count(e) AS total`,
      params,
    };
  },
  attendedByPartners(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner)-[:ATTENDED]->(e:Event) WHERE p.id IN $ids
WITH p, e ORDER BY e.date DESC, e.id DESC
RETURN p.id AS id, collect(${EVENT_PROJECTION}) AS events`,
      params: { ids },
    };
  },
};

/** Reads alliance events. */
export class EventRepository {
  constructor(private readonly executor: CypherExecutor) {}

  /** One page of events, newest first (limit + 1 rows, in request direction). */
  findPage(filter: EventFilter | undefined, request: PageRequest) {
    return this.executor.read(
      eventQueries.page(filter, request),
      (r) => {
        const node = fromNeo4j<AllianceEvent>(r.get('event'));
        return { node, key: [fromNeo4j<string>(r.get('sortValue')), node.id] as SortKey };
      },
      'events',
    );
  }

  /** How many events match the filter. */
  async count(filter: EventFilter | undefined): Promise<number> {
    const [total] = await this.executor.read(
      eventQueries.count(filter),
      (r) => fromNeo4j<number>(r.get('total')),
      'eventsCount',
    );
    return total ?? 0;
  }

  /** The events each partner attended, newest first. */
  async findAttendedBy(ids: readonly string[]): Promise<AllianceEvent[][]> {
    const rows = await this.executor.read(
      eventQueries.attendedByPartners(ids),
      (r) =>
        [r.get('id') as string, fromNeo4j<AllianceEvent[]>(r.get('events'))] as [
          string,
          AllianceEvent[],
        ],
      'partnerEvents',
    );
    return alignById(ids, rows, []);
  }
}
