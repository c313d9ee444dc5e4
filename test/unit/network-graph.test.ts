import { buildNetworkGraph } from '../../src/network/network.build';
import { NETWORK_ROWS as ROWS } from '../support/network-rows';
import { packNetwork, transferables, unpackNetwork } from '../../src/network/network.packing';
import { computeNetwork } from '../../src/network/network.compute';

/** The edges with node ids for source and target (graph keys are node positions). */
const edgesOf = (mode: 'PARTNERS' | 'BIPARTITE' | 'DIMENSIONS', minWeight = 1) => {
  const graph = buildNetworkGraph(ROWS, mode, minWeight);
  return graph.mapEdges((id, attributes, _s, _t, source, target) => ({
    id,
    source: source.id,
    target: target.id,
    ...attributes,
  }));
};

/** The attributes of the node with this id. */
const nodeOf = (graph: ReturnType<typeof buildNetworkGraph>, id: string) =>
  graph.getNodeAttributes(graph.findNode((_key, a) => a.id === id) as string);

describe('network graph building', () => {
  it('should link partners by shared cooperations with weight, kinds and years', () => {
    expect(edgesOf('PARTNERS')).toEqual([
      {
        id: 'p1--p2',
        source: 'p1',
        target: 'p2',
        weight: 2,
        kinds: ['ACTION_DAY_EVENT', 'DIVERSITY_COOPERATION'],
        firstYear: 2017,
        lastYear: 2021,
      },
      {
        id: 'p1--p3',
        source: 'p1',
        target: 'p3',
        weight: 1,
        kinds: ['ACTION_DAY_EVENT'],
        firstYear: 2021,
        lastYear: 2021,
      },
      {
        id: 'p2--p3',
        source: 'p2',
        target: 'p3',
        weight: 2,
        kinds: ['ACTION_DAY_EVENT', 'NETWORK_PROJECT'],
        firstYear: 2021,
        lastYear: 2021,
      },
    ]);
  });

  it('should keep partners without cooperations as isolated nodes with size 0', () => {
    const graph = buildNetworkGraph(ROWS, 'PARTNERS');
    expect(graph.mapNodes((_key, a) => a.id)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(graph.degree(graph.findNode((_key, a) => a.id === 'p4') as string)).toBe(0);
    expect(graph.mapNodes((_key, a) => [a.id, a.size, a.sector])).toEqual([
      ['p1', 2, 'CIVIL_SOCIETY'],
      ['p2', 3, 'BUSINESS'],
      ['p3', 2, 'POLITICS'],
      ['p4', 0, 'ADMINISTRATION'],
    ]);
  });

  it('should leave out edges lighter than the minimum weight but keep their nodes', () => {
    expect(edgesOf('PARTNERS', 2).map((e) => e.id)).toEqual(['p1--p2', 'p2--p3']);
    expect(buildNetworkGraph(ROWS, 'PARTNERS', 2).order).toBe(4);
  });

  it('should link partners to their cooperations in BIPARTITE mode', () => {
    const graph = buildNetworkGraph(ROWS, 'BIPARTITE');
    expect(graph.order).toBe(7);
    expect(nodeOf(graph, 'c2')).toMatchObject({
      kind: 'COOPERATION',
      label: 'Zweite',
      cooperationKind: 'ACTION_DAY_EVENT',
      size: 3,
      sector: null,
    });
    expect(edgesOf('BIPARTITE').map((e) => [e.id, e.weight])).toEqual([
      ['p1--c1', 1],
      ['p2--c1', 1],
      ['p1--c2', 1],
      ['p2--c2', 1],
      ['p3--c2', 1],
      ['p2--c3', 1],
      ['p3--c3', 1],
    ]);
  });

  it('should link dimensions addressed together in DIMENSIONS mode', () => {
    const graph = buildNetworkGraph(ROWS, 'DIMENSIONS');
    expect(graph.mapNodes((_key, a) => [a.id, a.label, a.size])).toEqual([
      ['age', 'Alter', 2],
      ['gender', 'Geschlecht', 2],
      ['religion', 'Religion', 2],
    ]);
    expect(edgesOf('DIMENSIONS').map((e) => [e.id, e.weight])).toEqual([
      ['age--gender', 2],
      ['age--religion', 1],
      ['gender--religion', 1],
    ]);
  });

  it('should ignore partners and dimensions that are not nodes', () => {
    const rows = { ...ROWS, partners: ROWS.partners.filter((p) => p.id !== 'p3') };
    expect(buildNetworkGraph(rows, 'PARTNERS').size).toBe(1);
    const dimensions = { ...ROWS, dimensions: ROWS.dimensions.slice(0, 2) };
    expect(buildNetworkGraph(dimensions, 'DIMENSIONS').size).toBe(1);
  });
});

describe('network packing', () => {
  it('should give back the same network after packing and unpacking', () => {
    for (const mode of ['PARTNERS', 'BIPARTITE', 'DIMENSIONS'] as const) {
      const network = computeNetwork(ROWS, { mode, minWeight: 1, seed: 5 });
      expect(unpackNetwork(packNetwork(network))).toEqual(network);
    }
  });

  it('should carry the partner attributes through packing, structured cloning and unpacking', () => {
    const network = computeNetwork(ROWS, { mode: 'BIPARTITE', minWeight: 1, seed: 5 });
    // What a worker's postMessage does to the columns (the typed arrays are moved, not copied).
    const packed = packNetwork(network);
    const received = structuredClone(packed, { transfer: transferables(packed) });
    const nodes = unpackNetwork(received).nodes;
    const p2 = nodes.find((n) => n.id === 'p2');
    expect(p2).toMatchObject({
      districtKey: 'jungbusch',
      districtName: 'JUNGBUSCH',
      borough: 'Bezirk jungbusch',
      boroughKey: 'b-jungbusch',
      status: 'ACTIVE',
      scope: 'NEIGHBOURHOOD',
      dimensions: [
        { key: 'age', perspective: 'SERVICE' },
        { key: 'religion', perspective: 'ADVOCACY' },
        { key: 'religion', perspective: 'COMMUNITY' },
      ],
    });
    expect(nodes.find((n) => n.id === 'p1')).toMatchObject({
      districtKey: null,
      borough: null,
      scope: 'CITY',
      dimensions: [],
    });
    expect(nodes.find((n) => n.id === 'p3')?.status).toBe('PAUSED');
    // Cooperation nodes have no partner attributes: null, not an empty list.
    const cooperation = nodes.find((n) => n.kind === 'COOPERATION');
    expect(cooperation).toMatchObject({
      districtKey: null,
      districtName: null,
      borough: null,
      boroughKey: null,
      status: null,
      scope: null,
      dimensions: null,
    });
    // Every partner's list is exactly its row's, in order.
    for (const partner of ROWS.partners) {
      expect(nodes.find((n) => n.id === partner.id)?.dimensions).toEqual(partner.dimensions);
    }
  });

  it('should leave dimension nodes without partner attributes', () => {
    const network = computeNetwork(ROWS, { mode: 'DIMENSIONS', minWeight: 1, seed: 5 });
    const nodes = unpackNetwork(packNetwork(network)).nodes;
    expect(nodes.every((n) => n.dimensions === null && n.status === null)).toBe(true);
  });
});
