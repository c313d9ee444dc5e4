import { readFileSync } from 'node:fs';
import { ErrorCode, userError } from '../../src/common/errors';
import { projectPath } from '../../src/common/paths';

describe('error codes', () => {
  const catalogue = readFileSync(projectPath('docs', 'errors.md'), 'utf8');

  it.each(Object.entries(ErrorCode))('should key %s by its own code', (key, code) => {
    expect(key).toBe(code);
  });

  it.each(Object.values(ErrorCode))('should document %s in docs/errors.md', (code) => {
    expect(catalogue).toMatch(new RegExp(`^\\| \`${code}\` +\\|`, 'm'));
  });

  it('should document no code that the code does not have', () => {
    const documented = [...catalogue.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) => m[1]);
    const known = new Set<string>([
      ...Object.values(ErrorCode),
      ...documentedApolloCodes(catalogue),
    ]);
    expect(documented.filter((code) => !known.has(code as string))).toEqual([]);
  });

  it('should put the code into extensions and keep extra details', () => {
    const error = userError(ErrorCode.CONFLICT, 'expected ACTIVE, got PAUSED', {
      currentStatus: 'PAUSED',
    });
    expect(error.extensions).toEqual({ code: 'CONFLICT', currentStatus: 'PAUSED' });
  });
});

/** Codes set by Apollo Server or graphql-js, listed in their own table of the catalogue. */
function documentedApolloCodes(catalogue: string): string[] {
  const section = catalogue.split('## Codes set by Apollo Server')[1] ?? '';
  return [...section.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) => m[1] as string);
}
