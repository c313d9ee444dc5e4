import type { Engagement } from '../../src/cooperations/cross-dimension-rule';
import type {
  NeedMatch,
  NetworkSignals,
  PartnerProfile,
  Weights,
} from '../../src/matching/matching.model';
import { explainPair } from '../../src/matching/reasons';
import { generateDemoAlliance } from '../../seeds/demo/generate';
import { readReferenceData } from '../../seeds/reference/load-reference-data';
import {
  activity,
  bridging,
  commonGround,
  complementarity,
  DEFAULT_WEIGHTS,
  exposure,
  isEligible,
  LEVEL_THRESHOLDS,
  needFit,
  NEUTRAL_PROXIMITY,
  networkSignals,
  networkTrust,
  proximity,
  scoreLevel,
  scorePair,
  validateWeights,
} from '../../src/matching/scoring';

const ASOF = '2023-06-12';
const NO_SIGNALS: NetworkSignals = { commonPartners: 0, adamicAdar: 0 };

const engage = (dimension: string, perspective: Engagement['perspective'] = 'COMMUNITY') => ({
  dimension,
  perspective,
});

function profile(overrides: Partial<PartnerProfile> = {}): PartnerProfile {
  return {
    id: 'p-seeker',
    sector: 'CIVIL_SOCIETY',
    districtKey: 'neckarstadt_west',
    boroughKey: 'innenstadt_jungbusch',
    scope: 'NEIGHBOURHOOD',
    topics: ['education', 'sports'],
    engagements: [engage('age')],
    cooperationCount: 2,
    lastActiveOn: ASOF,
    community: 'c1',
    ...overrides,
  };
}

describe('complementarity', () => {
  const seeker = profile({ engagements: [engage('age')] });

  it('should give one new dimension half of the room, two three quarters (diminishing returns)', () => {
    const one = profile({ engagements: [engage('religion')] });
    const two = profile({ engagements: [engage('religion'), engage('gender')] });
    const three = profile({
      engagements: [engage('religion'), engage('gender'), engage('abilities')],
    });
    expect(complementarity(seeker, one)).toBe(0.5);
    expect(complementarity(seeker, two)).toBe(0.75);
    expect(complementarity(seeker, three)).toBe(0.875);
  });

  it('should rate a new perspective below a new dimension', () => {
    const newPerspective = profile({ engagements: [engage('age', 'ADVOCACY')] });
    const newDimension = profile({ engagements: [engage('gender')] });
    expect(complementarity(seeker, newPerspective)).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(complementarity(seeker, newPerspective)).toBeLessThan(
      complementarity(seeker, newDimension),
    );
  });

  it('should be 0 when the candidate only repeats what the seeker brings', () => {
    expect(complementarity(seeker, profile({ engagements: [engage('age')] }))).toBe(0);
  });

  it('should be 0 for a candidate without engagements', () => {
    expect(complementarity(seeker, profile({ engagements: [] }))).toBe(0);
  });

  it('should not punish a candidate for also sharing a dimension: only what it adds counts', () => {
    const mixed = profile({ engagements: [engage('age'), engage('religion')] });
    expect(complementarity(seeker, mixed)).toBe(0.5);
  });

  it('should count a new dimension once, however many perspectives it comes with', () => {
    const twice = profile({ engagements: [engage('religion'), engage('religion', 'SERVICE')] });
    expect(complementarity(seeker, twice)).toBe(0.5);
  });
});

describe('needFit', () => {
  const match = (direction: NeedMatch['direction'], fit: number): NeedMatch => ({
    direction,
    need: 'Raum gesucht',
    offer: 'Räume frei',
    fit,
  });

  it('should be 0 without matches', () => {
    expect(needFit(NO_SIGNALS)).toBe(0);
    expect(needFit({ ...NO_SIGNALS, needMatches: [] })).toBe(0);
  });

  it('should rank a mutual fit above a one-sided one of the same strength', () => {
    const oneSided = needFit({ ...NO_SIGNALS, needMatches: [match('THEY_OFFER', 0.35)] });
    const mutual = needFit({
      ...NO_SIGNALS,
      needMatches: [match('THEY_OFFER', 0.35), match('YOU_OFFER', 0.35)],
    });
    expect(oneSided).toBeCloseTo(0.25, 12);
    expect(mutual).toBeCloseTo(0.5, 12);
  });

  it('should not count fits below the floor (chance words) and count fits from 0.5 fully', () => {
    const at = (fit: number) => needFit({ ...NO_SIGNALS, needMatches: [match('THEY_OFFER', fit)] });
    expect(at(0.15)).toBe(0);
    expect(at(0.5)).toBe(0.5);
    expect(at(0.9)).toBe(0.5);
  });

  it('should take the best match per direction and clamp fits to [0, 1]', () => {
    const signals = {
      ...NO_SIGNALS,
      needMatches: [match('YOU_OFFER', 0.2), match('YOU_OFFER', 1.7), match('THEY_OFFER', NaN)],
    };
    expect(needFit(signals)).toBe(0.5);
  });
});

describe('commonGround', () => {
  it('should be the Jaccard index of the topics', () => {
    const seeker = profile({ topics: ['a', 'b', 'c'] });
    expect(commonGround(seeker, profile({ topics: ['b', 'c', 'd'] }))).toBe(0.5);
  });

  it('should be 0 when neither has topics', () => {
    expect(commonGround(profile({ topics: [] }), profile({ topics: [] }))).toBe(0);
  });
});

describe('proximity', () => {
  const seeker = profile({ districtKey: 'd1', boroughKey: 'b1' });

  it('should be 1 in the same district', () => {
    expect(proximity(seeker, profile({ districtKey: 'd1', boroughKey: 'b1' }))).toBe(1);
  });

  it('should be lower but positive in the same borough', () => {
    const value = proximity(seeker, profile({ districtKey: 'd2', boroughKey: 'b1' }));
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(1);
  });

  it('should be 0 elsewhere or when the location is unknown', () => {
    expect(proximity(seeker, profile({ districtKey: 'd3', boroughKey: 'b2' }))).toBe(0);
    const unknown = profile({ districtKey: null, boroughKey: null });
    expect(proximity(unknown, unknown)).toBe(0);
  });

  it('should be neutral for every pair with a city-wide partner, wherever the other sits', () => {
    const cityWide = profile({ districtKey: 'd1', boroughKey: 'b1', scope: 'CITY' });
    const values = [
      profile({ districtKey: 'd1', boroughKey: 'b1' }),
      profile({ districtKey: 'd2', boroughKey: 'b1' }),
      profile({ districtKey: 'd3', boroughKey: 'b2' }),
    ].map((candidate) => [proximity(cityWide, candidate), proximity(candidate, cityWide)]);
    expect(new Set(values.flat())).toEqual(new Set([NEUTRAL_PROXIMITY]));
  });

  it('should make neutral what place gives an average pair of the demo alliance', async () => {
    const reference = await readReferenceData();
    const { partners } = generateDemoAlliance({}, reference);
    const boroughOf = new Map(reference.districts.map((d) => [d.key, d.boroughKey]));
    const local = partners
      .filter((p) => p.status === 'ACTIVE' && p.scope !== 'CITY')
      .map((p) =>
        profile({
          id: p.id,
          districtKey: p.district,
          boroughKey: boroughOf.get(p.district) ?? null,
          scope: p.scope,
        }),
      );
    let sum = 0;
    let pairs = 0;
    local.forEach((a) =>
      local.forEach((b) => {
        if (a !== b) {
          sum += proximity(a, b);
          pairs += 1;
        }
      }),
    );
    expect(Math.abs(sum / pairs - NEUTRAL_PROXIMITY)).toBeLessThan(0.01);
  });

  it('should count the whole borough as near when either side works borough-wide', () => {
    const boroughWide = profile({ districtKey: 'd2', boroughKey: 'b1', scope: 'BOROUGH' });
    expect(proximity(seeker, boroughWide)).toBe(1);
    expect(
      proximity(seeker, profile({ districtKey: 'd3', boroughKey: 'b2', scope: 'BOROUGH' })),
    ).toBe(0);
  });
});

describe('networkTrust', () => {
  it('should be 0 without common partners', () => {
    expect(networkTrust(NO_SIGNALS)).toBe(0);
  });

  it('should grow with Adamic–Adar and saturate below 1', () => {
    const values = [0.5, 1, 2, 5].map((adamicAdar) =>
      networkTrust({ commonPartners: 1, adamicAdar }),
    );
    values.reduce((previous, value) => {
      expect(value).toBeGreaterThan(previous);
      return value;
    }, 0);
    expect(values[3]).toBeLessThan(1);
    expect(networkTrust({ commonPartners: 1, adamicAdar: 1 })).toBeCloseTo(1 - Math.exp(-1));
  });

  it('should treat a negative or non-finite index as 0', () => {
    expect(networkTrust({ commonPartners: 0, adamicAdar: -1 })).toBe(0);
    expect(networkTrust({ commonPartners: 0, adamicAdar: NaN })).toBe(0);
  });
});

describe('bridging', () => {
  const seeker = profile({ sector: 'CIVIL_SOCIETY', community: 'c1' });

  it('should count another sector and another community half each', () => {
    expect(bridging(seeker, profile({ sector: 'CIVIL_SOCIETY', community: 'c1' }))).toBe(0);
    expect(bridging(seeker, profile({ sector: 'BUSINESS', community: 'c1' }))).toBe(0.5);
    expect(bridging(seeker, profile({ sector: 'CIVIL_SOCIETY', community: 'c2' }))).toBe(0.5);
    expect(bridging(seeker, profile({ sector: 'BUSINESS', community: 'c2' }))).toBe(1);
  });

  it('should not count an unknown community as another one', () => {
    expect(bridging(seeker, profile({ community: null }))).toBe(0);
    expect(bridging(seeker, profile({ community: undefined }))).toBe(0);
  });
});

describe('activity', () => {
  it('should be 1 when active on the reference date or later', () => {
    expect(activity(profile({ lastActiveOn: ASOF }), ASOF)).toBe(1);
    expect(activity(profile({ lastActiveOn: '2024-01-01' }), ASOF)).toBe(1);
  });

  it('should decay with the time since the last activity', () => {
    const recent = activity(profile({ lastActiveOn: '2023-01-01' }), ASOF);
    const old = activity(profile({ lastActiveOn: '2019-01-01' }), ASOF);
    expect(recent).toBeLessThan(1);
    expect(old).toBeLessThan(recent);
    expect(activity(profile({ lastActiveOn: '2022-06-12' }), ASOF)).toBeCloseTo(Math.exp(-1));
  });

  it('should throw a RangeError naming the bad date', () => {
    expect(() => activity(profile({ lastActiveOn: '2023-02-30' }), ASOF)).toThrow(
      'expected lastActiveOn to be a date YYYY-MM-DD, got "2023-02-30"',
    );
    expect(() => activity(profile(), '12.06.2023')).toThrow(RangeError);
  });
});

describe('exposure', () => {
  it('should boost only candidates that never cooperated', () => {
    expect(exposure(profile({ cooperationCount: 0 }))).toBe(1);
    expect(exposure(profile({ cooperationCount: 1 }))).toBe(0);
  });
});

describe('validateWeights', () => {
  it('should accept the default weights', () => {
    expect(validateWeights(DEFAULT_WEIGHTS)).toEqual([]);
  });

  it('should name each negative or non-finite weight', () => {
    const weights: Weights = { ...DEFAULT_WEIGHTS, proximity: -1, activity: NaN };
    expect(validateWeights(weights)).toEqual([
      'expected weights.proximity to be ≥ 0, got -1',
      'expected weights.activity to be a finite number, got NaN',
    ]);
  });

  it('should refuse all-zero weights', () => {
    const zero = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0])) as Weights;
    expect(validateWeights(zero)).toEqual(['expected at least one positive weight, got all zero']);
  });
});

describe('scorePair', () => {
  const seeker = profile({ engagements: [engage('age')] });
  const candidate = profile({
    id: 'p-candidate',
    sector: 'BUSINESS',
    engagements: [engage('religion')],
    cooperationCount: 0,
    lastActiveOn: '2022-01-01',
    community: 'c2',
  });
  const signals: NetworkSignals = { commonPartners: 2, adamicAdar: 1.3 };

  it('should report every component in a fixed order with its weight', () => {
    const { components } = scorePair(seeker, candidate, signals, DEFAULT_WEIGHTS, ASOF);
    expect(components.map((c) => c.name)).toEqual([
      'complementarity',
      'needFit',
      'commonGround',
      'proximity',
      'networkTrust',
      'bridging',
      'activity',
      'exposure',
    ]);
    components.forEach((c) => expect(c.weight).toBe(DEFAULT_WEIGHTS[c.name]));
  });

  it('should be the weighted mean of the components, in [0, 1]', () => {
    const { score, components } = scorePair(seeker, candidate, signals, DEFAULT_WEIGHTS, ASOF);
    const total = components.reduce((sum, c) => sum + c.weight, 0);
    const mean = components.reduce((sum, c) => sum + c.value * c.weight, 0) / total;
    expect(score).toBeCloseTo(mean, 12);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  });

  it('should equal the single component when only that one is weighted', () => {
    const onlyProximity = { ...zeroWeights(), proximity: 2 };
    expect(scorePair(seeker, candidate, signals, onlyProximity, ASOF).score).toBe(1);
  });

  it('should stay in [0, 1] for extreme profiles and weights', () => {
    const best = profile({
      id: 'x',
      engagements: [engage('gender')],
      cooperationCount: 0,
      sector: 'POLITICS',
      community: 'c9',
      topics: seeker.topics,
    });
    const huge = { ...DEFAULT_WEIGHTS, networkTrust: 1e9 };
    const { score } = scorePair(seeker, best, { commonPartners: 99, adamicAdar: 1e6 }, huge, ASOF);
    expect(score).toBeLessThanOrEqual(1);
    expect(
      scorePair(seeker, seeker, NO_SIGNALS, DEFAULT_WEIGHTS, '2040-01-01').score,
    ).toBeGreaterThanOrEqual(0);
  });

  it('should be deterministic', () => {
    const first = scorePair(seeker, candidate, signals, DEFAULT_WEIGHTS, ASOF);
    const second = scorePair(seeker, candidate, signals, DEFAULT_WEIGHTS, ASOF);
    expect(second).toEqual(first);
  });

  it('should throw a RangeError for invalid weights', () => {
    expect(() => scorePair(seeker, candidate, signals, zeroWeights(), ASOF)).toThrow(
      'expected at least one positive weight, got all zero',
    );
  });
});

describe('isEligible', () => {
  it('should accept a pair that forms a cross-dimension cooperation', () => {
    expect(isEligible(profile(), profile({ id: 'other', engagements: [engage('religion')] }))).toBe(
      true,
    );
  });

  it('should refuse the partner itself', () => {
    const both = profile({ engagements: [engage('age'), engage('religion')] });
    expect(isEligible(both, { ...both })).toBe(false);
  });

  it('should refuse a pair covering a single dimension', () => {
    expect(
      isEligible(profile(), profile({ id: 'other', engagements: [engage('age', 'SERVICE')] })),
    ).toBe(false);
  });

  it('should refuse a candidate that brings nothing new', () => {
    const seeker = profile({ engagements: [engage('age'), engage('religion')] });
    expect(isEligible(seeker, profile({ id: 'other', engagements: [engage('age')] }))).toBe(false);
  });

  it('should accept for a seeker without engagements only candidates covering two dimensions', () => {
    const seeker = profile({ engagements: [] });
    const rich = profile({ id: 'other', engagements: [engage('age'), engage('religion')] });
    const narrow = profile({
      id: 'narrow',
      engagements: [engage('age'), engage('age', 'SERVICE')],
    });
    expect(isEligible(seeker, rich)).toBe(true);
    expect(isEligible(seeker, narrow)).toBe(false);
  });
});

describe('explainPair', () => {
  const seeker = profile({ engagements: [engage('age')], topics: ['education', 'sports'] });

  it('should give one reason per added dimension, perspective and shared topic', () => {
    const candidate = profile({
      id: 'c',
      engagements: [engage('religion'), engage('age', 'ADVOCACY'), engage('age')],
      topics: ['sports', 'culture'],
    });
    const reasons = explainPair(seeker, candidate, NO_SIGNALS);
    expect(reasons.map((r) => [r.code, r.ref])).toEqual([
      ['ADDS_DIMENSION', 'religion'],
      ['ADDS_PERSPECTIVE', 'age'],
      ['SHARED_TOPIC', 'sports'],
      ['SAME_DISTRICT', 'neckarstadt_west'],
    ]);
    reasons.forEach((r) => {
      expect(r.text.de.length).toBeGreaterThan(0);
      expect(r.text.en.length).toBeGreaterThan(0);
    });
  });

  it('should name the borough only when the district differs', () => {
    const sameBorough = profile({ id: 'c', districtKey: 'jungbusch' });
    expect(explainPair(seeker, sameBorough, NO_SIGNALS).map((r) => r.code)).toContain(
      'SAME_BOROUGH',
    );
  });

  it('should mention common partners, another sector and no cooperations yet', () => {
    const candidate = profile({ id: 'c', sector: 'BUSINESS', cooperationCount: 0 });
    const reasons = explainPair(seeker, candidate, { commonPartners: 3, adamicAdar: 1 });
    const codes = reasons.map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining(['COMMON_PARTNERS', 'OTHER_SECTOR', 'NEVER_COOPERATED']),
    );
    expect(reasons.find((r) => r.code === 'COMMON_PARTNERS')?.text.en).toContain('3');
  });

  it('should explain to a seeker without dimensions what its suggestions rest on', () => {
    const reasons = explainPair(profile({ engagements: [] }), profile({ id: 'c' }), NO_SIGNALS);
    expect(reasons[0]?.code).toBe('NO_DIMENSIONS_YET');
    expect(reasons[0]?.text.en).toMatch(/topics, offers and needs/);
  });

  it('should be deterministic regardless of input order', () => {
    const a = profile({
      id: 'c',
      engagements: [engage('religion'), engage('gender')],
      topics: ['sports', 'education'],
    });
    const b = { ...a, engagements: [...a.engagements].reverse(), topics: [...a.topics].reverse() };
    expect(explainPair(seeker, b, NO_SIGNALS)).toEqual(explainPair(seeker, a, NO_SIGNALS));
  });
});

function zeroWeights(): Weights {
  return {
    complementarity: 0,
    needFit: 0,
    commonGround: 0,
    proximity: 0,
    networkTrust: 0,
    bridging: 0,
    activity: 0,
    exposure: 0,
  };
}

describe('networkSignals', () => {
  it('should sum 1 / ln(degree) over distinct common partners and skip degrees ≤ 1', () => {
    const degrees: Record<string, number> = { a: Math.E, b: Math.E ** 2, c: 1 };
    const signals = networkSignals(['b', 'a', 'a', 'c'], (id) => degrees[id] ?? 0);
    expect(signals.commonPartners).toBe(3);
    expect(signals.commonPartnerIds).toEqual(['a', 'b', 'c']);
    expect(signals.adamicAdar).toBeCloseTo(1 + 0.5);
  });
});

describe('scoreLevel', () => {
  it('should put each score in its level, the thresholds included in the higher one', () => {
    expect(scoreLevel(LEVEL_THRESHOLDS.STRONG)).toBe('STRONG');
    expect(scoreLevel(0.9)).toBe('STRONG');
    expect(scoreLevel(LEVEL_THRESHOLDS.GOOD)).toBe('GOOD');
    expect(scoreLevel(LEVEL_THRESHOLDS.STRONG - 1e-9)).toBe('GOOD');
    expect(scoreLevel(LEVEL_THRESHOLDS.GOOD - 1e-9)).toBe('POSSIBLE');
    expect(scoreLevel(0)).toBe('POSSIBLE');
  });
});
