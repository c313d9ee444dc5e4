import neo4j, { type Driver } from 'neo4j-driver';
import { Role } from '../../src/auth/auth.types';
import { CypherExecutor } from '../../src/db/executor';
import { runWrite } from '../../src/db/write-unit';

describe('runWrite', () => {
  let driver: Driver;
  let executor: CypherExecutor;
  const label = `WriteProbe_${Date.now()}`;
  const coordinator = { subject: 'coordinator:test', role: Role.COORDINATOR };

  beforeAll(() => {
    driver = neo4j.driver(process.env.NEO4J_URI as string);
    executor = new CypherExecutor(driver, 'neo4j');
  });

  afterAll(async () => {
    await executor.write({ cypher: `MATCH (n:${label}) DETACH DELETE n` }, () => null);
    await executor.write(
      { cypher: "MATCH (a:AuditEntry) WHERE a.operation STARTS WITH 'probe' DETACH DELETE a" },
      () => null,
    );
    await executor.write(
      { cypher: "MATCH (k:IdempotencyKey) WHERE k.operation STARTS WITH 'probe' DETACH DELETE k" },
      () => null,
    );
    await driver.close();
  });

  const count = async (cypher: string, params: Record<string, unknown> = {}) =>
    (await executor.read({ cypher, params }, (r) => Number(r.get(0))))[0];

  const create = (name: string) => async (tx: Parameters<Parameters<typeof runWrite>[2]>[0]) => {
    await tx.run({ cypher: `CREATE (:${label} {name: $name})`, params: { name } }, () => null);
    return { result: name, ids: [name] };
  };

  it('should write the change and its audit entry together', async () => {
    await runWrite(executor, { user: coordinator, operation: 'probeCreate' }, create('a'));
    expect(await count(`MATCH (n:${label} {name: 'a'}) RETURN count(n)`)).toBe(1);
    expect(
      await count(
        "MATCH (a:AuditEntry {operation: 'probeCreate', actor: 'coordinator:test', role: 'COORDINATOR'}) WHERE 'a' IN a.ids RETURN count(a)",
      ),
    ).toBe(1);
  });

  it('should return the first result for a retried idempotency key and write nothing twice', async () => {
    const options = { user: null, operation: 'probeIdempotent', idempotencyKey: 'key-1' };
    const replay = jest.fn(async (id: string) => `replayed ${id}`);
    expect(await runWrite(executor, options, create('b'), replay)).toBe('b');
    expect(await runWrite(executor, options, create('b'), replay)).toBe('replayed b');
    expect(await count(`MATCH (n:${label} {name: 'b'}) RETURN count(n)`)).toBe(1);
    expect(await count("MATCH (a:AuditEntry {operation: 'probeIdempotent'}) RETURN count(a)")).toBe(
      1,
    );
  });

  it('should leave nothing behind, audit entry included, when the change fails half-way', async () => {
    const failing = async (tx: Parameters<Parameters<typeof runWrite>[2]>[0]) => {
      await tx.run({ cypher: `CREATE (:${label} {name: 'half'})` }, () => null);
      await tx.run({ cypher: 'RETURN 1 / 0' }, () => null);
      return { result: 'never', ids: ['half'] };
    };
    await expect(
      runWrite(executor, { user: null, operation: 'probeFail', idempotencyKey: 'k2' }, failing),
    ).rejects.toBeDefined();
    expect(await count(`MATCH (n:${label} {name: 'half'}) RETURN count(n)`)).toBe(0);
    expect(await count("MATCH (a:AuditEntry {operation: 'probeFail'}) RETURN count(a)")).toBe(0);
    expect(await count("MATCH (k:IdempotencyKey {key: 'k2'}) RETURN count(k)")).toBe(0);
  });
});
