import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CypherExecutor, CypherQuery } from '../db/executor';
import { type Migration, readMigrations } from '../db/migrations';
import type { BackupProgress } from './backup';
import {
  BackupError,
  type BackupHeader,
  parseHeader,
  parseLine,
  planMigrationSchema,
} from './backup-format';
import { computeGraphDigest } from './graph-digest';

/** Nodes or relationships per restore transaction. */
export const RESTORE_BATCH_SIZE = 1_000;

/** What a restore did. */
export interface RestoreSummary {
  header: BackupHeader;
  nodes: number;
  relationships: number;
  /** Ids of the migrations whose constraints and indexes were created. */
  schema: string[];
  /** The digest of the restored graph; equal to the header's, or restore throws. */
  digest: string;
}

/**
 * Restores a backup into an EMPTY database: creates the constraints and indexes of the
 * migrations the backup records, then the nodes (their `(:Migration)` nodes included, so the
 * migration state is the backup's) and the relationships in transactions of 1,000, then compares
 * the digest of the result with the header's.
 *
 * @param migrations - this version's migrations (default: the schema/neo4j files)
 * @throws {BackupError} when the database holds any node, the file is malformed, the backup needs
 *   migrations this version lacks, or the restored graph's counts or digest differ; the graph
 *   written so far stays (empty the database before trying again)
 */
export async function restoreGraph(
  executor: CypherExecutor,
  filePath: string,
  progress: BackupProgress = () => undefined,
  migrations?: Migration[],
): Promise<RestoreSummary> {
  const lines = createInterface({ input: createReadStream(filePath, 'utf8'), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  try {
    const header = parseHeader((await iterator.next()).value as string | undefined);
    await assertEmpty(executor);
    const schema = planMigrationSchema(header.migrations, migrations ?? (await readMigrations()));
    for (const statement of schema.flatMap((migration) => migration.statements)) {
      await executor.runSchema({ cypher: statement });
    }
    const counts = await new GraphWriter(executor, progress).writeAll(iterator);
    await verify(executor, header, counts);
    return { header, ...counts, schema: schema.map((m) => m.id), digest: header.digest };
  } finally {
    lines.close();
  }
}

/** A batch of nodes to create; `id` is the export id, answered with the new element id. */
export interface NodeRow {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}

/** A batch of relationships to create, endpoints given by their new element ids. */
export interface RelationshipRow {
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

/** Creates nodes with labels and properties from parameters only (dynamic labels, Neo4j 5.26). */
export function createNodesStatement(rows: NodeRow[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.properties
RETURN row.id AS id, elementId(n) AS elementId`,
    params: { rows },
  };
}

/** Creates relationships between nodes found by element id (dynamic types, Neo4j 5.26). */
export function createRelationshipsStatement(rows: RelationshipRow[]): CypherQuery {
  return {
    cypher: `UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.start
MATCH (b) WHERE elementId(b) = row.end
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.properties
RETURN count(r) AS created`,
    params: { rows },
  };
}

/**
 * @throws {BackupError} when the database holds any node
 */
async function assertEmpty(executor: CypherExecutor): Promise<void> {
  const [count] = await executor.read(
    { cypher: 'MATCH (n) RETURN count(n) AS count' },
    (r) => Number(r.get('count')),
    'restore',
  );
  if (count !== undefined && count > 0) {
    throw new BackupError(
      `expected an empty database, got one with ${count} nodes: restore into a new database (or a new NEO4J_DATA_DIR) before the API first starts on it`,
    );
  }
}

/**
 * Creates the nodes and relationships of a backup's lines in batches. Nodes come first in a
 * backup; the new element id of every export id is kept (one map entry per node) to connect
 * the relationships.
 */
class GraphWriter {
  private readonly elementIds = new Map<string, string>();
  private readonly counts = { nodes: 0, relationships: 0 };
  private nodes: NodeRow[] = [];
  private relationships: RelationshipRow[] = [];

  constructor(
    private readonly executor: CypherExecutor,
    private readonly progress: BackupProgress,
  ) {}

  async writeAll(lines: AsyncIterator<string>): Promise<{ nodes: number; relationships: number }> {
    for (let lineNumber = 2; ; lineNumber += 1) {
      const next = await lines.next();
      if (next.done) break;
      if (next.value.trim() !== '') await this.add(next.value, lineNumber);
    }
    await this.flushNodes();
    await this.flushRelationships();
    return this.counts;
  }

  private async add(text: string, lineNumber: number): Promise<void> {
    const { line, properties } = parseLine(text, lineNumber);
    if (line.kind === 'node') {
      if (this.counts.relationships > 0 || this.relationships.length > 0) {
        throw new BackupError(`line ${lineNumber}: expected relationships only after the nodes`);
      }
      this.nodes.push({ id: line.id, labels: line.labels, properties });
      if (this.nodes.length >= RESTORE_BATCH_SIZE) await this.flushNodes();
      return;
    }
    await this.flushNodes();
    const start = this.elementIds.get(line.start);
    const end = this.elementIds.get(line.end);
    if (start === undefined || end === undefined) {
      throw new BackupError(
        `line ${lineNumber}: expected the endpoints ${line.start} and ${line.end} among the node lines above`,
      );
    }
    this.relationships.push({ type: line.type, start, end, properties });
    if (this.relationships.length >= RESTORE_BATCH_SIZE) await this.flushRelationships();
  }

  private async flushNodes(): Promise<void> {
    if (this.nodes.length === 0) return;
    const created = await this.executor.write(
      createNodesStatement(this.nodes),
      (r) => [r.get('id') as string, r.get('elementId') as string] as const,
      'restore',
    );
    for (const [id, elementId] of created) this.elementIds.set(id, elementId);
    this.counts.nodes += created.length;
    this.nodes = [];
    this.progress({ phase: 'nodes', done: this.counts.nodes });
  }

  private async flushRelationships(): Promise<void> {
    if (this.relationships.length === 0) return;
    const [created] = await this.executor.write(
      createRelationshipsStatement(this.relationships),
      (r) => Number(r.get('created')),
      'restore',
    );
    if (created !== this.relationships.length) {
      throw new BackupError(
        `expected ${this.relationships.length} relationships created, got ${created ?? 0}`,
      );
    }
    this.counts.relationships += created;
    this.relationships = [];
    this.progress({ phase: 'relationships', done: this.counts.relationships });
  }
}

/**
 * @throws {BackupError} when the restored counts or digest differ from the header's
 */
async function verify(
  executor: CypherExecutor,
  header: BackupHeader,
  counts: { nodes: number; relationships: number },
): Promise<void> {
  const expected = header.counts;
  if (counts.nodes !== expected.nodes || counts.relationships !== expected.relationships) {
    throw new BackupError(
      `expected ${expected.nodes} nodes and ${expected.relationships} relationships as in the header, got ${counts.nodes} and ${counts.relationships}: the file is incomplete`,
    );
  }
  const restored = await computeGraphDigest(executor);
  if (restored.digest !== header.digest) {
    throw new BackupError(
      `expected the digest ${header.digest} of the backup, got ${restored.digest} for the restored graph`,
    );
  }
}
