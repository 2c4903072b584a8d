import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { packageRoot } from '../../package-root.js';

/** The compiled browser modules the page loads, and only those: the renderer's and the page's own. */
const SERVED_FOLDERS = ['render', 'web'] as const;
/** /render/render-blocks.js, /web/playground-client.js: lowercase names, optionally in sub-folders, never a dot segment. */
const MODULE_PATH = /^\/(render|web)\/((?:[a-z0-9][a-z0-9-]*\/)*[a-z0-9][a-z0-9-]*\.js)$/;

/** dist/src/playground, where tsc puts the browser modules (the same in a checkout and in the npm package). */
export function compiledPlaygroundDir(): string {
  return join(packageRoot(), 'dist', 'src', 'playground');
}

/** The module's source for a path like /web/playground-client.js, or undefined when the path names none we serve. */
export async function readBrowserModule(path: string, root = compiledPlaygroundDir()): Promise<string | undefined> {
  const match = MODULE_PATH.exec(path);
  if (!match) return undefined;
  const folder = resolve(root, match[1] as (typeof SERVED_FOLDERS)[number]);
  const file = resolve(folder, match[2]!);
  if (!file.startsWith(folder + sep)) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
