import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import {
  drawResamples,
  interval,
  meanOf,
  quantile,
  ratioOfMeans,
} from '../../src/matching/evaluation/bootstrap';
import { ROLLING_CUTS, rollingSplits, rollingWindows } from '../../src/matching/evaluation/cuts';
import { fullTextIndexes } from '../../src/matching/evaluation/eval-cli';
import { evaluateRegime, MATCHING, MATCHING_TUNED } from '../../src/matching/evaluation/evaluation';
import { GOALS, liveGoals, regimeGoals } from '../../src/matching/evaluation/goals';
import {
  type HistoryState,
  historyBefore,
  type NeedIndex,
  pairSignals,
  splitAt,
} from '../../src/matching/evaluation/history';
import {
  adamicAdar,
  allMethods,
  commonNeighbours,
  matching,
  needFitOnly,
  recommendAll,
  withTieOrder,
} from '../../src/matching/evaluation/methods';
import {
  catalogueCoverage,
  crossDimensionRate,
  exposureGini,
  gini,
  intraListSimilarity,
  meanReciprocalRank,
  ndcgAtK,
  recallAtK,
  sameDistrictShare,
  seekerScores,
} from '../../src/matching/evaluation/metrics';
import {
  isBetter,
  pooledRow,
  precomputeMatching,
  rankPrecomputed,
  shareOf,
  tuneMatching,
} from '../../src/matching/evaluation/tuning';
import { profileSimilarity } from '../../src/matching/diversify';
import { readMigrations } from '../../src/db/migrations';
import type { NeedMatch, PartnerProfile } from '../../src/matching/matching.model';
import { DEFAULT_DIVERSITY_LAMBDA } from '../../src/matching/rank';
import { DEFAULT_WEIGHTS } from '../../src/matching/scoring';
import { generateDemoAlliance } from '../../seeds/demo/generate';
import type { DemoAlliance, DemoPartner, PartnerStatus } from '../../seeds/demo/types';
import { readReferenceData, type ReferenceData } from '../../seeds/reference/load-reference-data';

const DEFAULTS = { weights: DEFAULT_WEIGHTS, lambda: DEFAULT_DIVERSITY_LAMBDA };

const engage = (dimension: string): Engagement => ({ dimension, perspective: 'COMMUNITY' });

describe('evaluation metrics', () => {
  // s1 finds one of two targets at rank 2, s2 its only target at rank 1, s3 has no target.
  const lists = new Map([
    ['s1', ['a', 'b', 'c']],
    ['s2', ['c', 'd']],
    ['s3', ['a']],
  ]);
  const targets = new Map([
    ['s1', new Set(['b', 'x'])],
    ['s2', new Set(['c'])],
    ['s3', new Set<string>()],
  ]);

  it('should average recall over the seekers with at least one target', () => {
    expect(recallAtK(lists, targets, 3)).toBeCloseTo((1 / 2 + 1) / 2, 12);
    expect(recallAtK(lists, targets, 1)).toBeCloseTo((0 + 1) / 2, 12);
  });

  it('should compute nDCG with binary relevance against an ideal list of min(k, |targets|) hits', () => {
    const s1 = 1 / Math.log2(3) / (1 + 1 / Math.log2(3));
    expect(ndcgAtK(lists, targets, 3)).toBeCloseTo((s1 + 1) / 2, 12);
  });

  it('should give MRR 1/rank of the first hit within k and 0 without one', () => {
    expect(meanReciprocalRank(lists, targets, 3)).toBeCloseTo((1 / 2 + 1) / 2, 12);
    expect(meanReciprocalRank(lists, targets, 1)).toBeCloseTo((0 + 1) / 2, 12);
  });

  it('should be 0 when no seeker has a target', () => {
    const none = new Map([['s1', new Set<string>()]]);
    expect(recallAtK(lists, none, 3)).toBe(0);
    expect(ndcgAtK(lists, none, 3)).toBe(0);
    expect(meanReciprocalRank(lists, none, 3)).toBe(0);
  });

  it('should count coverage over all lists, also those of seekers without targets', () => {
    expect(catalogueCoverage(lists, ['a', 'b', 'c', 'd', 'e'])).toBeCloseTo(4 / 5, 12);
    expect(catalogueCoverage(new Map([['s3', ['e']]]), ['a', 'e'])).toBe(0.5);
  });

  it('should give a Gini of 0 for equal counts and (n − 1) / n when one takes all', () => {
    expect(gini([2, 2, 2])).toBe(0);
    expect(gini([0, 0, 0, 5])).toBeCloseTo(3 / 4, 12);
    expect(gini([0, 0])).toBe(0);
  });

  it('should count never-shown candidates as 0 in the exposure Gini', () => {
    // Counts a 2, b 1, c 2, d 1, e 0: Σ|xi − xj| over ordered pairs 20, 2 n² mean 60.
    expect(exposureGini(lists, ['a', 'b', 'c', 'd', 'e'])).toBeCloseTo(1 / 3, 12);
  });

  it('should give the share of suggested pairs that pass the cross-dimension rule', () => {
    const profiles = new Map(
      [
        ['s1', 'age'],
        ['a', 'gender'],
        ['b', 'age'],
      ].map(([id, dimension]) => [id, { engagements: [engage(dimension as string)] }]),
    ) as unknown as Map<string, PartnerProfile>;
    expect(crossDimensionRate(new Map([['s1', ['a', 'b']]]), profiles)).toBe(0.5);
    expect(crossDimensionRate(new Map([['s1', []]]), profiles)).toBe(0);
  });
});

function partner(
  id: string,
  joinedOn: string,
  dimension: string,
  status: PartnerStatus = 'ACTIVE',
): DemoPartner {
  return {
    id,
    joinedOn,
    status,
    sector: 'CIVIL_SOCIETY',
    engagements: [engage(dimension)],
    topics: ['education'],
    district: 'd1',
    cooperationCount: 99,
    lastActiveOn: '2023-06-12',
  } as DemoPartner;
}

function cooperation(id: string, startedOn: string, partnerIds: string[]) {
  const participants = partnerIds.map((partnerId) => ({ partnerId, role: 'PARTNER' as const }));
  return { id, startedOn, participants } as DemoAlliance['cooperations'][number];
}

/**
 * Before the 2020 cut p1–p2 cooperated (c1) and p2, p3 and the since-departed p4 (c2). In the 2020
 * window c3 repeats p1–p2 and p2–p3 and adds p1–p3; c4 adds p1–p6 (both only "age", so it fails the
 * rule) and p5, who joined after the cut; c5 is after the window.
 */
const TINY = {
  partners: [
    partner('p1', '2016-07-01', 'age'),
    partner('p2', '2017-01-01', 'gender'),
    partner('p3', '2018-01-01', 'religion'),
    partner('p4', '2016-07-01', 'age', 'LEFT'),
    partner('p5', '2020-03-01', 'gender'),
    partner('p6', '2019-01-01', 'age'),
  ],
  cooperations: [
    cooperation('c1', '2018-05-01', ['p1', 'p2']),
    cooperation('c2', '2019-02-01', ['p2', 'p4', 'p3']),
    cooperation('c3', '2020-05-01', ['p1', 'p2', 'p3']),
    cooperation('c4', '2020-06-01', ['p1', 'p6', 'p5']),
    cooperation('c5', '2021-02-01', ['p3', 'p6']),
  ],
  events: [
    { id: 'e1', date: '2019-11-20' },
    { id: 'e2', date: '2020-02-01' },
  ],
  attendances: [
    { partnerId: 'p1', eventId: 'e1' },
    { partnerId: 'p1', eventId: 'e2' },
  ],
} as unknown as DemoAlliance;
const DISTRICTS = [{ key: 'd1', boroughKey: 'b1' }];
const CUT = '2020-01-01';

describe('history before a cut', () => {
  const split = splitAt(TINY, DISTRICTS, CUT, '2021-01-01');
  const profile = (id: string) => split.state.profiles.get(id);

  it('should take ACTIVE partners who joined before the cut as candidates', () => {
    expect(split.state.candidates.map((c) => c.id)).toEqual(['p1', 'p2', 'p3', 'p6']);
  });

  it('should count only cooperations started before the cut in the profiles', () => {
    expect(profile('p2')?.cooperationCount).toBe(2);
    expect(profile('p1')?.cooperationCount).toBe(1);
    expect(profile('p6')?.cooperationCount).toBe(0);
  });

  it('should take lastActiveOn from joining, cooperations and events before the cut only', () => {
    expect(profile('p1')?.lastActiveOn).toBe('2019-11-20');
    expect(profile('p3')?.lastActiveOn).toBe('2019-02-01');
    expect(profile('p6')?.lastActiveOn).toBe('2019-01-01');
  });

  it('should locate partners with their borough and no community', () => {
    expect(profile('p1')).toMatchObject({ districtKey: 'd1', boroughKey: 'b1', community: null });
  });

  it('should keep partners who left since in the graph, as they vouched for others then', () => {
    expect([...(split.state.neighbours.get('p2') ?? [])].sort()).toEqual(['p1', 'p3', 'p4']);
  });

  it('should target only new pairs of candidates, not pairs adjacent before the cut', () => {
    expect(split.newPairs).toEqual([
      ['p1', 'p3'],
      ['p1', 'p6'],
    ]);
  });

  it('should keep the new pairs that pass the cross-dimension rule in the second target set', () => {
    expect(split.crossDimensionPairs).toEqual([['p1', 'p3']]);
  });
});

describe('ranking methods', () => {
  const state = withTieOrder(historyBefore(TINY, DISTRICTS, CUT), 42);

  it.each(
    allMethods(DEFAULT_WEIGHTS, DEFAULT_DIVERSITY_LAMBDA).map((m) => [m.name, m.rank] as const),
  )('%s should exclude the seeker itself and its former partners', (_, rank) => {
    for (const seeker of state.candidates) {
      const list = rank(seeker, state, 10);
      expect(list).not.toContain(seeker.id);
      for (const former of state.neighbours.get(seeker.id) ?? []) {
        expect(list).not.toContain(former);
      }
    }
  });

  it('should break ties by the shared permutation, the same in every method', () => {
    const seeker = state.candidates.find((c) => c.id === 'p6') as PartnerProfile;
    const shared = ['p1', 'p2', 'p3'].sort(
      (a, b) => (state.tieOrder.get(a) ?? 0) - (state.tieOrder.get(b) ?? 0),
    );
    // p6 has no former partners, so every network score is 0 and all three tie.
    expect(adamicAdar(seeker, state, 10)).toEqual(shared);
    expect(commonNeighbours(seeker, state, 10)).toEqual(shared);
  });
});

describe('Adamic–Adar on a small graph', () => {
  // a and b share z1 (degree 3: a, b, c) and z2 (degree 2: a, b); a and c share only z1.
  const graph: Record<string, string[]> = {
    a: ['z1', 'z2'],
    b: ['z1', 'z2'],
    c: ['z1'],
    z1: ['a', 'b', 'c'],
    z2: ['a', 'b'],
  };
  const ids = ['a', 'b', 'c'];
  const state: HistoryState = {
    cut: CUT,
    candidates: ids.map((id) => ({ id, engagements: [] }) as unknown as PartnerProfile),
    profiles: new Map(),
    neighbours: new Map(Object.entries(graph).map(([id, n]) => [id, new Set(n)])),
  };

  it('should sum 1 / ln(degree) over the common partners', () => {
    expect(pairSignals(state, 'a', 'b')).toEqual({
      commonPartners: 2,
      adamicAdar: 1 / Math.log(3) + 1 / Math.log(2),
      commonPartnerIds: ['z1', 'z2'],
    });
    expect(pairSignals(state, 'a', 'c').adamicAdar).toBeCloseTo(1 / Math.log(3), 12);
  });

  it('should rank the candidate with the rarer common partners first', () => {
    const ranking = withTieOrder(state, 1);
    expect(adamicAdar(ranking.candidates[0] as PartnerProfile, ranking, 2)).toEqual(['b', 'c']);
  });

  it('should skip common partners of degree ≤ 1 instead of dividing by ln 1 = 0', () => {
    const broken: HistoryState = {
      ...state,
      neighbours: new Map([
        ['a', new Set(['z'])],
        ['b', new Set(['z'])],
        ['z', new Set(['a'])],
      ]),
    };
    expect(pairSignals(broken, 'a', 'b')).toMatchObject({ commonPartners: 1, adamicAdar: 0 });
  });
});

describe('tuning order', () => {
  const row = (recall: number, gini: number) => ({
    recall,
    gini,
    ndcg: 0,
    mrr: 0,
    coverage: 0,
    crossDimensionRate: 1,
    sameDistrict: 0,
    intraListSimilarity: 0,
  });

  it('should prefer meeting the Gini limit, then higher recall, else lower Gini', () => {
    expect(isBetter(row(0.1, 0.4), row(0.9, 0.6), 0.5)).toBe(true);
    expect(isBetter(row(0.3, 0.4), row(0.2, 0.1), 0.5)).toBe(true);
    expect(isBetter(row(0.2, 0.4), row(0.2, 0.1), 0.5)).toBe(false);
    expect(isBetter(row(0, 0.6), row(0.9, 0.7), 0.5)).toBe(true);
  });

  it('should pool recall over seekers and the spread over splits', () => {
    const pooled = pooledRow([
      { metrics: row(0.2, 0.4), seekers: 30 },
      { metrics: row(0.6, 0.2), seekers: 10 },
    ]);
    expect(pooled.recall).toBeCloseTo((0.2 * 30 + 0.6 * 10) / 40, 12);
    expect(pooled.gini).toBeCloseTo(0.3, 12);
    expect(pooledRow([]).recall).toBe(0);
  });

  it('should give a share of 1 when the best recall is 0', () => {
    expect(shareOf(0.1, 0.2)).toBeCloseTo(0.5, 12);
    expect(shareOf(0, 0)).toBe(1);
  });
});

describe('per-seeker scores and list metrics', () => {
  const place = (id: string, districtKey: string | null, sector = 'CIVIL_SOCIETY') =>
    ({
      id,
      sector,
      districtKey,
      boroughKey: null,
      scope: 'NEIGHBOURHOOD',
      topics: ['education'],
      engagements: [engage('age')],
      cooperationCount: 0,
      lastActiveOn: '2020-01-01',
    }) as PartnerProfile;
  const profiles = new Map(
    [
      place('s', 'd1'),
      place('a', 'd1'),
      place('b', 'd2', 'BUSINESS'),
      place('c', null),
      place('t', null),
    ].map((p) => [p.id, p]),
  );

  it('should give one score per seeker with a target, sorted by id, averaging to recall and nDCG', () => {
    const lists = new Map([
      ['s2', ['c', 'd']],
      ['s1', ['a', 'b', 'c']],
    ]);
    const targets = new Map([
      ['s2', new Set(['c'])],
      ['s1', new Set(['b', 'x'])],
      ['s3', new Set<string>()],
    ]);
    const scores = seekerScores(lists, targets, 3);
    expect(scores.map((s) => s.seekerId)).toEqual(['s1', 's2']);
    const mean = (pick: (s: (typeof scores)[number]) => number) =>
      scores.reduce((sum, s) => sum + pick(s), 0) / scores.length;
    expect(mean((s) => s.recall)).toBeCloseTo(recallAtK(lists, targets, 3), 12);
    expect(mean((s) => s.ndcg)).toBeCloseTo(ndcgAtK(lists, targets, 3), 12);
  });

  it('should count a suggestion as same-Stadtteil only when both districts are known and equal', () => {
    // s in d1: a (d1) yes, b (d2) no, c (unknown) no; t has no district, so never.
    const lists = new Map([
      ['s', ['a', 'b', 'c']],
      ['t', ['c']],
    ]);
    expect(sameDistrictShare(lists, profiles)).toBeCloseTo(1 / 4, 12);
    expect(sameDistrictShare(new Map([['s', []]]), profiles)).toBe(0);
  });

  it('should average the mean pairwise similarity within each list of two or more', () => {
    const similarity = (a: string, b: string) =>
      profileSimilarity(profiles.get(a) as PartnerProfile, profiles.get(b) as PartnerProfile);
    const [ab, ac, bc] = [similarity('a', 'b'), similarity('a', 'c'), similarity('b', 'c')];
    const lists = new Map([
      ['s', ['a', 'b', 'c']],
      ['t', ['a', 'b']],
      ['u', ['c']],
    ]);
    expect(intraListSimilarity(lists, profiles)).toBeCloseTo(((ab + ac + bc) / 3 + ab) / 2, 12);
    expect(intraListSimilarity(new Map([['u', ['c']]]), profiles)).toBe(0);
  });
});

describe('bootstrap', () => {
  // A skew-free sample: recall-like values of 0, 0.5 and 1.
  const sample = (n: number) => Array.from({ length: n }, (_, i) => (i % 3) / 2);

  it('should give the same interval for the same seed and another for another seed', () => {
    const values = sample(60);
    const first = interval(drawResamples(60, { seed: 7 }), meanOf(values));
    expect(interval(drawResamples(60, { seed: 7 }), meanOf(values))).toEqual(first);
    expect(drawResamples(60, { seed: 8 }).weights).not.toEqual(
      drawResamples(60, { seed: 7 }).weights,
    );
  });

  it('should contain the point estimate, which is the plain mean', () => {
    const values = sample(90);
    const { estimate, low, high } = interval(drawResamples(90), meanOf(values));
    expect(estimate).toBeCloseTo(values.reduce((s, x) => s + x, 0) / 90, 12);
    expect(low).toBeLessThanOrEqual(estimate);
    expect(high).toBeGreaterThanOrEqual(estimate);
    expect(low).toBeLessThan(high);
  });

  it('should narrow as the number of seekers grows', () => {
    const width = (n: number) => {
      const { low, high } = interval(drawResamples(n), meanOf(sample(n)));
      return high - low;
    };
    expect(width(400)).toBeLessThan(width(100));
    expect(width(100)).toBeLessThan(width(25));
  });

  it('should draw n units per resample', () => {
    const resamples = drawResamples(17, { resamples: 5 });
    expect(resamples.weights).toHaveLength(5);
    for (const w of resamples.weights) expect(w.reduce((s, x) => s + x, 0)).toBe(17);
  });

  it('should compute the ratio of means on the same resample', () => {
    const top = [1, 0, 1, 1];
    const bottom = [0.5, 0, 0.5, 0.5];
    const { estimate, low, high } = interval(drawResamples(4), ratioOfMeans(top, bottom));
    // Paired: every resample has the same ratio 2, whatever it draws.
    expect([estimate, low, high]).toEqual([2, 2, 2]);
    expect(ratioOfMeans([1], [0])(new Uint32Array([1]))).toBe(Infinity);
    expect(ratioOfMeans([0], [0])(new Uint32Array([1]))).toBe(1);
  });

  it('should interpolate quantiles linearly and keep infinite bounds infinite', () => {
    expect(quantile([0, 10], 0.25)).toBeCloseTo(2.5, 12);
    expect(quantile([1, Infinity, Infinity], 0.9)).toBe(Infinity);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('should reject a bad size, count or level', () => {
    expect(() => drawResamples(-1)).toThrow(RangeError);
    expect(() => drawResamples(3, { resamples: 0 })).toThrow(RangeError);
    expect(() => drawResamples(3, { level: 1 })).toThrow(RangeError);
  });
});

describe('rolling cuts', () => {
  it('should predict until the next cut and the last until the day after asOf', () => {
    expect(rollingWindows(ROLLING_CUTS, '2023-06-12')).toEqual([
      { cut: '2018-06-12', until: '2019-06-12', role: 'validation' },
      { cut: '2019-06-12', until: '2020-06-12', role: 'validation' },
      { cut: '2020-06-12', until: '2021-06-12', role: 'test' },
      { cut: '2021-06-12', until: '2023-06-13', role: 'test' },
    ]);
  });

  it('should reject unordered cuts, cuts after asOf and a count leaving no test cut', () => {
    expect(() => rollingWindows(['2020-01-01', '2019-01-01'], '2023-06-12')).toThrow(RangeError);
    expect(() => rollingWindows(['2024-01-01'], '2023-06-12')).toThrow(RangeError);
    expect(() => rollingWindows(['2019-01-01', '2020-01-01'], '2023-06-12', 2)).toThrow(RangeError);
  });

  // TINY with cuts 2019-01-01 (validation, until 2020-01-01) and 2020-01-01 (test, until 2021-01-01).
  const windows = rollingWindows(['2019-01-01', '2020-01-01'], '2020-12-31', 1);
  const splits = rollingSplits(TINY, DISTRICTS, windows);

  it('should build each state from the history before its own cut only', () => {
    const [validation] = splits.validation;
    // Before 2019-01-01 only c1 (p1–p2) happened: c2 (2019-02-01) is not in the state yet.
    expect(validation?.state.neighbours.get('p2')).toEqual(new Set(['p1']));
    expect(validation?.state.profiles.get('p2')?.cooperationCount).toBe(1);
    // p6 joins on the cut day itself: not yet a candidate.
    expect(validation?.state.candidates.map((c) => c.id)).toEqual(['p1', 'p2', 'p3']);
    const [test] = splits.test;
    expect(test?.state.profiles.get('p2')?.cooperationCount).toBe(2);
  });

  it('should target in each window only the pairs of that window', () => {
    // Validation window 2019: c2 adds p2–p3 (p4 left, so it is no candidate).
    expect(splits.validation[0]?.newPairs).toEqual([['p2', 'p3']]);
    // Test window 2020: c3 and c4; c5 (2021) is after it.
    expect(splits.test[0]?.newPairs).toEqual([
      ['p1', 'p3'],
      ['p1', 'p6'],
    ]);
  });
});

describe('need matches in the pair signals', () => {
  const match = (direction: NeedMatch['direction'], fit: number): NeedMatch => ({
    direction,
    need: 'Wir suchen Räume',
    offer: 'Wir vermieten Räume',
    fit,
  });
  // Built by hand, as the full-text index would give them: p6 needs what p2 offers, both ways round.
  const needs: NeedIndex = new Map([
    ['p6', new Map([['p2', [match('THEY_OFFER', 0.8)]]])],
    ['p2', new Map([['p6', [match('YOU_OFFER', 0.8)]]])],
  ]);
  const state = withTieOrder(historyBefore(TINY, DISTRICTS, CUT, needs), 42);

  it('should put a pair’s matches into its signals and leave other pairs without', () => {
    expect(pairSignals(state, 'p6', 'p2').needMatches).toEqual([match('THEY_OFFER', 0.8)]);
    expect(pairSignals(state, 'p6', 'p1').needMatches).toBeUndefined();
    expect(
      pairSignals(historyBefore(TINY, DISTRICTS, CUT), 'p6', 'p2').needMatches,
    ).toBeUndefined();
  });

  it('should rank the candidate that meets the seeker’s need first in needFit only', () => {
    const seeker = state.profiles.get('p6') as PartnerProfile;
    expect(needFitOnly(seeker, state, 10)[0]).toBe('p2');
  });

  it('should let the matching see needFit: weighting only needFit puts p2 first', () => {
    const seeker = state.profiles.get('p6') as PartnerProfile;
    const weights = { ...DEFAULT_WEIGHTS };
    for (const name of Object.keys(weights) as (keyof typeof weights)[]) {
      (weights as Record<string, number>)[name] = name === 'needFit' ? 1 : 0;
    }
    expect(matching(weights, 1)(seeker, state, 10)[0]).toBe('p2');
  });
});

describe('goals', () => {
  const ratio = (low: number) => ({ estimate: low + 0.3, low, high: low + 0.6 });

  it('should pass a regime at exactly 90 % of the tuned recall and fail below', () => {
    const at = regimeGoals({
      regime: 'R',
      defaultRecall: 0.18,
      tunedRecall: 0.2,
      ratio: ratio(1.1),
    });
    expect(at.map((g) => g.pass)).toEqual([true, true]);
    const below = regimeGoals({
      regime: 'R',
      defaultRecall: 0.17,
      tunedRecall: 0.2,
      ratio: ratio(1.1),
    });
    expect(below.map((g) => g.pass)).toEqual([false, true]);
  });

  it('should need the ratio CI lower bound strictly above 1', () => {
    const checks = regimeGoals({ regime: 'R', defaultRecall: 1, tunedRecall: 1, ratio: ratio(1) });
    expect(checks[1]?.pass).toBe(false);
  });

  it('should check the live lists against every limit', () => {
    const good = { sameDistrict: 0.4, crossDimensionRate: 1, gini: 0.35, coverage: 0.9 };
    expect(liveGoals(good).every((g) => g.pass)).toBe(true);
    expect(liveGoals({ ...good, sameDistrict: 0.41 })[0]?.pass).toBe(false);
    expect(liveGoals({ ...good, crossDimensionRate: 0.99 })[1]?.pass).toBe(false);
    expect(liveGoals({ ...good, coverage: GOALS.minCoverage - 0.01 })[2]?.pass).toBe(false);
    expect(liveGoals({ ...good, gini: 0.36 })[2]?.pass).toBe(false);
  });
});

describe('full-text indexes to rebuild per regime', () => {
  it('should find the migrations’ full-text indexes by name with their own statements', async () => {
    const indexes = fullTextIndexes(await readMigrations());
    expect(indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['offer_need_de', 'offer_need_en']),
    );
    for (const { name, statement } of indexes) {
      expect(statement).toMatch(new RegExp(`^CREATE FULLTEXT INDEX ${name} `));
    }
  });

  it('should ignore other statements', () => {
    const migration = {
      id: 'x',
      checksum: '',
      statements: ['CREATE INDEX a IF NOT EXISTS FOR (p:P) ON (p.a)'],
    };
    expect(fullTextIndexes([migration])).toEqual([]);
  });
});

describe('one regime, end to end without a database', () => {
  const input = {
    regime: 'TINY',
    alliance: TINY,
    districts: DISTRICTS,
    windows: rollingWindows(['2019-01-01', '2020-01-01'], '2020-12-31', 1),
  };
  const report = evaluateRegime(input, 42);

  it('should report every baseline, the matching and the tuned matching on the same units', () => {
    expect(report.methods.map((m) => m.name)).toEqual([
      ...allMethods(DEFAULT_WEIGHTS, DEFAULT_DIVERSITY_LAMBDA).map((m) => m.name),
      MATCHING_TUNED,
    ]);
    // Test window 2020: new pairs p1–p3 and p1–p6, so seekers p1, p3 and p6.
    expect(report.units).toBe(3);
    for (const method of report.methods) {
      expect(method.scores.map((u) => u.seekerId)).toEqual(['p1', 'p3', 'p6']);
    }
  });

  it('should be deterministic and feed the goals from the table', () => {
    expect(evaluateRegime(input, 42)).toEqual(report);
    const matchingRow = report.methods.find((m) => m.name === MATCHING);
    expect(report.outcome.defaultRecall).toBe(matchingRow?.pooled.recall);
    expect(report.outcome.ratio).toBe(report.ratio);
  });
});

describe('evaluation on the default demo alliance', () => {
  let reference: ReferenceData;
  let alliance: DemoAlliance;

  beforeAll(async () => {
    reference = await readReferenceData();
    alliance = generateDemoAlliance({}, reference);
  });

  it('should give equal lists on two runs, all passing the rule for matching', () => {
    const state = withTieOrder(historyBefore(alliance, reference.districts, '2021-06-12'), 42);
    const first = recommendAll(matching(DEFAULTS.weights, DEFAULTS.lambda), state, 10);
    const second = recommendAll(matching(DEFAULTS.weights, DEFAULTS.lambda), state, 10);
    expect(second).toEqual(first);
    expect(crossDimensionRate(first, state.profiles)).toBe(1);
  });

  it('should rank in the tuning exactly as the matching method does, need matches included', () => {
    const base = historyBefore(alliance, reference.districts, '2019-06-12');
    // A hand-built need index over some pairs, so that needFit varies as it does with the index.
    const ids = base.candidates.map((c) => c.id);
    const needs: NeedIndex = new Map(
      ids.map((a, i) => [
        a,
        new Map(
          ids
            .filter((_, j) => (i * 7 + j * 3) % 11 === 0)
            .map((b) => [b, [{ direction: 'THEY_OFFER', need: 'n', offer: 'o', fit: 0.6 }]]),
        ),
      ]),
    );
    const history = { ...base, needs };
    const state = withTieOrder(history, 42);
    const table = precomputeMatching(history);
    // Every component weighted, unevenly, and a strong diversification: all of the arithmetic counts.
    const { weights, lambda } = {
      weights: { ...DEFAULT_WEIGHTS, complementarity: 0.5, bridging: 2, activity: 1, exposure: 3 },
      lambda: 0.6,
    };
    expect(rankPrecomputed(table, { weights, lambda }, 10)).toEqual(
      recommendAll(matching(weights, lambda), state, 10),
    );
  });

  it('should start the search at the best of its starting points', () => {
    const split = splitAt(alliance, reference.districts, '2019-06-12', '2020-06-12');
    const onlyExposure = {
      weights: { ...DEFAULT_WEIGHTS, ...zeroWeights(), exposure: 1, complementarity: 1 },
      lambda: 0.5,
    };
    const alone = (start: typeof DEFAULTS) =>
      tuneMatching(split, { start, maxPasses: 0, floors: {} }).validation.recall;
    const both = tuneMatching(split, {
      start: onlyExposure,
      alsoStartFrom: [DEFAULTS],
      maxPasses: 0,
      floors: {},
    });
    expect(alone(DEFAULTS)).toBeGreaterThan(alone(onlyExposure));
    expect(both).toMatchObject({ ...DEFAULTS, evaluations: 2, passes: 0 });
  });
});

function zeroWeights(): Record<string, number> {
  return Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((name) => [name, 0]));
}
