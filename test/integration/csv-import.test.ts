import { readFileSync } from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import { projectPath } from '../../src/common/paths';
import { CypherExecutor, type TransactionRunner } from '../../src/db/executor';
import { applyMigrations, readMigrations } from '../../src/db/migrations';
import { germanSortKey } from '../../src/partners/german-sort-key';
import { type ImportInput, type ImportOutcome, runImport } from '../../seeds/import/import';
import {
  type ReferenceData,
  loadReferenceData,
  readReferenceData,
} from '../../seeds/reference/load-reference-data';
import type { WriteStep } from '../../seeds/import/write';

const example = (name: string) => readFileSync(projectPath('seeds', 'examples', name), 'utf8');

/** The example files, with their `ex-` ids given another prefix so that tests do not collide. */
function examples(prefix = 'ex-'): Required<ImportInput> {
  const rename = (text: string) => text.replace(/\bex-/g, prefix);
  return {
    partners: { name: 'partners.csv', content: rename(example('partners.csv')) },
    cooperations: { name: 'cooperations.csv', content: rename(example('cooperations.csv')) },
  };
}

function plan(outcome: ImportOutcome) {
  if (outcome.status === 'invalid') throw new Error(`unexpected errors: ${outcome.errors.length}`);
  return outcome.plan;
}

const counts = (outcome: ImportOutcome) => {
  const { partners, cooperations } = plan(outcome);
  return {
    partners: [partners.create.length, partners.update.length, partners.unchanged.length],
    cooperations: [
      cooperations.create.length,
      cooperations.update.length,
      cooperations.unchanged.length,
    ],
  };
};

describe('CSV import into Neo4j', () => {
  let driver: Driver;
  let executor: CypherExecutor;
  let reference: ReferenceData;
  /** Every id this suite may have written, deleted in afterAll. */
  const written = new Set<string>();

  async function importFiles(input: ImportInput, options = {}): Promise<ImportOutcome> {
    const outcome = await runImport(executor, reference, input, options);
    if (outcome.status !== 'invalid') {
      const { partners, cooperations } = outcome.plan;
      for (const changes of [partners, cooperations]) {
        for (const r of [...changes.create, ...changes.update]) written.add(r.id);
      }
    }
    return outcome;
  }

  async function value<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T> {
    const [result] = await executor.read({ cypher, params }, (r) => r.get('value') as unknown);
    return (neo4j.isInt(result) ? result.toNumber() : result) as T;
  }

  /** Nodes and relationships around the given ids, to compare two states of the graph. */
  const footprint = (prefix: string) =>
    executor.read(
      {
        cypher: `MATCH (n) WHERE (n:Partner OR n:Cooperation) AND n.id STARTS WITH $prefix
OPTIONAL MATCH (n)-[r]-()
RETURN n.id AS id, n.version AS version, count(r) AS relationships ORDER BY id`,
        params: { prefix },
      },
      (r) => ({
        id: r.get('id') as string,
        version:
          r.get('version') === null
            ? null
            : (r.get('version') as { toNumber(): number }).toNumber(),
        relationships: (r.get('relationships') as { toNumber(): number }).toNumber(),
      }),
    );

  beforeAll(async () => {
    driver = neo4j.driver(process.env.NEO4J_URI as string);
    executor = new CypherExecutor(driver, 'neo4j');
    await applyMigrations(executor, await readMigrations());
    await loadReferenceData(executor);
    reference = await readReferenceData();
  });

  afterAll(async () => {
    await executor.write(
      {
        cypher: `MATCH (n) WHERE (n:Partner OR n:Cooperation) AND n.id IN $ids DETACH DELETE n`,
        params: { ids: [...written] },
      },
      () => null,
    );
    await driver.close();
  });

  describe('importing the examples', () => {
    it('should create every partner and cooperation with its properties', async () => {
      const outcome = await importFiles(examples());
      expect(counts(outcome)).toEqual({ partners: [8, 0, 0], cooperations: [3, 0, 0] });
      const [frauentreff] = await executor.read(
        {
          cypher: `MATCH (p:Partner {id: 'ex-p-frauentreff'})
RETURN p {.*, joinedOn: toString(p.joinedOn), lastActiveOn: toString(p.lastActiveOn),
          version: toFloat(p.version), cooperationCount: toFloat(p.cooperationCount)} AS p`,
        },
        (r) => r.get('p') as Record<string, unknown>,
      );
      expect(frauentreff).toEqual({
        id: 'ex-p-frauentreff',
        name: 'Interkultureller Frauentreff Neckarstadt-West e.V.',
        // The German sort key goes with every name the import writes.
        nameSortKey: germanSortKey('Interkultureller Frauentreff Neckarstadt-West e.V.'),
        // And the keys of its dimensions go with every engagement it writes.
        dimensionKeys: ['ethnic_origin', 'gender'],
        sector: 'CIVIL_SOCIETY',
        kind: 'MIGRANT_ORGANISATION',
        status: 'ACTIVE',
        joinedOn: '2016-06-21',
        description: expect.stringContaining('"Frauen stärken Frauen"'),
        website: 'https://frauentreff-neckarstadt.example',
        contactName: 'Aylin Demir',
        contactEmail: 'kontakt@frauentreff-neckarstadt.example',
        contactPhone: '0621 555-1201',
        version: 1,
        // Two cooperations; the later one started 2021-01-15.
        cooperationCount: 2,
        lastActiveOn: '2021-01-15',
      });
      expect(frauentreff?.description).toContain('\nOffen für alle');
    });

    it('should leave out the properties of empty optional cells', async () => {
      const keys = await value<string[]>(
        `MATCH (p:Partner {id: 'ex-p-seniorentreff'}) RETURN keys(p) AS value`,
      );
      expect(keys).not.toEqual(expect.arrayContaining(['website']));
      expect(keys).not.toContain('contactEmail');
      expect(
        await value(
          `MATCH (p:Partner {id: 'ex-p-seniorentreff'}) RETURN toString(p.lastActiveOn) AS value`,
        ),
      ).toBe('2023-05-02');
    });

    it('should link partners to dimensions, topics and their district', async () => {
      const [links] = await executor.read(
        {
          cypher: `MATCH (p:Partner {id: 'ex-p-queerjugend'})
RETURN COLLECT { MATCH (p)-[e:ENGAGES_IN]->(d:Dimension) RETURN d.key + ':' + e.perspective ORDER BY d.key } AS dimensions,
       p.dimensionKeys AS dimensionKeys,
       COLLECT { MATCH (p)-[:ACTIVE_IN]->(t:Topic) RETURN t.key ORDER BY t.key } AS topics,
       COLLECT { MATCH (p)-[:LOCATED_IN]->(d:District) RETURN d.key } AS districts`,
        },
        (r) => r.toObject(),
      );
      expect(links).toEqual({
        dimensions: ['age:ADVOCACY', 'gender:COMMUNITY', 'sexual_orientation:COMMUNITY'],
        dimensionKeys: ['age', 'gender', 'sexual_orientation'],
        topics: ['antidiscrimination', 'youth'],
        districts: ['schwetzingerstadt'],
      });
    });

    it('should link cooperations to their partners with roles and to their dimensions', async () => {
      const [links] = await executor.read(
        {
          cypher: `MATCH (c:Cooperation {id: 'ex-c-offene-tueren'})
RETURN c.title AS title, c.kind AS kind, c.funding AS funding, toString(c.startedOn) AS startedOn,
       c.endedOn AS endedOn,
       COLLECT { MATCH (p:Partner)-[r:PARTICIPATES_IN]->(c) RETURN p.id + ':' + r.role ORDER BY p.id } AS partners,
       COLLECT { MATCH (c)-[:ADDRESSES]->(d:Dimension) RETURN d.key ORDER BY d.key } AS dimensions`,
        },
        (r) => r.toObject(),
      );
      expect(links).toEqual({
        title: 'Offene Türen: Jugend im Dialog über Glauben, Herkunft und Liebe',
        kind: 'DIVERSITY_COOPERATION',
        funding: 'DEMOKRATIE_LEBEN',
        startedOn: '2022-09-01',
        endedOn: null,
        partners: ['ex-p-fachstelle:PARTNER', 'ex-p-moschee:LEAD', 'ex-p-queerjugend:PARTNER'],
        dimensions: ['age', 'religion', 'sexual_orientation'],
      });
    });
  });

  describe('importing again', () => {
    it('should change nothing when the files are the same', async () => {
      const before = await footprint('ex-');
      const outcome = await importFiles(examples());
      expect(counts(outcome)).toEqual({ partners: [0, 0, 8], cooperations: [0, 0, 3] });
      expect(await footprint('ex-')).toEqual(before);
    });

    it('should update a changed row, replace its relationships and raise its version once', async () => {
      const input = examples();
      const changed = String(input.partners.content).replace(
        'ex-p-neckarwerk,Neckarwerk Logistik GmbH,BUSINESS,COMPANY,ACTIVE,2019-09-10,friedrichsfeld,work,ethnic_origin:ADVOCACY;gender:ADVOCACY',
        'ex-p-neckarwerk,Neckarwerk Logistik GmbH,BUSINESS,COMPANY,ACTIVE,2019-09-10,friedrichsfeld,work;education,age:ADVOCACY',
      );
      expect(changed).not.toBe(input.partners.content);
      const outcome = await importFiles({ partners: { name: 'partners.csv', content: changed } });
      expect(counts(outcome).partners).toEqual([0, 1, 7]);
      const [neckarwerk] = await executor.read(
        {
          cypher: `MATCH (p:Partner {id: 'ex-p-neckarwerk'})
RETURN p.version AS version,
       COLLECT { MATCH (p)-[e:ENGAGES_IN]->(d:Dimension) RETURN d.key + ':' + e.perspective } AS dimensions,
       p.dimensionKeys AS dimensionKeys,
       COUNT { (p)-[:ACTIVE_IN]->() } AS topics`,
        },
        (r) => ({
          version: (r.get('version') as { toNumber(): number }).toNumber(),
          dimensions: r.get('dimensions') as string[],
          dimensionKeys: r.get('dimensionKeys') as string[],
          topics: (r.get('topics') as { toNumber(): number }).toNumber(),
        }),
      );
      expect(neckarwerk).toEqual({
        version: 2,
        dimensions: ['age:ADVOCACY'],
        dimensionKeys: ['age'],
        topics: 2,
      });
      expect(await value(`MATCH (p:Partner {id: 'ex-p-moschee'}) RETURN p.version AS value`)).toBe(
        1,
      );
      // Put the example back, so that the suite leaves the examples as documented.
      expect(counts(await importFiles({ partners: input.partners })).partners).toEqual([0, 1, 7]);
    });

    it('should accept a cooperations file whose partners are only in the database', async () => {
      const outcome = await importFiles({ cooperations: examples().cooperations });
      expect(counts(outcome).cooperations).toEqual([0, 0, 3]);
    });
  });

  describe('refusing bad input', () => {
    const partnerCount = () => value<number>('MATCH (p:Partner) RETURN count(p) AS value');

    it('should write nothing when a file has errors, and report every bad line', async () => {
      const before = await partnerCount();
      const outcome = await importFiles({
        partners: { name: 'partners-bad.csv', content: example('partners-bad.csv') },
      });
      expect(outcome.status).toBe('invalid');
      expect(outcome.status === 'invalid' && new Set(outcome.errors.map((e) => e.line))).toEqual(
        new Set([4, 5, 6, 7, 8, 9, 10]),
      );
      expect(await partnerCount()).toBe(before);
      expect(await value('MATCH (p:Partner {id: "ex-bad-ok"}) RETURN count(p) AS value')).toBe(0);
    });

    it('should refuse a cooperation naming a partner that is neither in the file nor in the database', async () => {
      const { cooperations } = examples('ex-missing-');
      const outcome = await importFiles({ cooperations });
      expect(outcome.status === 'invalid' && outcome.errors[0]?.message).toBe(
        'expected the id of a partner in the partners file or the database, got "ex-missing-p-frauentreff"',
      );
    });

    it('should write nothing on a dry run', async () => {
      const outcome = await importFiles(examples('ex-dry-'), { dryRun: true });
      expect(outcome.status).toBe('dry-run');
      expect(counts(outcome)).toEqual({ partners: [8, 0, 0], cooperations: [3, 0, 0] });
      expect(await footprint('ex-dry-')).toEqual([]);
    });
  });

  describe('failing while writing', () => {
    it('should roll back every batch when the last statement fails', async () => {
      const partnersBefore = await value<number>('MATCH (p:Partner) RETURN count(p) AS value');
      const steps: string[] = [];
      const attempt = importFiles(examples('ex-rollback-'), {
        batchSize: 3,
        afterStatement: async (step: WriteStep, tx: TransactionRunner) => {
          steps.push(`${step.kind} ${step.batch}`);
          if (step.kind === 'activity') await tx.run({ cypher: 'RETURN 1 / 0' }, () => null);
        },
      });
      await expect(attempt).rejects.toThrow(/by zero/);
      expect(steps).toEqual([
        'partners 1',
        'partners 2',
        'partners 3',
        'cooperations 1',
        'activity 1',
      ]);
      expect(await footprint('ex-rollback-')).toEqual([]);
      expect(await value('MATCH (p:Partner) RETURN count(p) AS value')).toBe(partnersBefore);
    });

    it('should keep the previous state of updated rows when the import fails', async () => {
      const before = await footprint('ex-');
      const input = examples();
      const renamed = String(input.partners.content).replace(
        'Moscheegemeinde am Jungbusch',
        'Moscheegemeinde Jungbusch (umbenannt)',
      );
      const attempt = importFiles(
        { partners: { name: 'partners.csv', content: renamed }, cooperations: input.cooperations },
        {
          afterStatement: async () => {
            throw new Error('simulated failure after the first batch');
          },
        },
      );
      await expect(attempt).rejects.toThrow('simulated failure');
      expect(await footprint('ex-')).toEqual(before);
      expect(await value(`MATCH (p:Partner {id: 'ex-p-moschee'}) RETURN p.name AS value`)).toBe(
        'Moscheegemeinde am Jungbusch',
      );
    });
  });
});
