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
    const options = {
      user: null,
      operation: 'probeIdempotent',
      idempotency: { key: 'key-1', input: { name: 'b' }, clientIp: '192.0.2.1' },
    };
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
      runWrite(
        executor,
        { user: null, operation: 'probeFail', idempotency: { key: 'k2', input: {} } },
        failing,
      ),
    ).rejects.toBeDefined();
    expect(await count(`MATCH (n:${label} {name: 'half'}) RETURN count(n)`)).toBe(0);
    expect(await count("MATCH (a:AuditEntry {operation: 'probeFail'}) RETURN count(a)")).toBe(0);
    expect(await count("MATCH (k:IdempotencyKey {key: 'k2'}) RETURN count(k)")).toBe(0);
  });

  describe('idempotency keys', () => {
    // Two callers told apart by their token subject (coordinators: the actor rule is not at stake).
    const callerA = { subject: 'caller:probe-a', role: Role.COORDINATOR };
    const callerB = { subject: 'caller:probe-b', role: Role.COORDINATOR };
    const keyed = (user: typeof callerA | null, key: string, input: unknown, clientIp = '') => ({
      user,
      operation: 'probeKeyed',
      idempotency: { key, input, clientIp },
    });
    const replay = async (id: string) => `replayed ${id}`;

    it('should scope a key to its caller: the same key of another caller or address writes anew', async () => {
      expect(await runWrite(executor, keyed(callerA, 'form-4711', 1), create('c1'), replay)).toBe(
        'c1',
      );
      expect(await runWrite(executor, keyed(callerB, 'form-4711', 1), create('c2'), replay)).toBe(
        'c2',
      );
      expect(
        await runWrite(executor, keyed(null, 'form-4711', 1, '192.0.2.7'), create('c3'), replay),
      ).toBe('c3');
      expect(
        await runWrite(executor, keyed(null, 'form-4711', 1, '192.0.2.8'), create('c4'), replay),
      ).toBe('c4');
      expect(await runWrite(executor, keyed(callerA, 'form-4711', 1), create('c5'), replay)).toBe(
        'replayed c1',
      );
      expect(await count(`MATCH (n:${label}) WHERE n.name STARTS WITH 'c' RETURN count(n)`)).toBe(
        4,
      );
    });

    it('should refuse a key reused with other input with CONFLICT naming the key', async () => {
      await runWrite(
        executor,
        keyed(callerA, 'k-input', { name: 'x', n: [1, 2] }),
        create('d1'),
        replay,
      );
      // The same input with keys in another order is the same input.
      expect(
        await runWrite(
          executor,
          keyed(callerA, 'k-input', { n: [1, 2], name: 'x' }),
          create('d2'),
          replay,
        ),
      ).toBe('replayed d1');
      await expect(
        runWrite(
          executor,
          keyed(callerA, 'k-input', { name: 'y', n: [1, 2] }),
          create('d3'),
          replay,
        ),
      ).rejects.toMatchObject({
        message: expect.stringContaining('idempotencyKey "k-input"'),
        extensions: { code: 'CONFLICT' },
      });
      expect(await count(`MATCH (n:${label}) WHERE n.name STARTS WITH 'd' RETURN count(n)`)).toBe(
        1,
      );
    });

    it('should give six concurrent retries the one stored result, writing once', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          runWrite(executor, keyed(callerB, 'k-race', 'same'), create('e1'), replay),
        ),
      );
      expect(results.filter((r) => r === 'e1')).toHaveLength(1);
      expect(results.filter((r) => r === 'replayed e1')).toHaveLength(5);
      expect(await count(`MATCH (n:${label} {name: 'e1'}) RETURN count(n)`)).toBe(1);
    });

    it('should run anew once a key is older than a day, and sweep expired keys', async () => {
      await runWrite(executor, keyed(callerA, 'k-old', 1), create('f1'), replay);
      await executor.write(
        {
          cypher: `MATCH (k:IdempotencyKey {key: 'k-old', operation: 'probeKeyed'})
SET k.at = datetime() - duration('P2D')`,
        },
        () => null,
      );
      expect(await runWrite(executor, keyed(callerA, 'k-old', 2), create('f2'), replay)).toBe('f2');
      await executor.write(
        {
          cypher: `CREATE (:IdempotencyKey {scope: 'probe', key: 'k-stale', operation: 'probeKeyed',
  at: datetime() - duration('P3D')})`,
        },
        () => null,
      );
      await runWrite(executor, keyed(callerA, 'k-sweep', 1), create('f3'), replay);
      expect(await count("MATCH (k:IdempotencyKey {key: 'k-stale'}) RETURN count(k)")).toBe(0);
    });
  });
});
