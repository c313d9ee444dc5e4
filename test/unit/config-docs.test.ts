import { readFileSync } from 'node:fs';
import { ENV_NAMES, ENV_SPEC } from '../../src/config';
import { projectPath } from '../../src/common/paths';

/** The names in the first column of docs/configuration.md's table of variables. */
function documentedNames(page: string): string[] {
  return [...page.matchAll(/^\| `([A-Z][A-Z0-9_]*)` +\|/gm)].map((m) => m[1] as string);
}

describe('configuration docs', () => {
  const page = readFileSync(projectPath('docs', 'configuration.md'), 'utf8');
  const documented = documentedNames(page);

  it('should list every name of ENV_SPEC in ENV_NAMES', () => {
    expect([...ENV_NAMES].sort()).toEqual(Object.keys(ENV_SPEC).sort());
  });

  it.each([...ENV_NAMES])('should document %s in docs/configuration.md', (name) => {
    expect(documented).toContain(name);
  });

  it('should document no variable that the config does not read', () => {
    const known = new Set<string>(ENV_NAMES);
    expect(documented.filter((name) => !known.has(name))).toEqual([]);
  });

  it('should document each variable once', () => {
    expect(documented.filter((name, i) => documented.indexOf(name) !== i)).toEqual([]);
  });
});
