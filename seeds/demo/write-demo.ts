import neo4j, { type Integer } from 'neo4j-driver';
import type { CypherExecutor, CypherQuery } from '../../src/db/executor';
import { BUMP_DATA_VERSION } from '../../src/db/write-unit';
import { dimensionKeysOf } from '../../src/partners/dimension-keys';
import { germanSortKey } from '../../src/partners/german-sort-key';
import { OFFER_NEED_LISTS } from '../../src/partners/offer-need.repository';
import { offerNeedLists } from '../../src/partners/partner-write.mapping';
import type { DemoAlliance } from './types';

/** Rows per `UNWIND` statement: big enough for few round trips, small enough for a 512 MB heap. */
export const DEMO_BATCH_SIZE = 5_000;

/** How far the writer is: rows written of all rows, and the step it is in. */
export interface WriteProgress {
  step: WriteStep;
  written: number;
  total: number;
}

/** Called after every batch. */
export type ProgressListener = (progress: WriteProgress) => void;

type Row = Record<string, unknown>;

/**
 * The writer's statements, one per node label or relationship type, each an `UNWIND $rows`.
 * Reference nodes (Dimension, Topic, District) are matched by key; they must be loaded before.
 * Offer and Need nodes are written with their OFFERS or NEEDS relationship, after the partners.
 */
export const demoWriteQueries = {
  // All properties in the CREATE: each index (and the full-text one) is updated once per node.
  Partner: `UNWIND $rows AS row
CREATE (:Partner {id: row.id, name: row.name, nameSortKey: row.nameSortKey, sector: row.sector, kind: row.kind,
  status: row.status, joinedOn: date(row.joinedOn), description: row.description,
  website: row.website, contactName: row.contactName, contactEmail: row.contactEmail,
  contactPhone: row.contactPhone, internalNotes: row.internalNotes, version: row.version,
  cooperationCount: row.cooperationCount, lastActiveOn: date(row.lastActiveOn), scope: row.scope,
  dimensionKeys: row.dimensionKeys})`,
  // Offers and needs belong to one partner each: node and relationship in one CREATE.
  Offer: `UNWIND $rows AS row
MATCH (p:Partner {id: row.partnerId})
CREATE (p)-[:OFFERS]->(:Offer {kind: row.kind, text: row.text, query: row.query,
  topicKeys: row.topicKeys, position: row.position})`,
  Need: `UNWIND $rows AS row
MATCH (p:Partner {id: row.partnerId})
CREATE (p)-[:NEEDS]->(:Need {kind: row.kind, text: row.text, query: row.query,
  topicKeys: row.topicKeys, position: row.position})`,
  Event: `UNWIND $rows AS row
CREATE (:Event {id: row.id, kind: row.kind, title: row.title, date: date(row.date)})`,
  Cooperation: `UNWIND $rows AS row
CREATE (:Cooperation {id: row.id, title: row.title, kind: row.kind, status: row.status,
  startedOn: date(row.startedOn), endedOn: date(row.endedOn), funding: row.funding})`,
  ENGAGES_IN: `UNWIND $rows AS row
MATCH (p:Partner {id: row.partnerId})
MATCH (d:Dimension {key: row.dimension})
CREATE (p)-[:ENGAGES_IN {perspective: row.perspective}]->(d)`,
  ACTIVE_IN: `UNWIND $rows AS row
MATCH (p:Partner {id: row.partnerId})
MATCH (t:Topic {key: row.topic})
CREATE (p)-[:ACTIVE_IN]->(t)`,
  LOCATED_IN: `UNWIND $rows AS row
MATCH (p:Partner {id: row.partnerId})
MATCH (d:District {key: row.district})
CREATE (p)-[:LOCATED_IN]->(d)`,
  PARTICIPATES_IN: `UNWIND $rows AS row
MATCH (p:Partner {id: row.partnerId})
MATCH (c:Cooperation {id: row.cooperationId})
CREATE (p)-[:PARTICIPATES_IN {role: row.role}]->(c)`,
  ADDRESSES: `UNWIND $rows AS row
MATCH (c:Cooperation {id: row.cooperationId})
MATCH (d:Dimension {key: row.dimension})
CREATE (c)-[:ADDRESSES]->(d)`,
  PART_OF: `UNWIND $rows AS row
MATCH (c:Cooperation {id: row.cooperationId})
MATCH (e:Event {id: row.eventId})
CREATE (c)-[:PART_OF]->(e)`,
  ATTENDED: `UNWIND $rows AS row
MATCH (p:Partner {id: row.partnerId})
MATCH (e:Event {id: row.eventId})
CREATE (p)-[:ATTENDED]->(e)`,
} as const;

/** One step of the writer: a node label or relationship type. */
export type WriteStep = keyof typeof demoWriteQueries;

/** The node labels the demo writes, in writing order (offers and needs need their partners). */
export const DEMO_LABELS = ['Partner', 'Offer', 'Need', 'Event', 'Cooperation'] as const;

/** The relationship types the demo writes, in writing order (after all nodes). */
export const DEMO_RELATIONSHIPS = [
  'ENGAGES_IN',
  'ACTIVE_IN',
  'LOCATED_IN',
  'PARTICIPATES_IN',
  'ADDRESSES',
  'PART_OF',
  'ATTENDED',
] as const;

const int = (n: number): Integer => neo4j.int(n);

/** The rows of every step, as plain parameter maps (integers as Neo4j integers). */
export function demoRows(data: DemoAlliance): Record<WriteStep, Row[]> {
  const { partners, cooperations, events, attendances } = data;
  return {
    Partner: partners.map(
      ({ engagements, topics: _t, district: _d, offers: _o, needs: _n, ...p }) => ({
        ...p,
        // The German sort key of the name, as every writer of Partner.name stores it.
        nameSortKey: germanSortKey(p.name),
        dimensionKeys: dimensionKeysOf(engagements),
        version: int(p.version),
        cooperationCount: int(p.cooperationCount),
      }),
    ),
    Offer: offerNeedRows(partners, 'offers'),
    Need: offerNeedRows(partners, 'needs'),
    Event: events.map((e) => ({ ...e })),
    Cooperation: cooperations.map(({ participants: _p, dimensions: _d, partOf: _o, ...c }) => ({
      ...c,
    })),
    ENGAGES_IN: partners.flatMap((p) => p.engagements.map((e) => ({ partnerId: p.id, ...e }))),
    ACTIVE_IN: partners.flatMap((p) => p.topics.map((topic) => ({ partnerId: p.id, topic }))),
    LOCATED_IN: partners.map((p) => ({ partnerId: p.id, district: p.district })),
    PARTICIPATES_IN: cooperations.flatMap((c) =>
      c.participants.map((r) => ({ cooperationId: c.id, partnerId: r.partnerId, role: r.role })),
    ),
    ADDRESSES: cooperations.flatMap((c) =>
      c.dimensions.map((dimension) => ({ cooperationId: c.id, dimension })),
    ),
    PART_OF: cooperations.flatMap((c) =>
      c.partOf === null ? [] : [{ cooperationId: c.id, eventId: c.partOf }],
    ),
    ATTENDED: attendances.map((a) => ({ ...a })),
  };
}

/**
 * The Offer or Need rows of all partners, made as the API makes them (trimmed text, its term
 * query, position in the list). The mapping picks text and topic keys only: the generator's
 * `category` is a label for evaluating the matching and never reaches the graph.
 */
function offerNeedRows(partners: DemoAlliance['partners'], list: 'offers' | 'needs'): Row[] {
  const { kind } = OFFER_NEED_LISTS[list];
  return partners.flatMap((p) =>
    (offerNeedLists({ [list]: p[list] })[list] ?? []).map((row) => ({
      partnerId: p.id,
      kind,
      ...row,
      position: int(row.position),
    })),
  );
}

/** The statement of one batch of one step. */
export function demoBatchQuery(step: WriteStep, rows: readonly Row[]): CypherQuery {
  return { cypher: demoWriteQueries[step], params: { rows } };
}

/**
 * Writes a generated alliance into an alliance-free graph: nodes first, then relationships, in
 * batches of {@link DEMO_BATCH_SIZE} rows, each batch its own transaction (a 50k alliance does not
 * fit one transaction on a small heap). Not atomic as a whole: a failure leaves the batches
 * written so far, which {@link wipeAllianceData} removes.
 *
 * @param onProgress - called after every batch
 * @throws the executor's error when a batch fails (e.g. CONFLICT when partners already exist)
 */
export async function writeDemoAlliance(
  executor: CypherExecutor,
  data: DemoAlliance,
  onProgress?: ProgressListener,
): Promise<void> {
  const rows = demoRows(data);
  const steps = [...DEMO_LABELS, ...DEMO_RELATIONSHIPS];
  const total = steps.reduce((sum, step) => sum + rows[step].length, 0);
  let written = 0;
  for (const step of steps) {
    const all = rows[step];
    for (let from = 0; from < all.length; from += DEMO_BATCH_SIZE) {
      const batch = all.slice(from, from + DEMO_BATCH_SIZE);
      await executor.write(demoBatchQuery(step, batch), () => null, `seedDemo${step}`);
      written += batch.length;
      onProgress?.({ step, written, total });
    }
  }
  await executor.write(BUMP_DATA_VERSION, () => null, 'seedDemo');
}

/** Nodes deleted per transaction by {@link wipeAllianceData}. */
export const WIPE_BATCH_SIZE = 10_000;

/**
 * Deletes all Cooperation, Event, Offer, Need and Partner nodes with their relationships, 10,000 nodes per
 * transaction until none are left. (`CALL … IN TRANSACTIONS` would need an implicit transaction;
 * the executor runs managed ones.) Reference data stays.
 *
 * @returns how many nodes of each label were deleted
 */
export async function wipeAllianceData(executor: CypherExecutor): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  // Cooperations and events first: their relationships go with them, so partner batches stay small.
  // Offers and needs before their partners, which are all that links them.
  for (const label of ['Cooperation', 'Event', 'Offer', 'Need', 'Partner'] as const) {
    deleted[label] = 0;
    for (;;) {
      const [count = 0] = await executor.write(
        {
          cypher: `MATCH (n:${label}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`,
          params: { limit: int(WIPE_BATCH_SIZE) },
        },
        (r) => (r.get('deleted') as Integer).toNumber(),
        'wipeAllianceData',
      );
      deleted[label] += count;
      if (count < WIPE_BATCH_SIZE) break;
    }
  }
  await executor.write(BUMP_DATA_VERSION, () => null, 'wipeAllianceData');
  return deleted;
}

/** Counts per node label and relationship type of the demo. */
export type DemoCounts = Record<
  (typeof DEMO_LABELS)[number] | (typeof DEMO_RELATIONSHIPS)[number],
  number
>;

/** What {@link writeDemoAlliance} will create for `data`. */
export function expectedCounts(data: DemoAlliance): DemoCounts {
  const rows = demoRows(data);
  return Object.fromEntries(
    [...DEMO_LABELS, ...DEMO_RELATIONSHIPS].map((step) => [step, rows[step].length]),
  ) as DemoCounts;
}

/**
 * What the graph holds, per label and relationship type of the demo (Neo4j answers these counts
 * from its count store, without scanning).
 */
export async function countAllianceGraph(executor: CypherExecutor): Promise<DemoCounts> {
  const counts: Partial<DemoCounts> = {};
  for (const label of DEMO_LABELS) {
    counts[label] = await countOne(executor, `MATCH (n:${label}) RETURN count(n) AS n`);
  }
  for (const type of DEMO_RELATIONSHIPS) {
    counts[type] = await countOne(executor, `MATCH ()-[r:${type}]->() RETURN count(r) AS n`);
  }
  return counts as DemoCounts;
}

async function countOne(executor: CypherExecutor, cypher: string): Promise<number> {
  const [n = 0] = await executor.read(
    { cypher },
    (r) => (r.get('n') as Integer).toNumber(),
    'countAllianceGraph',
  );
  return n;
}
