import neo4j, { type Driver } from 'neo4j-driver';
import { CypherExecutor } from '../../src/db/executor';
import { applyMigrations, readMigrations } from '../../src/db/migrations';

describe('embedded Neo4j', () => {
  let driver: Driver;
  let executor: CypherExecutor;
  const label = `Probe_${Date.now()}`;

  beforeAll(() => {
    driver = neo4j.driver(process.env.NEO4J_URI as string);
    executor = new CypherExecutor(driver, 'neo4j');
  });

  afterAll(async () => {
    await executor.write({ cypher: `MATCH (n:${label}) DELETE n` }, () => null);
    await driver.close();
  });

  it('should answer Cypher over Bolt', async () => {
    const [version] = await executor.read(
      {
        cypher:
          'CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS v, edition',
      },
      (r) => ({ version: r.get('v') as string, edition: r.get('edition') as string }),
    );
    expect(version).toEqual({ version: expect.stringMatching(/^5\.26\./), edition: 'community' });
  });

  it('should store and read back a node written with parameters', async () => {
    await executor.write(
      { cypher: `CREATE (:${label} {name: $name})`, params: { name: "O'Brien; DROP" } },
      () => null,
    );
    const names = await executor.read({ cypher: `MATCH (n:${label}) RETURN n.name AS name` }, (r) =>
      r.get('name'),
    );
    expect(names).toEqual(["O'Brien; DROP"]);
  });

  it('should roll back every statement of a transaction that fails half-way', async () => {
    const attempt = executor.writeTransaction(async (tx) => {
      await tx.run({ cypher: `CREATE (:${label} {name: 'half'})` }, () => null);
      await tx.run({ cypher: 'RETURN 1 / 0' }, () => null);
    });
    await expect(attempt).rejects.toBeDefined();
    const names = await executor.read(
      { cypher: `MATCH (n:${label} {name: 'half'}) RETURN n` },
      (r) => r,
    );
    expect(names).toHaveLength(0);
  });

  it('should apply migrations once and record each of them', async () => {
    const migrations = await readMigrations();
    await applyMigrations(executor, migrations);
    expect(await applyMigrations(executor, migrations)).toEqual([]);
    const recorded = await executor.read(
      { cypher: 'MATCH (m:Migration) RETURN m.id AS id ORDER BY id' },
      (r) => r.get('id') as string,
    );
    expect(recorded).toEqual(migrations.map((m) => m.id));
    const constraints = await executor.read(
      { cypher: 'SHOW CONSTRAINTS YIELD name RETURN name' },
      (r) => r.get('name'),
    );
    expect(constraints).toEqual(expect.arrayContaining(['migration_id', 'dimension_key']));
  });

  it('should refuse to run a migration whose file changed after it was applied', async () => {
    const [first] = await readMigrations();
    if (!first) throw new Error('no migrations');
    const changed = { ...first, checksum: 'different' };
    await expect(applyMigrations(executor, [changed])).rejects.toThrow(
      /was changed after it was applied/,
    );
  });
});
