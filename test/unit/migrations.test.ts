import { parseMigration, readMigrations } from '../../src/db/migrations';

describe('parseMigration', () => {
  it('should split statements on semicolons and drop comment lines', () => {
    const migration = parseMigration(
      '001_x',
      '// a comment; with a semicolon\nCREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE;\n\nCREATE INDEX b IF NOT EXISTS\nFOR (n:B) ON (n.x);\n',
    );
    expect(migration.statements).toEqual([
      'CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE',
      'CREATE INDEX b IF NOT EXISTS\nFOR (n:B) ON (n.x)',
    ]);
  });

  it('should give a different checksum when the text changes', () => {
    expect(parseMigration('a', 'RETURN 1;').checksum).not.toBe(
      parseMigration('a', 'RETURN 2;').checksum,
    );
  });
});

describe('readMigrations', () => {
  it('should read the committed migrations in numeric order, each idempotent', async () => {
    const migrations = await readMigrations();
    const ids = migrations.map((m) => m.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids[0]).toMatch(/^001_/);
    // CREATE … IF NOT EXISTS and DROP … IF EXISTS: a run cut short can simply be repeated.
    // Data migrations are MATCH statements whose WHERE selects only what still needs changing.
    for (const statement of migrations.flatMap((m) => m.statements)) {
      expect(statement).toMatch(/^CREATE .* IF NOT EXISTS |^DROP .* IF EXISTS$|^MATCH .* WHERE /s);
    }
  });
});
