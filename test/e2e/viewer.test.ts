import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../src/app';
import { VIEWER_DIST, viewerRoutes } from '../../src/network/viewer.routes';
import { launchChromium } from '../support/chromium';
import { postGraphQL, startTestApp } from '../support/test-app';

/** Chromium may first have to be installed by the project's script (minutes on a fresh machine). */
const SETUP_TIMEOUT_MS = 600_000;
const READY_TIMEOUT_MS = 60_000;

interface NetworkNode {
  id: string;
  label: string;
  sector: string | null;
  degree: number;
}

interface Target extends NetworkNode {
  suggestionNames: string[];
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
        const { body } = await postGraphQL<{ suggestedPartners: { partner: { name: string } }[] }>(
          app,
          'query($id: ID!) { suggestedPartners(partnerId: $id, first: 5) { partner { name } } }',
          { id: node.id },
        );
        const names = body.data?.suggestedPartners.map((s) => s.partner.name) ?? [];
        if (names.length > 0) return { ...node, suggestionNames: names };
      }
      throw new Error('no partner of the demo has suggestions');
    }

    beforeAll(async () => {
      const { body } = await postGraphQL<{ network: { nodes: NetworkNode[] } }>(
        app,
        '{ network(mode: PARTNERS) { nodes { id label sector degree } } }',
      );
      networkNodes = body.data?.network.nodes ?? [];
      target = await pickTarget(networkNodes);

      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      // CSP violations and failed loads are reported as console errors.
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.goto(`${origin}/viewer`);
      await page.waitForSelector('body[data-state="ready"]', { timeout: READY_TIMEOUT_MS });
    }, SETUP_TIMEOUT_MS);

    afterAll(async () => {
      await page?.close();
    });

    it('should draw every partner of the demo alliance', async () => {
      expect(networkNodes.length).toBeGreaterThanOrEqual(300);
      const drawn = Number(await page.getAttribute('body', 'data-nodes'));
      expect(drawn).toBe(networkNodes.length);
      expect(await page.textContent('#status')).toContain(`${networkNodes.length} partners`);
    });

    it('should paint the nodes on the canvas in their community colours', async () => {
      const canvases = await page.locator('#graph canvas').count();
      expect(canvases).toBeGreaterThan(0);
      const png = await page.locator('#graph').screenshot();
      const palette = await page.evaluate(
        () =>
          (globalThis as unknown as { vielfaltViewer?: { palette: string[] } }).vielfaltViewer
            ?.palette ?? [],
      );
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

    it('should show the partner and its suggestions when its node is clicked', async () => {
      const box = await page.locator('#graph').boundingBox();
      const position = await nodePosition(page, target.id);
      if (!box || !position) throw new Error('the graph or the node has no position');
      expect(await page.isHidden('#panel')).toBe(true);

      await page.mouse.click(box.x + position.x, box.y + position.y);
      await page.waitForSelector('#panel[data-suggestions]', { timeout: 15_000 });

      expect(await page.textContent('#partner-name')).toBe(target.label);
      expect(await page.textContent('#partner-degree')).toBe(String(target.degree));
      expect(await page.getAttribute('#panel', 'data-suggestions')).toBe(
        String(target.suggestionNames.length),
      );
      const shown = await page.locator('#suggestions li').allTextContents();
      expect(shown.map((text) => text.replace(/ · \d+ %$/, ''))).toEqual(target.suggestionNames);
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
        'No suggestions: only active partners get them, this one is paused.',
      );
      expect(await page.locator('#suggestions li').count()).toBe(0);
    });

    it('should load everything from its own origin without errors or policy violations', () => {
      expect(problems).toEqual([]);
    });
  });

  it('should show a readable error when the API does not answer GraphQL', async () => {
    const { origin: bare, server } = await startViewerOnly(VIEWER_DIST);
    const page = await browser.newPage();
    try {
      await page.goto(`${bare}/viewer`);
      await page.waitForSelector('body[data-state="error"]', { timeout: READY_TIMEOUT_MS });
      expect(await page.textContent('#status')).toBe(
        'The network could not be loaded: the API answered HTTP 404 without a GraphQL result',
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
