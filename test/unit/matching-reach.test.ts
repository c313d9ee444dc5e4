import { networkReach } from '../../src/matching/reach';
import { KEY_LABELS, REF_KINDS, refName } from '../../src/matching/reasons';
import type { FormerPartner } from '../../src/matching/seeker';

const former: FormerPartner[] = [
  { id: 'f1', neighbours: ['a', 'b', 'c'] },
  { id: 'f2', neighbours: ['b', 'c'] },
  { id: 'f3', neighbours: ['c'] },
];

describe('networkReach', () => {
  it('should order the channel by common former partners, then by id', () => {
    expect(networkReach({ former }, [], 10).channel).toEqual(['c', 'b', 'a']);
  });

  it('should leave excluded ids out of the channel', () => {
    expect(networkReach({ former }, ['c'], 10).channel).toEqual(['b', 'a']);
  });

  it('should cut the channel at the limit, keeping the strongest ties', () => {
    expect(networkReach({ former }, [], 2).channel).toEqual(['c', 'b']);
  });

  it('should break equal ties by id so the cut is deterministic', () => {
    const tied = [{ id: 'f', neighbours: ['z', 'y', 'x'] }];
    expect(networkReach({ former: tied }, [], 2).channel).toEqual(['x', 'y']);
  });

  it('should give the common former partners of a candidate in reading order', () => {
    const reach = networkReach({ former }, [], 10);
    expect(reach.commonOf('c')).toEqual(['f1', 'f2', 'f3']);
    expect(reach.commonOf('a')).toEqual(['f1']);
    expect(reach.commonOf('unknown')).toEqual([]);
  });

  it('should give a former partner its degree and 0 for others', () => {
    const reach = networkReach({ former }, [], 10);
    expect(reach.degreeOf('f1')).toBe(3);
    expect(reach.degreeOf('f3')).toBe(1);
    expect(reach.degreeOf('nobody')).toBe(0);
  });

  it('should give an empty channel to a seeker without former partners', () => {
    const reach = networkReach({ former: [] }, [], 10);
    expect(reach.channel).toEqual([]);
    expect(reach.commonOf('a')).toEqual([]);
  });
});

describe('refName', () => {
  it('should name each reason ref by the kind the table gives', () => {
    const labels = (kind: string, key: string) => ({
      de: `${kind}-de:${key}`,
      en: `${kind}:${key}`,
    });
    expect(refName('SHARED_TOPIC', 'health', labels, 'en')).toBe('topic:health');
    expect(refName('SAME_DISTRICT', 'mitte', labels, 'de')).toBe('district-de:mitte');
    expect(refName('SAME_BOROUGH', 'mitte', labels, 'en')).toBe('borough:mitte');
    expect(refName('OTHER_SECTOR', 'BUSINESS', labels, 'en')).toBe('sector:BUSINESS');
    expect(refName('ADDS_DIMENSION', 'age', labels, 'en')).toBe('dimension:age');
    expect(refName('ADDS_PERSPECTIVE', 'age', labels, 'en')).toBe('dimension:age');
  });

  it('should name sectors in words with the fallback labels', () => {
    expect(refName('OTHER_SECTOR', 'BUSINESS', KEY_LABELS, 'de')).toBe('Wirtschaft');
  });

  it('should map every reason code to a kind', () => {
    expect(Object.keys(REF_KINDS).sort()).toEqual([
      'ADDS_DIMENSION',
      'ADDS_PERSPECTIVE',
      'COMMON_PARTNERS',
      'NEEDS_WHAT_YOU_OFFER',
      'NEVER_COOPERATED',
      'NO_DIMENSIONS_YET',
      'OFFERS_WHAT_YOU_NEED',
      'OTHER_COMMUNITY',
      'OTHER_SECTOR',
      'SAME_BOROUGH',
      'SAME_DISTRICT',
      'SHARED_TOPIC',
      'WORKS_CITY_WIDE',
    ]);
  });
});
