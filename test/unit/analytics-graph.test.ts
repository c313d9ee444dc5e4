import {
  boundedUnion,
  closingPairs,
  countDimensionPairs,
  gapProspects,
  rankBridgeOpportunities,
  seekerDepth,
  summariseCommunities,
  topBrokers,
} from '../../src/analytics/graph-analytics';
import { compareSortKeys, sortedPage, toPage, toPageRequest } from '../../src/common/pagination';
import type { NetworkEdgeData, NetworkNodeData } from '../../src/network/network.model';

function node(
  id: string,
  community: number,
  extra: Partial<NetworkNodeData> = {},
): NetworkNodeData {
  return {
    id,
    label: id.toUpperCase(),
    kind: 'PARTNER',
    sector: 'BUSINESS',
    partnerKind: 'COMPANY',
    cooperationKind: null,
    districtKey: null,
    districtName: null,
    borough: null,
    boroughKey: null,
    status: 'ACTIVE',
    scope: 'NEIGHBOURHOOD',
    dimensions: [],
    size: 1,
    degree: 0,
    weightedDegree: 0,
    betweenness: 0,
    community,
    x: 0,
    y: 0,
    ...extra,
  };
}

const edge = (source: string, target: string, weight = 1): NetworkEdgeData => ({
  id: `${source}--${target}`,
  source,
  target,
  weight,
  kinds: [],
  firstYear: null,
  lastYear: null,
});

/**
 * Community 0: the triangle a1–a2–a3; community 1: the path b1–b2–b3; a3–b1 ties them;
 * community 2: c1 alone; community 3: d1–d2.
 */
const NODES = [
  node('a1', 0, { weightedDegree: 2, betweenness: 0 }),
  node('a2', 0, { weightedDegree: 3, sector: 'CIVIL_SOCIETY', betweenness: 0 }),
  node('a3', 0, { weightedDegree: 3, betweenness: 0.5 }),
  node('b1', 1, { weightedDegree: 2, betweenness: 0.5, sector: 'POLITICS' }),
  node('b2', 1, { weightedDegree: 2, betweenness: 0.3, sector: 'POLITICS' }),
  node('b3', 1, { weightedDegree: 1, betweenness: 0 }),
  node('c1', 2),
  node('d1', 3, { weightedDegree: 1 }),
  node('d2', 3, { weightedDegree: 1 }),
];
const EDGES = [
  edge('a1', 'a2'),
  edge('a2', 'a3', 2),
  edge('a1', 'a3'),
  edge('a3', 'b1'),
  edge('b1', 'b2'),
  edge('b2', 'b3'),
  edge('d1', 'd2'),
];
const MEMBERS = new Map([
  ['age', new Set(['a1', 'a2', 'b1'])],
  ['gender', new Set(['a1', 'b2', 'b3'])],
  ['religion', new Set(['a3', 'outsider'])],
]);

describe('countDimensionPairs', () => {
  it('should count every unordered pair, zero without an edge, rarest first', () => {
    const pairs = countDimensionPairs(['c', 'a', 'b'], [edge('a', 'b', 5), edge('c', 'a', 2)]);
    expect(pairs).toEqual([
      { first: 'b', second: 'c', cooperations: 0 },
      { first: 'a', second: 'c', cooperations: 2 },
      { first: 'a', second: 'b', cooperations: 5 },
    ]);
  });

  it('should order equal counts by first key, then second key', () => {
    const pairs = countDimensionPairs(['d', 'c', 'b', 'a'], []);
    expect(pairs.map((p) => `${p.first}${p.second}`)).toEqual(['ab', 'ac', 'ad', 'bc', 'bd', 'cd']);
  });

  it('should add up edges given in both directions and ignore repeated keys', () => {
    const pairs = countDimensionPairs(['a', 'b', 'a'], [edge('a', 'b', 1), edge('b', 'a', 3)]);
    expect(pairs).toEqual([{ first: 'a', second: 'b', cooperations: 4 }]);
  });
});

describe('summariseCommunities', () => {
  const summaries = summariseCommunities(NODES, EDGES, MEMBERS, { samples: 2, central: 2 });
  const byNumber = new Map(summaries.map((s) => [s.community, s]));

  it('should give every community its size, so the sizes add up to the nodes', () => {
    expect(summaries.map((s) => [s.community, s.size])).toEqual([
      [0, 3],
      [1, 3],
      [2, 1],
      [3, 2],
    ]);
  });

  it('should count ties inside a community and to each other community', () => {
    expect(byNumber.get(0)).toMatchObject({ internalTies: 3, externalTies: 1 });
    expect([...(byNumber.get(0)?.tiesTo ?? [])]).toEqual([[1, 1]]);
    expect(byNumber.get(1)).toMatchObject({ internalTies: 2, externalTies: 1 });
    expect([...(byNumber.get(1)?.tiesTo ?? [])]).toEqual([[0, 1]]);
    expect(byNumber.get(2)).toMatchObject({ internalTies: 0, externalTies: 0 });
  });

  it('should give sector shares of the members, most frequent first', () => {
    expect(byNumber.get(0)?.sectors).toEqual([
      { key: 'BUSINESS', count: 2, share: 2 / 3 },
      { key: 'CIVIL_SOCIETY', count: 1, share: 1 / 3 },
    ]);
    expect(byNumber.get(1)?.sectors.map((s) => s.key)).toEqual(['POLITICS', 'BUSINESS']);
  });

  it('should count engagements of members only, most frequent first and ties by key', () => {
    expect(byNumber.get(0)?.dimensions).toEqual([
      { key: 'age', count: 2, share: 2 / 3 },
      { key: 'gender', count: 1, share: 1 / 3 },
      { key: 'religion', count: 1, share: 1 / 3 },
    ]);
    expect(byNumber.get(1)?.dimensions.map((d) => [d.key, d.count])).toEqual([
      ['gender', 2],
      ['age', 1],
    ]);
    expect(byNumber.get(2)?.dimensions).toEqual([]);
  });

  it('should pick samples by weighted degree and central members by betweenness', () => {
    expect(byNumber.get(0)?.samples).toEqual(['a2', 'a3']);
    expect(byNumber.get(0)?.central).toEqual(['a3', 'a2']);
    expect(byNumber.get(1)?.central).toEqual(['b1', 'b2']);
  });
});

describe('topBrokers', () => {
  it('should rank by betweenness, then weighted degree, and name the communities touched', () => {
    expect(topBrokers(NODES, EDGES, 3)).toEqual([
      { id: 'a3', community: 0, touchedCommunities: [1], externalTies: 1 },
      { id: 'b1', community: 1, touchedCommunities: [0], externalTies: 1 },
      { id: 'b2', community: 1, touchedCommunities: [], externalTies: 0 },
    ]);
  });

  it('should list every community a broker reaches, ascending', () => {
    const nodes = [node('x', 5, { betweenness: 1 }), node('y', 2), node('z', 1), node('w', 5)];
    const edges = [edge('x', 'y'), edge('z', 'x'), edge('x', 'w')];
    expect(topBrokers(nodes, edges, 1)).toEqual([
      { id: 'x', community: 5, touchedCommunities: [1, 2], externalTies: 2 },
    ]);
  });
});

describe('rankBridgeOpportunities', () => {
  const summaries = summariseCommunities(NODES, EDGES, MEMBERS, { samples: 1, central: 1 });

  it('should put untied pairs first, larger ones before smaller ones, then by number', () => {
    expect(rankBridgeOpportunities(summaries, 2, 10)).toEqual([
      { first: 0, second: 3, firstSize: 3, secondSize: 2, ties: 0, density: 0 },
      { first: 1, second: 3, firstSize: 3, secondSize: 2, ties: 0, density: 0 },
      { first: 0, second: 1, firstSize: 3, secondSize: 3, ties: 1, density: 1 / 9 },
    ]);
  });

  it('should leave out communities below the minimum size and stop at first', () => {
    expect(rankBridgeOpportunities(summaries, 3, 10).map((o) => [o.first, o.second])).toEqual([
      [0, 1],
    ]);
    expect(rankBridgeOpportunities(summaries, 1, 4).map((o) => [o.first, o.second])).toEqual([
      [0, 3],
      [1, 3],
      [0, 2],
      [1, 2],
    ]);
  });
});

describe('closingPairs', () => {
  const suggestion = (partnerId: string, score: number) => ({
    partnerId,
    score,
    coveredDimensionKeys: ['age', 'gender'],
  });
  const first = new Set(['s1', 's2', 'x1']);
  const second = new Set(['t1', 't2', 't3']);

  it('should keep candidates on the other side, oriented first → second, best first', () => {
    const suggestions = new Map([
      ['s1', [suggestion('t1', 0.5), suggestion('x1', 0.9), suggestion('t2', 0.7)]],
      ['t3', [suggestion('s2', 0.6)]],
    ]);
    const pairs = closingPairs(
      [
        { seekers: ['s1'], accepts: (id) => second.has(id) },
        { seekers: ['t3'], accepts: (id) => first.has(id) },
      ],
      suggestions,
      3,
    );
    expect(pairs.map((p) => [p.firstId, p.secondId, p.score])).toEqual([
      ['s1', 't2', 0.7],
      ['s2', 't3', 0.6],
      ['s1', 't1', 0.5],
    ]);
  });

  it('should count a pair found from both sides once, with the higher score, up to the limit', () => {
    const suggestions = new Map([
      ['s1', [suggestion('t1', 0.4), suggestion('t2', 0.3)]],
      ['t1', [suggestion('s1', 0.8)]],
    ]);
    const pairs = closingPairs(
      [
        { seekers: ['s1'], accepts: (id) => second.has(id) },
        { seekers: ['t1'], accepts: (id) => first.has(id) },
      ],
      suggestions,
      1,
    );
    expect(pairs).toEqual([
      { firstId: 's1', secondId: 't1', score: 0.8, coveredDimensionKeys: ['age', 'gender'] },
    ]);
  });

  it('should find nothing for seekers without suggestions', () => {
    const pairs = closingPairs(
      [
        { seekers: ['s1'], accepts: () => true },
        { seekers: [], accepts: () => true },
      ],
      new Map(),
      3,
    );
    expect(pairs).toEqual([]);
  });
});

describe('gapProspects', () => {
  it('should take partners of the own dimension lacking the other, in the given order', () => {
    const ranked = ['b2', 'a1', 'a2', 'b1', 'b3'];
    expect(gapProspects(ranked, MEMBERS, 'age', 'gender', 5)).toEqual(['a2', 'b1']);
    expect(gapProspects(ranked, MEMBERS, 'gender', 'age', 1)).toEqual(['b2']);
    expect(gapProspects(ranked, MEMBERS, 'unknown', 'age', 5)).toEqual([]);
  });
});

describe('boundedUnion', () => {
  it('should keep the order of first appearance, drop repeats and stop at the cap', () => {
    expect(boundedUnion([['a', 'b'], ['b', 'c'], ['d']], 3)).toEqual(['a', 'b', 'c']);
    expect(boundedUnion([['a'], [], ['a', 'b']], 10)).toEqual(['a', 'b']);
  });
});

describe('seekerDepth', () => {
  it('should go as deep as the union of the lists stays within the cap', () => {
    const lists = [
      ['a', 'b', 'c'],
      ['a', 'd', 'e'],
      ['f', 'b', 'g'],
    ];
    // depth 1: a, f (2); depth 2: a, b, d, f (4); depth 3: all seven.
    expect(seekerDepth(lists, 4, 3)).toBe(2);
    expect(seekerDepth(lists, 7, 3)).toBe(3);
    expect(seekerDepth(lists, 7, 2)).toBe(2);
  });

  it('should keep at least one seeker per list even over the cap', () => {
    expect(seekerDepth([['a'], ['b'], ['c']], 2, 3)).toBe(1);
  });
});

describe('sortedPage', () => {
  const scope = 'test:NAME:ASC';
  const items = ['Anna', 'Bert', 'Bert', 'Cleo', 'Dora'].map((name, i) => ({ name, id: `p${i}` }));
  const keyOf = (item: { name: string; id: string }) => [item.name, item.id] as [string, string];
  const page = (args: { first?: number; after?: string; last?: number; before?: string }) => {
    const request = toPageRequest(scope, args);
    return toPage(scope, request, sortedPage(items, keyOf, request), () =>
      Promise.resolve(items.length),
    );
  };

  it('should order keys by value, then by id', () => {
    expect(compareSortKeys(['Bert', 'p2'], ['Bert', 'p1'])).toBeGreaterThan(0);
    expect(compareSortKeys([null, 'z'], ['A', 'a'])).toBeLessThan(0);
    expect(compareSortKeys([2, 'a'], [10, 'a'])).toBeLessThan(0);
  });

  it('should walk forward through every item exactly once', () => {
    const first = page({ first: 2 });
    expect(first.edges.map((e) => e.node.id)).toEqual(['p0', 'p1']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = page({ first: 2, after: first.pageInfo.endCursor ?? '' });
    expect(second.edges.map((e) => e.node.id)).toEqual(['p2', 'p3']);
    const third = page({ first: 2, after: second.pageInfo.endCursor ?? '' });
    expect(third.edges.map((e) => e.node.id)).toEqual(['p4']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    expect(third.pageInfo.hasPreviousPage).toBe(true);
  });

  it('should walk backward from the end and before a cursor', () => {
    const last = page({ last: 2 });
    expect(last.edges.map((e) => e.node.id)).toEqual(['p3', 'p4']);
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = page({ last: 2, before: last.pageInfo.startCursor ?? '' });
    expect(before.edges.map((e) => e.node.id)).toEqual(['p1', 'p2']);
    const start = page({ last: 5, before: before.pageInfo.startCursor ?? '' });
    expect(start.edges.map((e) => e.node.id)).toEqual(['p0']);
    expect(start.pageInfo.hasPreviousPage).toBe(false);
  });
});
