import type { PartnerProfile, ScoredCandidate } from '../../src/matching/matching.model';
import {
  diversify,
  intraListSimilarity,
  novelty,
  profileSimilarity,
} from '../../src/matching/diversify';
import { DEFAULT_DIVERSITY_LAMBDA } from '../../src/matching/rank';

function profile(id: string, overrides: Partial<PartnerProfile> = {}): PartnerProfile {
  return {
    id,
    sector: 'CIVIL_SOCIETY',
    districtKey: 'd1',
    boroughKey: 'b1',
    scope: 'NEIGHBOURHOOD',
    topics: ['education'],
    engagements: [{ dimension: 'age', perspective: 'COMMUNITY' }],
    cooperationCount: 1,
    lastActiveOn: '2023-06-12',
    ...overrides,
  };
}

const scored = (candidate: PartnerProfile, score: number): ScoredCandidate => ({
  candidate,
  score,
  components: [],
  signals: { commonPartners: 0, adamicAdar: 0 },
});

describe('profileSimilarity', () => {
  it('should be 1 for identical profiles', () => {
    expect(profileSimilarity(profile('a'), profile('b'))).toBe(1);
  });

  it('should be 0 for profiles sharing nothing', () => {
    const other = profile('b', {
      sector: 'BUSINESS',
      districtKey: 'd2',
      topics: ['sports'],
      engagements: [{ dimension: 'religion', perspective: 'SERVICE' }],
    });
    expect(profileSimilarity(profile('a'), other)).toBe(0);
  });

  it('should mix the four parts equally', () => {
    // same dimensions and sector, other topics and district
    const other = profile('b', { topics: ['sports'], districtKey: 'd2' });
    expect(profileSimilarity(profile('a'), other)).toBe(0.5);
  });

  it('should be symmetric', () => {
    const a = profile('a', { topics: ['x', 'y'] });
    const b = profile('b', { topics: ['y'], sector: 'POLITICS' });
    expect(profileSimilarity(a, b)).toBe(profileSimilarity(b, a));
  });
});

describe('diversify', () => {
  // Four near-identical top scorers and two distinct, slightly weaker ones.
  const clones = ['c1', 'c2', 'c3', 'c4'].map((id, i) => scored(profile(id), 0.9 - i * 0.01));
  const distinct = [
    scored(
      profile('x', {
        sector: 'BUSINESS',
        districtKey: 'd7',
        topics: ['sports'],
        engagements: [{ dimension: 'religion', perspective: 'SERVICE' }],
      }),
      0.8,
    ),
    scored(
      profile('y', {
        sector: 'POLITICS',
        districtKey: 'd8',
        topics: ['culture'],
        engagements: [{ dimension: 'gender', perspective: 'ADVOCACY' }],
      }),
      0.75,
    ),
  ];
  const all = [...clones, ...distinct];
  const ids = (list: readonly ScoredCandidate[]) => list.map((s) => s.candidate.id);

  it('should pick a varied list instead of k copies of one profile', () => {
    expect(ids(diversify(all, 3, 0.5))).toEqual(['c1', 'x', 'y']);
  });

  it('should never fill the top 5 with near-copies while another profile scores within a third of the best', () => {
    const copies = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((id, i) =>
      scored(profile(id), 0.9 - i * 0.001),
    );
    const other = scored(
      profile('o', {
        sector: 'BUSINESS',
        districtKey: 'd9',
        engagements: [{ dimension: 'gender', perspective: 'SERVICE' }],
      }),
      0.6 + 1e-9,
    );
    for (const lambda of [0, 0.3, DEFAULT_DIVERSITY_LAMBDA, 0.66]) {
      expect(ids(diversify([...copies, other], 5, lambda))).toContain('o');
    }
  });

  it('should rank by score alone when lambda is 1', () => {
    expect(ids(diversify(all, 3, 1))).toEqual(['c1', 'c2', 'c3']);
  });

  it('should be deterministic and independent of input order', () => {
    const first = ids(diversify(all, 4, 0.5));
    expect(ids(diversify([...all].reverse(), 4, 0.5))).toEqual(first);
    expect(ids(diversify(all, 4, 0.5))).toEqual(first);
  });

  it('should break ties by id', () => {
    const tied = ['b', 'c', 'a'].map((id) => scored(profile(id), 0.5));
    expect(ids(diversify(tied, 3, 1))).toEqual(['a', 'b', 'c']);
  });

  it('should return fewer than k when there are fewer candidates, and none for k = 0', () => {
    expect(diversify(distinct, 5, 0.7)).toHaveLength(2);
    expect(diversify(all, 0, 0.7)).toEqual([]);
  });

  it('should refuse a bad k or lambda', () => {
    expect(() => diversify(all, -1, 0.5)).toThrow(
      'expected k to be a non-negative integer, got -1',
    );
    expect(() => diversify(all, 2, 1.5)).toThrow('expected lambda to be between 0 and 1, got 1.5');
  });
});

describe('novelty', () => {
  const none = {
    dimensions: new Set<string>(),
    sectors: new Set<string>(),
    districts: new Set<string>(),
  };

  it('should be 1 for an empty list and 0 for a copy of a pick', () => {
    const a = profile('a');
    expect(novelty(a, none)).toBe(1);
    const covered = {
      dimensions: new Set(['age']),
      sectors: new Set(['CIVIL_SOCIETY']),
      districts: new Set(['d1']),
    };
    expect(novelty(profile('b'), covered)).toBe(0);
  });

  it('should count the share of new dimensions, a new sector and a new district equally', () => {
    const covered = {
      dimensions: new Set(['age']),
      sectors: new Set(['CIVIL_SOCIETY']),
      districts: new Set(['d1']),
    };
    const half = profile('h', {
      engagements: [
        { dimension: 'age', perspective: 'COMMUNITY' },
        { dimension: 'religion', perspective: 'COMMUNITY' },
      ],
      sector: 'BUSINESS',
    });
    expect(novelty(half, covered)).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
  });
});

describe('intraListSimilarity', () => {
  it('should be 1 for copies, 0 for strangers and for lists shorter than two', () => {
    expect(intraListSimilarity([profile('a'), profile('b'), profile('c')])).toBe(1);
    const stranger = profile('s', {
      sector: 'BUSINESS',
      districtKey: 'd9',
      topics: ['culture'],
      engagements: [{ dimension: 'gender', perspective: 'SERVICE' }],
    });
    expect(intraListSimilarity([profile('a'), stranger])).toBe(0);
    expect(intraListSimilarity([profile('a')])).toBe(0);
  });
});
