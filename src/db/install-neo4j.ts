import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectPath } from '../common/paths';

/** Folder of the launcher, its POM and the (git-ignored) jar cache `lib/`. */
export const EMBEDDED_NEO4J_DIR = projectPath('tools', 'embedded-neo4j');
const LIB_DIR = path.join(EMBEDDED_NEO4J_DIR, 'lib');
const MARKER = path.join(LIB_DIR, '.complete');

/** How often Maven is run before giving up; Maven Central may answer 429 to bursts. */
const MAX_ATTEMPTS = 5;
const FIRST_BACKOFF_MS = 5_000;

/** Thrown when the jars cannot be fetched; the message says what to do. */
export class Neo4jInstallError extends Error {
  override readonly name = 'Neo4jInstallError';
}

type Report = (line: string) => void;

/**
 * Makes sure the Neo4j jars are in `tools/embedded-neo4j/lib/`, downloading them once with
 * `mvn dependency:copy-dependencies`. A marker holding the POM's hash makes a second call free
 * (no Maven run, no network) until the POM changes.
 *
 * @param report - receives progress lines while Maven downloads
 * @returns the jar folder
 * @throws {Neo4jInstallError} when Maven is missing or fails after {@link MAX_ATTEMPTS} tries
 */
export async function ensureNeo4jJars(report: Report = () => undefined): Promise<string> {
  const pomHash = hashPom();
  if (existsSync(MARKER) && readFileSync(MARKER, 'utf8') === pomHash) return LIB_DIR;

  report('Fetching the Neo4j jars from Maven Central (once; later starts reuse them) ...');
  const staging = `${LIB_DIR}.partial`;
  await rm(staging, { recursive: true, force: true });
  for (let attempt = 1; ; attempt += 1) {
    const result = await runMaven(staging, report);
    if (result.ok) break;
    if (result.missing || attempt === MAX_ATTEMPTS) {
      throw new Neo4jInstallError(
        result.missing
          ? 'Maven (mvn) was not found. Install Maven 3.8+ or set NEO4J_URI to use an existing Neo4j.'
          : `Maven could not fetch the Neo4j jars after ${attempt} attempts:\n${result.tail}`,
      );
    }
    const backoff = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
    report(`Maven failed (attempt ${attempt}/${MAX_ATTEMPTS}); retrying in ${backoff / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, backoff));
  }
  const jars = (await readdir(staging)).filter((name) => name.endsWith('.jar'));
  await writeFile(path.join(staging, '.complete'), pomHash);
  await rm(LIB_DIR, { recursive: true, force: true });
  await rename(staging, LIB_DIR);
  report(`Neo4j jars ready: ${jars.length} jars in ${LIB_DIR}`);
  return LIB_DIR;
}

function hashPom(): string {
  const pom = readFileSync(path.join(EMBEDDED_NEO4J_DIR, 'pom.xml'));
  return createHash('sha256').update(pom).digest('hex');
}

interface MavenResult {
  ok: boolean;
  missing: boolean;
  tail: string;
}

async function runMaven(outputDir: string, report: Report): Promise<MavenResult> {
  await mkdir(outputDir, { recursive: true });
  const args = [
    '-B',
    '-f',
    path.join(EMBEDDED_NEO4J_DIR, 'pom.xml'),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${outputDir}`,
    '-DincludeScope=runtime',
    '-Dmaven.wagon.http.retryHandler.count=3',
  ];
  return new Promise((resolve) => {
    const maven = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let downloaded = 0;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        lines.push(line);
        if (lines.length > 30) lines.shift();
        if (line.includes('Downloaded from')) {
          downloaded += 1;
          if (downloaded % 25 === 0) report(`  ... ${downloaded} files downloaded`);
        }
      }
    };
    maven.stdout.on('data', onData);
    maven.stderr.on('data', onData);
    maven.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, missing: error.code === 'ENOENT', tail: error.message }),
    );
    maven.on('close', (code) =>
      resolve({ ok: code === 0, missing: false, tail: lines.join('\n') }),
    );
  });
}

if (require.main === module) {
  ensureNeo4jJars((line) => process.stderr.write(`${line}\n`)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
