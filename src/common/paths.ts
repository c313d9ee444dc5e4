import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's root folder (the one holding package.json), found from this file's location so
 * that it is right both for the TypeScript sources (jest) and for the compiled `dist/` files.
 */
export const PROJECT_ROOT = findProjectRoot(__dirname);

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** Resolves a path relative to the project root. */
export function projectPath(...segments: string[]): string {
  return path.join(PROJECT_ROOT, ...segments);
}
