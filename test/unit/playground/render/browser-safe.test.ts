import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The renderer is loaded by the playground page as plain ES modules from
 * dist/src/playground/render/: it may import only its own files (relative
 * './x.js'), never node:*, a package or another src folder, and it may use
 * no Node or DOM global.
 */

const RENDER = join(import.meta.dirname, '../../../../src/playground/render');
const sources = readdirSync(RENDER)
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(RENDER, name), 'utf8') }));

/** Every module specifier of a source: static imports and re-exports, dynamic import(), require(). */
function specifiersOf(text: string): string[] {
  const patterns = [/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\s*\(\s*['"]?([^'")]+)/g, /\brequire\s*\(\s*['"]?([^'")]+)/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!));
}

describe('the renderer is browser-safe', () => {
  it('given the renderer folder, when listed, then it holds the entry point and its parts', () => {
    // then
    const names = sources.map((s) => s.name);
    expect(names).toContain('render-blocks.ts');
    expect(names).toContain('render-mrkdwn.ts');
    expect(names).toContain('escape-html.ts');
    expect(names.length).toBeGreaterThanOrEqual(10);
  });

  it.each(sources.map((s) => [s.name, s.text] as const))('given %s, when its imports are read, then each is a sibling ./x.js file that exists', (_name, text) => {
    // when
    const specifiers = specifiersOf(text);

    // then
    for (const specifier of specifiers) {
      expect(specifier).toMatch(/^\.\/[a-z0-9-]+\.js$/);
      expect(existsSync(join(RENDER, specifier.replace(/\.js$/, '.ts'))), specifier).toBe(true);
    }
  });

  it.each(sources.map((s) => [s.name, s.text] as const))('given %s, when its code is read, then it uses no Node or DOM global and builds no code at run time', (_name, text) => {
    // then
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(?:process|Buffer|require|__dirname|document|window|globalThis|navigator|localStorage|eval|Function)\b/);
    expect(code).not.toMatch(/\bnode:/);
  });

  it('given the import check, when fed imports the renderer must not have, then it finds each of them', () => {
    // given
    const text = "import { a } from 'node:fs';\nexport { b } from '../../domain/x.js';\nimport 'side-effect';\nconst c = await import('./lazy.js');\nimport type { D } from \"./d.js\";";

    // when / then
    expect(specifiersOf(text)).toEqual(['node:fs', '../../domain/x.js', './d.js', 'side-effect', './lazy.js']);
  });
});
