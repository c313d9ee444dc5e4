import type { Migration } from '../db/migrations';
import { decodeProperties, type TypedValue, TypedValueError } from './typed-values';

/** Name in every backup header; a file without it is no backup of this API. */
export const BACKUP_FORMAT = 'vielfalt-graph-backup';

/** Version of the line format; restore refuses versions it does not know. */
export const BACKUP_VERSION = 1;

/** A `(:Migration)` node as the header lists it: the migration state of the backed-up graph. */
export interface MigrationState {
  id: string;
  checksum: string;
}

/** The first line of a backup. */
export interface BackupHeader {
  kind: 'header';
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO date-time the export finished. */
  createdAt: string;
  counts: {
    nodes: number;
    relationships: number;
    /** Nodes per label (a node with two labels counts under both). */
    labels: Record<string, number>;
    relationshipTypes: Record<string, number>;
  };
  /** Applied migrations, by id. */
  migrations: MigrationState[];
  /** The graph digest (src/ops/graph-digest.ts) of exactly the lines that follow. */
  digest: string;
}

/** A node line; `id` is a temporary export id that only relationship lines of the file use. */
export interface NodeLine {
  kind: 'node';
  id: string;
  labels: string[];
  properties: Record<string, TypedValue>;
}

/** A relationship line; `start`/`end` are export ids of node lines above it. */
export interface RelationshipLine {
  kind: 'relationship';
  type: string;
  start: string;
  end: string;
  properties: Record<string, TypedValue>;
}

/** A node or relationship line, parsed and checked. */
export type BackupLine = NodeLine | RelationshipLine;

/** Thrown for a file that is not a readable backup, or a backup this database cannot take. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/**
 * Parses and checks the header line.
 *
 * @throws {BackupError} naming what is wrong (not JSON, another format, an unknown version)
 */
export function parseHeader(text: string | undefined): BackupHeader {
  if (text === undefined) {
    throw new BackupError(`line 1: expected a ${BACKUP_FORMAT} header, got an empty file`);
  }
  const value = parseJson(text, 1);
  if (!isObject(value) || value.kind !== 'header' || value.format !== BACKUP_FORMAT) {
    throw new BackupError(`line 1: expected a ${BACKUP_FORMAT} header, got ${preview(text)}`);
  }
  if (value.version !== BACKUP_VERSION) {
    throw new BackupError(
      `line 1: expected backup format version ${BACKUP_VERSION}, got ${String(value.version)}`,
    );
  }
  const counts = value.counts;
  if (
    typeof value.digest !== 'string' ||
    !Array.isArray(value.migrations) ||
    !isObject(counts) ||
    typeof counts.nodes !== 'number' ||
    typeof counts.relationships !== 'number'
  ) {
    throw new BackupError('line 1: expected digest, migrations and counts in the header');
  }
  return value as unknown as BackupHeader;
}

/**
 * Parses and checks one node or relationship line; the typed values are checked by decoding.
 *
 * @param lineNumber - 1-based, for the message
 * @returns the line, and its properties decoded for the driver
 * @throws {BackupError} naming the line and what is wrong
 */
export function parseLine(
  text: string,
  lineNumber: number,
): { line: BackupLine; properties: Record<string, unknown> } {
  const value = parseJson(text, lineNumber);
  const where = `line ${lineNumber}`;
  if (!isObject(value) || !isObject(value.properties)) {
    throw new BackupError(`${where}: expected a node or relationship with properties`);
  }
  let line: BackupLine;
  if (value.kind === 'node' && typeof value.id === 'string' && isStringArray(value.labels)) {
    line = value as unknown as NodeLine;
  } else if (
    value.kind === 'relationship' &&
    typeof value.type === 'string' &&
    value.type.length > 0 &&
    typeof value.start === 'string' &&
    typeof value.end === 'string'
  ) {
    line = value as unknown as RelationshipLine;
  } else {
    throw new BackupError(`${where}: expected a node or relationship line, got ${preview(text)}`);
  }
  try {
    return { line, properties: decodeProperties(line.properties) };
  } catch (error) {
    if (error instanceof TypedValueError) throw new BackupError(`${where}: ${error.message}`);
    throw error;
  }
}

/**
 * Chooses the migrations whose schema (constraints, indexes) a restore applies: exactly those the
 * backup records, in file order, each checked against the migration files of this version.
 *
 * @throws {BackupError} when the backup records a migration this version lacks (made by a newer
 *   version) or one whose file has changed since
 */
export function planMigrationSchema(
  recorded: readonly MigrationState[],
  available: readonly Migration[],
): Migration[] {
  const byId = new Map(available.map((migration) => [migration.id, migration]));
  for (const state of recorded) {
    const migration = byId.get(state.id);
    if (!migration) {
      throw new BackupError(
        `expected migration ${state.id} of the backup among this version's schema/neo4j files, got none: restore with the version that made the backup`,
      );
    }
    if (migration.checksum !== state.checksum) {
      throw new BackupError(
        `expected migration ${state.id} unchanged since the backup, got another checksum`,
      );
    }
  }
  const wanted = new Set(recorded.map((state) => state.id));
  return available.filter((migration) => wanted.has(migration.id));
}

function parseJson(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupError(`line ${lineNumber}: expected JSON, got ${preview(text)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function preview(text: string | undefined): string {
  if (text === undefined || text.length === 0) return 'an empty line';
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
