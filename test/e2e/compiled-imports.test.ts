import { describe, expect, it } from 'vitest';
import { compiledImports } from '../../scripts/compiled-imports.js';

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
