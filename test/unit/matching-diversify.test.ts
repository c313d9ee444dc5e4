import type { PartnerProfile, ScoredCandidate } from '../../src/matching/matching.model';
import { diversify, profileSimilarity } from '../../src/matching/diversify';

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

  it('should use the given similarity', () => {
    const neverSimilar = () => 0;
    expect(ids(diversify(all, 3, 0.5, neverSimilar))).toEqual(['c1', 'c2', 'c3']);
  });

  it('should refuse a bad k or lambda', () => {
    expect(() => diversify(all, -1, 0.5)).toThrow(
      'expected k to be a non-negative integer, got -1',
    );
    expect(() => diversify(all, 2, 1.5)).toThrow('expected lambda to be between 0 and 1, got 1.5');
  });
});
