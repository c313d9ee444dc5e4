import { edgeId } from './network.build';
import type {
  NetworkData,
  NetworkEdgeData,
  NetworkMetricsData,
  NetworkNodeData,
  NetworkNodeKindName,
  NodeDimension,
} from './network.model';

/** Numeric columns of a node in {@link PackedNetwork.nodeValues}, in this order. */
const NODE_COLUMNS = [
  'size',
  'degree',
  'weightedDegree',
  'betweenness',
  'community',
  'x',
  'y',
] as const;

/** Numeric columns of an edge in {@link PackedNetwork.edgeValues}; NaN stands for null. */
const EDGE_COLUMNS = ['weight', 'firstYear', 'lastYear'] as const;

/**
 * A computed network in columns: numbers in typed arrays (moved between threads without copying),
 * strings in flat arrays. Copying 50k node objects from the worker to the request thread would
 * block the event loop for hundreds of milliseconds; these columns take a few.
 */
export interface PackedNetwork {
  nodeIds: string[];
  labels: string[];
  kinds: NetworkNodeKindName[];
  sectors: (string | null)[];
  partnerKinds: (string | null)[];
  cooperationKinds: (string | null)[];
  districtKeys: (string | null)[];
  districtNames: (string | null)[];
  boroughs: (string | null)[];
  boroughKeys: (string | null)[];
  statuses: (string | null)[];
  scopes: (string | null)[];
  /**
   * The nodes' engagements, flat: node i's are entries `dimensionOffsets[i]` up to (excluding)
   * `dimensionOffsets[i + 1]` of `dimensionKeys` and `dimensionPerspectives`. A list per node
   * would be one more object per partner to clone between threads.
   */
  dimensionOffsets: Uint32Array;
  dimensionKeys: string[];
  dimensionPerspectives: string[];
  /** `NODE_COLUMNS.length` values per node. */
  nodeValues: Float64Array;
  /** Node indices. */
  edgeSources: Uint32Array;
  edgeTargets: Uint32Array;
  /** Cooperation kinds of each edge, comma-separated. */
  edgeKinds: string[];
  /** `EDGE_COLUMNS.length` values per edge. */
  edgeValues: Float64Array;
  metrics: NetworkMetricsData;
}

/** Packs a network into columns. Edge ids are not stored: they are `source--target`. */
export function packNetwork(network: NetworkData): PackedNetwork {
  const { nodes, edges } = network;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const nodeValues = new Float64Array(nodes.length * NODE_COLUMNS.length);
  nodes.forEach((node, i) => {
    NODE_COLUMNS.forEach((column, c) => {
      nodeValues[i * NODE_COLUMNS.length + c] = node[column];
    });
  });
  const edgeValues = new Float64Array(edges.length * EDGE_COLUMNS.length);
  const edgeSources = new Uint32Array(edges.length);
  const edgeTargets = new Uint32Array(edges.length);
  edges.forEach((edge, i) => {
    if (edge.id !== edgeId(edge.source, edge.target)) {
      throw new Error(`edge ${edge.id} is not named source--target`);
    }
    edgeSources[i] = index.get(edge.source) as number;
    edgeTargets[i] = index.get(edge.target) as number;
    EDGE_COLUMNS.forEach((column, c) => {
      edgeValues[i * EDGE_COLUMNS.length + c] = edge[column] ?? Number.NaN;
    });
  });
  const dimensionOffsets = new Uint32Array(nodes.length + 1);
  const dimensionKeys: string[] = [];
  const dimensionPerspectives: string[] = [];
  nodes.forEach((node, i) => {
    for (const { key, perspective } of node.dimensions ?? []) {
      dimensionKeys.push(key);
      dimensionPerspectives.push(perspective);
    }
    dimensionOffsets[i + 1] = dimensionKeys.length;
  });
  return {
    nodeIds: nodes.map((n) => n.id),
    labels: nodes.map((n) => n.label),
    kinds: nodes.map((n) => n.kind),
    sectors: nodes.map((n) => n.sector),
    partnerKinds: nodes.map((n) => n.partnerKind),
    cooperationKinds: nodes.map((n) => n.cooperationKind),
    districtKeys: nodes.map((n) => n.districtKey),
    districtNames: nodes.map((n) => n.districtName),
    boroughs: nodes.map((n) => n.borough),
    boroughKeys: nodes.map((n) => n.boroughKey),
    statuses: nodes.map((n) => n.status),
    scopes: nodes.map((n) => n.scope),
    dimensionOffsets,
    dimensionKeys,
    dimensionPerspectives,
    nodeValues,
    edgeSources,
    edgeTargets,
    edgeKinds: edges.map((e) => e.kinds.join(',')),
    edgeValues,
    metrics: network.metrics,
  };
}

/** The typed arrays of a packed network, to hand to `postMessage` as its transfer list. */
export function transferables(packed: PackedNetwork): ArrayBuffer[] {
  return [
    packed.nodeValues,
    packed.dimensionOffsets,
    packed.edgeSources,
    packed.edgeTargets,
    packed.edgeValues,
  ].map((array) => array.buffer as ArrayBuffer);
}

const orNull = (value: number) => (Number.isNaN(value) ? null : value);

/**
 * Node i's engagements; `null` for nodes other than partners, which have none to list (a
 * partner's list is never null, see `buildNetworkGraph`).
 */
function dimensionsOf(packed: PackedNetwork, i: number): NodeDimension[] | null {
  if (packed.kinds[i] !== 'PARTNER') return null;
  const dimensions: NodeDimension[] = [];
  const end = packed.dimensionOffsets[i + 1] as number;
  for (let j = packed.dimensionOffsets[i] as number; j < end; j += 1) {
    dimensions.push({
      key: packed.dimensionKeys[j] as string,
      perspective: packed.dimensionPerspectives[j] as string,
    });
  }
  return dimensions;
}

/** Turns columns back into node and edge objects; the inverse of {@link packNetwork}. */
export function unpackNetwork(packed: PackedNetwork): NetworkData {
  const n = NODE_COLUMNS.length;
  const nodes: NetworkNodeData[] = packed.nodeIds.map((id, i) => {
    const v = packed.nodeValues;
    return {
      id,
      label: packed.labels[i] as string,
      kind: packed.kinds[i] as NetworkNodeKindName,
      sector: packed.sectors[i] ?? null,
      partnerKind: packed.partnerKinds[i] ?? null,
      cooperationKind: packed.cooperationKinds[i] ?? null,
      districtKey: packed.districtKeys[i] ?? null,
      districtName: packed.districtNames[i] ?? null,
      borough: packed.boroughs[i] ?? null,
      boroughKey: packed.boroughKeys[i] ?? null,
      status: packed.statuses[i] ?? null,
      scope: packed.scopes[i] ?? null,
      dimensions: dimensionsOf(packed, i),
      size: v[i * n] as number,
      degree: v[i * n + 1] as number,
      weightedDegree: v[i * n + 2] as number,
      betweenness: v[i * n + 3] as number,
      community: v[i * n + 4] as number,
      x: v[i * n + 5] as number,
      y: v[i * n + 6] as number,
    };
  });
  const m = EDGE_COLUMNS.length;
  const edges: NetworkEdgeData[] = packed.edgeKinds.map((kinds, i) => {
    const source = packed.nodeIds[packed.edgeSources[i] as number] as string;
    const target = packed.nodeIds[packed.edgeTargets[i] as number] as string;
    const v = packed.edgeValues;
    return {
      id: edgeId(source, target),
      source,
      target,
      weight: v[i * m] as number,
      kinds: kinds === '' ? [] : kinds.split(','),
      firstYear: orNull(v[i * m + 1] as number),
      lastYear: orNull(v[i * m + 2] as number),
    };
  });
  return { nodes, edges, metrics: packed.metrics };
}
