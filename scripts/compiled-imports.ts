import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { packageRoot } from '../src/package-root.js';

/** What a compiled program loads: its own files (relative to the package root) and the packages it names. */
export interface ImportGraph {
  files: string[];
  packages: string[];
}

const STATIC = /(?:^|[\n;])\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** `@scope/name/deep/path` → `@scope/name`; `name/deep` → `name`. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * Follows the imports of compiled files from `entry` (a path under the package
 * root): the static ones only (what loads at start-up), or dynamic `import('…')`
 * of a literal too (everything it may ever load). Built-ins (`node:`) are left out.
 * Files named in `stopAt` are listed but not followed.
 */
export function compiledImports(entry: string, options: { dynamic: boolean; stopAt?: readonly string[] }): ImportGraph {
  const root = packageRoot();
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    const name = relative(root, file);
    if (files.has(name)) continue;
    if (!existsSync(file)) throw new Error(`${name} is imported but missing (build first: npx tsc -p tsconfig.json)`);
    files.add(name);
    if (options.stopAt?.includes(name)) continue;
    const code = readFileSync(file, 'utf8');
    const patterns = options.dynamic ? [STATIC, DYNAMIC] : [STATIC];
    for (const pattern of patterns) {
      for (const [, specifier] of code.matchAll(pattern)) {
        if (specifier!.startsWith('.')) pending.push(join(dirname(file), specifier!));
        else if (!specifier!.startsWith('node:')) packages.add(packageOf(specifier!));
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}
