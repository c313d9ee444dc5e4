import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { App } from '../../src/app';
import { fromNeo4j } from '../../src/db/values';
import { BUMP_DATA_VERSION } from '../../src/db/write-unit';
import {
  PARTNER_KIND_DE,
  PARTNER_SCOPE_DE,
  PARTNER_STATUS_DE,
  SECTOR_DE,
} from '../../src/common/labels-de';
import { type GraphQLResponse, postGraphQL, startTestApp } from '../support/test-app';
import { coordinatorAuth, partnerAuth } from '../support/tokens';

/** Every id this suite creates starts with this prefix; afterAll deletes them all. */
const PREFIX = 't-aex-';

/** The audience of the exports below: members located in Jungbusch (the demo's and ours). */
const FILTER = 'districts=jungbusch&statuses=ACTIVE,PAUSED';

const AUDIENCE = `query($filter: AudienceFilter!, $after: String) {
  audience(filter: $filter, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name sector kind status scope joinedOn cooperationCount contactName contactEmail
      district { name borough } dimensions { dimension { key nameDe } perspective } } } } }`;

interface AudiencePartner {
  id: string;
  name: string;
  sector: string;
  kind: string;
  status: string;
  scope: string;
  joinedOn: string;
  cooperationCount: number;
  contactName: string | null;
  contactEmail: string | null;
  district: { name: string; borough: string } | null;
  dimensions: { dimension: { key: string; nameDe: string }; perspective: string }[];
}

interface AudiencePage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: AudiencePartner }[];
}

const GERMAN_HEADER = [
  'ID',
  'Name',
  'Sektor',
  'Art',
  'Status',
  'Wirkungsbereich',
  'Stadtteil',
  'Stadtbezirk',
  'Vielfaltsdimensionen',
  'Ansprechperson',
  'E-Mail',
  'Kooperationen',
  'Beigetreten am',
  'Letzte Aktivität am',
];

/** Takes the neutralising apostrophes out again: what the cell said before the CSV wrote it. */
const unneutralised = (cell: string) => cell.replace(/'(?=[=+\-@\t\r])/g, '');

/** Line breaks as an xlsx holds them: XML reads every CR as LF, so the writer makes them LF. */
const xmlLines = (text: string | null) => (text === null ? null : text.replace(/\r\n?/g, '\n'));

/** `2024-03-05` → `05.03.2024`. */
const german = (day: string) => day.split('-').reverse().join('.');

describe('audience exports for German offices', () => {
  let app: App;
  let coordinator: Record<string, string>;
  let base: string;

  const cypher = (query: string, params: Record<string, unknown> = {}) =>
    app.database.executor.write({ cypher: query, params }, (r) => fromNeo4j(r.toObject()));

  const get = (path: string, headers: Record<string, string> = coordinator) =>
    fetch(`${base}${path}`, { headers });

  /** The whole audience through GraphQL, in its order (by name). */
  async function listed(): Promise<AudiencePartner[]> {
    const partners: AudiencePartner[] = [];
    let after: string | null = null;
    for (;;) {
      const { body }: { body: GraphQLResponse<{ audience: AudiencePage }> } = await postGraphQL(
        app,
        AUDIENCE,
        { filter: { districts: ['jungbusch'], statuses: ['ACTIVE', 'PAUSED'] }, after },
        coordinator,
      );
      expect(body.errors).toBeUndefined();
      const page: AudiencePage | undefined = body.data?.audience;
      partners.push(...(page?.edges ?? []).map((e) => e.node));
      if (!page?.pageInfo.hasNextPage) return partners;
      after = page.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    app = await startTestApp();
    coordinator = await coordinatorAuth();
    base = app.server.url.replace(/\/graphql$/, '');
    // Three partners in Jungbusch: one whose cells try formulas in every way a spreadsheet could
    // start one and that never took part in anything; one that cooperated and attended a training;
    // one paused, city-wide.
    await cypher(
      `UNWIND $partners AS row
CREATE (p:Partner {id: row.id, name: row.name, sector: row.sector, kind: row.kind,
  status: row.status, joinedOn: date(row.joinedOn), lastActiveOn: date(row.joinedOn),
  cooperationCount: 0, version: 1, contactName: row.contactName, contactEmail: row.contactEmail})
SET p.scope = row.scope
WITH p, row MATCH (d:District {key: 'jungbusch'})
CREATE (p)-[:LOCATED_IN]->(d)
WITH p, row UNWIND row.dimensions AS engagement
MATCH (dimension:Dimension {key: engagement[0]})
CREATE (p)-[:ENGAGES_IN {perspective: engagement[1]}]->(dimension)`,
      {
        partners: [
          {
            id: `${PREFIX}hostile`,
            name: '=1+1;@SUM(A1) "Brücke", Verein',
            sector: 'CIVIL_SOCIETY',
            kind: 'MIGRANT_ORGANISATION',
            status: 'ACTIVE',
            joinedOn: '2022-02-01',
            contactName: '\t=cmd|" /C calc"!A0',
            contactEmail: '+49 621 0123',
            scope: null,
            dimensions: [
              ['religion', 'COMMUNITY'],
              ['age', 'SERVICE'],
            ],
          },
          {
            id: `${PREFIX}active`,
            name: 'Aex Kulturhaus',
            sector: 'BUSINESS',
            kind: 'COMPANY',
            status: 'ACTIVE',
            joinedOn: '2019-05-02',
            contactName: '@Frau Yılmaz',
            contactEmail: 'kulturhaus@t-aex.example.org',
            scope: 'BOROUGH',
            dimensions: [['ethnic_origin', 'ADVOCACY']],
          },
          {
            id: `${PREFIX}paused`,
            name: 'Aex Ruhe e.V.',
            sector: 'ADMINISTRATION',
            kind: 'PUBLIC_AUTHORITY',
            status: 'PAUSED',
            joinedOn: '2018-01-15',
            contactName: '-Leitung-',
            contactEmail: '\rruhe@t-aex.example.org',
            scope: 'CITY',
            dimensions: [],
          },
        ],
      },
    );
    await cypher(
      `MATCH (p:Partner {id: $active})
CREATE (p)-[:PARTICIPATES_IN]->(:Cooperation {id: $cooperation, title: 'Aex Projekt',
  kind: 'DIVERSITY_COOPERATION', status: 'ENDED', startedOn: date('2021-05-01'), endedOn: date('2021-09-30')})
CREATE (p)-[:ATTENDED]->(:Event {id: $event, kind: 'TRAINING', title: 'Aex Schulung', date: date('2024-03-05')})
SET p.cooperationCount = 1`,
      { active: `${PREFIX}active`, cooperation: `${PREFIX}cooperation`, event: `${PREFIX}event` },
    );
    await app.database.executor.write(BUMP_DATA_VERSION, () => null);
  });

  afterAll(async () => {
    await cypher('MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: PREFIX });
    await app.database.executor.write(BUMP_DATA_VERSION, () => null);
    await app.stop();
  });

  describe('CSV for German Excel (format=excel-de)', () => {
    let response: Response;
    let bytes: Buffer;
    let header: string[];
    let rows: string[][];

    beforeAll(async () => {
      response = await get(`/export/audience.csv?${FILTER}&format=excel-de`);
      bytes = Buffer.from(await response.arrayBuffer());
      [header = [], ...rows] = parse(bytes, { bom: true, delimiter: ';' }) as string[][];
    });

    it('should answer with a UTF-8 CSV with byte-order mark, CRLF and the German file name', () => {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toContain('zielgruppe.csv');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      // Every line break outside a quoted cell is CRLF: one more line than rows, none bare.
      expect(text.split('\r\n')).toHaveLength(rows.length + 2);
      expect(text).toContain('Letzte Aktivität am');
    });

    it('should open in columns: parsed with ;, German headers and every row as wide', () => {
      expect(header).toEqual(GERMAN_HEADER);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      for (const row of rows) expect(row).toHaveLength(GERMAN_HEADER.length);
      expect(response.headers.get('x-row-count')).toBe(String(rows.length));
    });

    it('should hold the partners of the GraphQL audience, in its order, with German words', async () => {
      const partners = await listed();
      expect(rows.map((row) => row[0])).toEqual(partners.map((p) => p.id));
      partners.forEach((p, i) => {
        const row = rows[i] as string[];
        expect(row.slice(2, 8)).toEqual([
          SECTOR_DE[p.sector as keyof typeof SECTOR_DE],
          PARTNER_KIND_DE[p.kind as keyof typeof PARTNER_KIND_DE],
          PARTNER_STATUS_DE[p.status as keyof typeof PARTNER_STATUS_DE],
          PARTNER_SCOPE_DE[p.scope as keyof typeof PARTNER_SCOPE_DE],
          p.district?.name ?? '',
          p.district?.borough ?? '',
        ]);
        expect(unneutralised(row[1] as string)).toBe(p.name);
        expect(row[11]).toBe(String(p.cooperationCount));
        expect(row[12]).toBe(german(p.joinedOn));
        expect(row[13]).toMatch(/^(\d{2}\.\d{2}\.\d{4})?$/);
      });
    });

    it('should name dimensions in German with their perspective', () => {
      const hostile = rows.find((row) => row[0] === `${PREFIX}hostile`);
      expect(hostile?.[8]).toBe(
        'Lebensalter (Soziale Dienstleistung), Religion & Weltanschauung (Community)',
      );
      expect(rows.find((row) => row[0] === `${PREFIX}paused`)?.[8]).toBe('');
    });

    it('should show no last activity for a partner that never took part in anything', () => {
      const hostile = rows.find((row) => row[0] === `${PREFIX}hostile`);
      expect(hostile?.[12]).toBe('01.02.2022');
      expect(hostile?.[13]).toBe('');
      const active = rows.find((row) => row[0] === `${PREFIX}active`);
      // The training of 2024 is later than the cooperation's end in 2021.
      expect(active?.slice(11)).toEqual(['1', '02.05.2019', '05.03.2024']);
    });

    it('should neutralise every cell a spreadsheet could read as a formula', () => {
      const hostile = rows.find((row) => row[0] === `${PREFIX}hostile`) as string[];
      expect(hostile[1]).toBe('\'=1+1;\'@SUM(A1) "Brücke", Verein');
      expect(hostile[9]).toBe('\'\t=cmd|" /C calc"!A0');
      expect(hostile[10]).toBe("'+49 621 0123");
      const active = rows.find((row) => row[0] === `${PREFIX}active`) as string[];
      expect(active[9]).toBe("'@Frau Yılmaz");
      const paused = rows.find((row) => row[0] === `${PREFIX}paused`) as string[];
      expect(paused[9]).toBe("'-Leitung-");
      expect(paused[10]).toBe("'\rruhe@t-aex.example.org");
      // Split on ; by a reader that ignores quotes, no piece starts a formula either.
      const line = bytes
        .toString('utf8')
        .split('\r\n')
        .find((l) => l.startsWith(`${PREFIX}hostile;`)) as string;
      for (const piece of line.split(/[;,]/)) expect(piece.trimStart()).not.toMatch(/^[=+\-@]/);
    });
  });

  describe('default CSV', () => {
    it('should keep codes and ISO dates, with an empty last activity for the never-active', async () => {
      const response = await get(`/export/audience.csv?${FILTER}`);
      expect(response.status).toBe(200);
      const [header, ...rows] = parse(await response.text(), { bom: true }) as string[][];
      expect(header).toEqual([
        'id',
        'name',
        'sector',
        'kind',
        'status',
        'scope',
        'district',
        'borough',
        'dimensions',
        'contactName',
        'contactEmail',
        'cooperationCount',
        'joinedOn',
        'lastActivityOn',
      ]);
      const hostile = rows.find((row) => row[0] === `${PREFIX}hostile`);
      expect(hostile?.slice(2, 9)).toEqual([
        'CIVIL_SOCIETY',
        'MIGRANT_ORGANISATION',
        'ACTIVE',
        'NEIGHBOURHOOD',
        'Jungbusch',
        expect.any(String),
        'age:SERVICE,religion:COMMUNITY',
      ]);
      expect(hostile?.slice(12)).toEqual(['2022-02-01', '']);
      expect(rows.find((row) => row[0] === `${PREFIX}active`)?.slice(12)).toEqual([
        '2019-05-02',
        '2024-03-05',
      ]);
    });
  });

  describe('Excel workbook (/export/audience.xlsx)', () => {
    let response: Response;
    let sheet: ExcelJS.Worksheet;

    beforeAll(async () => {
      response = await get(`/export/audience.xlsx?${FILTER}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      sheet = workbook.getWorksheet('Zielgruppe') as ExcelJS.Worksheet;
    });

    /** The values of a row, from column 1 (exceljs counts from 1 and leaves index 0 empty). */
    const values = (row: number) =>
      GERMAN_HEADER.map((_h, c) => sheet.getRow(row).getCell(c + 1).value ?? null);

    it('should answer with an xlsx file named zielgruppe.xlsx', () => {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(response.headers.get('content-disposition')).toContain('zielgruppe.xlsx');
      expect(sheet).toBeDefined();
    });

    it('should have German headers, a frozen header row and an autofilter over the table', () => {
      expect(values(1)).toEqual(GERMAN_HEADER);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeDefined();
      // Header row to the last row, first column to the last (N, the 14th).
      expect(sheet.autoFilter).toBe(`A1:N${sheet.rowCount}`);
    });

    it('should read back equal to the German CSV, row by row, with typed cells', async () => {
      const csv = await get(`/export/audience.csv?${FILTER}&format=excel-de`);
      const [, ...rows] = parse(await csv.text(), { bom: true, delimiter: ';' }) as string[][];
      expect(sheet.rowCount).toBe(rows.length + 1);
      rows.forEach((csvRow, i) => {
        const cells = values(i + 2);
        cells.forEach((cell, c) => {
          const text = csvRow[c] as string;
          if (cell instanceof Date) {
            expect(text).toBe(german(cell.toISOString().slice(0, 10)));
            expect(cell.toISOString().slice(11)).toBe('00:00:00.000Z');
          } else if (typeof cell === 'number') {
            expect(String(cell)).toBe(text);
          } else if (cell === null) {
            expect(text).toBe('');
          } else {
            expect(typeof cell).toBe('string');
            expect(cell).toBe(xmlLines(unneutralised(text)));
          }
        });
        // Dates are dates and counts numbers, not texts.
        expect(typeof cells[11]).toBe('number');
        expect(cells[12]).toBeInstanceOf(Date);
      });
    });

    it('should equal the GraphQL audience and keep formula-like text as text', async () => {
      const partners = await listed();
      expect(sheet.rowCount).toBe(partners.length + 1);
      partners.forEach((p, i) => {
        const cells = values(i + 2);
        expect([cells[0], cells[1], cells[9], cells[10], cells[11]]).toEqual([
          p.id,
          p.name,
          xmlLines(p.contactName),
          xmlLines(p.contactEmail),
          p.cooperationCount,
        ]);
        expect((cells[12] as Date).toISOString().slice(0, 10)).toBe(p.joinedOn);
      });
      const hostile = partners.findIndex((p) => p.id === `${PREFIX}hostile`);
      const name = sheet.getRow(hostile + 2).getCell(2);
      expect(name.type).toBe(ExcelJS.ValueType.String);
      expect(name.formula).toBeUndefined();
      expect(values(hostile + 2)[13]).toBeNull();
    });

    it('should refuse another format on the xlsx path with BAD_USER_INPUT', async () => {
      const wrong = await get(`/export/audience.xlsx?${FILTER}&format=excel-de`);
      expect(wrong.status).toBe(400);
      const body = (await wrong.json()) as GraphQLResponse;
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        parameter: 'format',
      });
    });
  });

  describe('access', () => {
    it.each(['/export/audience.xlsx', '/export/audience.csv?format=excel-de'])(
      'should refuse %s without a coordinator token: 401 without, 403 for a partner',
      async (path) => {
        const none = await fetch(`${base}${path}`);
        expect(none.status).toBe(401);
        const partner = await get(path, await partnerAuth(`${PREFIX}active`));
        expect(partner.status).toBe(403);
        const body = (await partner.json()) as GraphQLResponse;
        expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      },
    );
  });
});
