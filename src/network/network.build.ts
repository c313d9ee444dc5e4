import { UndirectedGraph } from 'graphology';
import type {
  CooperationRow,
  NetworkModeName,
  NetworkNodeKindName,
  NetworkRows,
  NodeDimension,
} from './network.model';

/**
 * What a node carries in the graphology graph before any metric is computed. The node's key in
 * the graph is its position ("0", "1", ...), its id an attribute (see {@link buildNetworkGraph}).
 */
export interface NodeAttributes {
  id: string;
  label: string;
  kind: NetworkNodeKindName;
  sector: string | null;
  partnerKind: string | null;
  cooperationKind: string | null;
  districtKey: string | null;
  districtName: string | null;
  borough: string | null;
  boroughKey: string | null;
  status: string | null;
  scope: string | null;
  dimensions: NodeDimension[] | null;
  size: number;
}

/** What an edge carries in the graphology graph. */
export interface EdgeAttributes {
  weight: number;
  kinds: string[];
  firstYear: number | null;
  lastYear: number | null;
}

/** The graph type every computation of the slice works on. */
export type NetworkGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

/** An edge while it is being summed up over cooperations. */
interface EdgeTally {
  source: string;
  target: string;
  weight: number;
  kinds: Set<string>;
  firstYear: number | null;
  lastYear: number | null;
}

/** The id of the edge between two nodes: stable across filters, never equal to a node id. */
export function edgeId(source: string, target: string): string {
  return `${source}--${target}`;
}

/**
 * Builds the undirected graph of one mode from the rows. Pure and deterministic: nodes are added
 * in the rows' order (sorted by id), edges in the order they first appear, so the same rows give
 * the same graph, node for node.
 *
 * Node keys are positions ("0", "1", ...) and ids are attributes: graphology keeps each node's
 * neighbours in an object keyed by neighbour key, and V8 stores integer-like keys as array
 * elements, which makes building and walking a 50k-partner graph about twice as fast as with
 * keys like "p-00042". Edge keys are the edge ids.
 *
 * - PARTNERS: partners; two are linked when they took part in the same cooperation, weight =
 *   number of shared cooperations.
 * - BIPARTITE: partners and cooperations; a partner is linked to each cooperation it took part in
 *   (weight 1).
 * - DIMENSIONS: dimensions; two are linked when a cooperation addresses both, weight = number of
 *   such cooperations.
 *
 * @param minWeight - edges lighter than this are left out; their nodes stay
 */
export function buildNetworkGraph(
  rows: NetworkRows,
  mode: NetworkModeName,
  minWeight = 1,
): NetworkGraph {
  const graph: NetworkGraph = new UndirectedGraph();
  const keys = new Map<string, string>();
  const addNode = (attributes: NodeAttributes) => {
    const key = String(graph.order);
    graph.addNode(key, attributes);
    keys.set(attributes.id, key);
  };
  const tallies = new Map<string, EdgeTally>();
  // Sizes are counted first and each node is added once with its size: updating attributes per
  // participation costs seconds at 50k partners.
  const sizes = new Map<string, number>();
  const count = (ids: string[]) => {
    for (const id of ids) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  };
  if (mode === 'DIMENSIONS') {
    const known = new Set(rows.dimensions.map((d) => d.key));
    for (const cooperation of rows.cooperations) {
      const keys = cooperation.dimensionKeys.filter((key) => known.has(key));
      count(keys);
      tallyPairs(tallies, keys, cooperation);
    }
    for (const { key, label } of rows.dimensions) {
      addNode({ ...node(key, label, 'DIMENSION'), size: sizes.get(key) ?? 0 });
    }
  } else {
    const known = new Set(rows.partners.map((p) => p.id));
    const linked: CooperationRow[] = [];
    for (const cooperation of rows.cooperations) {
      const ids = cooperation.partnerIds.filter((id) => known.has(id));
      if (ids.length === 0) continue;
      count(ids);
      if (mode === 'PARTNERS') tallyPairs(tallies, ids, cooperation);
      else linked.push({ ...cooperation, partnerIds: ids });
    }
    for (const partner of rows.partners) {
      addNode({
        ...node(partner.id, partner.name, 'PARTNER'),
        sector: partner.sector,
        partnerKind: partner.kind,
        districtKey: partner.districtKey,
        districtName: partner.districtName,
        borough: partner.borough,
        boroughKey: partner.boroughKey,
        status: partner.status,
        scope: partner.scope,
        dimensions: partner.dimensions,
        size: sizes.get(partner.id) ?? 0,
      });
    }
    for (const cooperation of linked) {
      addNode({
        ...node(cooperation.id, cooperation.title, 'COOPERATION'),
        cooperationKind: cooperation.kind,
        size: cooperation.partnerIds.length,
      });
      for (const id of cooperation.partnerIds) tally(tallies, id, cooperation.id, cooperation);
    }
  }
  for (const [id, edge] of tallies) {
    if (edge.weight < minWeight) continue;
    const source = keys.get(edge.source) as string;
    const target = keys.get(edge.target) as string;
    graph.addUndirectedEdgeWithKey(id, source, target, {
      weight: edge.weight,
      kinds: [...edge.kinds].sort(),
      firstYear: edge.firstYear,
      lastYear: edge.lastYear,
    });
  }
  return graph;
}

function node(id: string, label: string, kind: NetworkNodeKindName): NodeAttributes {
  return {
    id,
    label,
    kind,
    sector: null,
    partnerKind: null,
    cooperationKind: null,
    districtKey: null,
    districtName: null,
    borough: null,
    boroughKey: null,
    status: null,
    scope: null,
    dimensions: null,
    size: 0,
  };
}

/** Counts the cooperation once for every pair of the (sorted) ids. */
function tallyPairs(tallies: Map<string, EdgeTally>, ids: string[], cooperation: CooperationRow) {
  const sorted = [...new Set(ids)].sort();
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) {
      tally(tallies, sorted[i] as string, sorted[j] as string, cooperation);
    }
  }
}

function tally(
  tallies: Map<string, EdgeTally>,
  source: string,
  target: string,
  cooperation: CooperationRow,
) {
  const id = edgeId(source, target);
  const { year, kind } = cooperation;
  const edge = tallies.get(id);
  if (edge === undefined) {
    tallies.set(id, {
      source,
      target,
      weight: 1,
      kinds: new Set([kind]),
      firstYear: year,
      lastYear: year,
    });
    return;
  }
  edge.weight += 1;
  edge.kinds.add(kind);
  if (year !== null) {
    edge.firstYear = edge.firstYear === null ? year : Math.min(edge.firstYear, year);
    edge.lastYear = edge.lastYear === null ? year : Math.max(edge.lastYear, year);
  }
}
