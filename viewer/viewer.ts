import type Graph from 'graphology';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import {
  ApiError,
  type EdgeFilter,
  RequestError,
  type Suggestion,
  type ViewerData,
  fetchExplanation,
  fetchFilteredEdges,
  fetchNetwork,
  fetchSuggestions,
} from './api';
import {
  type Language,
  type TextKey,
  enumName,
  language,
  setLanguage,
  t,
  translatePage,
} from './i18n';
import {
  COMMUNITY_PALETTE,
  COOPERATION_KINDS,
  type ColourMode,
  type EdgeAttributes,
  type IsolatedGrid,
  type NodeAttributes,
  type NodeFilter,
  OTHER_COMMUNITY_COLOR,
  SECTORS,
  SEVERAL_DIMENSIONS_COLOR,
  buildGraph,
  communityColor,
  dimensionColor,
  distinctDimensions,
  findMatches,
  gridIsolated,
  groupCount,
  nodeColour,
  passesFilter,
  sectorColor,
  setEdges,
} from './network-data';
import { PartnerTable, type PartnerRow } from './table';

/** A label's box on the screen, in CSS pixels relative to the graph container. */
export interface LabelBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Read-only hooks for the end-to-end test (and the curious at the console): where a node is on
 * the screen, the palette the communities are drawn in, and the boxes of the drawn labels.
 */
export interface ViewerHooks {
  /** A node's centre in CSS pixels relative to the graph container; null for an unknown id. */
  nodePosition(id: string): { x: number; y: number } | null;
  /** The boxes of the labels sigma draws now. */
  labelBoxes(): LabelBox[];
  palette: readonly string[];
}

declare global {
  interface Window {
    vielfaltViewer?: ViewerHooks;
  }
}

type ViewerGraph = Graph<NodeAttributes, EdgeAttributes>;
type Renderer = Sigma<NodeAttributes, EdgeAttributes>;
type View = 'graph' | 'table';

/** Camera ratio when the viewer centres a partner: close enough to tell neighbours apart. */
const FOCUS_RATIO = 0.25;
const FOCUS_DURATION_MS = 400;
/** sigma's label font (its defaults), which the label placement measures with. */
const LABEL_SIZE = 12;
const LABEL_FONT = 'sans-serif';
/** Space kept free around a label, in pixels, so that neighbouring labels stay readable. */
const LABEL_MARGIN = 3;
/** At most this many labels at once: more make the picture busy even without overlaps. */
const MAX_LABELS = 60;
/** Legend entries for communities; the rest share the muted colour. */
const LEGEND_COMMUNITIES = COMMUNITY_PALETTE.length;

function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page lacks its #${id} element`);
  return found;
}

const ui = {
  container: byId('graph', HTMLDivElement),
  graphView: byId('graph-view', HTMLElement),
  tableView: byId('table-view', HTMLElement),
  tabGraph: byId('tab-graph', HTMLAnchorElement),
  tabTable: byId('tab-table', HTMLAnchorElement),
  search: byId('search', HTMLInputElement),
  language: byId('language', HTMLButtonElement),
  status: byId('status', HTMLParagraphElement),
  filters: byId('filters', HTMLFormElement),
  dimension: byId('filter-dimension', HTMLSelectElement),
  sector: byId('filter-sector', HTMLSelectElement),
  district: byId('filter-district', HTMLSelectElement),
  kind: byId('filter-kind', HTMLSelectElement),
  from: byId('filter-from', HTMLSelectElement),
  to: byId('filter-to', HTMLSelectElement),
  colourBy: byId('colour-by', HTMLSelectElement),
  legend: byId('legend-items', HTMLUListElement),
  isolatedLabel: byId('isolated-label', HTMLParagraphElement),
  table: byId('partner-table', HTMLTableElement),
  tableFilter: byId('table-filter', HTMLInputElement),
  tableCount: byId('table-count', HTMLParagraphElement),
  panel: byId('panel', HTMLElement),
  close: byId('panel-close', HTMLButtonElement),
  name: byId('partner-name', HTMLHeadingElement),
  sectorText: byId('partner-sector', HTMLElement),
  districtText: byId('partner-district', HTMLElement),
  dimensionsText: byId('partner-dimensions', HTMLElement),
  degree: byId('partner-degree', HTMLElement),
  swatch: byId('partner-swatch', HTMLSpanElement),
  community: byId('partner-community', HTMLSpanElement),
  suggestionsStatus: byId('suggestions-status', HTMLParagraphElement),
  suggestions: byId('suggestions', HTMLOListElement),
  explanation: byId('explanation', HTMLElement),
  explanationHeading: byId('explanation-heading', HTMLHeadingElement),
  explanationStatus: byId('explanation-status', HTMLParagraphElement),
  explanationRules: byId('explanation-rules', HTMLUListElement),
};

/** Everything the page knows once the network is loaded. */
interface Viewer {
  data: ViewerData;
  graph: ViewerGraph;
  grid: IsolatedGrid | null;
  table: PartnerTable;
  renderer: Renderer | null;
  dimensionKeys: string[];
  /** Communities of two partners or more (the first ones: the API numbers by size). */
  groups: number;
  colourMode: ColourMode;
  /** The status line as a text key, so that a language switch can say it again. */
  status: { key: TextKey; params: Record<string, string | number> };
  /** Counts a filter request up, so that an older answer does not overwrite a newer one. */
  filterRun: number;
}

function setState(state: 'loading' | 'ready' | 'error'): void {
  document.body.dataset.state = state;
}

function say(
  viewer: Viewer | null,
  key: TextKey,
  params: Record<string, string | number> = {},
): void {
  if (viewer) viewer.status = { key, params };
  ui.status.textContent = t(key, params);
}

function messageOf(error: unknown): string {
  if (error instanceof RequestError) return t(error.reason, { status: error.status ?? '' });
  return error instanceof Error ? error.message : String(error);
}

function dimensionName(viewer: Viewer, key: string): string {
  const dimension = viewer.data.dimensions.find((d) => d.key === key);
  if (!dimension) return key;
  return language() === 'de' ? dimension.nameDe : dimension.nameEn;
}

// ---------------------------------------------------------------------------------------------
// Filters

function nodeFilter(): NodeFilter {
  return { dimension: ui.dimension.value, sector: ui.sector.value, district: ui.district.value };
}

function edgeFilter(): EdgeFilter | null {
  const filter: EdgeFilter = {};
  if (ui.kind.value !== '') filter.cooperationKinds = [ui.kind.value];
  if (ui.from.value !== '') filter.from = `${ui.from.value}-01-01`;
  if (ui.to.value !== '') filter.to = `${ui.to.value}-12-31`;
  return Object.keys(filter).length === 0 ? null : filter;
}

function fillSelect(select: HTMLSelectElement, options: [string, string][]): void {
  const chosen = select.value;
  const all = new Option(t('filterAll'), '');
  select.replaceChildren(all, ...options.map(([value, text]) => new Option(text, value)));
  select.value = options.some(([value]) => value === chosen) ? chosen : '';
}

/** The filters' options in the page's language: dimensions, sectors, districts, kinds, years. */
function fillFilters(viewer: Viewer): void {
  const { nodes, edges } = viewer.data.network;
  fillSelect(
    ui.dimension,
    viewer.dimensionKeys.map((key) => [key, dimensionName(viewer, key)]),
  );
  fillSelect(
    ui.sector,
    SECTORS.map((sector) => [sector, enumName(sector)]),
  );
  const districts = new Map<string, string>();
  for (const node of nodes) {
    if (node.districtKey && node.districtName) districts.set(node.districtKey, node.districtName);
  }
  fillSelect(
    ui.district,
    [...districts].sort((a, b) => a[1].localeCompare(b[1], 'de')),
  );
  fillSelect(
    ui.kind,
    COOPERATION_KINDS.map((kind) => [kind, enumName(kind)]),
  );
  const years = edges.flatMap((e) => [e.firstYear, e.lastYear]).filter((y): y is number => !!y);
  const span: [string, string][] = [];
  if (years.length > 0) {
    for (let year = Math.min(...years); year <= Math.max(...years); year += 1) {
      span.push([String(year), String(year)]);
    }
  }
  fillSelect(ui.from, span);
  fillSelect(ui.to, span);
}

/**
 * Applies the filters: partners by dimension, sector and district in the browser; cooperation
 * kind and years by asking the API for the edges that remain (it counts the cooperations again),
 * keeping every node where it is so that the picture does not jump.
 */
async function applyFilters(viewer: Viewer): Promise<void> {
  const run = ++viewer.filterRun;
  const wanted = edgeFilter();
  document.body.dataset.filtering = 'true';
  if (wanted) {
    say(viewer, 'applyingFilter');
    try {
      const edges = await fetchFilteredEdges(wanted);
      if (run !== viewer.filterRun) return;
      setEdges(viewer.graph, edges);
    } catch (error) {
      if (run !== viewer.filterRun) return;
      say(viewer, 'loadFailed', { message: messageOf(error) });
      delete document.body.dataset.filtering;
      return;
    }
  } else {
    setEdges(viewer.graph, viewer.data.network.edges);
  }
  const filter = nodeFilter();
  const { graph } = viewer;
  const shown = new Set(graph.filterNodes((_id, node) => passesFilter(node, filter)));
  if (viewer.renderer) {
    const renderer = viewer.renderer;
    graph.forEachNode((id) => renderer.setNodeState(id, { isHidden: !shown.has(id) }));
    graph.forEachEdge((edge, _attributes, source, target) =>
      renderer.setEdgeState(edge, { isHidden: !shown.has(source) || !shown.has(target) }),
    );
    placeLabels(viewer);
  }
  const edges = graph.filterEdges((_e, _a, s, t2) => shown.has(s) && shown.has(t2)).length;
  const filtered = shown.size !== graph.order || wanted !== null;
  if (filtered) {
    say(viewer, 'readyFiltered', { nodes: shown.size, total: graph.order, edges });
  } else {
    sayReady(viewer);
  }
  document.body.dataset.shownNodes = String(shown.size);
  document.body.dataset.shownEdges = String(edges);
  renderTable(viewer);
  delete document.body.dataset.filtering;
}

function sayReady(viewer: Viewer): void {
  say(viewer, 'ready', {
    nodes: viewer.graph.order,
    edges: viewer.graph.size,
    communities: viewer.groups,
  });
}

// ---------------------------------------------------------------------------------------------
// Colours and legend

function recolour(viewer: Viewer): void {
  const mode = viewer.colourMode;
  viewer.graph.updateEachNodeAttributes(
    (_id, node) => ({
      ...node,
      color: nodeColour(node, mode, viewer.dimensionKeys, viewer.groups),
    }),
    { attributes: ['color'] },
  );
  renderLegend(viewer);
}

function legendEntries(viewer: Viewer): { colour: string; text: string; count: number }[] {
  const nodes = viewer.data.network.nodes;
  const countBy = (colour: string) =>
    nodes.filter(
      (n) => nodeColour(n, viewer.colourMode, viewer.dimensionKeys, viewer.groups) === colour,
    ).length;
  switch (viewer.colourMode) {
    case 'community': {
      const shown = Math.min(viewer.groups, LEGEND_COMMUNITIES);
      const entries = Array.from({ length: shown }, (_, n) => ({
        colour: communityColor(n),
        text: t('community', { n: n + 1 }),
        count: nodes.filter((node) => node.community === n).length,
      }));
      const rest = nodes.filter((node) => node.community >= shown).length;
      if (rest > 0)
        entries.push({ colour: OTHER_COMMUNITY_COLOR, text: t('otherCommunities'), count: rest });
      return entries;
    }
    case 'dimension':
      return [
        ...viewer.dimensionKeys.map((key) => {
          const colour = dimensionColor(key, viewer.dimensionKeys);
          return { colour, text: dimensionName(viewer, key), count: countBy(colour) };
        }),
        {
          colour: SEVERAL_DIMENSIONS_COLOR,
          text: t('severalDimensions'),
          count: countBy(SEVERAL_DIMENSIONS_COLOR),
        },
        {
          colour: OTHER_COMMUNITY_COLOR,
          text: t('noDimension'),
          count: countBy(OTHER_COMMUNITY_COLOR),
        },
      ].filter((entry) => entry.count > 0);
    case 'sector':
      return SECTORS.map((sector) => ({
        colour: sectorColor(sector),
        text: enumName(sector),
        count: nodes.filter((n) => n.sector === sector).length,
      }));
  }
}

function renderLegend(viewer: Viewer): void {
  ui.legend.replaceChildren(
    ...legendEntries(viewer).map(({ colour, text, count }) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = colour;
      item.append(swatch, `${text} (${count})`);
      return item;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Labels

let measureContext: CanvasRenderingContext2D | null | undefined;

function textWidth(text: string): number {
  if (measureContext === undefined) {
    measureContext = document.createElement('canvas').getContext('2d');
    if (measureContext) measureContext.font = `${LABEL_SIZE}px ${LABEL_FONT}`;
  }
  // Without a 2D context (never in practice) a generous estimate keeps labels apart.
  return measureContext ? measureContext.measureText(text).width : text.length * LABEL_SIZE * 0.65;
}

function labelBox(renderer: Renderer, graph: ViewerGraph, id: string): LabelBox {
  const node = graph.getNodeAttributes(id);
  const centre = renderer.graphToViewport({ x: node.x, y: node.y });
  const radius = renderer.scaleSize(node.size);
  // sigma draws a label right of its node, vertically centred on it.
  return {
    id,
    x: centre.x + radius + 3,
    y: centre.y - LABEL_SIZE / 2 - 1,
    width: textWidth(node.label),
    height: LABEL_SIZE + 2,
  };
}

function overlaps(a: LabelBox, b: LabelBox): boolean {
  return (
    a.x < b.x + b.width + LABEL_MARGIN &&
    b.x < a.x + a.width + LABEL_MARGIN &&
    a.y < b.y + b.height + LABEL_MARGIN &&
    b.y < a.y + a.height + LABEL_MARGIN
  );
}

/**
 * Chooses the labels to draw: the largest visible nodes first, each only if its label's box is
 * free of the boxes already chosen and inside the canvas. sigma's own label grid limits labels
 * per grid cell, but long German names reach into the next cells and overlap; choosing here
 * keeps every drawn label readable at any zoom. The isolated partners' grid gets no labels (its
 * names would run into the next dots); highlighted and hovered nodes show theirs anyway.
 */
function placeLabels(viewer: Viewer): void {
  const { renderer, graph } = viewer;
  if (!renderer) return;
  const { width, height } = renderer.getDimensions();
  const candidates = graph
    .filterNodes((id, node) => !node.isolated && !renderer.getNodeState(id).isHidden)
    .sort(
      (a, b) =>
        graph.getNodeAttribute(b, 'size') - graph.getNodeAttribute(a, 'size') ||
        graph.getNodeAttribute(b, 'degree') - graph.getNodeAttribute(a, 'degree') ||
        a.localeCompare(b),
    );
  const chosen: LabelBox[] = [];
  for (const id of candidates) {
    if (chosen.length >= MAX_LABELS) break;
    const box = labelBox(renderer, graph, id);
    if (box.x < 0 || box.y < 0 || box.x + box.width > width || box.y + box.height > height)
      continue;
    if (chosen.some((other) => overlaps(box, other))) continue;
    chosen.push(box);
  }
  const shown = new Set(chosen.map((box) => box.id));
  graph.updateEachNodeAttributes(
    (id, node) =>
      node.labelShown === shown.has(id) ? node : { ...node, labelShown: shown.has(id) },
    { attributes: ['labelShown'] },
  );
}

// ---------------------------------------------------------------------------------------------
// Graph

/** Marks one node (or none) as highlighted: sigma draws it on top with its label. */
function highlight(viewer: Viewer, node: string | null): void {
  const { renderer, graph } = viewer;
  if (!renderer) return;
  const highlighted = graph.filterNodes((key) => renderer.getNodeState(key).isHighlighted);
  renderer.setNodesState(highlighted, { isHighlighted: false });
  if (node !== null) renderer.setNodeState(node, { isHighlighted: true });
}

/** Moves the camera onto a node; `data-focus` names it once the camera has arrived. */
async function centreOn(viewer: Viewer, node: string): Promise<void> {
  const { renderer, graph } = viewer;
  delete document.body.dataset.focus;
  if (!renderer) return;
  const target = renderer.graphToFramedGraph({
    x: graph.getNodeAttribute(node, 'x'),
    y: graph.getNodeAttribute(node, 'y'),
  });
  await renderer
    .getCamera()
    .animate({ x: target.x, y: target.y, ratio: FOCUS_RATIO }, { duration: FOCUS_DURATION_MS });
  document.body.dataset.focus = node;
}

function draw(viewer: Viewer): Renderer {
  const renderer = new Sigma<NodeAttributes, EdgeAttributes>(viewer.graph, ui.container, {
    styles: {
      nodes: [
        DEFAULT_STYLES.nodes,
        {
          labelVisibility: { whenData: { labelShown: true }, then: 'visible', else: 'hidden' },
          labelSize: LABEL_SIZE,
          labelFont: LABEL_FONT,
          // A light backing keeps a label readable where it crosses edges and other nodes.
          labelBackgroundColor: 'rgba(255, 255, 255, 0.8)',
          labelBackgroundPadding: 1,
        },
        { whenState: 'isHovered', then: { labelVisibility: 'visible' } },
        {
          whenState: 'isHighlighted',
          then: { depth: 'topNodes', labelVisibility: 'visible', backdropVisibility: 'visible' },
        },
      ],
      edges: [DEFAULT_STYLES.edges],
    },
    // The table view hides the graph's container; sigma then must wait instead of throwing.
    settings: { allowInvalidContainer: true },
  });
  let pending = 0;
  renderer.getCamera().on('updated', () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => placeLabels(viewer), 120);
  });
  renderer.on('afterRender', () => placeGridLabel(viewer));
  return renderer;
}

/** Keeps the heading of the isolated partners' grid above the grid while the camera moves. */
function placeGridLabel(viewer: Viewer): void {
  const { renderer, grid } = viewer;
  if (!renderer || !grid) return;
  const at = renderer.graphToViewport(grid.anchor);
  const { width, height } = renderer.getDimensions();
  const inside = at.x > -200 && at.x < width && at.y > 0 && at.y < height;
  ui.isolatedLabel.hidden = !inside;
  ui.isolatedLabel.textContent = t('isolatedGrid', { n: grid.count });
  ui.isolatedLabel.style.transform = `translate(${Math.max(at.x, 4)}px, ${at.y - 30}px)`;
}

// ---------------------------------------------------------------------------------------------
// Side panel

/** The API refuses suggestions for partners that are not ACTIVE and names their status. */
function suggestionsProblem(error: unknown): string {
  const status = error instanceof ApiError ? error.extensions.status : undefined;
  if (typeof status === 'string') return t('suggestionsInactive', { status: enumName(status) });
  return t('suggestionsFailed', { message: messageOf(error) });
}

function suggestionItem(viewer: Viewer, partnerId: string, suggestion: Suggestion): HTMLLIElement {
  const { partner, score, reasons } = suggestion;
  const item = document.createElement('li');
  const name = document.createElement(viewer.graph.hasNode(partner.id) ? 'button' : 'span');
  name.textContent = partner.name;
  name.className = 'suggestion-name';
  if (name instanceof HTMLButtonElement) {
    name.type = 'button';
    name.addEventListener('click', () => select(viewer, partner.id));
  }
  const scoreText = document.createElement('span');
  scoreText.className = 'score';
  scoreText.textContent = ` · ${Math.round(score * 100)} %`;
  const why = document.createElement('button');
  why.type = 'button';
  why.className = 'explain';
  why.textContent = t('explain');
  why.setAttribute(
    'aria-label',
    t('explainLabel', { candidate: partner.name, partner: ui.name.textContent ?? '' }),
  );
  why.addEventListener('click', () => explain(partnerId, partner));
  const list = document.createElement('ul');
  list.className = 'reasons';
  list.append(
    ...reasons.map((reason) => {
      const line = document.createElement('li');
      line.dataset.code = reason.code;
      line.textContent = reason.text;
      return line;
    }),
  );
  item.append(name, scoreText, ' ', why, list);
  return item;
}

function showSuggestions(viewer: Viewer, partnerId: string): void {
  ui.suggestions.replaceChildren();
  ui.suggestionsStatus.textContent = t('suggestionsLoading');
  fetchSuggestions(partnerId).then(
    (suggestions) => {
      if (ui.panel.dataset.partner !== partnerId) return;
      ui.suggestionsStatus.textContent = suggestions.length === 0 ? t('suggestionsNone') : '';
      ui.suggestions.replaceChildren(
        ...suggestions.map((suggestion) => suggestionItem(viewer, partnerId, suggestion)),
      );
      ui.panel.dataset.suggestions = String(suggestions.length);
    },
    (error: unknown) => {
      if (ui.panel.dataset.partner !== partnerId) return;
      ui.suggestionsStatus.textContent = suggestionsProblem(error);
      ui.panel.dataset.suggestions = 'error';
    },
  );
}

/** Shows `explainPair` for a suggestion: every hard rule with its sentence. */
function explain(partnerId: string, candidate: { id: string; name: string }): void {
  ui.explanation.hidden = false;
  ui.explanation.dataset.candidate = candidate.id;
  delete ui.explanation.dataset.rules;
  ui.explanationHeading.textContent = t('explainHeading', { candidate: candidate.name });
  ui.explanationStatus.textContent = t('explainLoading');
  ui.explanationRules.replaceChildren();
  fetchExplanation(partnerId, candidate.id).then(
    (explanation) => {
      if (ui.explanation.dataset.candidate !== candidate.id) return;
      ui.explanationStatus.textContent = '';
      ui.explanationRules.replaceChildren(
        ...explanation.rules.map((rule) => {
          const line = document.createElement('li');
          line.dataset.rule = rule.rule;
          line.className = rule.passed ? 'passed' : 'failed';
          const mark = document.createElement('span');
          mark.className = 'mark';
          mark.textContent = `${rule.passed ? '✓' : '✗'} ${t(rule.passed ? 'rulePassed' : 'ruleFailed')}: `;
          line.append(mark, rule.text);
          return line;
        }),
      );
      ui.explanation.dataset.rules = String(explanation.rules.length);
    },
    (error: unknown) => {
      if (ui.explanation.dataset.candidate !== candidate.id) return;
      ui.explanationStatus.textContent = t('explainFailed', { message: messageOf(error) });
      ui.explanation.dataset.rules = 'error';
    },
  );
}

function showPartner(viewer: Viewer, node: string): void {
  const partner = viewer.graph.getNodeAttributes(node);
  ui.panel.dataset.partner = node;
  delete ui.panel.dataset.suggestions;
  ui.explanation.hidden = true;
  delete ui.explanation.dataset.candidate;
  ui.name.textContent = partner.label;
  ui.sectorText.textContent = enumName(partner.sector);
  ui.districtText.textContent = partner.districtName
    ? `${partner.districtName}${partner.borough ? ` (${partner.borough})` : ''}`
    : t('none');
  ui.dimensionsText.textContent =
    distinctDimensions(partner)
      .map((key) => {
        const perspectives = partner.dimensions
          .filter((d) => d.key === key)
          .map((d) => enumName(d.perspective));
        return `${dimensionName(viewer, key)} (${perspectives.join(', ')})`;
      })
      .join('; ') || t('none');
  ui.degree.textContent = String(partner.degree);
  ui.swatch.style.backgroundColor = nodeColour(partner, 'community', [], viewer.groups);
  ui.community.textContent =
    partner.community < viewer.groups ? String(partner.community + 1) : t('none');
  ui.panel.hidden = false;
  showSuggestions(viewer, node);
}

function select(viewer: Viewer, node: string): void {
  highlight(viewer, node);
  showPartner(viewer, node);
  if (currentView() === 'graph') void centreOn(viewer, node);
}

function closePanel(viewer: Viewer): void {
  ui.panel.hidden = true;
  delete ui.panel.dataset.partner;
  highlight(viewer, null);
}

/** Search box: highlights and centres the first match; Enter opens it in the side panel. */
function wireSearch(viewer: Viewer): void {
  const nodes = viewer.graph.mapNodes((id, attributes) => ({ id, label: attributes.label }));
  let first: string | null = null;
  ui.search.addEventListener('input', () => {
    const matches = findMatches(nodes, ui.search.value);
    first = matches[0]?.id ?? null;
    ui.search.dataset.matches = String(matches.length);
    highlight(viewer, first);
    if (first !== null) {
      ui.status.textContent = t('found', {
        count: matches.length === 8 ? '8+' : matches.length,
        names: matches.map((m) => m.label).join(', '),
      });
      if (currentView() === 'graph') void centreOn(viewer, first);
    } else {
      // A cleared box brings back the network's status line.
      if (ui.search.value.trim().length < 2) say(viewer, viewer.status.key, viewer.status.params);
      else ui.status.textContent = t('notFound');
    }
  });
  ui.search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && first !== null) select(viewer, first);
  });
}

// ---------------------------------------------------------------------------------------------
// Views and language

function currentView(): View {
  return document.body.dataset.view === 'table' ? 'table' : 'graph';
}

/** Shows the view the address names (`#table-view` or the graph), drawing the graph lazily. */
function showView(viewer: Viewer | null, focus: boolean): void {
  const view: View = location.hash === '#table-view' ? 'table' : 'graph';
  document.body.dataset.view = view;
  ui.graphView.hidden = view !== 'graph';
  ui.tableView.hidden = view !== 'table';
  ui.tabGraph.toggleAttribute('aria-current', view === 'graph');
  ui.tabTable.toggleAttribute('aria-current', view === 'table');
  if (ui.tabGraph.hasAttribute('aria-current')) ui.tabGraph.setAttribute('aria-current', 'page');
  if (ui.tabTable.hasAttribute('aria-current')) ui.tabTable.setAttribute('aria-current', 'page');
  if (!viewer) return;
  if (view === 'graph') ensureRenderer(viewer);
  else renderTable(viewer);
  if (focus && view === 'table') ui.tableView.focus();
}

/**
 * Draws the table when it is visible: 353 rows of DOM are cheap but not free, and the graph's
 * first frame should not wait for a table nobody looks at yet.
 */
function renderTable(viewer: Viewer): void {
  if (currentView() === 'table') viewer.table.render();
}

/** Draws the graph the first time the graph view is visible (sigma needs a sized container). */
function ensureRenderer(viewer: Viewer): void {
  if (viewer.renderer) {
    viewer.renderer.resize();
    viewer.renderer.refresh();
    return;
  }
  try {
    viewer.renderer = draw(viewer);
  } catch {
    // Without WebGL sigma cannot draw; the table still shows everything.
    ui.container.textContent = t('noCanvas');
    document.body.dataset.canvas = 'unavailable';
    return;
  }
  const renderer = viewer.renderer;
  renderer.on('clickNode', ({ node }) => select(viewer, node));
  renderer.once('afterRender', () => {
    performance.mark('vielfalt:first-paint');
    document.body.dataset.firstPaintMs = String(Math.round(performance.now()));
    document.body.dataset.nodes = String(viewer.graph.order);
    document.body.dataset.edges = String(viewer.graph.size);
    placeLabels(viewer);
    setState('ready');
  });
  void applyFilters(viewer);
  renderer.refresh();
}

function switchLanguage(viewer: Viewer | null, next: Language): void {
  setLanguage(next);
  translatePage(document);
  ui.language.lang = next === 'de' ? 'en' : 'de';
  if (!viewer) return;
  fillFilters(viewer);
  renderLegend(viewer);
  renderTable(viewer);
  say(viewer, viewer.status.key, viewer.status.params);
  placeGridLabel(viewer);
  const partner = ui.panel.dataset.partner;
  if (partner && !ui.panel.hidden) showPartner(viewer, partner);
}

// ---------------------------------------------------------------------------------------------

function exposeHooks(viewer: Viewer): void {
  window.vielfaltViewer = {
    nodePosition(id) {
      const { renderer, graph } = viewer;
      if (!renderer || !graph.hasNode(id)) return null;
      const { x, y } = graph.getNodeAttributes(id);
      return renderer.graphToViewport({ x, y });
    },
    labelBoxes() {
      const { renderer, graph } = viewer;
      if (!renderer) return [];
      return [...renderer.getNodeDisplayedLabels()].map((id) => labelBox(renderer, graph, id));
    },
    palette: COMMUNITY_PALETTE,
  };
}

function tableRows(data: ViewerData): PartnerRow[] {
  const names = new Map(data.network.nodes.map((n) => [n.id, n.label]));
  const neighbours = new Map<string, string[]>();
  for (const { source, target } of data.network.edges) {
    for (const [from, to] of [
      [source, target],
      [target, source],
    ] as const) {
      const list = neighbours.get(from) ?? [];
      list.push(names.get(to) ?? to);
      neighbours.set(from, list);
    }
  }
  return data.network.nodes.map((node) => ({
    node,
    partners: [...new Set(neighbours.get(node.id) ?? [])].sort((a, b) => a.localeCompare(b, 'de')),
  }));
}

async function main(): Promise<void> {
  let viewer: Viewer | null = null;
  ui.language.addEventListener('click', () =>
    switchLanguage(viewer, language() === 'de' ? 'en' : 'de'),
  );
  window.addEventListener('hashchange', () => showView(viewer, true));
  showView(null, false);

  const data = await fetchNetwork();
  performance.mark('vielfalt:network-loaded');
  document.body.dataset.networkMs = String(Math.round(performance.now()));
  const grid = gridIsolated(data.network.nodes);
  const graph = buildGraph(data.network);
  const dimensionKeys = data.dimensions.map((d) => d.key).sort();
  const current: Viewer = {
    data,
    graph,
    grid,
    renderer: null,
    dimensionKeys,
    groups: groupCount(data.network.nodes),
    colourMode: 'community',
    status: { key: 'loading', params: {} },
    filterRun: 0,
    table: new PartnerTable(tableRows(data), {
      table: ui.table,
      filterInput: ui.tableFilter,
      count: ui.tableCount,
      passes: (node) => passesFilter(node, nodeFilter()),
      dimensionName: (key) => dimensionName(current, key),
      select: (id) => select(current, id),
    }),
  };
  viewer = current;
  fillFilters(current);
  renderLegend(current);
  exposeHooks(current);
  wireSearch(current);
  ui.search.disabled = false;
  ui.close.addEventListener('click', () => closePanel(current));
  for (const select of [ui.dimension, ui.sector, ui.district, ui.kind, ui.from, ui.to]) {
    select.addEventListener('change', () => void applyFilters(current));
  }
  // A reset sets the selects back after the event: apply the filters once it is done.
  ui.filters.addEventListener('reset', () =>
    window.setTimeout(() => {
      current.colourMode = ui.colourBy.value as ColourMode;
      recolour(current);
      void applyFilters(current);
    }),
  );
  ui.filters.addEventListener('submit', (event) => event.preventDefault());
  ui.colourBy.addEventListener('change', () => {
    current.colourMode = ui.colourBy.value as ColourMode;
    recolour(current);
  });

  if (graph.order === 0) {
    say(current, 'empty');
    document.body.dataset.nodes = '0';
    setState('ready');
    return;
  }
  sayReady(current);
  showView(current, false);
  if (currentView() === 'table' || document.body.dataset.canvas === 'unavailable') {
    setState('ready');
  }
}

main().catch((error: unknown) => {
  setState('error');
  say(null, 'loadFailed', { message: messageOf(error) });
});
