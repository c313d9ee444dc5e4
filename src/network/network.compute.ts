import forceAtlas2 from 'graphology-layout-forceatlas2';
import random from 'graphology-layout/random';
import { density } from 'graphology-metrics/graph/density';
import { weightedDegree } from 'graphology-metrics/node/weighted-degree';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { buildNetworkGraph, type NetworkGraph } from './network.build';
import {
  averageClustering,
  betweenness,
  componentCount,
  detectCommunities,
  type Random,
} from './network.metrics';
import type { NetworkData, NetworkRows, NetworkSettings } from './network.model';

/** How much work the computation does for a graph of a given size. */
export interface ComputePlan {
  /** Betweenness is exact up to this many nodes, sampled above. */
  exactBetweennessUpTo: number;
  /** Source nodes of sampled betweenness. */
  betweennessSamples: number;
  /** ForceAtlas2 iterations after the seeded random start. */
  layoutIterations: number;
  /** Barnes–Hut approximation of the repulsion (O(n log n) instead of O(n²) per iteration). */
  barnesHut: boolean;
  /** Barnes–Hut accuracy: larger is faster and coarser. */
  barnesHutTheta: number;
}

/**
 * The work done for a graph of `order` nodes. Small graphs (the demo has 353 partners) get exact
 * betweenness and a full ForceAtlas2 run; large ones are cut down so that 50,000 partners stay
 * within seconds: betweenness sampled, Barnes–Hut repulsion, fewer iterations (ForceAtlas2 costs
 * ~0.3–0.6 s per iteration at 50k even with Barnes–Hut). Fixed numbers, never time budgets, so
 * the result stays deterministic.
 */
export function computePlan(order: number): ComputePlan {
  const exactBetweennessUpTo = 3_000;
  const betweennessSamples = 32;
  // Exact repulsion is O(n²) per iteration; from a few hundred nodes Barnes–Hut is faster (the
  // demo's BIPARTITE network, 961 nodes, lays out in half the time with it).
  if (order <= 600) {
    return {
      exactBetweennessUpTo,
      betweennessSamples,
      layoutIterations: 60,
      barnesHut: false,
      barnesHutTheta: 0.5,
    };
  }
  if (order <= 5_000) {
    return {
      exactBetweennessUpTo,
      betweennessSamples,
      layoutIterations: 40,
      barnesHut: true,
      barnesHutTheta: 0.8,
    };
  }
  return {
    exactBetweennessUpTo,
    betweennessSamples,
    layoutIterations: Math.max(4, Math.round(400_000 / order)),
    barnesHut: true,
    barnesHutTheta: 1.2,
  };
}

/**
 * A seeded random source over pure-rand's xoroshiro128+. Each use gets its own stream (`stream`),
 * so that, say, more betweenness samples do not move the layout.
 */
export function seededRandom(seed: number, stream: number): Random {
  const generator = xoroshiro128plus((seed * 31 + stream) | 0);
  return () => (generator.next() >>> 0) / 4_294_967_296;
}

/** Rounds a coordinate: three decimals are far below a pixel and keep exports small. */
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Computes the whole network of one request: builds the graph of the mode, then degree, weighted
 * degree, betweenness, Louvain communities and modularity, components, density, average
 * clustering, and a ForceAtlas2 layout from a seeded random start. Pure and deterministic: the
 * same rows and settings always give the same result. CPU-heavy, so the service runs it in a
 * worker thread.
 *
 * @param plan - the work per size; defaults to {@link computePlan} of the graph's order
 */
export function computeNetwork(
  rows: NetworkRows,
  settings: NetworkSettings,
  plan?: ComputePlan,
): NetworkData {
  const graph = buildNetworkGraph(rows, settings.mode, settings.minWeight);
  const work = plan ?? computePlan(graph.order);
  const centrality = betweenness(graph, {
    exactUpTo: work.exactBetweennessUpTo,
    samples: work.betweennessSamples,
    rng: seededRandom(settings.seed, 1),
  });
  const communities = detectCommunities(graph, seededRandom(settings.seed, 2));
  const positions = layout(graph, work, seededRandom(settings.seed, 3));
  // Graph keys are node positions; the results speak of ids (see buildNetworkGraph).
  const nodes = graph.mapNodes((key, attributes) => {
    const position = positions.get(key) ?? { x: 0, y: 0 };
    return {
      ...attributes,
      degree: graph.degree(key),
      weightedDegree: weightedDegree(graph, key, 'weight'),
      betweenness: centrality.byNode.get(key) ?? 0,
      community: communities.byNode.get(key) ?? 0,
      x: round3(position.x),
      y: round3(position.y),
    };
  });
  const edges = graph.mapEdges((id, attributes, source, target, sourceNode, targetNode) => ({
    id,
    source: sourceNode.id,
    target: targetNode.id,
    ...attributes,
  }));
  return {
    nodes,
    edges,
    metrics: {
      nodes: graph.order,
      edges: graph.size,
      density: graph.order < 2 ? 0 : density(graph),
      components: componentCount(graph),
      averageClustering: averageClustering(graph),
      modularity: communities.modularity,
      communities: communities.count,
      betweennessExact: centrality.exact,
      betweennessSources: centrality.sources,
      layoutIterations: graph.order === 0 ? 0 : work.layoutIterations,
    },
  };
}

/**
 * Positions: graphology-layout's random layout with a seeded rng as the start (ForceAtlas2 needs
 * distinct starting points), then a fixed number of ForceAtlas2 iterations with the settings
 * ForceAtlas2 infers for the graph's size. Sets the start as `x`/`y` node attributes, where
 * ForceAtlas2 reads it; returns the final positions by node key.
 */
function layout(
  graph: NetworkGraph,
  plan: ComputePlan,
  rng: Random,
): Map<string, { x: number; y: number }> {
  if (graph.order === 0) return new Map();
  // Spread the start over an area that grows with the graph, as ForceAtlas2 would settle it.
  const scale = 10 * Math.sqrt(graph.order);
  random.assign(graph, { rng, scale, center: 0 });
  const result = forceAtlas2(graph, {
    iterations: plan.layoutIterations,
    getEdgeWeight: 'weight',
    settings: {
      ...forceAtlas2.inferSettings(graph),
      barnesHutOptimize: plan.barnesHut,
      barnesHutTheta: plan.barnesHutTheta,
    },
  });
  return new Map(Object.entries(result));
}
