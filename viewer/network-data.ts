import Graph from 'graphology';

/** One engagement of a partner: a diversity dimension and the perspective it takes. */
export interface NodeDimension {
  key: string;
  perspective: string;
}

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
  districtKey: string | null;
  districtName: string | null;
  borough: string | null;
  status: string | null;
  dimensions: NodeDimension[];
}

/** An edge of `network(mode: PARTNERS)` as the viewer asks for it. */
export interface ApiEdge {
  source: string;
  target: string;
  weight: number;
  kinds?: string[];
  firstYear?: number | null;
  lastYear?: number | null;
}

/** The part of `network` the viewer draws. */
export interface ApiNetwork {
  nodes: ApiNode[];
  edges: ApiEdge[];
  metrics: { communities: number };
}

/** A dimension's names in both languages (`dimensions { key nameDe nameEn }`). */
export interface DimensionName {
  key: string;
  nameDe: string;
  nameEn: string;
}

/**
 * Node attributes of the drawn graph: sigma's default styles read x, y, size, color and label;
 * `labelShown` is the viewer's own choice of labels that do not overlap.
 */
export interface NodeAttributes extends ApiNode {
  color: string;
  isolated: boolean;
  labelShown: boolean;
}

/** Edge attributes of the drawn graph. */
export interface EdgeAttributes {
  weight: number;
  size: number;
  color: string;
}

/** How the nodes are coloured. */
export type ColourMode = 'community' | 'dimension' | 'sector';

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

/** Colours of the seven dimensions of the Charta der Vielfalt, in the order of their keys. */
const DIMENSION_PALETTE: readonly string[] = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#d55e00',
  '#56b4e9',
  '#7f3c8d',
];

/** Partners engaged in several dimensions: dark, so the single-dimension colours stand out. */
export const SEVERAL_DIMENSIONS_COLOR = '#3d4451';

/** The four sectors of the alliance. */
export const SECTORS = ['CIVIL_SOCIETY', 'BUSINESS', 'POLITICS', 'ADMINISTRATION'] as const;

const SECTOR_COLORS: Record<string, string> = {
  CIVIL_SOCIETY: '#009e73',
  BUSINESS: '#0072b2',
  POLITICS: '#d55e00',
  ADMINISTRATION: '#cc79a7',
};

/** The cooperation kinds the filter offers. */
export const COOPERATION_KINDS = [
  'DIVERSITY_COOPERATION',
  'NETWORK_PROJECT',
  'ACTION_DAY_EVENT',
] as const;

const EDGE_COLOR = 'rgba(110, 118, 129, 0.28)';

/** The colour of a community number. */
export function communityColor(community: number): string {
  return COMMUNITY_PALETTE[community] ?? OTHER_COMMUNITY_COLOR;
}

/**
 * How many communities have two partners or more. Louvain makes every isolated partner a
 * community of its own; those are not groups, and the viewer draws them in the muted colour.
 */
export function groupCount(nodes: readonly Pick<ApiNode, 'community'>[]): number {
  const sizes = new Map<number, number>();
  for (const { community } of nodes) sizes.set(community, (sizes.get(community) ?? 0) + 1);
  return [...sizes.values()].filter((size) => size >= 2).length;
}

/** The colour of a dimension, by the position of its key among all dimension keys. */
export function dimensionColor(key: string, allKeys: readonly string[]): string {
  return DIMENSION_PALETTE[allKeys.indexOf(key)] ?? OTHER_COMMUNITY_COLOR;
}

/** The colour of a sector. */
export function sectorColor(sector: string | null): string {
  return (sector !== null && SECTOR_COLORS[sector]) || OTHER_COMMUNITY_COLOR;
}

/**
 * A node's colour in a mode. By community: the first `groups` communities (numbered by decreasing
 * size, so those of two partners or more) in the palette, the rest muted. By dimension: partners engaged in exactly one dimension get its
 * colour, partners in several one dark colour (a node cannot show seven colours at once; the
 * dimension filter picks out the partners of one).
 */
export function nodeColour(
  node: Pick<ApiNode, 'community' | 'sector' | 'dimensions'>,
  mode: ColourMode,
  dimensionKeys: readonly string[],
  groups: number,
): string {
  if (mode === 'sector') return sectorColor(node.sector);
  if (mode === 'community') {
    return node.community < groups ? communityColor(node.community) : OTHER_COMMUNITY_COLOR;
  }
  const keys = distinctDimensions(node);
  if (keys.length === 0) return OTHER_COMMUNITY_COLOR;
  if (keys.length > 1) return SEVERAL_DIMENSIONS_COLOR;
  return dimensionColor(keys[0] ?? '', dimensionKeys);
}

/** The distinct dimension keys a partner engages in, in key order. */
export function distinctDimensions(node: Pick<ApiNode, 'dimensions'>): string[] {
  return [...new Set(node.dimensions.map((d) => d.key))].sort();
}

/**
 * On-screen radius of a node in pixels: grows with the square root of its activity (counted
 * cooperations, or its degree when larger) so that hubs stand out without hiding their neighbours.
 */
export function nodeRadius(node: Pick<ApiNode, 'size' | 'degree'>): number {
  const activity = Math.max(node.size, node.degree, 0);
  return Math.min(3 + 1.6 * Math.sqrt(activity), 18);
}

/** Where the grid of isolated partners starts, in graph coordinates, and how many it holds. */
export interface IsolatedGrid {
  /** Top-left corner of the grid (graph coordinates; y grows upwards as in the API's layout). */
  anchor: { x: number; y: number };
  count: number;
}

/**
 * Places the partners without any edge (degree 0) in a grid below the connected graph, by name:
 * the API's layout puts them on a ring around everything, which reads as a grey wall around the
 * network. The grid spans the width of the connected part, with a gap of a few cells above it.
 */
export function gridIsolated(nodes: ApiNode[]): IsolatedGrid | null {
  const isolated = nodes.filter((n) => n.degree === 0);
  const connected = nodes.filter((n) => n.degree > 0);
  if (isolated.length === 0) return null;
  const box = bounds(connected.length > 0 ? connected : isolated);
  const width = Math.max(box.maxX - box.minX, 1);
  const columns = Math.max(1, Math.ceil(Math.sqrt(isolated.length * 4)));
  const step = width / Math.max(columns - 1, 1);
  const top = (connected.length > 0 ? box.minY : box.maxY) - 3 * step;
  isolated.sort((a, b) => a.label.localeCompare(b.label, 'de'));
  isolated.forEach((node, index) => {
    node.x = box.minX + (index % columns) * step;
    node.y = top - Math.floor(index / columns) * step;
  });
  return { anchor: { x: box.minX, y: top + step }, count: isolated.length };
}

function bounds(nodes: readonly ApiNode[]): {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
} {
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  return {
    minX: Math.min(...xs),
    maxX: Math.max(...xs),
    minY: Math.min(...ys),
    maxY: Math.max(...ys),
  };
}

/** Builds the graphology graph sigma draws, with positions from the API's ForceAtlas2 layout. */
export function buildGraph(network: ApiNetwork): Graph<NodeAttributes, EdgeAttributes> {
  const graph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'undirected', multi: false });
  const groups = groupCount(network.nodes);
  for (const node of network.nodes) {
    graph.addNode(node.id, {
      ...node,
      size: nodeRadius(node),
      color: nodeColour(node, 'community', [], groups),
      isolated: node.degree === 0,
      labelShown: false,
    });
  }
  setEdges(graph, network.edges);
  return graph;
}

/** Replaces the graph's edges (e.g. by those of a filtered network); the nodes stay. */
export function setEdges(graph: Graph<NodeAttributes, EdgeAttributes>, edges: ApiEdge[]): void {
  graph.clearEdges();
  for (const edge of edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    if (graph.hasEdge(edge.source, edge.target)) continue;
    graph.addEdge(edge.source, edge.target, {
      weight: edge.weight,
      size: Math.min(0.5 + 0.5 * edge.weight, 4),
      color: EDGE_COLOR,
    });
  }
}

/** The node filter of the page; empty strings mean "all". */
export interface NodeFilter {
  dimension: string;
  sector: string;
  district: string;
}

/** Whether a partner passes the node filter. */
export function passesFilter(node: ApiNode, filter: NodeFilter): boolean {
  if (filter.sector !== '' && node.sector !== filter.sector) return false;
  if (filter.district !== '' && node.districtKey !== filter.district) return false;
  if (filter.dimension !== '' && !node.dimensions.some((d) => d.key === filter.dimension)) {
    return false;
  }
  return true;
}

/**
 * Nodes whose label contains the query, ignoring case and umlauts ("caritas" finds "Caritas…",
 * "muller" and "mueller" find "Müller", "strasse" finds "Straße"); those starting with it first,
 * then in German order. Queries shorter than two characters match nothing.
 */
export function findMatches(
  nodes: readonly Pick<ApiNode, 'id' | 'label'>[],
  query: string,
  limit = 8,
): { id: string; label: string }[] {
  const needles = new Set(foldings(query.trim()));
  if ([...needles].every((needle) => needle.length < 2)) return [];
  return nodes
    .map((node) => ({ node, at: positionIn(node.label, needles) }))
    .filter(({ at }) => at >= 0)
    .sort(
      (a, b) =>
        Number(a.at !== 0) - Number(b.at !== 0) || a.node.label.localeCompare(b.node.label, 'de'),
    )
    .slice(0, limit)
    .map(({ node }) => ({ id: node.id, label: node.label }));
}

/** Whether a text contains the query, ignoring case and umlauts as {@link findMatches} does. */
export function containsFolded(text: string, query: string): boolean {
  const needles = new Set(foldings(query.trim()));
  return positionIn(text, needles) >= 0;
}

function positionIn(label: string, needles: Set<string>): number {
  let best = -1;
  for (const haystack of foldings(label)) {
    for (const needle of needles) {
      const at = haystack.indexOf(needle);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
  }
  return best;
}

/** A text lowercased two ways: umlauts without their dots ("muller") and spelled out ("mueller"). */
function foldings(text: string): string[] {
  const lower = text.toLowerCase().replace(/ß/g, 'ss');
  const spelled = lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
  return [stripAccents(lower), stripAccents(spelled)];
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '');
}
