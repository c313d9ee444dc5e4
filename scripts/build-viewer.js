// Builds the network viewer (viewer/) into dist/viewer/: type-checks the browser code with its own
// tsconfig (DOM types, which the API's tsconfig must not have), bundles viewer.ts with sigma and
// graphology into one minified script with a sourcemap, and copies the page and its stylesheet.
// Everything the page needs is bundled: it loads nothing from other origins (see its CSP).
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const source = path.join(root, 'viewer');
const out = path.join(root, 'dist', 'viewer');
const STATIC_FILES = ['index.html', 'viewer.css'];

function typeCheck() {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(source, 'tsconfig.json'), '--noEmit'], {
    stdio: 'inherit',
  });
}

async function bundle() {
  await esbuild.build({
    entryPoints: [path.join(source, 'viewer.ts')],
    outfile: path.join(out, 'viewer.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
}

async function main() {
  try {
    typeCheck();
  } catch {
    throw new Error('the viewer has type errors (tsc -p viewer)');
  }
  // A clean folder, so that files removed from viewer/ do not linger in what the API serves.
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await bundle();
  for (const file of STATIC_FILES) fs.copyFileSync(path.join(source, file), path.join(out, file));
}

main().catch((error) => {
  process.stderr.write(`build-viewer: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
