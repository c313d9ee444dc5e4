import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { projectPath } from '../common/paths';

/** Where `npm run build` (scripts/build-viewer.js) puts the viewer's page, script and styles. */
export const VIEWER_DIST = projectPath('dist', 'viewer');

/** URL path of the viewer page; its assets are below it. */
export const VIEWER_PATH = '/viewer';

/**
 * What the viewer page may do: run and load only its own bundled files and talk only to this
 * origin's GraphQL endpoint; no inline scripts, no other origins, no framing. Images from data:
 * and blob: URLs stay allowed because renderers may turn canvases into images.
 */
export const VIEWER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': VIEWER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The bundle's name is not content-hashed: browsers revalidate (ETag) instead of keeping a stale copy.
  'Cache-Control': 'no-cache',
};

function setSecurityHeaders(res: express.Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

function plainText(res: express.Response, status: number, text: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(text);
}

/**
 * Serves the network viewer: `GET /viewer` (and `/viewer/`) answers the page, `/viewer/<file>`
 * its assets from `dist/viewer`, all with {@link VIEWER_CSP}. A file that is not there answers
 * 404; when the viewer was never built, every viewer URL answers 503 with a hint to run
 * `npm run build`, checked per request so that a build while the API runs is picked up.
 *
 * @param root the built viewer's folder; @default {@link VIEWER_DIST}
 */
export function viewerRoutes(root: string = VIEWER_DIST): (app: express.Express) => void {
  const indexFile = path.join(root, 'index.html');
  const assets = express.static(root, { index: false, redirect: false, dotfiles: 'ignore' });
  return (app) => {
    app.use(VIEWER_PATH, (req, res, next) => {
      setSecurityHeaders(res);
      if (!existsSync(indexFile)) {
        plainText(res, 503, 'The viewer is not built yet: run `npm run build`, then reload.\n');
        return;
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && req.path === '/') {
        res.sendFile(indexFile, (error) => {
          if (error && !res.headersSent) next(error);
        });
        return;
      }
      next();
    });
    app.use(VIEWER_PATH, assets, (_req, res) => plainText(res, 404, 'Not found\n'));
  };
}
