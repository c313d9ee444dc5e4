import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { projectPath } from '../common/paths';
import type { CypherExecutor, CypherQuery } from './executor';

/** Where the numbered `.cypher` migration files live. */
export const MIGRATIONS_DIR = projectPath('schema', 'neo4j');

/** One migration file: its id (the file name without extension), statements and checksum. */
export interface Migration {
  id: string;
  statements: string[];
  checksum: string;
}

/**
 * Splits a migration file into statements: `;` ends a statement, `//` starts a comment line.
 * Pure, so it is unit-tested without a database.
 */
export function parseMigration(id: string, text: string): Migration {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  const statements = withoutComments
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
  const checksum = createHash('sha256').update(text).digest('hex');
  return { id, statements, checksum };
}

/** Reads all migration files, ordered by name (they are numbered `001_...`). */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.cypher')).sort();
  return Promise.all(
    files.map(async (file) =>
      parseMigration(path.basename(file, '.cypher'), await readFile(path.join(dir, file), 'utf8')),
    ),
  );
}

const appliedMigrations: CypherQuery = {
  cypher: 'MATCH (m:Migration) RETURN m.id AS id, m.checksum AS checksum',
};

function recordMigration(migration: Migration): CypherQuery {
  return {
    cypher:
      'MERGE (m:Migration {id: $id}) ON CREATE SET m.appliedAt = datetime() SET m.checksum = $checksum',
    params: { id: migration.id, checksum: migration.checksum },
  };
}

/**
 * Applies the migrations not yet recorded in the graph, in order, and records each as a
 * `(:Migration {id, checksum, appliedAt})` node so that it runs once. Statements use
 * `IF NOT EXISTS`, so a run cut short is simply repeated.
 *
 * @returns the ids applied by this call
 * @throws when an applied migration file was changed afterwards (its checksum differs)
 */
export async function applyMigrations(
  executor: CypherExecutor,
  migrations: Migration[],
): Promise<string[]> {
  const applied = new Map(
    await executor.read(appliedMigrations, (r) => [r.get('id') as string, r.get('checksum')]),
  );
  const done: string[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.id);
    if (checksum === migration.checksum) continue;
    if (checksum !== undefined) {
      throw new Error(`migration ${migration.id} was changed after it was applied; add a new one`);
    }
    for (const statement of migration.statements) {
      await executor.runSchema({ cypher: statement });
    }
    await executor.write(recordMigration(migration), () => null, 'migration');
    done.push(migration.id);
  }
  return done;
}
