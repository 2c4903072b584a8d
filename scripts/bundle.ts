import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_DIR, BUNDLE_EXTERNALS, BUNDLE_METAFILE } from '../src/shipmate-program.js';
import { packageRoot } from '../src/package-root.js';

/**
 * The program the container image runs: dist/src/cli.js (what tsc compiled) bundled and minified into
 * dist/bundle/, one chunk per lazily imported adapter. V8 keeps the source text of every module it loads,
 * and @kubernetes/client-node's generated API is tens of MB of it, all imported by KubeConfig; the bundle
 * keeps only what shipmate reaches, minified (npm run bench:memory, README "Performance").
 */
const root = packageRoot();

/**
 * `shipmate demo` imports the sandbox; the image must carry none of it. Its import stays a file of dist/src, which
 * the image does not copy, so there the demo says in one line that it is not part of the image.
 */
const demoStaysOutside: Plugin = {
  name: 'demo-stays-outside',
  setup(plugins) {
    plugins.onResolve({ filter: /\/demo\/run-demo\.js$/ }, () => ({ path: '../src/demo/run-demo.js', external: true }));
  },
};
const outdir = join(root, ...BUNDLE_DIR);
// Earlier chunks are left in place: a bot started from the previous build still imports them lazily (their names
// carry a content hash). The image and the package build from an empty dist/.
const result = await build({
  entryPoints: [join(root, 'dist', 'src', 'cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // Native addons and optional bindings stay in node_modules.
  external: [...BUNDLE_EXTERNALS],
  // CommonJS dependencies call require() for Node's modules; an ES module has none of its own.
  banner: { js: "import{createRequire as __shipmateRequire}from'node:module';const require=__shipmateRequire(import.meta.url);" },
  plugins: [demoStaysOutside],
  metafile: true,
  logLevel: 'warning',
});
// What each output holds and imports, for the tests (test/e2e/compiled-imports.test.ts); outside the bundle's folder.
writeFileSync(join(root, ...BUNDLE_METAFILE), JSON.stringify(result.metafile));
