import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; playwright-core drives it (the project never downloads a browser). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Chromium's flags for the tests. Headless without a sandbox (the tests may run as root), no
 * background traffic (this machine's network is closed: Chromium would retry its update, sync
 * and QUIC connections many times at each start), and WebGL on SwiftShader, Chromium's software
 * renderer: sigma draws with WebGL2, there is no GPU, and newer Chromium versions no longer fall
 * back to SwiftShader on their own. playwright-core gives every launch a new, empty profile.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Fails with one line when Debian's `chromium` is missing: tests never install system packages,
 * only CI's `.ci/run` does (through scripts/install-system-deps.sh).
 */
export function ensureChromiumInstalled(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    `chromium is not installed at ${CHROMIUM_PATH}: run \`bash scripts/install-system-deps.sh chromium\` (CI's .ci/run does)`,
  );
}

/** Checks that Chromium is installed and launches it headless; close the browser in `afterAll`. */
export async function launchChromium(): Promise<Browser> {
  ensureChromiumInstalled();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
