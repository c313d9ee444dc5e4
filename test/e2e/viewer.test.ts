import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../src/app';
import { VIEWER_DIST, viewerRoutes } from '../../src/network/viewer.routes';
import { launchChromium } from '../support/chromium';
import { postGraphQL, startTestApp } from '../support/test-app';

/** Chromium may first have to be installed by the project's script (minutes on a fresh machine). */
const SETUP_TIMEOUT_MS = 600_000;
const READY_TIMEOUT_MS = 60_000;

/** Screenshots of both views go here (git-ignored); the test prints their paths. */
const RESULTS_DIR = path.join(__dirname, '..', '..', 'test-results');

interface NetworkNode {
  id: string;
  label: string;
  sector: string | null;
  degree: number;
}

interface Target extends NetworkNode {
  suggestions: { name: string; reasons: string[] }[];
}

interface LabelBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Hooks the viewer exposes as `window.vielfaltViewer` (viewer/viewer.ts). */
interface ViewerHooks {
  nodePosition(id: string): { x: number; y: number } | null;
  labelBoxes(): LabelBox[];
  palette: string[];
}

/**
 * The axe-core rules (WCAG 2.1 A/AA and best practices) violated with serious or critical impact,
 * with the offending elements; prints the summary of every impact for the record.
 */
async function seriousViolations(page: Page, view: string): Promise<string[]> {
  const { violations, passes } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const impacts = violations.map((v) => `${v.id} (${v.impact ?? 'none'})`).join(', ') || 'none';
  process.stdout.write(
    `axe-core on the ${view}: ${passes.length} rules passed, violations: ${impacts}\n`,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Saves a screenshot of the page to test-results/ and prints where it is. */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name);
  await page.screenshot({ path: file });
  process.stdout.write(`viewer screenshot: ${file}\n`);
}

/** The few browser globals the screenshot analysis uses (the API's tsconfig has no DOM types). */
interface PixelGlobals {
  createImageBitmap(blob: Blob): Promise<{ width: number; height: number }>;
  OffscreenCanvas: new (
    width: number,
    height: number,
  ) => {
    getContext(kind: '2d'): {
      drawImage(image: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    };
  };
}

/**
 * Decodes a PNG in the browser and counts, per palette colour, the pixels within a small
 * tolerance of it (anti-aliased edges blend), plus the pixels that are not the white background.
 */
async function countColours(
  page: Page,
  png: Buffer,
  palette: readonly string[],
): Promise<{ perColour: number[]; painted: number; total: number }> {
  return page.evaluate(
    async ({ base64, colours }) => {
      const g = globalThis as unknown as PixelGlobals;
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await g.createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const context = new g.OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const rgb = colours.map((hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)));
      const perColour = colours.map(() => 0);
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g2, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
        if (r < 245 || g2 < 245 || b < 245) painted += 1;
        rgb.forEach(([cr = 0, cg = 0, cb = 0], index) => {
          if (Math.abs(r - cr) + Math.abs(g2 - cg) + Math.abs(b - cb) <= 12) {
            perColour[index] = (perColour[index] ?? 0) + 1;
          }
        });
      }
      return { perColour, painted, total: data.length / 4 };
    },
    { base64: png.toString('base64'), colours: [...palette] },
  );
}

/** A throw-away HTTP server with only the viewer routes (no GraphQL), on a free port. */
async function startViewerOnly(root: string): Promise<{ origin: string; server: Server }> {
  const app = express();
  viewerRoutes(root)(app);
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('network viewer', () => {
  let app: App;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    app = await startTestApp();
    origin = new URL(app.server.url).origin;
    browser = await launchChromium();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  describe('serving', () => {
    it('should serve the page with a Content-Security-Policy that allows only its own origin', async () => {
      const response = await fetch(`${origin}/viewer`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<script src="/viewer/viewer.js" defer></script>');
    });

    it('should serve the bundle as JavaScript with the same policy', async () => {
      const response = await fetch(`${origin}/viewer/viewer.js`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect((await response.text()).length).toBeGreaterThan(10_000);
    });

    it('should answer 404 for an asset that does not exist', async () => {
      const response = await fetch(`${origin}/viewer/missing.js`);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found\n');
    });

    it('should not serve files outside the built viewer', async () => {
      const response = await fetch(`${origin}/viewer/%2e%2e/%2e%2e/package.json`);
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('"name": "vielfalt-network-api"');
    });

    it('should answer 503 with a hint to build when the viewer was never built', async () => {
      const { origin: bare, server } = await startViewerOnly('/nonexistent/viewer-dist');
      try {
        for (const url of [`${bare}/viewer`, `${bare}/viewer/viewer.js`]) {
          const response = await fetch(url);
          expect(response.status).toBe(503);
          expect(await response.text()).toContain('npm run build');
        }
      } finally {
        await closeServer(server);
      }
    });
  });

  describe('in Chromium', () => {
    let page: Page;
    let target: Target;
    let networkNodes: NetworkNode[];
    const problems: string[] = [];

    /** The best-connected partner that has suggestions, and its five suggestions from the API. */
    async function pickTarget(nodes: NetworkNode[]): Promise<Target> {
      for (const node of [...nodes].sort((a, b) => b.degree - a.degree)) {
        const { body } = await postGraphQL<{
          suggestedPartners: { partner: { name: string }; reasons: { text: string }[] }[];
        }>(
          app,
          'query($id: ID!) { suggestedPartners(partnerId: $id, first: 5) { partner { name } reasons { text } } }',
          { id: node.id },
          { 'accept-language': 'de' },
        );
        const suggestions =
          body.data?.suggestedPartners.map((s) => ({
            name: s.partner.name,
            reasons: s.reasons.map((r) => r.text),
          })) ?? [];
        if (suggestions.length > 0) return { ...node, suggestions };
      }
      throw new Error('no partner of the demo has suggestions');
    }

    function hooks<T>(read: (hooks: ViewerHooks) => T): Promise<T> {
      return page.evaluate(`(${read.toString()})(globalThis.vielfaltViewer)`) as Promise<T>;
    }

    beforeAll(async () => {
      const { body } = await postGraphQL<{ network: { nodes: NetworkNode[] } }>(
        app,
        '{ network(mode: PARTNERS) { nodes { id label sector degree } } }',
      );
      networkNodes = body.data?.network.nodes ?? [];
      target = await pickTarget(networkNodes);

      // axe-core's Playwright builder wants a page of an explicit context (browser.newContext()).
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      // CSP violations and failed loads are reported as console errors.
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.goto(`${origin}/viewer`);
      await page.waitForSelector('body[data-state="ready"]', { timeout: READY_TIMEOUT_MS });
    }, SETUP_TIMEOUT_MS);

    afterAll(async () => {
      await page?.context().close();
    });

    it('should draw every partner of the demo alliance', async () => {
      expect(networkNodes.length).toBeGreaterThanOrEqual(300);
      const drawn = Number(await page.getAttribute('body', 'data-nodes'));
      expect(drawn).toBe(networkNodes.length);
      expect(await page.textContent('#status')).toContain(`${networkNodes.length} Partner`);
    });

    it('should speak German first and switch to English and back', async () => {
      expect(await page.getAttribute('html', 'lang')).toBe('de');
      expect(await page.textContent('h1')).toBe('Vielfalt-Netzwerk');
      expect(await page.textContent('#tab-table')).toBe('Tabelle');
      await page.click('#language');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe('Vielfalt network');
      expect(await page.textContent('#status')).toContain(`${networkNodes.length} partners`);
      expect(await page.textContent('#tab-table')).toBe('Table');
      await page.click('#language');
      expect(await page.getAttribute('html', 'lang')).toBe('de');
      expect(await page.textContent('#filters label span')).toBe('Dimension');
    });

    it('should paint the nodes on the canvas in their community colours', async () => {
      const canvases = await page.locator('#graph canvas').count();
      expect(canvases).toBeGreaterThan(0);
      const png = await page.locator('#graph').screenshot();
      const palette = await hooks((h) => h.palette);
      expect(palette.length).toBeGreaterThanOrEqual(8);

      const decoder = await browser.newPage();
      try {
        const { perColour, painted, total } = await countColours(decoder, png, palette);
        // Several communities visibly drawn, each in its own colour, on a canvas that is not blank.
        expect(perColour.filter((pixels) => pixels >= 30).length).toBeGreaterThanOrEqual(5);
        expect(painted / total).toBeGreaterThan(0.02);
      } finally {
        await decoder.close();
      }
    });

    it('should show a legend of the colours and change it with the colour mode', async () => {
      const communities = await page.locator('#legend-items li').count();
      expect(communities).toBeGreaterThanOrEqual(5);
      await page.selectOption('#colour-by', 'sector');
      expect(await page.locator('#legend-items li').allTextContents()).toEqual([
        expect.stringMatching(/^Zivilgesellschaft \(\d+\)$/),
        expect.stringMatching(/^Wirtschaft \(\d+\)$/),
        expect.stringMatching(/^Politik \(\d+\)$/),
        expect.stringMatching(/^Verwaltung \(\d+\)$/),
      ]);
      await page.selectOption('#colour-by', 'dimension');
      expect(await page.locator('#legend-items li').count()).toBeGreaterThanOrEqual(7);
      await page.selectOption('#colour-by', 'community');
      expect(await page.locator('#legend-items li').count()).toBe(communities);
    });

    it('should group the isolated partners in a labelled grid below the network', async () => {
      const isolated = networkNodes.filter((n) => n.degree === 0).map((n) => n.id);
      const connected = networkNodes.filter((n) => n.degree > 0).map((n) => n.id);
      expect(isolated.length).toBeGreaterThan(0);
      const at = async (ids: string[]) =>
        Promise.all(ids.map(async (id) => (await nodePosition(page, id)) ?? { x: NaN, y: NaN }));
      const grid = await at(isolated);
      const rest = await at(connected);
      const lowestConnected = Math.max(...rest.map((p) => p.y));
      expect(Math.min(...grid.map((p) => p.y))).toBeGreaterThan(lowestConnected);
      // A grid: few distinct rows, each row evenly filled from the left.
      const rows = new Set(grid.map((p) => Math.round(p.y)));
      expect(rows.size).toBeLessThanOrEqual(Math.ceil(Math.sqrt(isolated.length)));
      expect(await page.textContent('#isolated-label')).toBe(
        `Partner ohne Kooperation mit anderen Mitgliedern (${isolated.length})`,
      );
    });

    it('should draw labels that do not overlap at the default zoom', async () => {
      const boxes = await hooks((h) => h.labelBoxes());
      expect(boxes.length).toBeGreaterThanOrEqual(10);
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart =
            a.x + a.width <= b.x ||
            b.x + b.width <= a.x ||
            a.y + a.height <= b.y ||
            b.y + b.height <= a.y;
          if (!apart) throw new Error(`labels overlap: ${JSON.stringify([a, b])}`);
        }
      }
    });

    it('should have no serious or critical accessibility violations in the graph view', async () => {
      await screenshot(page, 'viewer-graph.png');
      expect(await seriousViolations(page, 'graph view')).toEqual([]);
    });

    it('should find partners by part of the name, ignoring case and umlauts', async () => {
      const caritas = networkNodes.filter((n) => n.label.toLowerCase().includes('caritas'));
      if (caritas.length > 0) {
        await page.fill('#search', 'caritas');
        expect(Number(await page.getAttribute('#search', 'data-matches'))).toBe(
          Math.min(caritas.length, 8),
        );
      }
      const umlaut = networkNodes.find((n) => /[äöü]/.test(n.label));
      if (!umlaut) throw new Error('the demo has no partner with an umlaut in its name');
      const word = umlaut.label.split(/\s+/).find((w) => /[äöü]/.test(w)) ?? umlaut.label;
      for (const spelling of [
        word.toLowerCase().replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u'),
        word.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue'),
      ]) {
        await page.fill('#search', spelling);
        expect(Number(await page.getAttribute('#search', 'data-matches'))).toBeGreaterThan(0);
        expect(await page.textContent('#status')).toContain(word);
      }
    });

    it('should highlight and centre the first partner matching the search', async () => {
      await page.fill('#search', target.label.toLowerCase());
      await page.waitForSelector(`body[data-focus="${target.id}"]`, { timeout: 10_000 });
      expect(await page.textContent('#status')).toContain(target.label);

      const box = await page.locator('#graph').boundingBox();
      const position = await nodePosition(page, target.id);
      expect(box).not.toBeNull();
      expect(position).not.toBeNull();
      if (!box || !position) return;
      expect(Math.abs(position.x - box.width / 2)).toBeLessThan(2);
      expect(Math.abs(position.y - box.height / 2)).toBeLessThan(2);
    });

    it('should show the partner, its suggestions and their reasons when its node is clicked', async () => {
      const box = await page.locator('#graph').boundingBox();
      const position = await nodePosition(page, target.id);
      if (!box || !position) throw new Error('the graph or the node has no position');
      expect(await page.isHidden('#panel')).toBe(true);

      await page.mouse.click(box.x + position.x, box.y + position.y);
      await page.waitForSelector('#panel[data-suggestions]', { timeout: 15_000 });

      expect(await page.textContent('#partner-name')).toBe(target.label);
      expect(await page.textContent('#partner-degree')).toBe(String(target.degree));
      expect(await page.getAttribute('#panel', 'data-suggestions')).toBe(
        String(target.suggestions.length),
      );
      const names = await page.locator('#suggestions .suggestion-name').allTextContents();
      expect(names).toEqual(target.suggestions.map((s) => s.name));
      const reasons = await page
        .locator('#suggestions > li')
        .evaluateAll((items) =>
          items.map((item) =>
            Array.from(item.querySelectorAll('.reasons li'), (li) => li.textContent),
          ),
        );
      expect(reasons).toEqual(target.suggestions.map((s) => s.reasons));
      expect(reasons.flat().length).toBeGreaterThan(0);
    });

    it('should explain a suggested pair with its rules (explainPair)', async () => {
      await page.locator('#suggestions .explain').first().click();
      await page.waitForSelector('#explanation[data-rules]', { timeout: 15_000 });
      const rules = await page.locator('#explanation-rules li').allTextContents();
      expect(rules.length).toBeGreaterThanOrEqual(4);
      // A suggested pair passes every hard rule.
      for (const rule of rules) expect(rule).toMatch(/^✓ erfüllt: \S/);
      expect(await page.textContent('#explanation-heading')).toContain(target.suggestions[0]?.name);
    });

    it('should say why a partner that is not active has no suggestions', async () => {
      const { body } = await postGraphQL<{
        partners: { edges: { node: { id: string; name: string } }[] };
      }>(
        app,
        '{ partners(first: 50, filter: { statuses: [PAUSED] }) { edges { node { id name } } } }',
      );
      const paused = body.data?.partners.edges
        .map((edge) => edge.node)
        .find((node) => networkNodes.filter((other) => other.label === node.name).length === 1);
      if (!paused) throw new Error('the demo has no paused partner with a unique name');

      await page.fill('#search', paused.name);
      await page.press('#search', 'Enter');
      await page.waitForSelector(`#panel[data-partner="${paused.id}"][data-suggestions="error"]`, {
        timeout: 15_000,
      });
      expect(await page.textContent('#partner-name')).toBe(paused.name);
      expect(await page.textContent('#suggestions-status')).toBe(
        'Keine Vorschläge: nur aktive Partner erhalten welche, dieser ist ruhend.',
      );
      expect(await page.locator('#suggestions li').count()).toBe(0);
      await page.click('#panel-close');
    });

    it('should filter partners by sector in the browser and ties by kind through the API', async () => {
      const business = networkNodes.filter((n) => n.sector === 'BUSINESS').length;
      await page.selectOption('#filter-sector', 'BUSINESS');
      await page.waitForFunction(() => !document.body.dataset.filtering);
      expect(Number(await page.getAttribute('body', 'data-shown-nodes'))).toBe(business);
      await page.selectOption('#filter-sector', '');

      const { body } = await postGraphQL<{ network: { edges: unknown[] } }>(
        app,
        '{ network(mode: PARTNERS, filter: { cooperationKinds: [NETWORK_PROJECT] }) { edges { id } } }',
      );
      const projectTies = body.data?.network.edges.length ?? -1;
      await page.selectOption('#filter-kind', 'NETWORK_PROJECT');
      await page.waitForFunction(
        (ties) => !document.body.dataset.filtering && document.body.dataset.shownEdges === ties,
        String(projectTies),
        { timeout: 30_000 },
      );
      expect(Number(await page.getAttribute('body', 'data-shown-nodes'))).toBe(networkNodes.length);
      await page.click('#filter-reset');
      await page.waitForFunction(
        (nodes) => !document.body.dataset.filtering && document.body.dataset.shownNodes === nodes,
        String(networkNodes.length),
      );
    });

    describe('table view', () => {
      beforeAll(async () => {
        await page.fill('#search', '');
        await page.click('#tab-table');
        await page.waitForSelector('#partner-table tbody tr');
      });

      it('should list every partner in a semantic table', async () => {
        expect(await page.isVisible('#table-view')).toBe(true);
        expect(await page.isHidden('#graph-view')).toBe(true);
        expect(await page.locator('#partner-table tbody tr').count()).toBe(networkNodes.length);
        const scopes = await page
          .locator('#partner-table thead th')
          .evaluateAll((ths) => ths.map((th) => th.getAttribute('scope')));
        expect(scopes).toEqual(['col', 'col', 'col', 'col', 'col', 'col']);
        expect(await page.getAttribute('#partner-table thead th:first-child', 'aria-sort')).toBe(
          'ascending',
        );
        expect(await page.locator('#partner-table tbody th[scope="row"]').count()).toBe(
          networkNodes.length,
        );
      });

      it('should sort by a column from the keyboard and say so with aria-sort', async () => {
        await page.focus('#partner-table th button[data-column="degree"]');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        expect(await page.getAttribute('#partner-table thead th:nth-child(5)', 'aria-sort')).toBe(
          'descending',
        );
        expect(await page.getAttribute('#partner-table thead th:first-child', 'aria-sort')).toBe(
          null,
        );
        const top = Math.max(...networkNodes.map((n) => n.degree));
        expect(await page.textContent('#partner-table tbody tr:first-child td.numeric')).toBe(
          String(top),
        );
      });

      it('should move between rows with the arrow keys and open a partner with Enter', async () => {
        await page.focus('#partner-table tbody tr:first-child .row-select');
        await page.keyboard.press('ArrowDown');
        const second = await page.textContent('#partner-table tbody tr:nth-child(2) .row-select');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(second);
        await page.keyboard.press('Enter');
        await page.waitForSelector('#panel[data-suggestions]', { timeout: 15_000 });
        expect(await page.textContent('#partner-name')).toBe(second);
        await page.click('#panel-close');
      });

      it('should filter the rows by part of a name', async () => {
        const umlaut = networkNodes.find((n) => /[äöü]/.test(n.label));
        if (!umlaut) throw new Error('the demo has no partner with an umlaut in its name');
        await page.fill(
          '#table-filter',
          umlaut.label
            .toLowerCase()
            .replace(/[äöü]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue' })[c] ?? c),
        );
        const names = await page.locator('#partner-table tbody .row-select').allTextContents();
        expect(names).toContain(umlaut.label);
        expect(names.length).toBeLessThan(networkNodes.length);
        expect(await page.textContent('#table-count')).toBe(
          `${names.length} von ${networkNodes.length} Partnern`,
        );
        await page.fill('#table-filter', '');
      });

      it('should have no serious or critical accessibility violations', async () => {
        await screenshot(page, 'viewer-table.png');
        expect(await seriousViolations(page, 'table view')).toEqual([]);
      });

      afterAll(async () => {
        await page.click('#tab-graph');
      });
    });

    it('should load everything from its own origin without errors or policy violations', () => {
      expect(problems).toEqual([]);
    });
  });

  it('should reach the table from the skip link and work without a canvas', async () => {
    const page = await browser.newPage();
    // A browser without WebGL: sigma cannot draw, the table must still show every partner.
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (
        this: HTMLCanvasElement,
        kind: string,
        ...rest: unknown[]
      ) {
        if (kind.startsWith('webgl')) return null;
        return (original as (...args: unknown[]) => unknown).call(this, kind, ...rest);
      } as typeof original;
    });
    try {
      await page.goto(`${origin}/viewer`);
      await page.waitForSelector('body[data-state="ready"]', { timeout: READY_TIMEOUT_MS });
      expect(await page.getAttribute('body', 'data-canvas')).toBe('unavailable');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'Zur Tabelle springen',
      );
      await page.keyboard.press('Enter');
      await page.waitForSelector('#partner-table tbody tr');
      expect(await page.isVisible('#table-view')).toBe(true);
      expect(Number(await page.getAttribute('#partner-table', 'data-rows'))).toBeGreaterThan(300);
    } finally {
      await page.close();
    }
  });

  it('should print the time to the first painted graph on the demo', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const times: number[] = [];
      const network: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        await page.goto(`${origin}/viewer`);
        await page.waitForSelector('body[data-state="ready"][data-first-paint-ms]', {
          timeout: READY_TIMEOUT_MS,
        });
        times.push(Number(await page.getAttribute('body', 'data-first-paint-ms')));
        network.push(Number(await page.getAttribute('body', 'data-network-ms')));
      }
      process.stdout.write(
        `viewer first paint (ms since navigation): ${times.join(', ')}; network loaded at ${network.join(', ')}\n`,
      );
      // Measured, not timed: the goal (≤ 2 s) is reported in docs/network.md; here only sanity.
      expect(Math.min(...times)).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it('should show a readable error when the API does not answer GraphQL', async () => {
    const { origin: bare, server } = await startViewerOnly(VIEWER_DIST);
    const page = await browser.newPage();
    try {
      await page.goto(`${bare}/viewer`);
      await page.waitForSelector('body[data-state="error"]', { timeout: READY_TIMEOUT_MS });
      expect(await page.textContent('#status')).toBe(
        'Das Netzwerk konnte nicht geladen werden: die API antwortete mit HTTP 404 ohne GraphQL-Ergebnis',
      );
    } finally {
      await page.close();
      await closeServer(server);
    }
  });
});

function nodePosition(page: Page, id: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    (nodeId) =>
      (
        globalThis as unknown as {
          vielfaltViewer?: { nodePosition(id: string): { x: number; y: number } | null };
        }
      ).vielfaltViewer?.nodePosition(nodeId) ?? null,
    id,
  );
}
