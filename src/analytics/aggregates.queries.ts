import neo4j from 'neo4j-driver';
import type { PageRequest } from '../common/pagination';
import { CooperationKind } from '../cooperations/cooperation.types';
import { whereClause } from '../db/cypher';
import type { CypherQuery } from '../db/executor';
import { keysetClause, type SortSpec, CursorValueType } from '../db/keyset';
import { EVENT_PROJECTION } from '../events/event.repository';
import { EventKind } from '../events/event.types';
import { partnerProjection } from '../partners/partner.repository';
import { MAX_OVERVIEW_YEARS, MEMBER_STATUSES, PERSPECTIVES, type YearRange } from './aggregates';

/**
 * The Cypher of the aggregate analytics, as pure functions returning `{cypher, params}`. Each
 * aggregate is one statement: grouped subqueries collect their rows side by side, so one round
 * trip answers the whole question. Every value is a parameter.
 */

/**
 * A cooperation that happened or happens: ACTIVE or ENDED. A proposal (DRAFT) and the refused
 * ones (DECLINED, WITHDRAWN, EXPIRED) count nowhere. Where `c` is reached by PARTICIPATES_IN this
 * holds already (proposals are PROPOSED_IN, docs/follow-through.md#proposals); the queries that
 * match cooperations by label or by ADDRESSES need it.
 */
const REAL_COOPERATION = "c.status IN ['ACTIVE', 'ENDED']";

/**
 * Whether partner `p` took part in anything on or after the date parameter: a cooperation still
 * running then (no end, or ended on or after it), or an attended meeting or training dated then
 * or later. Action-day events are cooperations, so organising one counts.
 */
export function activeSinceCondition(dateParameter: string): string {
  return `(EXISTS { MATCH (p)-[:PARTICIPATES_IN]->(c:Cooperation)
    WHERE ${REAL_COOPERATION} AND (c.endedOn IS NULL OR c.endedOn >= date(${dateParameter})) }
  OR EXISTS { MATCH (p)-[:ATTENDED]->(e:Event) WHERE e.date >= date(${dateParameter}) })`;
}

const int = (value: number | null) => (value === null ? null : neo4j.int(value));

/**
 * The years of the overview: given bounds, or the data's first join and latest activity, never
 * more than {@link MAX_OVERVIEW_YEARS} (a defaulted bound moves towards the given one).
 */
const OVERVIEW_RANGE = `CALL () {
  MATCH (p:Partner)
  RETURN min(p.joinedOn.year) AS firstYear, max(p.lastActiveOn.year) AS lastYear,
    toString(max(p.lastActiveOn)) AS dataUntil
}
WITH coalesce($from,
    CASE WHEN $to IS NULL THEN firstYear
      WHEN firstYear IS NULL OR firstYear < $to - $span + 1 THEN $to - $span + 1
      WHEN firstYear > $to THEN $to
      ELSE firstYear END,
    $currentYear) AS fromYear, lastYear, dataUntil
WITH fromYear, dataUntil, coalesce($to,
    CASE WHEN lastYear IS NULL OR lastYear < fromYear THEN fromYear
      WHEN lastYear > fromYear + $span - 1 THEN fromYear + $span - 1
      ELSE lastYear END) AS toYear`;

/**
 * Per year, from one scan of the partners: who signed (and of them, who is a member today), the
 * members (today's members who had signed by the year's end: the graph keeps no history of pauses
 * and departures) and the members active in the year (a cooperation running in it, open ones
 * until now, or an attended meeting or training).
 */
const PARTNER_YEARS = `CALL (fromYear, toYear) {
  MATCH (p:Partner)
  WITH p.joinedOn.year AS joined, p.status IN $members AS member,
    CASE WHEN p.status IN $members THEN
      reduce(years = [], span IN [(p)-[:PARTICIPATES_IN]->(c:Cooperation) WHERE ${REAL_COOPERATION} |
        range(c.startedOn.year, coalesce(c.endedOn.year, $currentYear))] | years + span) +
      [(p)-[:ATTENDED]->(e:Event) | e.date.year]
    ELSE [] END AS activeYears
  UNWIND range(fromYear, toYear) AS year
  WITH year,
    count(CASE WHEN joined = year THEN 1 END) AS newPartners,
    count(CASE WHEN joined = year AND member THEN 1 END) AS newMembers,
    count(CASE WHEN member AND joined <= year THEN 1 END) AS members,
    count(CASE WHEN member AND joined <= year AND year IN activeYears THEN 1 END) AS active
  RETURN collect({year: year, newPartners: newPartners, newMembers: newMembers, members: members,
    active: active}) AS partnerYears
}`;

const STARTED = `CALL (fromYear, toYear) {
  MATCH (c:Cooperation) WHERE ${REAL_COOPERATION} AND fromYear <= c.startedOn.year <= toYear
  WITH c.startedOn.year AS year, c.kind AS kind, count(c) AS started
  RETURN collect({year: year, kind: kind, count: started}) AS started
}`;

/** Events held per year and kind, with their distinct attendees (meetings and trainings). */
const EVENTS = `CALL (fromYear, toYear) {
  MATCH (e:Event) WHERE fromYear <= e.date.year <= toYear
  OPTIONAL MATCH (a:Partner)-[:ATTENDED]->(e)
  WITH e.date.year AS year, e.kind AS kind, count(DISTINCT e) AS held,
    count(DISTINCT a) AS attendees
  RETURN collect({year: year, kind: kind, held: held, attendees: attendees}) AS events
}`;

/** The action days per year: their events (cooperations) and distinct organisers. */
const ACTION_DAYS = `CALL (fromYear, toYear) {
  MATCH (o:Partner)-[:PARTICIPATES_IN]->(c:Cooperation)-[:PART_OF]->(e:Event {kind: $actionDays})
  WHERE ${REAL_COOPERATION} AND fromYear <= e.date.year <= toYear
  WITH e.date.year AS year, count(DISTINCT c) AS events, count(DISTINCT o) AS organisers
  RETURN collect({year: year, events: events, organisers: organisers}) AS actionDays
}`;

/** Sort of inactive partners: the longest-standing members first. */
const INACTIVE_SORT: SortSpec = {
  expression: 'p.joinedOn',
  valueType: CursorValueType.DATE,
  direction: 'ASC',
  id: 'p.id',
};

/**
 * Partners of the given statuses who had signed by the day and took part in nothing since: a
 * partner who joined after `since` cannot have been inactive all that time.
 */
function inactiveMatch(): string {
  return `MATCH (p:Partner) WHERE p.status IN $statuses AND p.joinedOn <= date($since)
  AND NOT ${activeSinceCondition('$since')}`;
}

/** The Cypher of the aggregate analytics. */
export const aggregateQueries = {
  /** Everything of `networkOverview` in one statement. */
  overview(range: YearRange, currentYear: number): CypherQuery {
    return {
      cypher: [
        OVERVIEW_RANGE,
        PARTNER_YEARS,
        STARTED,
        EVENTS,
        ACTION_DAYS,
        'RETURN fromYear, toYear, dataUntil, partnerYears, started, events, actionDays',
      ].join('\n'),
      params: {
        from: int(range.from),
        to: int(range.to),
        span: neo4j.int(MAX_OVERVIEW_YEARS),
        currentYear: neo4j.int(currentYear),
        members: MEMBER_STATUSES,
        actionDays: EventKind.ACTION_DAYS,
      },
    };
  },

  /**
   * Per dimension: member partners engaged (per perspective), cooperations addressing it (per kind,
   * and per perspective of a participant engaged in it), and the counts of the trend windows,
   * which follow from the reference year (the given one, else the year of the latest activity).
   */
  dimensionCoverage(
    kinds: readonly CooperationKind[],
    referenceYear: number | null,
    currentYear: number,
  ): CypherQuery {
    return {
      cypher: `CALL () { MATCH (p:Partner) RETURN max(p.lastActiveOn.year) AS latestYear }
WITH coalesce($referenceYear, latestYear, $fallbackYear) AS referenceYear
WITH referenceYear, referenceYear - 2 AS recentFrom, referenceYear - 1 AS recentTo,
  referenceYear - 4 AS previousFrom, referenceYear - 3 AS previousTo
MATCH (d:Dimension)
CALL (d) {
  OPTIONAL MATCH (p:Partner)-[r:ENGAGES_IN]->(d) WHERE p.status IN $members
  WITH count(DISTINCT p) AS partners, collect(r.perspective) AS perspectives
  RETURN partners,
    [x IN $perspectives | {perspective: x, count: size([y IN perspectives WHERE y = x])}]
      AS partnersByPerspective
}
CALL (d, recentFrom, recentTo, previousFrom, previousTo) {
  OPTIONAL MATCH (c:Cooperation)-[:ADDRESSES]->(d) WHERE ${REAL_COOPERATION} AND c.kind IN $kinds
  WITH c, [(c)<-[:PARTICIPATES_IN]-(:Partner)-[s:ENGAGES_IN]->(d) | s.perspective] AS perspectives
  WITH count(c) AS cooperations,
    count(CASE WHEN recentFrom <= c.startedOn.year <= recentTo THEN 1 END) AS recent,
    count(CASE WHEN previousFrom <= c.startedOn.year <= previousTo THEN 1 END) AS previous,
    collect(c.kind) AS kinds, collect(perspectives) AS perspectiveSets
  RETURN cooperations, recent, previous,
    [k IN $kinds | {kind: k, count: size([x IN kinds WHERE x = k])}] AS cooperationsByKind,
    [x IN $perspectives | {perspective: x, count: size([s IN perspectiveSets WHERE x IN s])}]
      AS cooperationsByPerspective
}
RETURN referenceYear, d {.*} AS dimension, partners, partnersByPerspective, cooperations,
  cooperationsByKind, cooperationsByPerspective, recent, previous
ORDER BY d.key`,
      params: {
        kinds,
        referenceYear: int(referenceYear),
        fallbackYear: neo4j.int(currentYear),
        members: MEMBER_STATUSES,
        perspectives: PERSPECTIVES,
      },
    };
  },

  /**
   * Partner sizes per sector (everyone who is or was a member: APPLIED partners cannot cooperate
   * yet) and partner-pair links per unordered sector pair: every two partners of one cooperation
   * are one link.
   */
  sectorMatrix(kinds: readonly CooperationKind[]): CypherQuery {
    return {
      cypher: `CALL () {
  MATCH (p:Partner) WHERE p.status <> 'APPLIED'
  WITH p.sector AS sector, count(p) AS partners
  RETURN collect({sector: sector, partners: partners}) AS sizes
}
CALL () {
  MATCH (a:Partner)-[:PARTICIPATES_IN]->(c:Cooperation)<-[:PARTICIPATES_IN]-(b:Partner)
  WHERE a.id < b.id AND ${REAL_COOPERATION} AND c.kind IN $kinds
  WITH CASE WHEN a.sector <= b.sector THEN [a.sector, b.sector] ELSE [b.sector, a.sector] END
    AS pair, c
  WITH pair, count(*) AS links, count(DISTINCT c) AS cooperations
  RETURN collect({sectors: pair, links: links, cooperations: cooperations}) AS pairs
}
RETURN sizes, pairs`,
      params: { kinds },
    };
  },

  /**
   * Per district, every one of them: member partners located there, and the cooperations and
   * action-day events with a partner (of any status: history counts) located there.
   */
  districtCoverage(kinds: readonly CooperationKind[]): CypherQuery {
    return {
      cypher: `MATCH (d:District)
CALL (d) {
  OPTIONAL MATCH (d)<-[:LOCATED_IN]-(p:Partner) WHERE p.status IN $members
  RETURN count(p) AS partners
}
CALL (d) {
  OPTIONAL MATCH (d)<-[:LOCATED_IN]-(:Partner)-[:PARTICIPATES_IN]->(c:Cooperation)
  WHERE ${REAL_COOPERATION}
  RETURN count(DISTINCT CASE WHEN c.kind IN $kinds THEN c END) AS cooperations,
    count(DISTINCT CASE WHEN c.kind = $actionDayEvent THEN c END) AS actionDayEvents
}
RETURN d {.*} AS district, partners, cooperations, actionDayEvents
ORDER BY d.name, d.key`,
      params: {
        members: MEMBER_STATUSES,
        kinds,
        actionDayEvent: CooperationKind.ACTION_DAY_EVENT,
      },
    };
  },

  /** One page of members without activity since a date, longest-standing first. */
  inactivePage(since: string, statuses: readonly string[], request: PageRequest): CypherQuery {
    const keyset = keysetClause(INACTIVE_SORT, request);
    return {
      cypher: `${inactiveMatch()} ${keyset.where ? `AND ${keyset.where}` : ''}
WITH p ORDER BY ${keyset.orderBy} LIMIT $limit
RETURN ${partnerProjection('p')} AS partner, p.joinedOn AS sortValue,
  reduce(latest = null, day IN
    [(p)-[:PARTICIPATES_IN]->(c:Cooperation) WHERE ${REAL_COOPERATION} |
      coalesce(c.endedOn, c.startedOn)] + [(p)-[:ATTENDED]->(e:Event) | e.date] |
    CASE WHEN latest IS NULL OR day > latest THEN day ELSE latest END) AS lastActivityOn`,
      params: {
        ...keyset.params,
        since,
        statuses,
        limit: neo4j.int(request.limit + 1),
      },
    };
  },

  /** How many members have no activity since a date. */
  inactiveCount(since: string, statuses: readonly string[]): CypherQuery {
    return {
      cypher: `${inactiveMatch()} RETURN count(p) AS total`,
      params: { since, statuses },
    };
  },

  /**
   * The experience of candidate buddies: per ACTIVE partner among the ids, its cooperations of
   * the counted kinds. One round trip for a page of inactive partners.
   */
  experience(ids: readonly string[], kinds: readonly CooperationKind[]): CypherQuery {
    return {
      cypher: `UNWIND $ids AS id
MATCH (p:Partner {id: id}) WHERE p.status = 'ACTIVE'
RETURN p.id AS id, COUNT { (p)-[:PARTICIPATES_IN]->(c:Cooperation) WHERE c.kind IN $kinds } AS cooperations`,
      params: { ids, kinds },
    };
  },

  /** The next meetings and trainings on or after a day, soonest first. */
  upcomingEvents(today: string, limit: number): CypherQuery {
    return {
      cypher: `MATCH (e:Event) ${whereClause(['e.kind IN $kinds', 'e.date >= date($today)'])}
WITH e ORDER BY e.date, e.id LIMIT $limit
RETURN ${EVENT_PROJECTION} AS event`,
      params: {
        kinds: [EventKind.ALLIANCE_MEETING, EventKind.TRAINING],
        today,
        limit: neo4j.int(limit),
      },
    };
  },
};
