/**
 * The plain data of the network slice: what the repository reads, what the worker computes and
 * what the service caches. No GraphQL decorators here: the worker thread loads this file, and it
 * must stay free of type-graphql and reflect-metadata.
 */

/** The three projections of the alliance graph (see docs/network.md). */
export type NetworkModeName = 'PARTNERS' | 'BIPARTITE' | 'DIMENSIONS';

/** The kind of a node of the network. */
export type NetworkNodeKindName = 'PARTNER' | 'COOPERATION' | 'DIMENSION';

/**
 * The export formats: `GET /export/network.<format>`, and `csv-excel-de` for
 * `GET /export/network.csv?format=excel-de`.
 */
export type NetworkExportFormat = 'gexf' | 'graphml' | 'json' | 'csv' | 'csv-excel-de';

/** A dimension a partner engages in, and from which perspective (one per relationship). */
export interface NodeDimension {
  key: string;
  perspective: string;
}

/**
 * Where a partner is, what it is and what it engages in: the attributes a frontend colours and
 * filters partner nodes by. Public fields only.
 */
export interface PartnerAttributes {
  /** Key of its district (Stadtteil); `null` when it gave none. */
  districtKey: string | null;
  districtName: string | null;
  /** Name of its district's borough (Stadtbezirk). */
  borough: string | null;
  boroughKey: string | null;
  status: string;
  /** Wirkungsbereich; NEIGHBOURHOOD when the partner said nothing. */
  scope: string;
  /** Its engagements, sorted by key, then perspective. */
  dimensions: NodeDimension[];
}

/** A partner as the network needs it: public fields only, never contact data. */
export interface PartnerRow extends PartnerAttributes {
  id: string;
  name: string;
  sector: string;
  kind: string;
}

/**
 * A cooperation that counts for the network (it passed the filter), with the selected partners
 * that took part (sorted by id) and the dimensions it addresses (sorted by key).
 */
export interface CooperationRow {
  id: string;
  title: string;
  kind: string;
  /** Year of `startedOn`; `null` when the cooperation has no start date. */
  year: number | null;
  partnerIds: string[];
  dimensionKeys: string[];
}

/** A dimension node of the DIMENSIONS mode, its label already in the request's language. */
export interface DimensionRow {
  key: string;
  label: string;
}

/** Everything the network of one request is computed from, as read from Neo4j. */
export interface NetworkRows {
  /** Sorted by id; empty in DIMENSIONS mode. */
  partners: PartnerRow[];
  /** Sorted by id. */
  cooperations: CooperationRow[];
  /** Sorted by key; empty unless DIMENSIONS mode. */
  dimensions: DimensionRow[];
}

/** How to compute a network from its rows. */
export interface NetworkSettings {
  mode: NetworkModeName;
  /** Edges lighter than this are dropped (their nodes stay). */
  minWeight: number;
  /** Seed of every random choice (initial layout, Louvain, betweenness sampling). */
  seed: number;
}

/** One node of a computed network. */
export interface NetworkNodeData {
  id: string;
  label: string;
  kind: NetworkNodeKindName;
  /** The partner's sector; `null` for other kinds. */
  sector: string | null;
  /** The partner's kind of organisation; `null` for other kinds. */
  partnerKind: string | null;
  /** The cooperation's kind; `null` for other kinds. */
  cooperationKind: string | null;
  /** The partner's district key; `null` for other kinds (and partners without a district). */
  districtKey: string | null;
  districtName: string | null;
  borough: string | null;
  boroughKey: string | null;
  /** The partner's membership status; `null` for other kinds. */
  status: string | null;
  /** The partner's Wirkungsbereich; `null` for other kinds. */
  scope: string | null;
  /** The partner's engagements by key, then perspective; `null` for other kinds. */
  dimensions: NodeDimension[] | null;
  /** Cooperations counted for a partner or dimension; participants counted for a cooperation. */
  size: number;
  degree: number;
  weightedDegree: number;
  /** Normalised betweenness centrality in [0, 1] (unweighted shortest paths). */
  betweenness: number;
  /** Louvain community, numbered from 0 by decreasing size. */
  community: number;
  x: number;
  y: number;
}

/** One undirected edge of a computed network. */
export interface NetworkEdgeData {
  id: string;
  source: string;
  target: string;
  weight: number;
  /** Kinds of the cooperations behind the edge, sorted. */
  kinds: string[];
  firstYear: number | null;
  lastYear: number | null;
}

/** Whole-graph figures of a computed network. */
export interface NetworkMetricsData {
  nodes: number;
  edges: number;
  density: number;
  components: number;
  averageClustering: number;
  modularity: number;
  communities: number;
  /** Whether betweenness was computed from every node (exact) or from a seeded sample. */
  betweennessExact: boolean;
  /** Source nodes of the shortest-path searches behind betweenness. */
  betweennessSources: number;
  layoutIterations: number;
}

/** A computed network: nodes, edges and metrics, ready to be rendered. */
export interface NetworkData {
  nodes: NetworkNodeData[];
  edges: NetworkEdgeData[];
  metrics: NetworkMetricsData;
}
