import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import { evaluateCut, evaluationSplits } from '../../src/matching/evaluation/eval-cli';
import {
  type HistoryState,
  historyBefore,
  pairSignals,
  splitAt,
} from '../../src/matching/evaluation/history';
import {
  adamicAdar,
  allMethods,
  commonNeighbours,
  matching,
  recommendAll,
  withTieOrder,
} from '../../src/matching/evaluation/methods';
import {
  catalogueCoverage,
  crossDimensionRate,
  exposureGini,
  gini,
  meanReciprocalRank,
  ndcgAtK,
  recallAtK,
} from '../../src/matching/evaluation/metrics';
import {
  isBetter,
  precomputeMatching,
  rankPrecomputed,
  tuneMatching,
} from '../../src/matching/evaluation/tuning';
import type { PartnerProfile } from '../../src/matching/matching.model';
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
  });

  it('should prefer meeting the Gini limit, then higher recall, else lower Gini', () => {
    expect(isBetter(row(0.1, 0.4), row(0.9, 0.6), 0.5)).toBe(true);
    expect(isBetter(row(0.3, 0.4), row(0.2, 0.1), 0.5)).toBe(true);
    expect(isBetter(row(0.2, 0.4), row(0.2, 0.1), 0.5)).toBe(false);
    expect(isBetter(row(0, 0.6), row(0.9, 0.7), 0.5)).toBe(true);
  });
});

describe('evaluation on the default demo alliance', () => {
  let reference: ReferenceData;
  let alliance: DemoAlliance;

  beforeAll(async () => {
    reference = await readReferenceData();
    alliance = generateDemoAlliance({}, reference);
  });

  it('should give equal results on two runs, with a cross-dimension rate of 1 for matching', () => {
    const first = evaluateCut(evaluationSplits(alliance, reference.districts).test, DEFAULTS, 42);
    const second = evaluateCut(evaluationSplits(alliance, reference.districts).test, DEFAULTS, 42);
    expect(second.rows).toEqual(first.rows);
    const row = first.rows.find((r) => r.name === 'matching');
    expect(row?.metrics.all.crossDimensionRate).toBe(1);
    expect(row?.metrics.crossDimension.crossDimensionRate).toBe(1);
  });

  it('should rank in the tuning exactly as the matching method does', () => {
    const { validation } = evaluationSplits(alliance, reference.districts);
    const state = withTieOrder(validation.state, 42);
    const table = precomputeMatching(validation.state);
    // Every component weighted, unevenly, and a strong diversification: all of the arithmetic counts.
    const { weights, lambda } = {
      weights: { ...DEFAULT_WEIGHTS, complementarity: 0.5, bridging: 2, activity: 1, exposure: 3 },
      lambda: 0.6,
    };
    expect(rankPrecomputed(table, { weights, lambda }, 10)).toEqual(
      recommendAll(matching(weights, lambda), state, 10),
    );
  });

  it('should keep DEFAULT_WEIGHTS and lambda in sync with the tuning on the validation cut', () => {
    const { validation } = evaluationSplits(alliance, reference.districts);
    const tuned = tuneMatching(validation, { start: DEFAULTS });
    expect(tuned).toMatchObject({ ...DEFAULTS, converged: true, feasible: true, passes: 1 });
  });
});
