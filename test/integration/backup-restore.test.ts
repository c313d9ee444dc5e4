import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver, type Node } from 'neo4j-driver';
import type { App } from '../../src/app';
import { projectPath } from '../../src/common/paths';
import { EmbeddedNeo4j } from '../../src/db/embedded-neo4j';
import { CypherExecutor } from '../../src/db/executor';
import { applyMigrations, readMigrations } from '../../src/db/migrations';
import { exportGraph } from '../../src/ops/backup';
import { restoreGraph } from '../../src/ops/restore';
import { BackupError, type BackupHeader } from '../../src/ops/backup-format';
import { canonicalProperties, computeGraphDigest } from '../../src/ops/graph-digest';
import { offerNeedQueries } from '../../src/partners/offer-need.repository';
import { postGraphQL, startTestApp } from '../support/test-app';

const target = (driver: Driver) => new CypherExecutor(driver, 'neo4j');

const wipe = (t: CypherExecutor) => t.write({ cypher: 'MATCH (n) DETACH DELETE n' }, () => null);

const migrationNodes = (t: CypherExecutor) =>
  t.read({ cypher: 'MATCH (m:Migration) RETURN m ORDER BY m.id' }, (r) =>
    canonicalProperties((r.get('m') as Node).properties),
  );

/** Runs a compiled CLI (`npm test` builds before jest) and collects its output. */
function runCli(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [projectPath('dist', 'src', 'ops', script), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('backup and restore', () => {
  let workDir: string;
  let backupFile: string;
  let header: BackupHeader;
  let sourceDriver: Driver;
  let source: CypherExecutor;
  let second: EmbeddedNeo4j;
  let secondDriver: Driver;
  let restored: CypherExecutor;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'vielfalt-backup-'));
    backupFile = path.join(workDir, 'backup.jsonl');
    sourceDriver = neo4j.driver(process.env.NEO4J_URI as string);
    source = target(sourceDriver);
    second = await EmbeddedNeo4j.start({
      dataDir: path.join(workDir, 'restored'),
      boltPort: 0,
      heap: '384m',
      pageCacheMiB: 32,
      startTimeoutMs: 180_000,
    });
    secondDriver = neo4j.driver(second.uri);
    restored = target(secondDriver);
    header = await exportGraph(source, backupFile);
  }, 240_000);

  afterAll(async () => {
    await sourceDriver?.close();
    await secondDriver?.close();
    await second?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('should write a header whose digest and counts are those of the graph', async () => {
    const digest = await computeGraphDigest(source);
    expect(header.digest).toBe(digest.digest);
    expect(header.counts).toMatchObject({
      nodes: digest.nodes,
      relationships: digest.relationships,
    });
    expect(header.counts.labels.Partner).toBeGreaterThanOrEqual(353);
    expect(header.migrations.map((m) => m.id)).toEqual((await readMigrations()).map((m) => m.id));
    const lines = (await readFile(backupFile, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + digest.nodes + digest.relationships);
  });

  it('should restore into an empty database with the same digest', async () => {
    const summary = await restoreGraph(restored, backupFile);
    expect(summary).toMatchObject({
      nodes: header.counts.nodes,
      relationships: header.counts.relationships,
    });
    expect((await computeGraphDigest(restored)).digest).toBe(header.digest);
  });

  it('should leave the (:Migration) nodes as they were, so the runner applies nothing', async () => {
    expect(await migrationNodes(restored)).toEqual(await migrationNodes(source));
    expect(await applyMigrations(restored, await readMigrations())).toEqual([]);
  });

  it('should give an API that reads the same alliance', async () => {
    const query =
      '{ partners(filter: { statuses: [ACTIVE, PAUSED] }) { totalCount } cooperations { totalCount } }';
    let original: App | undefined;
    let copy: App | undefined;
    try {
      original = await startTestApp();
      copy = await startTestApp({ NEO4J_URI: second.uri });
      const [a, b] = await Promise.all([postGraphQL(original, query), postGraphQL(copy, query)]);
      expect(b.body.errors).toBeUndefined();
      expect(b.body.data).toEqual(a.body.data);
      expect(b.body.data).toMatchObject({ partners: { totalCount: 353 } });
    } finally {
      await original?.stop();
      await copy?.stop();
    }
  });

  it('should refuse a database that is not empty, and change nothing in it', async () => {
    const before = await computeGraphDigest(restored);
    await expect(restoreGraph(restored, backupFile)).rejects.toThrow(
      /expected an empty database, got one with \d+ nodes/,
    );
    expect(await computeGraphDigest(restored)).toEqual(before);
  });

  it('should fail when the restored graph differs from the backup (a tampered line)', async () => {
    const text = await readFile(backupFile, 'utf8');
    const tampered = path.join(workDir, 'tampered.jsonl');
    await writeFile(tampered, text.replace('"perspective":"COMMUNITY"', '"perspective":"SERVICE"'));
    await wipe(restored);
    await expect(restoreGraph(restored, tampered)).rejects.toThrow(
      /expected the digest sha256:\w+ of the backup, got sha256:\w+/,
    );
  });

  it('should carry every property type through export and restore exactly', async () => {
    await wipe(restored);
    await restored.write(
      {
        cypher: `CREATE (a:Probe {
            big: 9007199254740993, negative: -7, float: 1.0, nan: 0.0 / 0.0, text: '1',
            day: date('1848-03-18'), at: datetime('2024-10-27T02:30:00.123456789[Europe/Berlin]'),
            offsetAt: datetime('2024-01-01T00:00:00-04:30'), local: localdatetime('2024-02-29T12:00'),
            clock: time('10:15:30+01:00'), localClock: localtime('23:59:59.999999999'),
            span: duration('P1Y2M3DT4H5M6.789S'), place: point({longitude: 8.466, latitude: 49.4875}),
            space: point({x: 1, y: 2, z: 3}), names: ['a', 'b'], counts: [1, 2], flags: [true]
          })-[:LINKS {weight: 0.5, since: date('2020-01-01')}]->(b:Probe:Other {id: 'b'})`,
      },
      () => null,
    );
    const probeFile = path.join(workDir, 'probe.jsonl');
    const probe = await exportGraph(restored, probeFile);
    const read = () =>
      restored.read({ cypher: 'MATCH (n:Probe) RETURN n ORDER BY n.id' }, (r) =>
        canonicalProperties((r.get('n') as Node).properties),
      );
    const before = await read();
    await wipe(restored);
    const summary = await restoreGraph(restored, probeFile);
    expect(summary.digest).toBe(probe.digest);
    expect(await read()).toEqual(before);
    expect(JSON.stringify(before)).toContain('{"$int":"9007199254740993"}');
    expect(JSON.stringify(before)).toContain('"Europe/Berlin"');
  });

  it('should carry Offer and Need nodes with their OFFERS and NEEDS relationships, empty lists included', async () => {
    await wipe(restored);
    await restored.write(
      { cypher: "CREATE (:Partner {id: 'p-backup', name: 'Sicherung', scope: 'CITY'})" },
      () => null,
    );
    const rows = (texts: [string, string[]][]) =>
      texts.map(([text, topicKeys], position) => ({ text, query: text, topicKeys, position }));
    await restored.write(
      offerNeedQueries.replace(
        'p-backup',
        'offers',
        rows([
          ['Räume', ['culture']],
          ['Bus', []],
        ]),
      ),
      () => null,
    );
    await restored.write(
      offerNeedQueries.replace('p-backup', 'needs', rows([['Ehrenamtliche', []]])),
      () => null,
    );
    const read = () =>
      restored.read(
        {
          cypher: `MATCH (p:Partner)-[r:OFFERS|NEEDS]->(n)
RETURN p.scope AS scope, type(r) AS type, labels(n) AS labels, n AS node ORDER BY type, n.position`,
        },
        (r) => ({
          scope: r.get('scope') as string,
          type: r.get('type') as string,
          labels: r.get('labels') as string[],
          node: canonicalProperties((r.get('node') as Node).properties),
        }),
      );
    const before = await read();
    expect(before.map((row) => row.type)).toEqual(['NEEDS', 'OFFERS', 'OFFERS']);
    const file = path.join(workDir, 'offers-needs.jsonl');
    const exported = await exportGraph(restored, file);
    await wipe(restored);
    const summary = await restoreGraph(restored, file);
    expect(summary.digest).toBe(exported.digest);
    expect(await read()).toEqual(before);
    expect(JSON.stringify(before)).toContain('["topicKeys",[]]');
  });

  it('should run both CLIs as processes, with exit code 1 for a database that is not empty', async () => {
    const out = path.join(workDir, 'cli.jsonl');
    const exported = await runCli('export-cli.js', ['--out', out], {
      NEO4J_URI: process.env.NEO4J_URI as string,
    });
    expect(exported.stderr).not.toMatch(/failed/i);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`digest         ${header.digest}`);
    const refused = await runCli('restore-cli.js', [out], { NEO4J_URI: second.uri });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Restore failed: expected an empty database/);
    await expect(restoreGraph(restored, out)).rejects.toThrow(BackupError);
  });
});
