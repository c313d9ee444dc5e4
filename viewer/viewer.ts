import type Graph from 'graphology';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import { ApiError, fetchNetwork, fetchSuggestions } from './api';
import {
  COMMUNITY_PALETTE,
  type EdgeAttributes,
  type NodeAttributes,
  buildGraph,
  communityColor,
  findMatches,
  sectorName,
} from './network-data';

/**
 * Read-only hooks for the end-to-end test (and the curious at the console): where a node is on
 * the screen, and the palette the communities are drawn in.
 */
export interface ViewerHooks {
  /** A node's centre in CSS pixels relative to the graph container; null for an unknown id. */
  nodePosition(id: string): { x: number; y: number } | null;
  palette: readonly string[];
}

declare global {
  interface Window {
    vielfaltViewer?: ViewerHooks;
  }
}

type ViewerGraph = Graph<NodeAttributes, EdgeAttributes>;
type Renderer = Sigma<NodeAttributes, EdgeAttributes>;

/** Camera ratio when the viewer centres a partner: close enough to tell neighbours apart. */
const FOCUS_RATIO = 0.25;
const FOCUS_DURATION_MS = 400;

function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page lacks its #${id} element`);
  return found;
}

const ui = {
  container: byId('graph', HTMLDivElement),
  search: byId('search', HTMLInputElement),
  status: byId('status', HTMLParagraphElement),
  panel: byId('panel', HTMLElement),
  close: byId('panel-close', HTMLButtonElement),
  name: byId('partner-name', HTMLHeadingElement),
  sector: byId('partner-sector', HTMLElement),
  degree: byId('partner-degree', HTMLElement),
  swatch: byId('partner-swatch', HTMLSpanElement),
  community: byId('partner-community', HTMLSpanElement),
  suggestionsStatus: byId('suggestions-status', HTMLParagraphElement),
  suggestions: byId('suggestions', HTMLOListElement),
};

function setState(state: 'loading' | 'ready' | 'error', message: string): void {
  document.body.dataset.state = state;
  ui.status.textContent = message;
}

/** Marks one node (or none) as highlighted: sigma draws it on top with its label. */
function highlight(renderer: Renderer, graph: ViewerGraph, node: string | null): void {
  const highlighted = graph.filterNodes((key) => renderer.getNodeState(key).isHighlighted);
  renderer.setNodesState(highlighted, { isHighlighted: false });
  if (node !== null) renderer.setNodeState(node, { isHighlighted: true });
}

/** Moves the camera onto a node; `data-focus` names it once the camera has arrived. */
async function centreOn(renderer: Renderer, graph: ViewerGraph, node: string): Promise<void> {
  delete document.body.dataset.focus;
  const target = renderer.graphToFramedGraph({
    x: graph.getNodeAttribute(node, 'x'),
    y: graph.getNodeAttribute(node, 'y'),
  });
  await renderer
    .getCamera()
    .animate({ x: target.x, y: target.y, ratio: FOCUS_RATIO }, { duration: FOCUS_DURATION_MS });
  document.body.dataset.focus = node;
}

/** The API refuses suggestions for partners that are not ACTIVE and names their status. */
function suggestionsProblem(error: unknown): string {
  const status = error instanceof ApiError ? error.extensions.status : undefined;
  if (typeof status === 'string') {
    return `No suggestions: only active partners get them, this one is ${status.toLowerCase()}.`;
  }
  return `Suggestions could not be loaded: ${messageOf(error)}`;
}

function showSuggestions(
  partnerId: string,
  select: (node: string) => void,
  graph: ViewerGraph,
): void {
  ui.suggestions.replaceChildren();
  ui.suggestionsStatus.textContent = 'Loading suggestions …';
  fetchSuggestions(partnerId).then(
    (suggestions) => {
      if (ui.panel.dataset.partner !== partnerId) return;
      ui.suggestionsStatus.textContent = suggestions.length === 0 ? 'No suggestions for now.' : '';
      ui.suggestions.replaceChildren(
        ...suggestions.map(({ partner, score }) => {
          const item = document.createElement('li');
          const name = document.createElement(graph.hasNode(partner.id) ? 'button' : 'span');
          name.textContent = partner.name;
          if (name instanceof HTMLButtonElement) {
            name.type = 'button';
            name.addEventListener('click', () => select(partner.id));
          }
          const scoreText = document.createElement('span');
          scoreText.className = 'score';
          scoreText.textContent = ` · ${Math.round(score * 100)} %`;
          item.append(name, scoreText);
          return item;
        }),
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

function showPartner(graph: ViewerGraph, node: string, select: (node: string) => void): void {
  const partner = graph.getNodeAttributes(node);
  ui.panel.dataset.partner = node;
  delete ui.panel.dataset.suggestions;
  ui.name.textContent = partner.label;
  ui.sector.textContent = sectorName(partner.sector);
  ui.degree.textContent = String(partner.degree);
  ui.swatch.style.backgroundColor = communityColor(partner.community);
  ui.community.textContent = `#${partner.community}`;
  ui.panel.hidden = false;
  showSuggestions(node, select, graph);
}

function closePanel(renderer: Renderer, graph: ViewerGraph): void {
  ui.panel.hidden = true;
  delete ui.panel.dataset.partner;
  highlight(renderer, graph, null);
}

/** Search box: highlights and centres the first match; Enter opens it in the side panel. */
function wireSearch(renderer: Renderer, graph: ViewerGraph, select: (node: string) => void): void {
  const nodes = graph.mapNodes((id, attributes) => ({ id, label: attributes.label }));
  let first: string | null = null;
  ui.search.addEventListener('input', () => {
    const matches = findMatches(nodes, ui.search.value);
    first = matches[0]?.id ?? null;
    ui.search.dataset.matches = String(matches.length);
    highlight(renderer, graph, first);
    if (first !== null) {
      ui.status.textContent = `${matches.length === 8 ? '8+' : matches.length} found: ${matches.map((m) => m.label).join(', ')}`;
      void centreOn(renderer, graph, first);
    } else {
      ui.status.textContent = ui.search.value.trim().length < 2 ? '' : 'No partner found';
    }
  });
  ui.search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && first !== null) select(first);
  });
}

function draw(graph: ViewerGraph): Renderer {
  return new Sigma<NodeAttributes, EdgeAttributes>(graph, ui.container, {
    styles: {
      nodes: [
        DEFAULT_STYLES.nodes,
        {
          whenState: 'isHighlighted',
          then: { depth: 'topNodes', labelVisibility: 'visible', backdropVisibility: 'visible' },
        },
      ],
      edges: [DEFAULT_STYLES.edges],
    },
    settings: { labelRenderedSizeThreshold: 6, labelDensity: 0.35, labelGridCellSize: 150 },
  });
}

function exposeHooks(renderer: Renderer, graph: ViewerGraph): void {
  window.vielfaltViewer = {
    nodePosition(id) {
      if (!graph.hasNode(id)) return null;
      const { x, y } = graph.getNodeAttributes(id);
      return renderer.graphToViewport({ x, y });
    },
    palette: COMMUNITY_PALETTE,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const network = await fetchNetwork();
  const graph = buildGraph(network);
  if (graph.order === 0) {
    setState('ready', 'The network is empty: no partners to draw.');
    document.body.dataset.nodes = '0';
    return;
  }
  const renderer = draw(graph);
  const select = (node: string) => {
    highlight(renderer, graph, node);
    showPartner(graph, node, select);
    void centreOn(renderer, graph, node);
  };
  renderer.on('clickNode', ({ node }) => select(node));
  ui.close.addEventListener('click', () => closePanel(renderer, graph));
  wireSearch(renderer, graph, select);
  exposeHooks(renderer, graph);
  renderer.once('afterRender', () => {
    document.body.dataset.nodes = String(graph.order);
    document.body.dataset.edges = String(graph.size);
    ui.search.disabled = false;
    setState(
      'ready',
      `${graph.order} partners, ${graph.size} ties, ${network.metrics.communities} communities`,
    );
  });
  renderer.refresh();
}

main().catch((error: unknown) => {
  setState('error', `The network could not be loaded: ${messageOf(error)}`);
});
