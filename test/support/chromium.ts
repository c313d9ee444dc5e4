import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { projectPath } from '../../src/common/paths';

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
 * Installs Debian's `chromium` through the project's script when it is missing, so that a fresh
 * machine runs the viewer test without a manual step (CI installs it up front in .ci/run).
 */
export function ensureChromiumInstalled(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  execFileSync('bash', [projectPath('scripts', 'install-system-deps.sh'), 'chromium'], {
    stdio: 'inherit',
  });
}

/** Installs Chromium if needed and launches it headless; close the browser in `afterAll`. */
export async function launchChromium(): Promise<Browser> {
  ensureChromiumInstalled();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
