import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../../src/package-root.js';

/**
 * A module of the compiled program (dist/), typed as its source: pass the
 * path under the package root without dist/, e.g. 'src/bot/start-bot.js',
 * and `typeof import('…/src/bot/start-bot.js')` as T. dist/ has no
 * declarations, so the type comes from the source it was compiled from.
 */
export async function compiledModule<T>(path: string): Promise<T> {
  const file = join(packageRoot(), 'dist', path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` (npm test does)`);
  return (await import(pathToFileURL(file).href)) as T;
}
