import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledImports } from '../../scripts/compiled-imports.js';
import { packageRoot } from '../../src/package-root.js';
import { BUNDLE_METAFILE } from '../../src/shipmate-program.js';

/** The image's entry point (Dockerfile ENTRYPOINT) and the bot it starts. */
const ENTRY = 'dist/src/cli.js';
const DEMO = 'dist/src/demo/run-demo.js';
/** Packages only some commands need: loaded by the adapter that needs them, on its first call (SPEC §8: idle memory). */
const LOADED_ON_DEMAND = ['@kubernetes/client-node', '@aws-sdk/client-codebuild', '@aws-sdk/client-ecr', '@aws-sdk/client-service-quotas', 'pg', 'better-sqlite3'];

describe('what the compiled bot loads', () => {
  it('never reaches the sandbox, the benchmarks or the scripts, which the image does not carry', () => {
    // given / when: every import, dynamic ones included, but for `shipmate demo`'s: the demo loads the
    // sandbox on purpose, and where it is absent says so in one line (test/e2e/demo-command.test.ts)
    const graph = compiledImports(ENTRY, { dynamic: true, stopAt: [DEMO] });

    // then
    expect(graph.files).toContain('dist/src/main.js');
    expect(graph.files).toContain(DEMO);
    expect(graph.files).toContain('dist/src/adapters/kube/cluster-adapter.js');
    expect(graph.files.filter((f) => /^dist\/(src\/sandbox|bench|scripts|test)\//.test(f))).toEqual([]);
  });

  it('loads no Kubernetes client, AWS SDK client or database driver at start-up: each comes with the first call that needs it', () => {
    // given
    const everything = compiledImports(ENTRY, { dynamic: true });

    // when: the static imports only, what `node dist/src/cli.js start` loads before any command
    const atStart = compiledImports(ENTRY, { dynamic: false });

    // then
    expect(everything.packages).toEqual(expect.arrayContaining(LOADED_ON_DEMAND));
    expect(atStart.packages).toContain('@slack/bolt');
    expect(atStart.packages.filter((p) => LOADED_ON_DEMAND.includes(p))).toEqual([]);
  });
});

/** esbuild's metafile of the bundle the image runs (npm run build writes it beside dist/bundle). */
interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
}
const BUNDLE_ENTRY = 'dist/bundle/cli.js';
const metafile = () => JSON.parse(readFileSync(join(packageRoot(), ...BUNDLE_METAFILE), 'utf8')) as Metafile;
/** The sources of the outputs reached from the entry, following static imports only or dynamic ones too. */
function bundledSources(meta: Metafile, dynamic: boolean): { sources: string[]; externals: string[] } {
  const seen = new Set<string>();
  const externals = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const { path, kind, external } of meta.outputs[output]!.imports) {
      if (!dynamic && kind === 'dynamic-import') continue;
      if (external) externals.add(path);
      else visit(path);
    }
  };
  visit(BUNDLE_ENTRY);
  return { sources: [...seen].flatMap((output) => Object.keys(meta.outputs[output]!.inputs)), externals: [...externals] };
}
const packageOf = (source: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];

describe('what the bundle the image runs holds', () => {
  it('no sandbox, benchmark, script or test: the demo stays a file of dist/src, which the image leaves out', () => {
    // given / when
    const everything = bundledSources(metafile(), true);

    // then
    expect(everything.sources).toContain('dist/src/main.js');
    expect(everything.sources).toContain('dist/src/adapters/kube/cluster-adapter.js');
    expect(everything.sources.filter((f) => /^dist\/(src\/(sandbox|demo)|bench|scripts|test)\//.test(f))).toEqual([]);
    expect(everything.externals).toEqual(expect.arrayContaining(['../src/demo/run-demo.js', 'better-sqlite3']));
  });

  it('loads no Kubernetes client, AWS SDK client or database driver at start-up, as dist/src does', () => {
    // given
    const meta = metafile();

    // when
    const everything = bundledSources(meta, true);
    const atStart = bundledSources(meta, false);

    // then
    const packages = (sources: string[]) => [...new Set(sources.map(packageOf).filter((p) => p !== undefined))];
    expect(packages(everything.sources)).toEqual(expect.arrayContaining(LOADED_ON_DEMAND.filter((p) => p !== 'better-sqlite3')));
    expect(packages(atStart.sources)).toContain('@slack/bolt');
    expect(packages(atStart.sources).filter((p) => LOADED_ON_DEMAND.includes(p))).toEqual([]);
    expect(atStart.externals).not.toContain('better-sqlite3');
  });
});
