import { parseMigration } from '../../src/db/migrations';
import {
  BACKUP_FORMAT,
  BackupError,
  parseHeader,
  parseLine,
  planMigrationSchema,
} from '../../src/ops/backup-format';
import { createNodesStatement, createRelationshipsStatement } from '../../src/ops/restore';

const header = {
  kind: 'header',
  format: BACKUP_FORMAT,
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  counts: { nodes: 1, relationships: 0, labels: { Partner: 1 }, relationshipTypes: {} },
  migrations: [],
  digest: 'sha256:00',
};

describe('parseHeader', () => {
  it('should accept a header of this format and version', () => {
    expect(parseHeader(JSON.stringify(header)).digest).toBe('sha256:00');
  });

  it('should refuse other files, other versions and missing figures with a message', () => {
    expect(() => parseHeader(undefined)).toThrow('expected a vielfalt-graph-backup header');
    expect(() => parseHeader('{"kind":"node"}')).toThrow(BackupError);
    expect(() => parseHeader('not json')).toThrow('line 1: expected JSON');
    expect(() => parseHeader(JSON.stringify({ ...header, version: 2 }))).toThrow(
      'expected backup format version 1, got 2',
    );
    expect(() => parseHeader(JSON.stringify({ ...header, digest: undefined }))).toThrow(
      'expected digest, migrations and counts',
    );
  });
});

describe('parseLine', () => {
  it('should decode a node line with typed values', () => {
    const { line, properties } = parseLine(
      '{"kind":"node","id":"4:x:1","labels":["Partner"],"properties":{"version":{"$int":"3"},"name":"A"}}',
      2,
    );
    expect(line).toMatchObject({ kind: 'node', id: '4:x:1', labels: ['Partner'] });
    expect(String(properties.version)).toBe('3');
    expect(properties.name).toBe('A');
  });

  it('should name the line of a malformed value', () => {
    expect(() =>
      parseLine('{"kind":"node","id":"a","labels":[],"properties":{"d":{"$date":"x"}}}', 7),
    ).toThrow('line 7: expected a date YYYY-MM-DD, got "x"');
    expect(() =>
      parseLine('{"kind":"relationship","type":"","start":"a","end":"b","properties":{}}', 8),
    ).toThrow('line 8: expected a node or relationship line');
    expect(() => parseLine('{"kind":"node","id":"a","labels":[]}', 9)).toThrow(
      'line 9: expected a node or relationship with properties',
    );
  });
});

describe('planMigrationSchema', () => {
  const available = [
    parseMigration('001_a', 'CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE;'),
    parseMigration('002_b', 'CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.x);'),
  ];
  const state = (m: { id: string; checksum: string }) => ({ id: m.id, checksum: m.checksum });

  it('should apply exactly the migrations the backup records, leaving newer ones to the API', () => {
    const [first] = available;
    expect(planMigrationSchema([state(first as never)], available).map((m) => m.id)).toEqual([
      '001_a',
    ]);
  });

  it('should refuse a backup of a newer version or of a changed migration', () => {
    expect(() => planMigrationSchema([{ id: '003_c', checksum: 'x' }], available)).toThrow(
      'expected migration 003_c of the backup',
    );
    expect(() => planMigrationSchema([{ id: '001_a', checksum: 'other' }], available)).toThrow(
      'expected migration 001_a unchanged since the backup',
    );
  });
});

describe('restore statements', () => {
  it('should carry labels, types and values only as parameters', () => {
    const nodes = createNodesStatement([
      { id: '4:x:1', labels: ['Partner', '`) DETACH DELETE n //'], properties: { id: 'p-1' } },
    ]);
    const relationships = createRelationshipsStatement([
      { type: 'ENGAGES_IN', start: 'a', end: 'b', properties: {} },
    ]);
    for (const statement of [nodes, relationships]) {
      expect(statement.cypher).not.toMatch(/Partner|DETACH|ENGAGES_IN/);
      expect(statement.cypher).toMatch(/^UNWIND \$rows AS row/);
    }
    expect(nodes.cypher).toContain('CREATE (n:$(row.labels))');
    expect(relationships.cypher).toContain('CREATE (a)-[r:$(row.type)]->(b)');
    expect(nodes.params?.rows).toHaveLength(1);
  });
});
