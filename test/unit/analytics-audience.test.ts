import { parse } from 'csv-parse/sync';
import { GraphQLError } from 'graphql';
import {
  isCalendarDay,
  MAX_FILTER_VALUES,
  normaliseAudienceFilter,
  parseAudienceQuery,
} from '../../src/analytics/audience';
import { audienceCsv, csvCell, parseCsvFormat, toCsv } from '../../src/analytics/audience-csv';
import { AUDIENCE_COLUMNS, type AudienceExportRow } from '../../src/analytics/audience-export';
import { germanDate } from '../../src/common/csv';
import { audienceClause } from '../../src/analytics/audience.queries';

/** The code, extensions and message of what `work` throws. */
function thrown(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (error instanceof GraphQLError) return { ...error.extensions, message: error.message };
    throw error;
  }
  throw new Error('expected a GraphQLError, got none');
}

/** A partner row with a quote, a comma and a formula in its cells. */
const ROW: AudienceExportRow = {
  id: 'p-1',
  name: 'Verein "Miteinander", Neckarstadt',
  sector: 'CIVIL_SOCIETY',
  kind: 'ASSOCIATION',
  status: 'ACTIVE',
  scope: 'NEIGHBOURHOOD',
  district: null,
  borough: null,
  dimensions: [
    { key: 'age', name: 'Lebensalter', perspective: 'SERVICE' },
    { key: 'religion', name: 'Religion & Weltanschauung', perspective: 'COMMUNITY' },
  ],
  contactName: '=cmd|" /C calc"!A0',
  contactEmail: 'a.b@example.org',
  cooperationCount: 3,
  joinedOn: '2016-06-21',
  lastActivityOn: '2023-01-02',
};

/** A partner that joined and never took part in anything: no last activity. */
const NEVER_ACTIVE: AudienceExportRow = {
  ...ROW,
  id: 'p-2',
  name: 'Neu e.V.',
  kind: 'MIGRANT_ORGANISATION',
  status: 'PAUSED',
  scope: 'CITY',
  district: 'Jungbusch',
  borough: 'Innenstadt/Jungbusch',
  dimensions: [],
  contactName: null,
  cooperationCount: 0,
  lastActivityOn: null,
};

describe('CSV cells (RFC 4180)', () => {
  it('should leave plain text as it is and make null an empty cell', () => {
    expect(csvCell('Jugendtreff Rheinau')).toBe('Jugendtreff Rheinau');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('should quote cells with commas, quotes or line breaks and double the quotes', () => {
    expect(csvCell('Kaya, Weber & Co')).toBe('"Kaya, Weber & Co"');
    expect(csvCell('Verein „Tür an Tür“ "Nord"')).toBe('"Verein „Tür an Tür“ ""Nord"""');
    expect(csvCell('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it('should neutralise cells a spreadsheet would run as a formula with an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+49 621 0123')).toBe("'+49 621 0123");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('should quote a semicolon and neutralise a formula after any separator (German Excel splits on ;)', () => {
    expect(csvCell('Nachbarschaftsverein;=1+1;Jungbusch')).toBe(
      '"Nachbarschaftsverein;\'=1+1;Jungbusch"',
    );
    expect(csvCell('Kaya, =SUM(A1); @x')).toBe('"Kaya, \'=SUM(A1); \'@x"');
    expect(csvCell('Zeile 1\n-1')).toBe('"Zeile 1\n\'-1"');
    expect(csvCell('Mo-Fr; 9-17 Uhr')).toBe('"Mo-Fr; 9-17 Uhr"');
  });

  it('should not touch numbers, which a spreadsheet reads as numbers anyway', () => {
    expect(csvCell(-5)).toBe('-5');
  });
});

describe('CSV documents', () => {
  it('should end every line with CRLF, header first', () => {
    expect(toCsv(['a', 'b'], [['1', null]])).toBe('a,b\r\n1,\r\n');
  });

  it('should parse back to the same cells, apostrophes of neutralised formulas kept', () => {
    const records = parse(audienceCsv([ROW, NEVER_ACTIVE]), { relax_quotes: false }) as string[][];
    expect(records).toEqual([
      AUDIENCE_COLUMNS.map((column) => column.key),
      [
        'p-1',
        'Verein "Miteinander", Neckarstadt',
        'CIVIL_SOCIETY',
        'ASSOCIATION',
        'ACTIVE',
        'NEIGHBOURHOOD',
        '',
        '',
        'age:SERVICE,religion:COMMUNITY',
        '\'=cmd|" /C calc"!A0',
        'a.b@example.org',
        '3',
        '2016-06-21',
        '2023-01-02',
      ],
      [
        'p-2',
        'Neu e.V.',
        'CIVIL_SOCIETY',
        'MIGRANT_ORGANISATION',
        'PAUSED',
        'CITY',
        'Jungbusch',
        'Innenstadt/Jungbusch',
        '',
        '',
        'a.b@example.org',
        '0',
        '2016-06-21',
        '',
      ],
    ]);
  });

  it('should write German Excel: semicolons, German headers, words and dates, CRLF', () => {
    const text = audienceCsv([ROW, NEVER_ACTIVE], 'excel-de');
    expect(text.split('\r\n')).toHaveLength(4);
    const records = parse(text, { delimiter: ';' }) as string[][];
    expect(records[0]).toEqual([
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
    ]);
    expect(records[1]).toEqual([
      'p-1',
      'Verein "Miteinander", Neckarstadt',
      'Zivilgesellschaft',
      'Verein',
      'aktiv',
      'Stadtteil',
      '',
      '',
      'Lebensalter (Soziale Dienstleistung), Religion & Weltanschauung (Community)',
      '\'=cmd|" /C calc"!A0',
      'a.b@example.org',
      '3',
      '21.06.2016',
      '02.01.2023',
    ]);
    expect(records[2]?.slice(3, 6)).toEqual([
      'Migrantenselbstorganisation',
      'pausiert',
      'ganze Stadt',
    ]);
    expect(records[2]?.[13]).toBe('');
  });

  it('should write decimals with a comma in German Excel only, never neutralising numbers', () => {
    expect(toCsv(['x'], [[0.5], [-1.25], [3]], ';')).toBe('x\r\n"0,5"\r\n"-1,25"\r\n3\r\n');
    expect(toCsv(['x'], [[0.5]])).toBe('x\r\n0.5\r\n');
    expect(parse(toCsv(['x'], [[-1.25]], ';'), { delimiter: ';' })).toEqual([['x'], ['-1,25']]);
  });

  it('should write dates as DD.MM.YYYY', () => {
    expect(germanDate('2016-06-21')).toBe('21.06.2016');
    expect(germanDate('')).toBe('');
  });
});

describe('CSV formats', () => {
  it('should read format=csv by default and excel-de on request, refusing others', () => {
    expect(parseCsvFormat({})).toBe('csv');
    expect(parseCsvFormat({ format: 'excel-de' })).toBe('excel-de');
    expect(thrown(() => parseCsvFormat({ format: 'xlsx' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      parameter: 'format',
      message: expect.stringContaining('/export/audience.xlsx'),
    });
    expect(parseAudienceQuery({ format: 'excel-de' })).toBeDefined();
  });
});

describe('audience filter', () => {
  it('should invite ACTIVE partners only unless statuses are given', () => {
    expect(normaliseAudienceFilter({})).toEqual({
      dimensions: [],
      perspective: null,
      topics: [],
      districts: [],
      boroughs: [],
      sectors: [],
      statuses: ['ACTIVE'],
      activeSince: null,
      inactiveSince: null,
    });
    expect(normaliseAudienceFilter({ statuses: [] }).statuses).toEqual(['ACTIVE']);
  });

  it('should refuse malformed keys, naming the list', () => {
    expect(thrown(() => normaliseAudienceFilter({ topics: ['Bildung'] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.topics',
    });
  });

  it('should refuse lists longer than the maximum', () => {
    const districts = Array.from({ length: MAX_FILTER_VALUES + 1 }, (_, i) => `d${i}`);
    expect(thrown(() => normaliseAudienceFilter({ districts }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.districts',
    });
  });

  it('should refuse dates that are not calendar days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-02-29')).toBe(false);
    expect(isCalendarDay('2023-1-01')).toBe(false);
    expect(thrown(() => normaliseAudienceFilter({ inactiveSince: '2023-13-01' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.inactiveSince',
    });
  });

  it('should keep every value in parameters, not in the Cypher text', () => {
    const clause = audienceClause(
      normaliseAudienceFilter({
        dimensions: ['religion'],
        topics: ['culture'],
        activeSince: '2021-01-01',
      }),
    );
    const text = [clause.source, ...clause.conditions].join(' ');
    expect(text).not.toMatch(/religion|culture|2021/);
    expect(clause.params).toMatchObject({
      anyDimensions: ['religion'],
      topics: ['culture'],
      activeSince: '2021-01-01',
    });
  });
});

describe('CSV export parameters', () => {
  it('should read lists comma-separated or repeated', () => {
    expect(
      parseAudienceQuery({
        dimensions: 'religion,age',
        topics: ['culture', 'youth'],
        sectors: 'BUSINESS',
        inactiveSince: '2022-01-01',
      }),
    ).toMatchObject({
      dimensions: ['religion', 'age'],
      topics: ['culture', 'youth'],
      sectors: ['BUSINESS'],
      inactiveSince: '2022-01-01',
    });
  });

  it('should refuse an unknown parameter, an unknown sector and a repeated date', () => {
    expect(thrown(() => parseAudienceQuery({ limit: '5' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      parameter: 'limit',
    });
    expect(thrown(() => parseAudienceQuery({ sectors: 'CHURCH' }))).toMatchObject({
      parameter: 'sectors',
      message: expect.stringContaining('got "CHURCH"'),
    });
    expect(
      thrown(() => parseAudienceQuery({ activeSince: ['2020-01-01', '2021-01-01'] })),
    ).toMatchObject({ parameter: 'activeSince' });
    expect(thrown(() => parseAudienceQuery({ perspective: 'ALL' }))).toMatchObject({
      parameter: 'perspective',
    });
  });
});
