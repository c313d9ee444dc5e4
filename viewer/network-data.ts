import Graph from 'graphology';

/** A node of `network(mode: PARTNERS)` as the viewer asks for it. */
export interface ApiNode {
  id: string;
  label: string;
  sector: string | null;
  size: number;
  degree: number;
  community: number;
  x: number;
  y: number;
}

/** An edge of `network(mode: PARTNERS)` as the viewer asks for it. */
export interface ApiEdge {
  source: string;
  target: string;
  weight: number;
}

/** The part of `network` the viewer draws. */
export interface ApiNetwork {
  nodes: ApiNode[];
  edges: ApiEdge[];
  metrics: { communities: number };
}

/** Node attributes of the drawn graph: sigma's default styles read x, y, size, color and label. */
export interface NodeAttributes extends ApiNode {
  color: string;
}

/** Edge attributes of the drawn graph. */
export interface EdgeAttributes {
  weight: number;
  size: number;
  color: string;
}

/**
 * One colour per community, largest communities first (the API numbers them by decreasing size).
 * Colour-blind-safe hues (Okabe–Ito and Tableau 10 mixed), distinct from the grey of the rest.
 */
export const COMMUNITY_PALETTE: readonly string[] = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#d55e00',
  '#56b4e9',
  '#8c564b',
  '#b8a200',
  '#7f3c8d',
  '#1b9e77',
  '#e7298a',
  '#4e79a7',
];

/** Communities past the palette are small; one muted colour keeps them apart from the named ones. */
export const OTHER_COMMUNITY_COLOR = '#9aa0a6';

const EDGE_COLOR = 'rgba(110, 118, 129, 0.28)';

/** The colour of a community number. */
export function communityColor(community: number): string {
  return COMMUNITY_PALETTE[community] ?? OTHER_COMMUNITY_COLOR;
}

/**
 * On-screen radius of a node in pixels: grows with the square root of its activity (counted
 * cooperations, or its degree when larger) so that hubs stand out without hiding their neighbours.
 */
export function nodeRadius(node: Pick<ApiNode, 'size' | 'degree'>): number {
  const activity = Math.max(node.size, node.degree, 0);
  return Math.min(3 + 1.6 * Math.sqrt(activity), 18);
}

/** Builds the graphology graph sigma draws, with positions from the API's ForceAtlas2 layout. */
export function buildGraph(network: ApiNetwork): Graph<NodeAttributes, EdgeAttributes> {
  const graph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'undirected', multi: false });
  for (const node of network.nodes) {
    graph.addNode(node.id, {
      ...node,
      size: nodeRadius(node),
      color: communityColor(node.community),
    });
  }
  for (const edge of network.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    if (graph.hasEdge(edge.source, edge.target)) continue;
    graph.addEdge(edge.source, edge.target, {
      weight: edge.weight,
      size: Math.min(0.5 + 0.5 * edge.weight, 4),
      color: EDGE_COLOR,
    });
  }
  return graph;
}

/**
 * Nodes whose label contains the query, case- and accent-insensitively; those starting with it
 * first, then alphabetically. Queries shorter than two characters match nothing.
 */
export function findMatches(
  nodes: readonly Pick<ApiNode, 'id' | 'label'>[],
  query: string,
  limit = 8,
): { id: string; label: string }[] {
  const needle = fold(query.trim());
  if (needle.length < 2) return [];
  return nodes
    .map((node) => ({ node, at: fold(node.label).indexOf(needle) }))
    .filter(({ at }) => at >= 0)
    .sort(
      (a, b) => Number(a.at !== 0) - Number(b.at !== 0) || a.node.label.localeCompare(b.node.label),
    )
    .slice(0, limit)
    .map(({ node }) => ({ id: node.id, label: node.label }));
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

const SECTOR_NAMES: Record<string, string> = {
  CIVIL_SOCIETY: 'Civil society',
  BUSINESS: 'Business',
  POLITICS: 'Politics',
  ADMINISTRATION: 'Administration',
};

/** A readable sector name; the API's enum value when it is unknown here. */
export function sectorName(sector: string | null): string {
  if (sector === null) return '–';
  return SECTOR_NAMES[sector] ?? sector;
}
