import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import type { CypherQuery, TransactionRunner } from '../../src/db/executor';
import { SET_DIMENSION_KEYS } from '../../src/partners/dimension-keys';
import { germanSortKey } from '../../src/partners/german-sort-key';
import type { CooperationRecord, PartnerRecord } from './model';
import type { CooperationState, CurrentState, ImportPlan, PartnerState } from './plan';

/** Rows per `UNWIND $rows` statement: big enough for few round trips, small enough for memory. */
export const DEFAULT_BATCH_SIZE = 1_000;

/**
 * The Cypher of the import, as pure functions returning `{ cypher, params }`. Every value is a
 * parameter; nothing from a file ends up in the statement text.
 */
export const importQueries = {
  /** Engagements of the given partners; ids not in the graph are simply not returned. */
  partnerProfiles(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner) WHERE p.id IN $ids
RETURN p.id AS id,
  COLLECT { MATCH (p)-[e:ENGAGES_IN]->(d:Dimension)
            RETURN {dimension: d.key, perspective: e.perspective} } AS engagements`,
      params: { ids },
    };
  },

  /** What partners.csv describes of the given partners, to compare with the file. */
  currentPartners(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (p:Partner) WHERE p.id IN $ids
RETURN p.id AS id,
  p {.name, .sector, .kind, .status, .description, .website, .contactName, .contactEmail,
     .contactPhone, joinedOn: toString(p.joinedOn)} AS props,
  COLLECT { MATCH (p)-[:LOCATED_IN]->(d:District) RETURN d.key } AS districts,
  COLLECT { MATCH (p)-[:ACTIVE_IN]->(t:Topic) RETURN t.key } AS topics,
  COLLECT { MATCH (p)-[e:ENGAGES_IN]->(d:Dimension) RETURN d.key + ':' + e.perspective } AS engagements`,
      params: { ids },
    };
  },

  /** What cooperations.csv describes of the given cooperations, to compare with the file. */
  currentCooperations(ids: readonly string[]): CypherQuery {
    return {
      cypher: `MATCH (c:Cooperation) WHERE c.id IN $ids
RETURN c.id AS id,
  c {.title, .kind, .status, .funding, startedOn: toString(c.startedOn),
     endedOn: toString(c.endedOn)} AS props,
  COLLECT { MATCH (p:Partner)-[r:PARTICIPATES_IN]->(c) RETURN p.id + ':' + r.role } AS participants,
  COLLECT { MATCH (c)-[:ADDRESSES]->(d:Dimension) RETURN d.key } AS dimensions`,
      params: { ids },
    };
  },

  /**
   * Creates or updates partners by id. A new partner gets version 1, an updated one its version
   * plus one. Its ENGAGES_IN, ACTIVE_IN and LOCATED_IN relationships are replaced by the file's;
   * other properties (internalNotes) and relationships (cooperations, events) stay.
   */
  upsertPartners(rows: readonly PartnerRecord[]): CypherQuery {
    return {
      cypher: `UNWIND $rows AS row
MERGE (p:Partner {id: row.id})
  ON CREATE SET p.version = 1, p.cooperationCount = 0
  ON MATCH SET p.version = coalesce(p.version, 0) + 1
SET p += row.props, p.joinedOn = date(row.joinedOn)
WITH p, row
CALL (p) {
  MATCH (p)-[r:ENGAGES_IN|ACTIVE_IN|LOCATED_IN]->()
  DELETE r
}
CALL (p, row) {
  UNWIND row.engagements AS engagement
  MATCH (d:Dimension {key: engagement.dimension})
  CREATE (p)-[:ENGAGES_IN {perspective: engagement.perspective}]->(d)
}
CALL (p, row) {
  UNWIND row.topics AS key
  MATCH (t:Topic {key: key})
  CREATE (p)-[:ACTIVE_IN]->(t)
}
CALL (p, row) {
  MATCH (d:District) WHERE d.key = row.district
  CREATE (p)-[:LOCATED_IN]->(d)
}
${SET_DIMENSION_KEYS}
RETURN count(p) AS written`,
      params: { rows: rows.map(partnerRow) },
    };
  },

  /**
   * Creates or updates cooperations by id and replaces their PARTICIPATES_IN and ADDRESSES
   * relationships by the file's. Partners must exist already (partners are written first).
   */
  upsertCooperations(rows: readonly CooperationRecord[]): CypherQuery {
    return {
      cypher: `UNWIND $rows AS row
MERGE (c:Cooperation {id: row.id})
SET c += row.props, c.startedOn = date(row.startedOn), c.endedOn = date(row.endedOn)
WITH c, row
CALL (c) {
  MATCH (:Partner)-[r:PARTICIPATES_IN]->(c)
  DELETE r
}
CALL (c) {
  MATCH (c)-[r:ADDRESSES]->(:Dimension)
  DELETE r
}
CALL (c, row) {
  UNWIND row.participants AS participant
  MATCH (p:Partner {id: participant.partnerId})
  CREATE (p)-[:PARTICIPATES_IN {role: participant.role}]->(c)
}
CALL (c, row) {
  UNWIND row.dimensions AS key
  MATCH (d:Dimension {key: key})
  CREATE (c)-[:ADDRESSES]->(d)
}
RETURN count(c) AS written`,
      params: { rows: rows.map(cooperationRow) },
    };
  },

  /**
   * Recomputes the derived properties of docs/graph-model.md: `cooperationCount` (cooperations
   * the partner participates in) and `lastActiveOn` (latest of joinedOn, a cooperation's
   * startedOn, an attended event's date).
   */
  recomputeActivity(ids: readonly string[]): CypherQuery {
    return {
      cypher: `UNWIND $ids AS id
MATCH (p:Partner {id: id})
CALL (p) {
  OPTIONAL MATCH (p)-[:PARTICIPATES_IN]->(c:Cooperation)
  WITH p, count(DISTINCT c) AS cooperations, max(c.startedOn) AS lastStarted
  OPTIONAL MATCH (p)-[:ATTENDED]->(e:Event)
  RETURN cooperations, lastStarted, max(e.date) AS lastAttended
}
SET p.cooperationCount = cooperations,
    p.lastActiveOn = reduce(latest = p.joinedOn, day IN [lastStarted, lastAttended] |
      CASE WHEN day IS NOT NULL AND (latest IS NULL OR day > latest) THEN day ELSE latest END)
RETURN count(p) AS recomputed`,
      params: { ids },
    };
  },
};

function partnerRow(record: PartnerRecord) {
  return {
    id: record.id,
    // A null removes the property: an emptied cell clears what an earlier import set.
    props: {
      name: record.name,
      // The German sort key goes with every name (src/partners/german-sort-key.ts).
      nameSortKey: germanSortKey(record.name),
      sector: record.sector,
      kind: record.kind,
      status: record.status,
      description: record.description,
      website: record.website,
      contactName: record.contactName,
      contactEmail: record.contactEmail,
      contactPhone: record.contactPhone,
    },
    joinedOn: record.joinedOn,
    district: record.district,
    topics: record.topics,
    engagements: record.engagements,
  };
}

function cooperationRow(record: CooperationRecord) {
  return {
    id: record.id,
    props: {
      title: record.title,
      kind: record.kind,
      status: record.status,
      funding: record.funding,
    },
    startedOn: record.startedOn,
    endedOn: record.endedOn,
    participants: record.participants,
    dimensions: record.dimensions,
  };
}

/** Splits `items` into consecutive batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`expected a batch size of at least 1, got ${size}`);
  }
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Runs a read query for `ids` in batches and concatenates the results. */
async function readInBatches<T>(
  tx: TransactionRunner,
  ids: readonly string[],
  batchSize: number,
  query: (ids: readonly string[]) => CypherQuery,
  map: (record: Neo4jRecord) => T,
): Promise<T[]> {
  const results: T[] = [];
  for (const batch of batches(ids, batchSize)) results.push(...(await tx.run(query(batch), map)));
  return results;
}

/** The engagements of those of `ids` that are partners in the graph. */
export async function readPartnerProfiles(
  tx: TransactionRunner,
  ids: readonly string[],
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<Map<string, Engagement[]>> {
  const rows = await readInBatches(tx, ids, batchSize, importQueries.partnerProfiles, (r) => [
    r.get('id') as string,
    r.get('engagements') as Engagement[],
  ]);
  return new Map(rows as [string, Engagement[]][]);
}

/** What the graph holds now of the partners and cooperations the files describe. */
export async function readCurrentState(
  tx: TransactionRunner,
  partnerIds: readonly string[],
  cooperationIds: readonly string[],
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<CurrentState> {
  const partners = await readInBatches(
    tx,
    partnerIds,
    batchSize,
    importQueries.currentPartners,
    toPartnerState,
  );
  const cooperations = await readInBatches(
    tx,
    cooperationIds,
    batchSize,
    importQueries.currentCooperations,
    toCooperationState,
  );
  return { partners: new Map(partners), cooperations: new Map(cooperations) };
}

function toPartnerState(record: Neo4jRecord): [string, PartnerState] {
  const props = record.get('props') as Omit<PartnerState, 'district' | 'topics' | 'engagements'>;
  const districts = record.get('districts') as string[];
  return [
    record.get('id') as string,
    {
      ...props,
      district: districts[0] ?? null,
      topics: (record.get('topics') as string[]).sort(),
      engagements: (record.get('engagements') as string[]).sort(),
    },
  ];
}

function toCooperationState(record: Neo4jRecord): [string, CooperationState] {
  const props = record.get('props') as Omit<CooperationState, 'participants' | 'dimensions'>;
  return [
    record.get('id') as string,
    {
      ...props,
      participants: (record.get('participants') as string[]).sort(),
      dimensions: (record.get('dimensions') as string[]).sort(),
    },
  ];
}

/** One statement of {@link writePlan}, as reported to {@link WriteOptions.afterStatement}. */
export interface WriteStep {
  kind: 'partners' | 'cooperations' | 'activity';
  /** 1-based number of the batch within its kind. */
  batch: number;
  batches: number;
}

/** How {@link writePlan} writes. */
export interface WriteOptions {
  /** @default 1000 rows per statement */
  batchSize?: number;
  /**
   * Called inside the transaction after each statement. For tests: a throw (or a failing
   * statement run on `tx`) must roll the whole import back.
   */
  afterStatement?: (step: WriteStep, tx: TransactionRunner) => Promise<void>;
}

/**
 * Writes a plan inside the caller's transaction: partners first (cooperations refer to them),
 * then cooperations, then the derived properties of every touched partner.
 */
export async function writePlan(
  tx: TransactionRunner,
  plan: ImportPlan,
  options: WriteOptions = {},
): Promise<void> {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const steps: [WriteStep['kind'], CypherQuery[]][] = [
    [
      'partners',
      batches([...plan.partners.create, ...plan.partners.update], size).map(
        importQueries.upsertPartners,
      ),
    ],
    [
      'cooperations',
      batches([...plan.cooperations.create, ...plan.cooperations.update], size).map(
        importQueries.upsertCooperations,
      ),
    ],
    ['activity', batches(plan.touchedPartnerIds, size).map(importQueries.recomputeActivity)],
  ];
  for (const [kind, queries] of steps) {
    for (const [i, query] of queries.entries()) {
      await tx.run(query, () => null);
      await options.afterStatement?.({ kind, batch: i + 1, batches: queries.length }, tx);
    }
  }
}
