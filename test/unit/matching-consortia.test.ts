import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import { checkCrossDimensionRule } from '../../src/cooperations/cross-dimension-rule';
import { type PoolMember, searchConsortia } from '../../src/matching/consortia';
import { explainConsortium } from '../../src/matching/consortium-reasons';
import type { PartnerProfile } from '../../src/matching/matching.model';
import { KEY_LABELS } from '../../src/matching/reasons';
import { DEFAULT_WEIGHTS } from '../../src/matching/scoring';

const ASOF = '2023-06-12';
const engage = (dimension: string): Engagement => ({ dimension, perspective: 'COMMUNITY' });

function member(
  id: string,
  dimensions: string[],
  overrides: Partial<PartnerProfile> = {},
): PoolMember {
  return {
    profile: {
      id,
      sector: 'CIVIL_SOCIETY',
      districtKey: 'd1',
      boroughKey: 'b1',
      scope: 'NEIGHBOURHOOD',
      topics: ['education'],
      engagements: dimensions.map(engage),
      cooperationCount: 1,
      lastActiveOn: ASOF,
      community: null,
      ...overrides,
    },
    neighbours: new Map(),
  };
}

const query = (dimensions: string[], size: number, extra = {}) => ({
  dimensions,
  size,
  first: 5,
  weights: DEFAULT_WEIGHTS,
  asOf: ASOF,
  ...extra,
});

describe('searchConsortia', () => {
  const pool = [
    member('a', ['age']),
    member('b', ['gender']),
    member('c', ['religion']),
    member('d', ['age', 'gender']),
    member('e', ['abilities']),
    member('f', ['age']),
  ];

  it('should find a group covering every requested dimension first', () => {
    const [best] = searchConsortia(pool, query(['age', 'gender', 'religion', 'abilities'], 3));
    expect(best?.coverage).toBe(1);
    expect(best?.missing).toEqual([]);
    expect(best?.memberIds).toHaveLength(3);
    expect(best?.memberIds).toEqual(expect.arrayContaining(['c', 'd', 'e']));
  });

  it('should only return groups of the requested size that pass the cross-dimension rule', () => {
    const groups = searchConsortia(pool, query(['age', 'gender', 'religion'], 4));
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      expect(group.memberIds).toHaveLength(4);
      const engagements = group.memberIds.map(
        (id) => pool.find((m) => m.profile.id === id)?.profile.engagements ?? [],
      );
      expect(checkCrossDimensionRule(engagements)).toBeNull();
    }
  });

  it('should put the including partner first in every group', () => {
    const groups = searchConsortia(
      pool,
      query(['age', 'religion', 'abilities'], 3, { including: 'b' }),
    );
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(group.memberIds[0]).toBe('b');
  });

  it('should report partial coverage and the missing dimensions when no group covers all', () => {
    const [best] = searchConsortia(pool, query(['age', 'sexual_orientation'], 3));
    expect(best?.coverage).toBe(0.5);
    expect(best?.missing).toEqual(['sexual_orientation']);
  });

  it('should vary the groups: no two share more than size − 2 members', () => {
    const groups = searchConsortia(pool, query(['age', 'gender', 'religion', 'abilities'], 3));
    groups.forEach((g, i) =>
      groups.slice(i + 1).forEach((h) => {
        expect(g.memberIds.filter((id) => h.memberIds.includes(id)).length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('should not depend on the order of the pool', () => {
    const dims = ['age', 'gender', 'religion', 'abilities'];
    expect(searchConsortia([...pool].reverse(), query(dims, 3))).toEqual(
      searchConsortia(pool, query(dims, 3)),
    );
  });

  it('should prefer members who share former partners, other things equal', () => {
    const trusted = [member('x', ['age']), member('y', ['gender']), member('z', ['religion'])];
    const strangers = [member('u', ['age']), member('v', ['gender']), member('w', ['religion'])];
    for (const m of trusted) (m.neighbours as Map<string, number>).set('hub', 3);
    const [best] = searchConsortia(
      [...strangers, ...trusted],
      query(['age', 'gender', 'religion'], 3),
    );
    expect(best?.memberIds.sort()).toEqual(['x', 'y', 'z']);
  });
});

describe('explainConsortium', () => {
  it('should name covered and missing dimensions, sectors and shared partners', () => {
    const a = member('a', ['age'], { sector: 'BUSINESS' });
    const b = member('b', ['gender']);
    (a.neighbours as Map<string, number>).set('z', 2);
    (b.neighbours as Map<string, number>).set('z', 2);
    const reasons = explainConsortium(
      { members: [a, b], covered: ['age', 'gender'], missing: ['religion'] },
      KEY_LABELS,
      'en',
    );
    expect(reasons).toEqual([
      'Covers the dimensions age, gender together.',
      'Still missing: religion.',
      'Connects the sectors business, civil society.',
      '1 pair(s) of the group already share former cooperation partners.',
      'All are based in the borough “b1”.',
    ]);
  });
});
