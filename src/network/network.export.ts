import { UndirectedGraph } from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import { toCsv } from '../common/csv';
import {
  COOPERATION_KIND_DE,
  germanLabel,
  NETWORK_NODE_KIND_DE,
  PARTNER_KIND_DE,
  PARTNER_SCOPE_DE,
  PARTNER_STATUS_DE,
  PERSPECTIVE_DE,
  SECTOR_DE,
} from '../common/labels-de';
import type {
  NetworkData,
  NetworkEdgeData,
  NetworkExportFormat,
  NetworkNodeData,
} from './network.model';

/** What an export says about where it came from, next to the graph itself. */
export interface ExportMeta {
  mode: string;
  dataVersion: number;
}

/**
 * Community colours (Tableau 10, then a second shade of each): neighbouring community numbers
 * get clearly different colours; community 20 starts the cycle again.
 */
export const COMMUNITY_PALETTE = [
  [78, 121, 167],
  [242, 142, 43],
  [225, 87, 89],
  [118, 183, 178],
  [89, 161, 79],
  [237, 201, 72],
  [176, 122, 161],
  [255, 157, 167],
  [156, 117, 95],
  [186, 176, 172],
  [160, 203, 232],
  [255, 190, 125],
  [255, 157, 154],
  [134, 188, 182],
  [140, 209, 125],
  [241, 206, 99],
  [212, 166, 200],
  [250, 191, 210],
  [215, 181, 166],
  [121, 112, 110],
] as const;

/** The colour of a community as `rgb(r,g,b)`. */
export function communityColor(community: number): string {
  const size = COMMUNITY_PALETTE.length;
  const [r, g, b] = COMMUNITY_PALETTE[((community % size) + size) % size] ?? COMMUNITY_PALETTE[0];
  return `rgb(${r},${g},${b})`;
}

/** Serialises a network in one of the export formats. Pure; runs in the worker thread. */
export function serialiseNetwork(
  network: NetworkData,
  format: NetworkExportFormat,
  meta: ExportMeta,
): string {
  switch (format) {
    case 'gexf':
      return toGexf(network, meta);
    case 'graphml':
      return toGraphml(network, meta);
    case 'json':
      return JSON.stringify(toCytoscape(network, meta));
    case 'csv':
      return `\uFEFF${toNodeCsv(network, false)}`;
    case 'csv-excel-de':
      return `\uFEFF${toNodeCsv(network, true)}`;
  }
}

/** One column of the node table: its header for programs and for people, and its value. */
interface NodeCsvColumn {
  key: string;
  de: string;
  value: (node: NetworkNodeData, german: boolean) => string | number | null;
}

/** A code, or its German word in the German table. */
const worded =
  (labels: Readonly<Record<string, string>>, value: (node: NetworkNodeData) => string | null) =>
  (node: NetworkNodeData, german: boolean) => {
    const code = value(node);
    return german && code !== null ? germanLabel(labels, code) : code;
  };

/** The node table's columns, in order: what the node carries, without its colour. */
const NODE_CSV_COLUMNS: readonly NodeCsvColumn[] = [
  { key: 'id', de: 'ID', value: (n) => n.id },
  { key: 'label', de: 'Bezeichnung', value: (n) => n.label },
  { key: 'kind', de: 'Knotenart', value: worded(NETWORK_NODE_KIND_DE, (n) => n.kind) },
  { key: 'sector', de: 'Sektor', value: worded(SECTOR_DE, (n) => n.sector) },
  { key: 'partnerKind', de: 'Art', value: worded(PARTNER_KIND_DE, (n) => n.partnerKind) },
  {
    key: 'cooperationKind',
    de: 'Kooperationsart',
    value: worded(COOPERATION_KIND_DE, (n) => n.cooperationKind),
  },
  { key: 'status', de: 'Status', value: worded(PARTNER_STATUS_DE, (n) => n.status) },
  { key: 'scope', de: 'Wirkungsbereich', value: worded(PARTNER_SCOPE_DE, (n) => n.scope) },
  { key: 'districtKey', de: 'Stadtteil (Schlüssel)', value: (n) => n.districtKey },
  { key: 'districtName', de: 'Stadtteil', value: (n) => n.districtName },
  { key: 'boroughKey', de: 'Stadtbezirk (Schlüssel)', value: (n) => n.boroughKey },
  { key: 'borough', de: 'Stadtbezirk', value: (n) => n.borough },
  {
    key: 'dimensions',
    de: 'Vielfaltsdimensionen',
    value: (n, german) =>
      german
        ? (n.dimensions ?? [])
            .map((d) => `${d.key} (${germanLabel(PERSPECTIVE_DE, d.perspective)})`)
            .join(', ') || null
        : dimensionsText(n) || null,
  },
  { key: 'size', de: 'Größe', value: (n) => n.size },
  { key: 'degree', de: 'Grad', value: (n) => n.degree },
  { key: 'weightedDegree', de: 'Gewichteter Grad', value: (n) => n.weightedDegree },
  { key: 'betweenness', de: 'Betweenness', value: (n) => n.betweenness },
  { key: 'community', de: 'Community', value: (n) => n.community },
  { key: 'x', de: 'x', value: (n) => n.x },
  { key: 'y', de: 'y', value: (n) => n.y },
];

/**
 * The nodes as a table, one line per node (edges stay in the graph formats): RFC 4180 with codes,
 * or for German Excel with `;`, German headers and words and decimal commas. Cells are quoted and
 * formulas neutralised as in the audience export (src/common/csv.ts): labels are user input.
 */
export function toNodeCsv(network: NetworkData, german: boolean): string {
  return toCsv(
    NODE_CSV_COLUMNS.map((column) => (german ? column.de : column.key)),
    network.nodes.map((node) => NODE_CSV_COLUMNS.map((column) => column.value(node, german))),
    german ? ';' : ',',
  );
}

/**
 * GEXF 1.3 (Gephi) through graphology-gexf, which writes the 1.3 namespaces
 * (`http://gexf.net/1.3`, `http://gexf.net/1.3/viz`) when asked for version 1.3. Every node has
 * `viz:position`, `viz:size` and `viz:color` (its community's colour); metrics are typed
 * attributes (`<attributes class="node">`).
 */
export function toGexf(network: NetworkData, meta: ExportMeta): string {
  const graph = new UndirectedGraph();
  graph.setAttribute('creator', 'vielfalt-network-api');
  graph.setAttribute(
    'description',
    `Alliance network, mode ${meta.mode}, data version ${meta.dataVersion}`,
  );
  for (const node of network.nodes) graph.addNode(node.id, node);
  for (const edge of network.edges)
    graph.addUndirectedEdgeWithKey(edge.id, edge.source, edge.target, edge);
  return writeGexf(graph, {
    version: '1.3',
    // No indentation: a third smaller at 50k partners, and much less garbage to collect.
    pretty: false,
    formatNode: (_key, node) => {
      const n = node as NetworkNodeData;
      // xml-writer escapes the special characters itself but keeps forbidden ones.
      return {
        label: stripInvalidXml(n.label),
        viz: { x: n.x, y: n.y, size: n.size, color: communityColor(n.community) },
        attributes: {
          kind: n.kind,
          sector: n.sector,
          partnerKind: n.partnerKind,
          cooperationKind: n.cooperationKind,
          districtKey: n.districtKey,
          districtName: n.districtName,
          borough: n.borough,
          boroughKey: n.boroughKey,
          status: n.status,
          scope: n.scope,
          dimensions: dimensionsText(n),
          size: n.size,
          degree: n.degree,
          weightedDegree: n.weightedDegree,
          betweenness: n.betweenness,
          community: n.community,
        },
      };
    },
    formatEdge: (_key, edge) => {
      const e = edge as NetworkEdgeData;
      return {
        weight: e.weight,
        attributes: { kinds: e.kinds, firstYear: e.firstYear, lastYear: e.lastYear },
      };
    },
  });
}

/**
 * A node's engagements as one text, `key:PERSPECTIVE` joined by commas
 * (`age:COMMUNITY,religion:ADVOCACY`): GEXF and GraphML have no list of pairs, and keys and
 * perspectives hold neither character. `null` for nodes other than partners.
 */
export function dimensionsText(node: NetworkNodeData): string | null {
  return node.dimensions === null
    ? null
    : node.dimensions.map((d) => `${d.key}:${d.perspective}`).join(',');
}

/** GraphML value types of the `<key attr.type>` declarations. */
type GraphmlType = 'string' | 'int' | 'double';

/** One `<key>` of the GraphML export: where it goes, its type and how to read the value. */
interface GraphmlKey<T> {
  id: string;
  name: string;
  type: GraphmlType;
  value: (item: T) => string | number | null;
}

const NODE_KEYS: GraphmlKey<NetworkNodeData>[] = [
  { id: 'n_label', name: 'label', type: 'string', value: (n) => n.label },
  { id: 'n_kind', name: 'kind', type: 'string', value: (n) => n.kind },
  { id: 'n_sector', name: 'sector', type: 'string', value: (n) => n.sector },
  { id: 'n_partnerKind', name: 'partnerKind', type: 'string', value: (n) => n.partnerKind },
  {
    id: 'n_cooperationKind',
    name: 'cooperationKind',
    type: 'string',
    value: (n) => n.cooperationKind,
  },
  { id: 'n_districtKey', name: 'districtKey', type: 'string', value: (n) => n.districtKey },
  { id: 'n_districtName', name: 'districtName', type: 'string', value: (n) => n.districtName },
  { id: 'n_borough', name: 'borough', type: 'string', value: (n) => n.borough },
  { id: 'n_boroughKey', name: 'boroughKey', type: 'string', value: (n) => n.boroughKey },
  { id: 'n_status', name: 'status', type: 'string', value: (n) => n.status },
  { id: 'n_scope', name: 'scope', type: 'string', value: (n) => n.scope },
  { id: 'n_dimensions', name: 'dimensions', type: 'string', value: dimensionsText },
  { id: 'n_size', name: 'size', type: 'int', value: (n) => n.size },
  { id: 'n_degree', name: 'degree', type: 'int', value: (n) => n.degree },
  {
    id: 'n_weightedDegree',
    name: 'weightedDegree',
    type: 'double',
    value: (n) => n.weightedDegree,
  },
  { id: 'n_betweenness', name: 'betweenness', type: 'double', value: (n) => n.betweenness },
  { id: 'n_community', name: 'community', type: 'int', value: (n) => n.community },
  { id: 'n_color', name: 'color', type: 'string', value: (n) => communityColor(n.community) },
  { id: 'n_x', name: 'x', type: 'double', value: (n) => n.x },
  { id: 'n_y', name: 'y', type: 'double', value: (n) => n.y },
];

const EDGE_KEYS: GraphmlKey<NetworkEdgeData>[] = [
  { id: 'e_weight', name: 'weight', type: 'double', value: (e) => e.weight },
  // GraphML has no list type: the kinds are joined with commas (enum values hold none).
  { id: 'e_kinds', name: 'kinds', type: 'string', value: (e) => e.kinds.join(',') },
  { id: 'e_firstYear', name: 'firstYear', type: 'int', value: (e) => e.firstYear },
  { id: 'e_lastYear', name: 'lastYear', type: 'int', value: (e) => e.lastYear },
];

/** Characters XML 1.0 forbids anywhere (C0 controls but tab, LF, CR; lone surrogates; FFFE/F). */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- matching the forbidden control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Drops the characters XML 1.0 cannot carry at all, not even escaped. */
export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, '');
}

/**
 * Escapes text for XML element content and attribute values: the five special characters become
 * entities, and characters XML 1.0 cannot carry at all are dropped.
 */
export function escapeXml(text: string): string {
  return stripInvalidXml(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c] as string);
}

function graphmlKeys<T>(keys: GraphmlKey<T>[], domain: 'node' | 'edge'): string[] {
  return keys.map(
    (key) =>
      `  <key id="${key.id}" for="${domain}" attr.name="${key.name}" attr.type="${key.type}"/>`,
  );
}

function graphmlData<T>(keys: GraphmlKey<T>[], item: T): string {
  let out = '';
  for (const key of keys) {
    const value = key.value(item);
    if (value === null || value === '') continue;
    out += `<data key="${key.id}">${escapeXml(String(value))}</data>`;
  }
  return out;
}

/**
 * GraphML (graphml.graphdrawing.org 1.0), written here because graphology has no GraphML writer
 * installed: every attribute is declared as a typed `<key>` (string, int, double) before the
 * graph, every value is escaped, and null values are left out (GraphML's "no value").
 */
export function toGraphml(network: NetworkData, meta: ExportMeta): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <desc>${escapeXml(`Alliance network, mode ${meta.mode}, data version ${meta.dataVersion}`)}</desc>`,
    ...graphmlKeys(NODE_KEYS, 'node'),
    ...graphmlKeys(EDGE_KEYS, 'edge'),
    `  <graph id="${escapeXml(meta.mode)}" edgedefault="undirected">`,
  ];
  for (const node of network.nodes) {
    lines.push(`    <node id="${escapeXml(node.id)}">${graphmlData(NODE_KEYS, node)}</node>`);
  }
  for (const edge of network.edges) {
    lines.push(
      `    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}">${graphmlData(EDGE_KEYS, edge)}</edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** The Cytoscape.js elements JSON of a network (what `cy.json()` / `cy.add()` read). */
export interface CytoscapeDocument {
  data: ExportMeta & { metrics: NetworkData['metrics'] };
  elements: {
    nodes: {
      data: Omit<NetworkNodeData, 'x' | 'y'> & { color: string };
      position: { x: number; y: number };
    }[];
    edges: { data: NetworkEdgeData }[];
  };
}

/**
 * Cytoscape.js elements format: `{elements: {nodes: [{data: {id, ...}, position: {x, y}}],
 * edges: [{data: {id, source, target, ...}}]}}`, with the metrics in the graph's `data`.
 */
export function toCytoscape(network: NetworkData, meta: ExportMeta): CytoscapeDocument {
  return {
    data: { ...meta, metrics: network.metrics },
    elements: {
      nodes: network.nodes.map(({ x, y, ...data }) => ({
        data: { ...data, color: communityColor(data.community) },
        position: { x, y },
      })),
      edges: network.edges.map((edge) => ({ data: edge })),
    },
  };
}
