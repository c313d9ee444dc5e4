import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/common/paths';
import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import { type ImportOutcome } from '../../seeds/import/import';
import {
  COOPERATION_COLUMNS,
  type CooperationRecord,
  type ImportError,
  type PartnerRecord,
  PARTNER_COLUMNS,
  formatImportError,
} from '../../seeds/import/model';
import { parseCsv } from '../../seeds/import/parse';
import {
  type CurrentState,
  cooperationState,
  partnerState,
  planImport,
} from '../../seeds/import/plan';
import { formatOutcome } from '../../seeds/import/report';
import { referencedPartnerIds, validateImport } from '../../seeds/import/validate';
import { batches, importQueries } from '../../seeds/import/write';
import { type ReferenceData, readReferenceData } from '../../seeds/reference/load-reference-data';

let reference: ReferenceData;

beforeAll(async () => {
  reference = await readReferenceData();
});

/** A CSV cell, quoted when RFC 4180 requires it. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV text with the given columns and rows (missing cells are empty). */
function csv(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((c) => cell(row[c] ?? '')).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}

const PARTNER_HEADER = PARTNER_COLUMNS.map((c) => c.name);
const COOPERATION_HEADER = COOPERATION_COLUMNS.map((c) => c.name);

const partner = (changes: Record<string, string> = {}): Record<string, string> => ({
  id: 'ex-1',
  name: 'Nachbarschaftsverein',
  sector: 'CIVIL_SOCIETY',
  kind: 'ASSOCIATION',
  status: 'ACTIVE',
  joinedOn: '2020-01-15',
  district: 'jungbusch',
  topics: 'youth;culture',
  dimensions: 'age:COMMUNITY;gender:ADVOCACY',
  ...changes,
});

const cooperation = (changes: Record<string, string> = {}): Record<string, string> => ({
  id: 'ex-c-1',
  title: 'Gemeinsam im Quartier',
  kind: 'NETWORK_PROJECT',
  status: 'ACTIVE',
  startedOn: '2021-03-01',
  partners: 'ex-1:LEAD;ex-2:PARTNER',
  dimensions: 'age',
  ...changes,
});

/** Two valid partners that satisfy the cross-dimension rule together. */
const TWO_PARTNERS = [
  partner({ id: 'ex-1', dimensions: 'age:COMMUNITY' }),
  partner({ id: 'ex-2', dimensions: 'religion:SERVICE' }),
];

function validate(
  partners: readonly Record<string, string>[] | undefined,
  cooperations?: readonly Record<string, string>[],
  database: ReadonlyMap<string, readonly Engagement[]> = new Map(),
) {
  return validateImport(
    {
      partners: partners && parseCsv('partners.csv', csv(PARTNER_HEADER, partners)),
      cooperations:
        cooperations && parseCsv('cooperations.csv', csv(COOPERATION_HEADER, cooperations)),
    },
    reference,
    database,
  );
}

/** The errors as `line column: message`, the shortest form to compare. */
const brief = (errors: readonly ImportError[]) =>
  errors.map((e) => `${e.line} ${e.column ?? '-'}: ${e.message}`);

describe('parseCsv', () => {
  it('should number each row by the line it starts on, past quoted multi-line cells', () => {
    const text = 'id,description\na,"one\ntwo\nthree"\nb,plain\nc,"x\n""quoted"" y"\nd,z\n';
    const parsed = parseCsv('f.csv', text);
    expect(parsed.rows.map((r) => [r.values.id, r.line])).toEqual([
      ['a', 2],
      ['b', 5],
      ['c', 6],
      ['d', 8],
    ]);
    expect(parsed.rows[0]?.values.description).toBe('one\ntwo\nthree');
    expect(parsed.rows[2]?.values.description).toBe('x\n"quoted" y');
  });

  it('should count a CRLF line end, also inside a quoted cell, as one line', () => {
    const parsed = parseCsv('f.csv', 'id,note\r\na,"x\r\ny"\r\nb,z\r\n');
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('should tolerate a UTF-8 byte order mark before the header', () => {
    const parsed = parseCsv('f.csv', Buffer.from('\uFEFFid,name\nä,Grüße\n', 'utf8'));
    expect(parsed.header).toEqual(['id', 'name']);
    expect(parsed.rows).toEqual([{ line: 2, values: { id: 'ä', name: 'Grüße' } }]);
  });

  it('should skip blank lines and keep counting them', () => {
    const parsed = parseCsv('f.csv', '\nid,name\n\na,b\n\n\nc,d\n');
    expect(parsed.headerLine).toBe(2);
    expect(parsed.rows.map((r) => r.line)).toEqual([4, 7]);
  });

  it('should report a row with the wrong number of fields and read on', () => {
    const parsed = parseCsv('f.csv', 'id,name\na,b\nc\nd,e,f\ng,h\n');
    expect(brief(parsed.errors)).toEqual([
      '3 -: expected 2 fields as in the header, got 1',
      '4 -: expected 2 fields as in the header, got 3',
    ]);
    expect(parsed.rows.map((r) => r.values.id)).toEqual(['a', 'g']);
  });

  it('should report an unclosed quote at the line where its row starts and stop there', () => {
    const parsed = parseCsv('f.csv', 'id,name\na,b\nc,"open\nd,e\n');
    expect(brief(parsed.errors)).toEqual([
      '3 -: expected a closing quote, got the end of the file; the rest of the file was not read',
    ]);
    expect(parsed.rows.map((r) => r.values.id)).toEqual(['a']);
  });

  it('should report an empty file', () => {
    expect(brief(parseCsv('f.csv', '').errors)).toEqual([
      '1 -: expected a header row, got an empty file',
    ]);
  });
});

describe('header', () => {
  it('should name every missing required column, unknown and repeated column', () => {
    const text =
      'id,name,sector,kind,status,contactMail,name\nex-1,A,BUSINESS,COMPANY,ACTIVE,x,A\n';
    const result = validateImport(
      { partners: parseCsv('partners.csv', text) },
      reference,
      new Map(),
    );
    expect(brief(result.errors)).toEqual([
      '1 joinedOn: expected a header column "joinedOn", got none',
      `1 contactMail: expected one of the columns ${PARTNER_HEADER.join(', ')}, got "contactMail"`,
      '1 name: expected each column once, got "name" twice',
    ]);
  });

  it('should accept a file that leaves out optional columns', () => {
    const text = 'id,name,sector,kind,status,joinedOn\nex-1,A,BUSINESS,COMPANY,ACTIVE,2020-01-01\n';
    const result = validateImport(
      { partners: parseCsv('partners.csv', text) },
      reference,
      new Map(),
    );
    expect(result.errors).toEqual([]);
    expect(result.partners[0]).toMatchObject({
      id: 'ex-1',
      district: null,
      topics: [],
      engagements: [],
    });
  });
});

describe('partners.csv rows', () => {
  it('should turn a valid row into a record, empty optional cells into null', () => {
    const result = validate([partner({ website: ' https://verein.example ', contactPhone: '' })]);
    expect(result.errors).toEqual([]);
    expect(result.partners).toEqual([
      {
        line: 2,
        id: 'ex-1',
        name: 'Nachbarschaftsverein',
        sector: 'CIVIL_SOCIETY',
        kind: 'ASSOCIATION',
        status: 'ACTIVE',
        joinedOn: '2020-01-15',
        district: 'jungbusch',
        topics: ['youth', 'culture'],
        engagements: [
          { dimension: 'age', perspective: 'COMMUNITY' },
          { dimension: 'gender', perspective: 'ADVOCACY' },
        ],
        description: null,
        website: 'https://verein.example',
        contactName: null,
        contactEmail: null,
        contactPhone: null,
      },
    ]);
  });

  it('should name file, line and column in the printed form', () => {
    const [error] = validate([partner(), partner({ id: 'ex-2', sector: 'NGO' })]).errors;
    expect(formatImportError(error as ImportError)).toBe(
      'partners.csv line 3, column sector: expected one of CIVIL_SOCIETY, BUSINESS, POLITICS, ADMINISTRATION, got "NGO"',
    );
  });

  it.each([
    ['id', '', 'expected a value, got an empty cell'],
    ['id', 'ex 1', 'expected an id of letters, digits, ".", "_" and "-", got "ex 1"'],
    ['name', '  ', 'expected a value, got an empty cell'],
    ['kind', 'VEREIN', `expected one of ASSOCIATION, MIGRANT_ORGANISATION, `],
    ['status', 'active', 'expected one of APPLIED, ACTIVE, PAUSED, LEFT, got "active"'],
    ['joinedOn', '15.01.2020', 'expected a date as YYYY-MM-DD, got "15.01.2020"'],
    ['joinedOn', '2023-02-30', 'expected a date as YYYY-MM-DD, got "2023-02-30"'],
    [
      'district',
      'Jungbusch',
      'expected a district key of seeds/reference/districts.json, got "Jungbusch" (did you mean "jungbusch"?)',
    ],
    ['topics', 'youth;Kochen', 'expected one of education, culture, sport, '],
    ['topics', 'youth;youth', 'expected each item once, got "youth" twice'],
    ['dimensions', 'age', 'expected dimensionKey:PERSPECTIVE such as age:COMMUNITY, got "age"'],
    [
      'dimensions',
      'alter:COMMUNITY',
      'expected one of age, ethnic_origin, gender, abilities, religion, sexual_orientation, social_origin, got "alter"',
    ],
    [
      'dimensions',
      'age:HELPER',
      'expected a perspective COMMUNITY, ADVOCACY, SERVICE after "age:", got "HELPER"',
    ],
    [
      'website',
      'www.verein.example',
      'expected a web address starting with https:// or http://, got "www.verein.example"',
    ],
    [
      'website',
      'ftp://verein.example',
      'expected a web address starting with https:// or http://, got "ftp://verein.example"',
    ],
    [
      'contactEmail',
      'info(at)verein.example',
      'expected an e-mail address such as name@example.org, got "info(at)verein.example"',
    ],
    [
      'contactPhone',
      'ruf an!',
      'expected a phone number of digits, spaces and + ( ) / -, got "ruf an!"',
    ],
  ])('should refuse %s %p', (column, value, message) => {
    const result = validate([partner({ [column]: value })]);
    expect(result.partners).toEqual([]);
    expect(result.errors).toEqual([
      { file: 'partners.csv', line: 2, column, message: expect.stringContaining(message) },
    ]);
  });

  it('should accept the same dimension from two perspectives', () => {
    const result = validate([partner({ dimensions: 'age:COMMUNITY;age:SERVICE;' })]);
    expect(result.errors).toEqual([]);
    expect(result.partners[0]?.engagements).toHaveLength(2);
  });

  it('should report every bad cell of a row, not only the first', () => {
    const result = validate([partner({ sector: 'NGO', joinedOn: 'gestern', contactEmail: 'x' })]);
    expect(result.errors.map((e) => e.column)).toEqual(['sector', 'joinedOn', 'contactEmail']);
  });

  it('should refuse an id used twice, pointing to its first line', () => {
    const result = validate([partner(), partner({ name: 'Anderer Verein' })]);
    expect(brief(result.errors)).toEqual([
      '3 id: expected a unique id, got "ex-1" again (first on line 2)',
    ]);
  });
});

describe('cooperations.csv rows', () => {
  it('should turn a valid row into a record', () => {
    const result = validate(TWO_PARTNERS, [cooperation({ funding: 'DEMOKRATIE_LEBEN' })]);
    expect(result.errors).toEqual([]);
    expect(result.cooperations).toEqual([
      {
        line: 2,
        id: 'ex-c-1',
        title: 'Gemeinsam im Quartier',
        kind: 'NETWORK_PROJECT',
        status: 'ACTIVE',
        startedOn: '2021-03-01',
        endedOn: null,
        funding: 'DEMOKRATIE_LEBEN',
        participants: [
          { partnerId: 'ex-1', role: 'LEAD' },
          { partnerId: 'ex-2', role: 'PARTNER' },
        ],
        dimensions: ['age'],
      },
    ]);
  });

  it.each([
    [
      { kind: 'PROJECT' },
      'kind',
      'expected one of DIVERSITY_COOPERATION, NETWORK_PROJECT, ACTION_DAY_EVENT, got "PROJECT"',
    ],
    [{ status: 'DONE' }, 'status', 'expected one of ACTIVE, ENDED, got "DONE"'],
    [{ startedOn: '2021-13-01' }, 'startedOn', 'expected a date as YYYY-MM-DD, got "2021-13-01"'],
    [
      { endedOn: '2021-02-28' },
      'endedOn',
      'expected a date on or after startedOn 2021-03-01, got "2021-02-28"',
    ],
    [
      { status: 'ENDED' },
      'endedOn',
      'expected a date for a cooperation with status ENDED, got an empty cell',
    ],
    [{ funding: 'EU' }, 'funding', 'expected one of DEMOKRATIE_LEBEN, got "EU"'],
    [{ partners: '' }, 'partners', 'expected a value, got an empty cell'],
    [
      { partners: 'ex-1;ex-2:PARTNER' },
      'partners',
      'expected partnerId:ROLE such as p-1:LEAD, got "ex-1"',
    ],
    [
      { partners: 'ex-1:LEAD;ex-2:MEMBER' },
      'partners',
      'expected a role LEAD, PARTNER after "ex-2:", got "MEMBER"',
    ],
    [
      { partners: 'ex-1:LEAD;ex-9:PARTNER' },
      'partners',
      'expected the id of a partner in the partners file or the database, got "ex-9"',
    ],
    [{ partners: 'ex-1:PARTNER;ex-2:PARTNER' }, 'partners', 'expected exactly one LEAD, got 0'],
    [{ partners: 'ex-1:LEAD;ex-2:LEAD' }, 'partners', 'expected exactly one LEAD, got 2'],
    [
      { partners: 'ex-1:LEAD;ex-1:PARTNER' },
      'partners',
      'expected each partner once, got "ex-1" twice',
    ],
    [{ dimensions: 'age;AGE' }, 'dimensions', 'got "AGE" (did you mean "age"?)'],
  ])('should refuse %p', (changes, column, message) => {
    const result = validate(TWO_PARTNERS, [cooperation(changes)]);
    expect(result.cooperations).toEqual([]);
    expect(result.errors).toEqual([
      { file: 'cooperations.csv', line: 2, column, message: expect.stringContaining(message) },
    ]);
  });

  it('should accept a partner that exists only in the database', () => {
    const database = new Map([
      ['p-00001', [{ dimension: 'gender', perspective: 'SERVICE' as const }]],
    ]);
    const result = validate(undefined, [cooperation({ partners: 'p-00001:LEAD' })], database);
    expect(result.errors).toEqual([]);
  });

  describe('DIVERSITY_COOPERATION', () => {
    const diversity = (partners: string) =>
      cooperation({ kind: 'DIVERSITY_COOPERATION', partners });
    const rule = 'DIVERSITY_COOPERATION (cross-dimension rule): ';

    it('should accept partners that complement each other', () => {
      expect(validate(TWO_PARTNERS, [diversity('ex-1:LEAD;ex-2:PARTNER')]).errors).toEqual([]);
    });

    it('should refuse a single partner', () => {
      expect(brief(validate(TWO_PARTNERS, [diversity('ex-1:LEAD')]).errors)).toEqual([
        `2 partners: ${rule}expected at least 2 partners, got 1`,
      ]);
    });

    it('should refuse partners that cover one dimension only', () => {
      const partners = [
        partner({ id: 'ex-1', dimensions: 'age:COMMUNITY' }),
        partner({ id: 'ex-2', dimensions: 'age:SERVICE' }),
      ];
      expect(brief(validate(partners, [diversity('ex-1:LEAD;ex-2:PARTNER')]).errors)).toEqual([
        `2 partners: ${rule}expected the partners to cover at least 2 dimensions together, got 1 (age)`,
      ]);
    });

    it('should name the partner that brings nothing the other lacks', () => {
      const partners = [
        partner({ id: 'ex-1', dimensions: 'age:COMMUNITY;religion:SERVICE' }),
        partner({ id: 'ex-2', dimensions: 'age:COMMUNITY' }),
      ];
      expect(brief(validate(partners, [diversity('ex-1:LEAD;ex-2:PARTNER')]).errors)).toEqual([
        `2 partners: ${rule}expected every partner to bring a dimension or perspective another partner lacks, but "ex-2" brings none`,
      ]);
    });

    it('should use the engagements of database partners', () => {
      const database = new Map([
        ['p-00001', [{ dimension: 'age', perspective: 'COMMUNITY' as const }]],
      ]);
      const result = validate(
        [partner({ id: 'ex-1', dimensions: 'age:COMMUNITY' })],
        [diversity('ex-1:LEAD;p-00001:PARTNER')],
        database,
      );
      expect(brief(result.errors)).toEqual([
        `2 partners: ${rule}expected the partners to cover at least 2 dimensions together, got 1 (age)`,
      ]);
    });

    it('should prefer the file over the database for a partner in both', () => {
      const database = new Map([
        ['ex-2', [{ dimension: 'age', perspective: 'COMMUNITY' as const }]],
      ]);
      expect(
        validate(TWO_PARTNERS, [diversity('ex-1:LEAD;ex-2:PARTNER')], database).errors,
      ).toEqual([]);
    });

    it('should not judge the rule over a partner whose own row is broken', () => {
      const partners = [
        TWO_PARTNERS[0] ?? {},
        partner({ id: 'ex-2', sector: 'NGO', dimensions: '' }),
      ];
      const result = validate(partners, [diversity('ex-1:LEAD;ex-2:PARTNER')]);
      expect(brief(result.errors)).toEqual([expect.stringMatching(/^3 sector: /)]);
    });
  });
});

describe('referencedPartnerIds', () => {
  it('should list the partners named by cooperations but not defined in partners.csv', () => {
    const files = {
      partners: parseCsv('p.csv', csv(PARTNER_HEADER, [partner({ id: 'ex-1' })])),
      cooperations: parseCsv(
        'c.csv',
        csv(COOPERATION_HEADER, [
          cooperation({ partners: 'ex-1:LEAD; p-2:PARTNER' }),
          cooperation({ partners: 'p-1:LEAD;p-2:PARTNER;broken' }),
        ]),
      ),
    };
    expect(referencedPartnerIds(files)).toEqual(['broken', 'p-1', 'p-2']);
  });
});

describe('example files', () => {
  const example = (name: string) =>
    parseCsv(name, readFileSync(projectPath('seeds', 'examples', name)));

  it('should validate seeds/examples/partners.csv and cooperations.csv without an error', () => {
    const result = validateImport(
      { partners: example('partners.csv'), cooperations: example('cooperations.csv') },
      reference,
      new Map(),
    );
    expect(result.errors).toEqual([]);
    expect(result.partners).toHaveLength(8);
    expect(result.cooperations).toHaveLength(3);
    expect(result.partners.every((p) => p.id.startsWith('ex-'))).toBe(true);
  });

  it('should report every bad line of seeds/examples/partners-bad.csv', () => {
    const result = validateImport({ partners: example('partners-bad.csv') }, reference, new Map());
    expect(result.errors.map((e) => `${e.line} ${e.column ?? '-'}`)).toEqual([
      '4 sector',
      '5 joinedOn',
      '5 district',
      '6 dimensions',
      '6 dimensions',
      '7 contactEmail',
      '7 id',
      '8 name',
      '8 website',
      '9 -',
      '10 kind',
      '10 topics',
    ]);
    expect(result.partners.map((p) => [p.id, p.line])).toEqual([
      ['ex-bad-ok', 2],
      ['ex-bad-fine', 11],
    ]);
  });
});

describe('planImport', () => {
  let valid: ReturnType<typeof validate>;
  let first: PartnerRecord;
  let second: PartnerRecord;
  let coop: CooperationRecord;

  beforeAll(() => {
    valid = validate(TWO_PARTNERS, [cooperation()]);
    [first, second] = valid.partners as [PartnerRecord, PartnerRecord];
    coop = valid.cooperations[0] as CooperationRecord;
  });

  it('should create what the graph lacks, update what differs and skip what is equal', () => {
    const current: CurrentState = {
      partners: new Map([
        ['ex-1', partnerState(first)],
        ['ex-2', { ...partnerState(second), topics: ['sport'] }],
      ]),
      cooperations: new Map(),
    };
    const plan = planImport(valid.partners, valid.cooperations, current);
    expect(plan.partners.create).toEqual([]);
    expect(plan.partners.update.map((p) => p.id)).toEqual(['ex-2']);
    expect(plan.partners.unchanged.map((p) => p.id)).toEqual(['ex-1']);
    expect(plan.cooperations.create.map((c) => c.id)).toEqual(['ex-c-1']);
    expect(plan.touchedPartnerIds).toEqual(['ex-1', 'ex-2']);
  });

  it('should touch partners that leave an updated cooperation', () => {
    const before = { ...cooperationState(coop), participants: ['ex-1:LEAD', 'p-00007:PARTNER'] };
    const current: CurrentState = {
      partners: new Map([
        ['ex-1', partnerState(first)],
        ['ex-2', partnerState(second)],
      ]),
      cooperations: new Map([['ex-c-1', before]]),
    };
    const plan = planImport(valid.partners, valid.cooperations, current);
    expect(plan.cooperations.update.map((c) => c.id)).toEqual(['ex-c-1']);
    expect(plan.touchedPartnerIds).toEqual(['ex-1', 'ex-2', 'p-00007']);
  });

  it('should see no change when only the order of list items in the file differs', () => {
    const reordered = { ...first, topics: [...first.topics].reverse() };
    const current: CurrentState = {
      partners: new Map([
        ['ex-1', partnerState(reordered)],
        ['ex-2', partnerState(second)],
      ]),
      cooperations: new Map([['ex-c-1', cooperationState(coop)]]),
    };
    const plan = planImport(valid.partners, valid.cooperations, current);
    expect(plan.partners.unchanged).toHaveLength(2);
    expect(plan.touchedPartnerIds).toEqual([]);
  });
});

describe('importQueries', () => {
  it('should carry every value of a row as a parameter, never in the Cypher text', () => {
    const sneaky = "x' }) DETACH DELETE n //";
    const [record] = validate([partner({ name: sneaky, description: sneaky })]).partners;
    const query = importQueries.upsertPartners([record as PartnerRecord]);
    expect(query.cypher).not.toContain(sneaky);
    expect(query.cypher).toMatch(/^UNWIND \$rows AS row\nMERGE \(p:Partner \{id: row\.id\}\)/);
    expect(query.params).toEqual({
      rows: [
        expect.objectContaining({ id: 'ex-1', props: expect.objectContaining({ name: sneaky }) }),
      ],
    });
  });

  it('should split rows into batches of the given size', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 1000)).toEqual([]);
    expect(() => batches([1], 0)).toThrow('expected a batch size of at least 1, got 0');
  });
});

describe('formatOutcome', () => {
  it('should print every error and say that nothing was written', () => {
    const outcome: ImportOutcome = {
      status: 'invalid',
      errors: [{ file: 'partners.csv', line: 7, column: 'sector', message: 'expected X, got "Y"' }],
    };
    expect(formatOutcome(outcome, { partners: 'partners.csv' })).toBe(
      'partners.csv line 7, column sector: expected X, got "Y"\n1 error; nothing was written.',
    );
  });

  it('should count created, updated and unchanged rows per file', () => {
    const valid = validate(TWO_PARTNERS, [cooperation()]);
    const plan = planImport(valid.partners, valid.cooperations, {
      partners: new Map([['ex-1', partnerState(valid.partners[0] as PartnerRecord)]]),
      cooperations: new Map(),
    });
    const names = { partners: 'p.csv', cooperations: 'c.csv' };
    expect(formatOutcome({ status: 'written', plan }, names)).toBe(
      [
        'Import written.',
        'p.csv: 2 rows: 1 created, 0 updated, 1 unchanged',
        'c.csv: 1 row: 1 created, 0 updated, 0 unchanged',
        'recomputed cooperationCount and lastActiveOn of 2 partners',
      ].join('\n'),
    );
    expect(formatOutcome({ status: 'dry-run', plan }, names)).toContain(
      'p.csv: 2 rows: would create 1, update 0, leave 1 unchanged\n  create: ex-2',
    );
  });
});
