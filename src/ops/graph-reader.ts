import { isInt, type Record as Neo4jRecord } from 'neo4j-driver';
import type { CypherExecutor, TransactionRunner } from '../db/executor';

/** One node as read; `elementId` is only meaningful inside the database it was read from. */
export interface GraphNode {
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}

/** One relationship as read, its endpoints given by their element ids. */
export interface GraphRelationship {
  type: string;
  properties: Record<string, unknown>;
  startId: string;
  endId: string;
}

/**
 * Receives the whole graph: every node first, then every relationship. A returned promise is
 * awaited before the next record is pulled, so a slow consumer (a file) slows the read down
 * instead of filling memory.
 */
export interface GraphVisitor {
  node(node: GraphNode): void | Promise<void>;
  relationship(relationship: GraphRelationship): void | Promise<void>;
}

/**
 * Cheap figures that every write changes: node and relationship counts (from Neo4j's count
 * store), the graph's data version and the number of audit entries (every API write adds one).
 */
export interface WriteMarker {
  nodes: number;
  relationships: number;
  dataVersion: number;
  auditEntries: number;
}

/** What {@link readGraph} saw around its read, to tell whether writes ran meanwhile. */
export interface GraphReadResult {
  before: WriteMarker;
  after: WriteMarker;
}

/** Records pulled per round trip: the memory bound of a read. */
export const READ_PAGE_SIZE = 1_000;

const NODES = 'MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props';
const RELATIONSHIPS =
  'MATCH (a)-[r]->(b) RETURN elementId(a) AS a, elementId(b) AS b, type(r) AS type, properties(r) AS props';
const MARKER = `
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (a:AuditEntry) RETURN count(a) AS auditEntries }
OPTIONAL MATCH (v:DataVersion {id: 'graph'})
RETURN nodes, relationships, auditEntries, coalesce(v.value, 0) AS dataVersion`;

/**
 * Streams the whole graph to `visitor` in one read transaction, 1,000 records per round trip
 * (see {@link CypherExecutor.readStream}).
 *
 * Neo4j reads at read-committed isolation, so even one transaction is no point-in-time snapshot;
 * the {@link WriteMarker}s taken before and after let the caller detect writes that ran meanwhile.
 *
 * @param operation - recorded in the transaction metadata (shown by `SHOW TRANSACTIONS`)
 */
export function readGraph(
  executor: CypherExecutor,
  visitor: GraphVisitor,
  operation: string,
): Promise<GraphReadResult> {
  return executor.readStream(
    async (tx) => {
      const before = await readMarker(tx);
      await tx.stream({ cypher: NODES }, (record) => visitor.node(toNode(record)));
      await tx.stream({ cypher: RELATIONSHIPS }, (record) =>
        visitor.relationship(toRelationship(record)),
      );
      const after = await readMarker(tx);
      return { before, after };
    },
    operation,
    READ_PAGE_SIZE,
  );
}

/** Reads the {@link WriteMarker} of a database in a transaction of its own. */
export function readWriteMarker(executor: CypherExecutor): Promise<WriteMarker> {
  return executor.readStream(readMarker, 'writeMarker');
}

/** Whether two markers are equal, i.e. no write was seen between them. */
export function sameMarker(a: WriteMarker, b: WriteMarker): boolean {
  return (
    a.nodes === b.nodes &&
    a.relationships === b.relationships &&
    a.dataVersion === b.dataVersion &&
    a.auditEntries === b.auditEntries
  );
}

async function readMarker(tx: TransactionRunner): Promise<WriteMarker> {
  const [record] = await tx.run({ cypher: MARKER }, (r) => r);
  const number = (key: string) => {
    const value: unknown = record?.get(key);
    return isInt(value) ? value.toNumber() : Number(value ?? 0);
  };
  return {
    nodes: number('nodes'),
    relationships: number('relationships'),
    dataVersion: number('dataVersion'),
    auditEntries: number('auditEntries'),
  };
}

function toNode(record: Neo4jRecord): GraphNode {
  return {
    elementId: record.get('id') as string,
    labels: record.get('labels') as string[],
    properties: record.get('props') as Record<string, unknown>,
  };
}

function toRelationship(record: Neo4jRecord): GraphRelationship {
  return {
    type: record.get('type') as string,
    properties: record.get('props') as Record<string, unknown>,
    startId: record.get('a') as string,
    endId: record.get('b') as string,
  };
}
