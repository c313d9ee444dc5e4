import neo4j, { type Driver, type Integer } from 'neo4j-driver';
import {
  countAllianceGraph,
  type DemoAlliance,
  expectedCounts,
  generateDemoAlliance,
  seedDemoIfEmpty,
  wipeAllianceData,
} from '../../seeds/demo';
import { loadReferenceData, readReferenceData } from '../../seeds/reference/load-reference-data';
import { CypherExecutor } from '../../src/db/executor';
import { applyMigrations, readMigrations } from '../../src/db/migrations';

/**
 * Writes the default demo (seed 42, 353 partners) into the run's shared Neo4j and checks it there.
 * Every suite shares that Neo4j and expects the default demo in it, so this suite leaves exactly
 * that behind.
 */
describe('demo seed', () => {
  let driver: Driver;
  let executor: CypherExecutor;
  let demo: DemoAlliance;
  let seeded: boolean;

  const scalar = async (cypher: string, params: Record<string, unknown> = {}): Promise<number> => {
    const [value] = await executor.read({ cypher, params }, (r) =>
      (r.get('n') as Integer).toNumber(),
    );
    return value ?? Number.NaN;
  };

  beforeAll(async () => {
    driver = neo4j.driver(process.env.NEO4J_URI as string);
    executor = new CypherExecutor(driver, 'neo4j');
    await applyMigrations(executor, await readMigrations());
    await loadReferenceData(executor);
    await wipeAllianceData(executor);
    seeded = await seedDemoIfEmpty(executor);
    demo = generateDemoAlliance({}, await readReferenceData());
  });

  afterAll(async () => {
    await driver.close();
  });

  it('should seed a graph without partners', () => {
    expect(seeded).toBe(true);
  });

  it('should write exactly the nodes and relationships the generator produced', async () => {
    expect(await countAllianceGraph(executor)).toEqual(expectedCounts(demo));
  });

  it('should reproduce the talk’s figures in the graph', async () => {
    expect(
      await scalar("MATCH (p:Partner) WHERE p.status IN ['ACTIVE', 'PAUSED'] RETURN count(p) AS n"),
    ).toBe(353);
    expect(
      await scalar("MATCH (c:Cooperation {kind: 'DIVERSITY_COOPERATION'}) RETURN count(c) AS n"),
    ).toBe(54);
    const funded = `MATCH (c:Cooperation {kind: $kind})
WHERE c.status = 'ACTIVE' AND c.funding IS NOT NULL RETURN count(c) AS n`;
    expect(await scalar(funded, { kind: 'DIVERSITY_COOPERATION' })).toBe(5);
    expect(
      await scalar("MATCH (c:Cooperation {kind: 'NETWORK_PROJECT'}) RETURN count(c) AS n"),
    ).toBe(10);
    expect(await scalar(funded, { kind: 'NETWORK_PROJECT' })).toBe(2);
    expect(
      await scalar(
        "MATCH (c:Cooperation {kind: 'DIVERSITY_COOPERATION'}) WHERE c.startedOn < date('2016-01-01') RETURN count(c) AS n",
      ),
    ).toBe(0);
    expect(
      await scalar("MATCH (e:Event {kind: 'ACTION_DAYS'}) RETURN count(DISTINCT e.date.year) AS n"),
    ).toBe(7);
  });

  it('should store the generated partners with Neo4j dates and integer counts', async () => {
    const first = demo.partners[0];
    const [stored] = await executor.read(
      { cypher: 'MATCH (p:Partner {id: $id}) RETURN p', params: { id: first?.id } },
      (r) => (r.get('p') as { properties: Record<string, unknown> }).properties,
    );
    expect(neo4j.isDate(stored?.joinedOn)).toBe(true);
    expect(String(stored?.joinedOn)).toBe(first?.joinedOn);
    expect(String(stored?.lastActiveOn)).toBe(first?.lastActiveOn);
    expect(neo4j.isInt(stored?.cooperationCount)).toBe(true);
    expect(neo4j.isInt(stored?.version)).toBe(true);
    expect(stored?.name).toBe(first?.name);
  });

  it('should keep cooperationCount equal to the PARTICIPATES_IN relationships of every partner', async () => {
    const mismatches = `MATCH (p:Partner)
OPTIONAL MATCH (p)-[r:PARTICIPATES_IN]->(:Cooperation)
WITH p, count(r) AS actual WHERE actual <> p.cooperationCount RETURN count(p) AS n`;
    expect(await scalar(mismatches)).toBe(0);
  });

  it('should give every cooperation one lead and every action-day event its year’s action days', async () => {
    const withoutOneLead = `MATCH (c:Cooperation)
OPTIONAL MATCH (:Partner)-[r:PARTICIPATES_IN {role: 'LEAD'}]->(c)
WITH c, count(r) AS leads WHERE leads <> 1 RETURN count(c) AS n`;
    expect(await scalar(withoutOneLead)).toBe(0);
    const unlinked = `MATCH (c:Cooperation {kind: 'ACTION_DAY_EVENT'})
WHERE NOT EXISTS { (c)-[:PART_OF]->(e:Event {kind: 'ACTION_DAYS'}) WHERE e.date.year = c.startedOn.year }
RETURN count(c) AS n`;
    expect(await scalar(unlinked)).toBe(0);
  });

  it('should not seed again once partners exist', async () => {
    const before = await countAllianceGraph(executor);
    expect(await seedDemoIfEmpty(executor)).toBe(false);
    expect(await countAllianceGraph(executor)).toEqual(before);
  });

  it('should wipe partners with their offers and needs, cooperations and events but keep the reference data', async () => {
    const deleted = await wipeAllianceData(executor);
    expect(deleted).toEqual({
      Cooperation: demo.cooperations.length,
      Event: demo.events.length,
      Offer: demo.partners.flatMap((p) => p.offers).length,
      Need: demo.partners.flatMap((p) => p.needs).length,
      Partner: demo.partners.length,
    });
    expect(
      await scalar(
        'MATCH (n) WHERE n:Partner OR n:Cooperation OR n:Event OR n:Offer OR n:Need RETURN count(n) AS n',
      ),
    ).toBe(0);
    expect(await scalar('MATCH (d:Dimension) RETURN count(d) AS n')).toBe(7);
    // Leave the default demo behind for the other suites.
    expect(await seedDemoIfEmpty(executor)).toBe(true);
    expect(await countAllianceGraph(executor)).toEqual(expectedCounts(demo));
  });
});
