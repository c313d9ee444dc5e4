import neo4j, { type Driver } from 'neo4j-driver';
import { type DemoAlliance, type DemoPartner, generateDemoAlliance } from '../../seeds/demo';
import { writeDemoAlliance } from '../../seeds/demo/write-demo';
import { readReferenceData } from '../../seeds/reference/load-reference-data';
import { CypherExecutor } from '../../src/db/executor';

/**
 * The demo writer's scope, offers and needs, on a hand-built alliance of two partners with ids of
 * their own (the generator gives every partner NEIGHBOURHOOD and empty lists for now). Written
 * beside the shared demo and removed again.
 */
describe('demo writer: scope, offers and needs', () => {
  let driver: Driver;
  let executor: CypherExecutor;
  let alliance: DemoAlliance;
  const suffix = Date.now().toString(36);
  const ids = [`p-demo-offers-${suffix}-1`, `p-demo-offers-${suffix}-2`];

  beforeAll(async () => {
    driver = neo4j.driver(process.env.NEO4J_URI as string);
    executor = new CypherExecutor(driver, 'neo4j');
    const generated = generateDemoAlliance({}, await readReferenceData());
    const [a, b] = generated.partners as [DemoPartner, DemoPartner];
    alliance = {
      ...generated,
      partners: [
        {
          ...a,
          id: ids[0] as string,
          scope: 'CITY',
          offers: [
            { text: 'Räume für Gruppen', topicKeys: ['culture'], category: 'ROOMS' },
            { text: 'Dolmetschen: Arabisch', topicKeys: [], category: 'LANGUAGE' },
          ],
          needs: [{ text: 'Ehrenamtliche', topicKeys: ['youth'], category: 'VOLUNTEERS' }],
        },
        { ...b, id: ids[1] as string, scope: 'BOROUGH', offers: [], needs: [] },
      ],
      cooperations: [],
      events: [],
      attendances: [],
    };
    await writeDemoAlliance(executor, alliance);
  });

  afterAll(async () => {
    await executor.write(
      {
        cypher: `MATCH (p:Partner) WHERE p.id IN $ids
OPTIONAL MATCH (p)-[:OFFERS|NEEDS]->(item:Offer|Need) DETACH DELETE item
WITH DISTINCT p DETACH DELETE p`,
        params: { ids },
      },
      () => null,
    );
    await driver.close();
  });

  it('should write the scope of every partner', async () => {
    const scopes = await executor.read(
      {
        cypher: 'MATCH (p:Partner) WHERE p.id IN $ids RETURN p.scope AS scope ORDER BY p.id',
        params: { ids },
      },
      (r) => r.get('scope') as string,
    );
    expect(scopes).toEqual(['CITY', 'BOROUGH']);
  });

  it('should write Offer and Need nodes in order, with kind and query but no category', async () => {
    const items = await executor.read(
      {
        cypher: `MATCH (p:Partner {id: $id})-[r:OFFERS|NEEDS]->(n)
RETURN type(r) AS type, labels(n) AS labels, properties(n) AS props ORDER BY type DESC, n.position`,
        params: { id: ids[0] },
      },
      (r) => ({
        type: r.get('type') as string,
        labels: r.get('labels') as string[],
        props: r.get('props') as Record<string, unknown>,
      }),
    );
    expect(
      items.map(({ type, labels, props }) => ({
        type,
        labels,
        ...props,
        position: Number(props.position),
      })),
    ).toEqual([
      {
        type: 'OFFERS',
        labels: ['Offer'],
        kind: 'OFFER',
        text: 'Räume für Gruppen',
        query: 'Räume für Gruppen',
        topicKeys: ['culture'],
        position: 0,
      },
      {
        type: 'OFFERS',
        labels: ['Offer'],
        kind: 'OFFER',
        text: 'Dolmetschen: Arabisch',
        query: 'Dolmetschen Arabisch',
        topicKeys: [],
        position: 1,
      },
      {
        type: 'NEEDS',
        labels: ['Need'],
        kind: 'NEED',
        text: 'Ehrenamtliche',
        query: 'Ehrenamtliche',
        topicKeys: ['youth'],
        position: 0,
      },
    ]);
  });

  it('should make them findable through the full-text index by their stored query', async () => {
    const [query] = await executor.read(
      {
        cypher: 'MATCH (n:Need {text: $text}) RETURN n.query AS q',
        params: { text: 'Ehrenamtliche' },
      },
      (r) => r.get('q') as string,
    );
    const found = await executor.read(
      {
        cypher: `CALL db.index.fulltext.queryNodes('offer_need_de', $query) YIELD node
MATCH (p:Partner)-[:NEEDS]->(node) WHERE p.id IN $ids RETURN p.id AS id`,
        params: { query, ids },
      },
      (r) => r.get('id') as string,
    );
    expect(found).toEqual([ids[0]]);
  });
});
