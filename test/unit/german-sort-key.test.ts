import { readFile } from 'node:fs/promises';
import { projectPath } from '../../src/common/paths';
import { parseMigration } from '../../src/db/migrations';
import {
  GERMAN_FOLDS,
  germanSortKey,
  germanSortKeyCypher,
  SORT_KEY_SEPARATOR,
} from '../../src/partners/german-sort-key';

const germanSort = (names: readonly string[]) =>
  [...names].sort((a, b) => (germanSortKey(a) < germanSortKey(b) ? -1 : 1));

describe('germanSortKey (DIN 5007-1)', () => {
  it('should put Bäckerei before Braun', () => {
    expect(germanSort(['Braun & Weber GmbH', 'Bäckerei Kaya'])).toEqual([
      'Bäckerei Kaya',
      'Braun & Weber GmbH',
    ]);
  });

  it('should put Öko… among the O, not after Z', () => {
    expect(germanSort(['Zentrum', 'Ökumenischer Hilfsverbund', 'Oase', 'Ostwind'])).toEqual([
      'Oase',
      'Ökumenischer Hilfsverbund',
      'Ostwind',
      'Zentrum',
    ]);
  });

  it('should sort Straße as Strasse, tie-broken by the name', () => {
    expect(germanSortKey('Straße').startsWith(`strasse${SORT_KEY_SEPARATOR}`)).toBe(true);
    expect(germanSort(['Strassenfest', 'Straße', 'Strasse', 'Strassburg'])).toEqual([
      'Strassburg',
      'Strasse',
      'Straße',
      'Strassenfest',
    ]);
  });

  it('should ignore case and put a prefix first', () => {
    expect(germanSort(['Bauer', 'bau', 'Bau', 'BAUHAUS'])).toEqual([
      'Bau',
      'bau',
      'Bauer',
      'BAUHAUS',
    ]);
  });

  it('should fold the accents of Turkish, Polish and other names to their base letter', () => {
    expect(germanSort(['Demir', 'Çelik', 'Cem', 'Şahin', 'Sahra', 'Łódź', 'Lutz'])).toEqual([
      'Çelik',
      'Cem',
      'Demir',
      'Łódź',
      'Lutz',
      'Şahin',
      'Sahra',
    ]);
    expect(germanSortKey('İnci').split(SORT_KEY_SEPARATOR)[0]).toBe('inci');
  });

  it('should fold every letter of its table and keep the name after the separator', () => {
    for (const [from, to] of GERMAN_FOLDS) {
      expect(germanSortKey(`x${from}y`)).toBe(`x${to}y${SORT_KEY_SEPARATOR}x${from}y`);
    }
  });
});

describe('migration 016', () => {
  it('should fill the key with the same folding as germanSortKey', async () => {
    const file = '016_partner_name_sort_key';
    const text = await readFile(projectPath('schema', 'neo4j', `${file}.cypher`), 'utf8');
    const [index, fill] = parseMigration(file, text).statements;
    expect(index).toMatch(/ON \(p\.nameSortKey\)$/);
    expect(fill).toContain(`SET p.nameSortKey = ${germanSortKeyCypher('p.name')}`);
  });
});
