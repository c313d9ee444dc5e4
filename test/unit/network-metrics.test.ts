import { buildNetworkGraph } from '../../src/network/network.build';
import { computeNetwork, computePlan, seededRandom } from '../../src/network/network.compute';
import {
  averageClustering,
  betweenness,
  componentCount,
  detectCommunities,
} from '../../src/network/network.metrics';
import type { CooperationRow, NetworkRows, PartnerRow } from '../../src/network/network.model';

const partner = (id: string, sector = 'CIVIL_SOCIETY'): PartnerRow => ({
  id,
  name: `Partner ${id}`,
  sector,
  kind: 'ASSOCIATION',
  districtKey: null,
  districtName: null,
  borough: null,
  boroughKey: null,
  status: 'ACTIVE',
  scope: 'NEIGHBOURHOOD',
  dimensions: [],
});

let cooperationNumber = 0;
/** A two-partner cooperation: one edge of weight 1 in PARTNERS mode. */
const link = (a: string, b: string, year = 2020): CooperationRow => ({
  id: `c-${String((cooperationNumber += 1)).padStart(3, '0')}`,
  title: `${a} + ${b}`,
  kind: 'DIVERSITY_COOPERATION',
  year,
  partnerIds: [a, b],
  dimensionKeys: ['age', 'gender'],
});

const rowsOf = (ids: string[], links: [string, string][]): NetworkRows => ({
  partners: ids.map((id) => partner(id)),
  cooperations: links.map(([a, b]) => link(a, b)),
  dimensions: [],
});

/** a–b–c a triangle, d hanging off c. */
const TRIANGLE_AND_PENDANT = rowsOf(
  ['a', 'b', 'c', 'd'],
  [
    ['a', 'b'],
    ['b', 'c'],
    ['a', 'c'],
    ['c', 'd'],
  ],
);

/** Two triangles a-b-c and d-e-f joined by the bridge c–d. */
const TWO_TRIANGLES = rowsOf(
  ['a', 'b', 'c', 'd', 'e', 'f'],
  [
    ['a', 'b'],
    ['b', 'c'],
    ['a', 'c'],
    ['d', 'e'],
    ['e', 'f'],
    ['d', 'f'],
    ['c', 'd'],
  ],
);

describe('network metrics on a triangle with a pendant', () => {
  const network = computeNetwork(TRIANGLE_AND_PENDANT, {
    mode: 'PARTNERS',
    minWeight: 1,
    seed: 1,
  });
  const node = (id: string) => network.nodes.find((n) => n.id === id);

  it('should count degrees and weighted degrees', () => {
    expect(network.nodes.map((n) => [n.id, n.degree, n.weightedDegree])).toEqual([
      ['a', 2, 2],
      ['b', 2, 2],
      ['c', 3, 3],
      ['d', 1, 1],
    ]);
  });

  it('should give density 4 / 6 and one component', () => {
    expect(network.metrics.nodes).toBe(4);
    expect(network.metrics.edges).toBe(4);
    expect(network.metrics.density).toBeCloseTo(4 / 6, 12);
    expect(network.metrics.components).toBe(1);
  });

  it('should average the clustering coefficients 1, 1, 1/3 and 0', () => {
    expect(network.metrics.averageClustering).toBeCloseTo((1 + 1 + 1 / 3 + 0) / 4, 12);
  });

  it('should give c, the only bridge to d, betweenness 2/3 and the others 0', () => {
    // Pairs (a,d) and (b,d) pass through c: 2 of (4-1)(4-2)/2 = 3 pairs.
    expect(node('c')?.betweenness).toBeCloseTo(2 / 3, 12);
    expect([node('a'), node('b'), node('d')].map((n) => n?.betweenness)).toEqual([0, 0, 0]);
    expect(network.metrics.betweennessExact).toBe(true);
  });

  it('should give every node a community and a finite position', () => {
    for (const n of network.nodes) {
      expect(Number.isInteger(n.community)).toBe(true);
      expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
    }
    expect(network.metrics.layoutIterations).toBeGreaterThan(0);
  });
});

describe('network components and clustering', () => {
  it('should count an isolated node as a component of its own', () => {
    const rows = rowsOf(['a', 'b', 'c', 'x'], [['a', 'b']]);
    const graph = buildNetworkGraph(rows, 'PARTNERS');
    expect(componentCount(graph)).toBe(3);
  });

  it('should give a graph without nodes zero everywhere', () => {
    const network = computeNetwork(rowsOf([], []), { mode: 'PARTNERS', minWeight: 1, seed: 1 });
    expect(network.metrics).toMatchObject({
      nodes: 0,
      edges: 0,
      density: 0,
      components: 0,
      averageClustering: 0,
      modularity: 0,
    });
  });

  it('should give a complete graph clustering 1 and a star clustering 0', () => {
    const complete = rowsOf(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b'],
        ['a', 'c'],
        ['a', 'd'],
        ['b', 'c'],
        ['b', 'd'],
        ['c', 'd'],
      ],
    );
    const star = rowsOf(
      ['h', 'a', 'b', 'c'],
      [
        ['h', 'a'],
        ['h', 'b'],
        ['h', 'c'],
      ],
    );
    expect(averageClustering(buildNetworkGraph(complete, 'PARTNERS'))).toBe(1);
    expect(averageClustering(buildNetworkGraph(star, 'PARTNERS'))).toBe(0);
  });
});

/** The graph key of the node with this id (graph keys are node positions). */
const keyOf = (graph: ReturnType<typeof buildNetworkGraph>, id: string) =>
  graph.findNode((_key, attributes) => attributes.id === id) as string;

describe('network communities', () => {
  it('should find the two triangles and their modularity 5/14', () => {
    const graph = buildNetworkGraph(TWO_TRIANGLES, 'PARTNERS');
    const communities = detectCommunities(graph, seededRandom(7, 2));
    const of = (id: string) => communities.byNode.get(keyOf(graph, id));
    expect(communities.count).toBe(2);
    expect(new Set([of('a'), of('b'), of('c')]).size).toBe(1);
    expect(new Set([of('d'), of('e'), of('f')]).size).toBe(1);
    expect(of('a')).not.toBe(of('d'));
    // Each triangle: 3 of m = 7 edges inside, degree sum 7: 2 · (3/7 − (7/14)²) = 5/14.
    expect(communities.modularity).toBeCloseTo(5 / 14, 12);
  });

  it('should number communities from 0 by decreasing size', () => {
    const rows = rowsOf(
      ['a', 'b', 'c', 'x', 'y'],
      [
        ['x', 'y'],
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ],
    );
    const graph = buildNetworkGraph(rows, 'PARTNERS');
    const communities = detectCommunities(graph, seededRandom(1, 2));
    expect(communities.byNode.get(keyOf(graph, 'a'))).toBe(0);
    expect(communities.byNode.get(keyOf(graph, 'x'))).toBe(1);
  });
});

describe('network betweenness sampling', () => {
  it('should equal the exact betweenness when every linked node is a source', () => {
    const graph = buildNetworkGraph(TWO_TRIANGLES, 'PARTNERS');
    const exact = betweenness(graph, { exactUpTo: 100, samples: 0, rng: seededRandom(1, 1) });
    const sampled = betweenness(graph, { exactUpTo: 0, samples: 100, rng: seededRandom(1, 1) });
    expect(sampled.exact).toBe(true);
    for (const [id, value] of exact.byNode) expect(sampled.byNode.get(id)).toBeCloseTo(value, 12);
  });

  it('should report a sample when there are fewer sources than linked nodes', () => {
    const graph = buildNetworkGraph(TWO_TRIANGLES, 'PARTNERS');
    const sampled = betweenness(graph, { exactUpTo: 0, samples: 3, rng: seededRandom(1, 1) });
    expect(sampled).toMatchObject({ exact: false, sources: 3 });
    expect([...sampled.byNode.values()].every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });

  it('should cut work down for 50,000 nodes but not for the demo', () => {
    expect(computePlan(353)).toMatchObject({ barnesHut: false });
    expect(computePlan(353).exactBetweennessUpTo).toBeGreaterThan(353);
    expect(computePlan(50_000).exactBetweennessUpTo).toBeLessThan(50_000);
    expect(computePlan(50_000)).toMatchObject({ barnesHut: true });
  });
});

describe('network determinism', () => {
  it('should give equal results for the same rows and seed', () => {
    const settings = { mode: 'PARTNERS' as const, minWeight: 1, seed: 42 };
    expect(computeNetwork(TWO_TRIANGLES, settings)).toEqual(
      computeNetwork(TWO_TRIANGLES, settings),
    );
  });

  it('should give equal results for a sampled betweenness with the same seed', () => {
    const plan = { ...computePlan(6), exactBetweennessUpTo: 0, betweennessSamples: 2 };
    const settings = { mode: 'PARTNERS' as const, minWeight: 1, seed: 3 };
    expect(computeNetwork(TWO_TRIANGLES, settings, plan)).toEqual(
      computeNetwork(TWO_TRIANGLES, settings, plan),
    );
  });
});
