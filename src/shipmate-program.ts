import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

/** Where `npm run build` writes the bundle the image runs (scripts/bundle.ts), under the package root. */
export const BUNDLE_DIR = ['dist', 'bundle'] as const;
/** esbuild's metafile of the bundle: which sources each output holds and what it imports. */
export const BUNDLE_METAFILE = ['dist', 'bundle-meta.json'] as const;
/** Left out of the bundle: better-sqlite3's native addon, and pg's optional native binding. */
export const BUNDLE_EXTERNALS = ['better-sqlite3', 'pg-native'] as const;
/**
 * V8 flags the image's ENTRYPOINT gives node (V8 refuses them in NODE_OPTIONS): --optimize-for-size keeps
 * less optimised code and fewer spare heap pages, about 25 MB less RSS after 1,000 commands on Node 24.
 */
export const IMAGE_NODE_FLAGS = ['--optimize-for-size'] as const;

/**
 * `node` and its arguments for the shipmate program as the container image runs it (the Dockerfile's
 * ENTRYPOINT, kept in step by a test): the bundle with the image's V8 flags when this checkout has built it,
 * else the package's dist/src/cli.js (an installed package ships no bundle).
 */
export function shipmateProgram(): string[] {
  const bundle = join(packageRoot(), ...BUNDLE_DIR, 'cli.js');
  if (existsSync(bundle)) return [process.execPath, ...IMAGE_NODE_FLAGS, bundle];
  return [process.execPath, join(packageRoot(), 'dist', 'src', 'cli.js')];
}
