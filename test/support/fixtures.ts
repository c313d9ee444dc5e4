import type { App } from '../../src/app';
import { SET_DIMENSION_KEYS } from '../../src/partners/dimension-keys';
import { germanSortKey } from '../../src/partners/german-sort-key';

/** A test partner: [name, status, engagements as "dimension/PERSPECTIVE"]. */
export type TestPartner = [name: string, status: string, engagements: string[]];

/**
 * Creates dedicated test partners (id = prefix + name, name = title + name) engaged in the given
 * dimensions, straight in Cypher so that suites start from a known state without the API's checks.
 */
export async function createTestPartners(
  app: App,
  partners: TestPartner[],
  naming: { prefix: string; title: string },
): Promise<void> {
  await app.database.executor.write(
    {
      cypher: `UNWIND $rows AS row
CREATE (p:Partner {id: row.id, name: row.name, nameSortKey: row.nameSortKey,
  sector: 'CIVIL_SOCIETY', kind: 'ASSOCIATION',
  status: row.status, joinedOn: date('2020-01-01'), lastActiveOn: date('2020-01-01'),
  cooperationCount: 0, version: 1})
WITH p, row UNWIND row.engagements AS e
MATCH (d:Dimension {key: split(e, '/')[0]})
CREATE (p)-[:ENGAGES_IN {perspective: split(e, '/')[1]}]->(d)
WITH DISTINCT p ${SET_DIMENSION_KEYS}`,
      params: {
        rows: partners.map(([name, status, engagements]) => ({
          id: `${naming.prefix}${name}`,
          name: `${naming.title}${name}`,
          nameSortKey: germanSortKey(`${naming.title}${name}`),
          status,
          engagements,
        })),
      },
    },
    () => null,
  );
}

/** Creates test events (meetings, trainings, action days) on the given dates. */
export async function createTestEvents(
  app: App,
  events: { id: string; kind: string; date: string }[],
): Promise<void> {
  await app.database.executor.write(
    {
      cypher: `UNWIND $rows AS row
CREATE (:Event {id: row.id, kind: row.kind, title: row.id, date: date(row.date)})`,
      params: { rows: events },
    },
    () => null,
  );
}
