import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { CypherExecutor } from '../db/executor';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupHeader,
  type MigrationState,
  type NodeLine,
  type RelationshipLine,
} from './backup-format';
import { assertUnchanged, GraphChangedError, GraphDigestBuilder } from './graph-digest';
import { type GraphNode, type GraphRelationship, readGraph } from './graph-reader';
import { encodeProperties } from './typed-values';

/** Progress of a long export or restore, for a progress line. */
export type BackupProgress = (event: { phase: string; done: number }) => void;

/** How often an export starts again when writes ran during it. */
const EXPORT_ATTEMPTS = 3;

/**
 * Writes the whole graph to `outPath` as JSON lines: a {@link BackupHeader}, then every node,
 * then every relationship. The file appears only when complete (written as `.partial`, then
 * renamed). The digest in the header is computed from exactly the lines written.
 *
 * Neo4j reads at read-committed isolation, so the export compares a write marker before and after
 * its read transaction; when a write ran meanwhile it starts again, up to three times.
 *
 * @throws {BackupError} when writes kept running during every attempt
 */
export async function exportGraph(
  executor: CypherExecutor,
  outPath: string,
  progress: BackupProgress = () => undefined,
): Promise<BackupHeader> {
  const bodyPath = `${outPath}.body.partial`;
  try {
    for (let attempt = 1; attempt <= EXPORT_ATTEMPTS; attempt += 1) {
      const header = await tryExport(executor, bodyPath, progress);
      if (header) {
        await assemble(outPath, header, bodyPath);
        return header;
      }
      progress({ phase: `writes ran during the export; attempt ${attempt + 1}`, done: 0 });
    }
  } finally {
    await rm(bodyPath, { force: true });
  }
  throw new BackupError(
    `writes kept running during ${EXPORT_ATTEMPTS} export attempts; stop writes (the API) and export again`,
  );
}

/** One export pass into `bodyPath`; `undefined` when the graph changed during it. */
async function tryExport(
  executor: CypherExecutor,
  bodyPath: string,
  progress: BackupProgress,
): Promise<BackupHeader | undefined> {
  const out = createWriteStream(bodyPath, { encoding: 'utf8' });
  const body = new BodyWriter(out, progress);
  try {
    const read = await readGraph(executor, body, 'export');
    assertUnchanged(read.before, read.after);
    if (read.after.nodes !== body.counts.nodes) throw new GraphChangedError('node count moved');
  } catch (error) {
    out.destroy();
    if (error instanceof GraphChangedError) return undefined;
    throw error;
  }
  out.end();
  await once(out, 'finish');
  return body.header();
}

/** Streams node and relationship lines to a file and keeps the header's figures. */
class BodyWriter {
  readonly counts = { nodes: 0, relationships: 0 };
  private readonly labels: Record<string, number> = {};
  private readonly types: Record<string, number> = {};
  private readonly migrations: MigrationState[] = [];
  private readonly digest = new GraphDigestBuilder();

  constructor(
    private readonly out: WriteStream,
    private readonly progress: BackupProgress,
  ) {}

  async node(node: GraphNode): Promise<void> {
    this.digest.addNode(node);
    const line: NodeLine = {
      kind: 'node',
      id: node.elementId,
      labels: node.labels,
      properties: encodeProperties(node.properties),
    };
    for (const label of node.labels) this.labels[label] = (this.labels[label] ?? 0) + 1;
    if (node.labels.includes('Migration')) this.migrations.push(migrationState(node));
    this.counts.nodes += 1;
    await this.write(line, 'nodes', this.counts.nodes);
  }

  async relationship(relationship: GraphRelationship): Promise<void> {
    this.digest.addRelationship(relationship);
    const line: RelationshipLine = {
      kind: 'relationship',
      type: relationship.type,
      start: relationship.startId,
      end: relationship.endId,
      properties: encodeProperties(relationship.properties),
    };
    this.types[relationship.type] = (this.types[relationship.type] ?? 0) + 1;
    this.counts.relationships += 1;
    await this.write(line, 'relationships', this.counts.relationships);
  }

  header(): BackupHeader {
    return {
      kind: 'header',
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      counts: {
        ...this.counts,
        labels: sorted(this.labels),
        relationshipTypes: sorted(this.types),
      },
      migrations: [...this.migrations].sort((a, b) => a.id.localeCompare(b.id)),
      digest: this.digest.result().digest,
    };
  }

  private async write(line: NodeLine | RelationshipLine, phase: string, done: number) {
    if (!this.out.write(`${JSON.stringify(line)}\n`)) await once(this.out, 'drain');
    if (done % 1_000 === 0) this.progress({ phase, done });
  }
}

function migrationState(node: GraphNode): MigrationState {
  return { id: String(node.properties.id), checksum: String(node.properties.checksum) };
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Header first, then the body, into `.partial`; renamed once complete. */
async function assemble(outPath: string, header: BackupHeader, bodyPath: string): Promise<void> {
  const partial = `${outPath}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  out.write(`${JSON.stringify(header)}\n`);
  await pipeline(createReadStream(bodyPath), out);
  await rename(partial, outPath);
}
