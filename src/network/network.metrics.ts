import { NeighborhoodIndex } from 'graphology-indices/neighborhood';
import SortedComponentsIndex from 'graphology-indices/sorted-components';
import louvain from 'graphology-communities-louvain';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import modularity from 'graphology-metrics/graph/modularity';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes';
import type { NetworkGraph } from './network.build';

/** A source of floats in [0, 1), seeded; every random choice of the slice takes one. */
export type Random = () => number;

/**
 * Number of connected components (an isolated node is a component of its own), from
 * graphology-indices' component index. (graphology-components would be the package for this; it is
 * not installed, and graphology-indices is, as a dependency of graphology-metrics.)
 */
export function componentCount(graph: NetworkGraph): number {
  return graph.order === 0 ? 0 : new SortedComponentsIndex(graph).count;
}

/**
 * Mean of the local clustering coefficients of all nodes, nodes of degree < 2 counting 0 (as
 * networkx's `average_clustering`). Edge weights are ignored.
 *
 * Written here because no installed graphology package has local clustering (graphology-metrics
 * 2.4 has none). It walks graphology-indices' compact neighbourhood index: for each node, it
 * marks the neighbours, then counts the marked neighbours of each neighbour (every link between
 * two neighbours is seen twice).
 */
export function averageClustering(graph: NetworkGraph): number {
  if (graph.order === 0) return 0;
  const { neighborhood, starts } = new NeighborhoodIndex(graph);
  const mark = new Int32Array(graph.order).fill(-1);
  let sum = 0;
  for (let v = 0; v < graph.order; v += 1) {
    const from = starts[v] as number;
    const to = starts[v + 1] as number;
    const k = to - from;
    if (k < 2) continue;
    for (let i = from; i < to; i += 1) mark[neighborhood[i] as number] = v;
    let seen = 0;
    for (let i = from; i < to; i += 1) {
      const u = neighborhood[i] as number;
      for (let j = starts[u] as number; j < (starts[u + 1] as number); j += 1) {
        if (mark[neighborhood[j] as number] === v) seen += 1;
      }
    }
    sum += seen / (k * (k - 1));
  }
  return sum / graph.order;
}

/** Communities of the nodes and the modularity of that partition. */
export interface Communities {
  /** Community per node key, numbered from 0 by decreasing size (ties: first node in graph order). */
  byNode: Map<string, number>;
  count: number;
  /** Weighted modularity of the partition; 0 for a graph without edges. */
  modularity: number;
}

/**
 * Louvain communities (graphology-communities-louvain, weighted, with a seeded `rng` so that the
 * same graph always gives the same partition), renumbered by decreasing size so that community 0
 * is the largest, and their modularity (graphology-metrics).
 */
export function detectCommunities(graph: NetworkGraph, rng: Random): Communities {
  const raw = louvain(graph, { getEdgeWeight: 'weight', rng });
  const members = new Map<number, { first: number; size: number }>();
  let index = 0;
  graph.forEachNode((node) => {
    const community = raw[node] as number;
    const entry = members.get(community);
    if (entry) entry.size += 1;
    else members.set(community, { first: index, size: 1 });
    index += 1;
  });
  const order = [...members.entries()].sort(([, a], [, b]) => b.size - a.size || a.first - b.first);
  const renumber = new Map(order.map(([community], i) => [community, i]));
  const byNode = new Map<string, number>();
  graph.forEachNode((node) => byNode.set(node, renumber.get(raw[node] as number) as number));
  const score =
    graph.size === 0
      ? 0
      : modularity(graph, {
          getNodeCommunity: (node) => byNode.get(node) as number,
          getEdgeWeight: 'weight',
        });
  return { byNode, count: members.size, modularity: score };
}

/** How betweenness is computed: from every node, or from a sample of source nodes. */
export interface BetweennessResult {
  /** Betweenness per node key. */
  byNode: Map<string, number>;
  exact: boolean;
  sources: number;
}

/**
 * Normalised betweenness centrality over unweighted shortest paths (edge weights are tie
 * strengths, not distances). Exact (graphology-metrics) when the graph has at most `exactUpTo`
 * nodes; above that, estimated from `samples` source nodes drawn with `rng` among the nodes that
 * have an edge (Brandes & Pich 2007): the single-source searches are graphology-shortest-path's
 * indexed Brandes routine (the one graphology-metrics uses), and the dependencies it accumulates
 * are summed over the sampled sources only and scaled by (candidates / samples).
 * graphology-metrics itself offers no sampling.
 */
export function betweenness(
  graph: NetworkGraph,
  options: { exactUpTo: number; samples: number; rng: Random },
): BetweennessResult {
  if (graph.order === 0) return { byNode: new Map(), exact: true, sources: 0 };
  if (graph.order <= options.exactUpTo) {
    const exact = betweennessCentrality(graph, { getEdgeWeight: null, normalized: true });
    return { byNode: new Map(Object.entries(exact)), exact: true, sources: graph.order };
  }
  const brandes = createUnweightedIndexedBrandes(graph);
  // The routine numbers nodes in graph.nodes() order (graphology-indices NeighborhoodIndex).
  const nodes = graph.nodes();
  // Isolated nodes start no path: drawing sources among linked nodes only wastes no sample.
  const candidates: number[] = [];
  for (let i = 0; i < nodes.length; i += 1) {
    if (graph.degree(nodes[i] as string) > 0) candidates.push(i);
  }
  const picked = sampleIndices(
    candidates.length,
    Math.min(options.samples, candidates.length),
    options.rng,
  );
  const sources = picked.map((i) => candidates[i] as number);
  const delta = new Float64Array(graph.order);
  const sums = new Float64Array(graph.order);
  for (const source of sources) {
    const [stack, predecessors, sigma] = brandes(source);
    delta.fill(0);
    while (stack.size !== 0) {
      const w = stack.pop() as number;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      for (const v of predecessors[w] as number[]) {
        delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      }
      if (w !== source) sums[w] = (sums[w] as number) + (delta[w] as number);
    }
  }
  const n = graph.order;
  // Same normalisation as graphology-metrics (and networkx): 1 / ((n - 1)(n - 2)).
  const scale = sources.length === 0 ? 0 : candidates.length / sources.length / ((n - 1) * (n - 2));
  const byNode = new Map<string, number>();
  for (let i = 0; i < nodes.length; i += 1) {
    byNode.set(nodes[i] as string, (sums[i] as number) * scale);
  }
  return { byNode, exact: sources.length === candidates.length, sources: sources.length };
}

/** `count` distinct indices of [0, n), drawn with `rng` (a partial Fisher–Yates shuffle). */
function sampleIndices(n: number, count: number, rng: Random): number[] {
  const indices = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(rng() * (n - i));
    [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
  }
  return indices.slice(0, count).sort((a, b) => a - b);
}
