import { afterEach, describe, expect, it } from 'vitest';
import { createCodeBuildPort } from '../../src/adapters/aws/codebuild-adapter.js';
import { findStartedBuild } from '../../src/domain/builds/find-started-build.js';
import type { StartBuildInput } from '../../src/ports/codebuild.port.js';
import { codebuildRunsOf, useSandboxClock } from '../../src/sandbox/aws/codebuild-runs.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';

const START = Date.parse('2026-12-01T10:00:00Z');
const MINUTE = 60_000;
let sandbox: Sandbox | undefined;

/** The real adapter against a sandbox whose clock the test moves. */
async function adapterAgainst(change: (world: World) => void = () => {}) {
  const world = loadScenario('healthy').world;
  change(world);
  sandbox = await startSandbox({ world });
  let now = START;
  useSandboxClock(sandbox.state, { now: () => new Date(now), sleep: async () => {} });
  const codebuild = createCodeBuildPort({ region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 });
  return { codebuild, state: sandbox.state, advance: (ms: number) => (now += ms) };
}

/** `count` finished builds of backend-build in the world, the newest started at `newestAt`, a second apart. */
const recordedBuilds = (count: number, newestAt: number) => (world: World) => {
  for (let i = 0; i < count; i++) {
    const start = new Date(newestAt - i * 1000).toISOString();
    world.codebuild.builds.push({ id: `backend-build:recorded-${i}`, projectName: 'backend-build', buildStatus: 'SUCCEEDED', currentPhase: 'COMPLETED', startTime: start, endTime: start });
  }
};

const start = (runId: string): StartBuildInput => ({
  projectName: 'backend-build',
  sourceVersion: 'refs/tags/v1.2.0',
  environmentVariables: { VERSION: '1.2.0' },
  idempotencyToken: runId,
  runId,
});

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('CodeBuild adapter: builds carry the run id', () => {
  it('StartBuild sends SHIPMATE_RUN_ID next to VERSION; BatchGetBuilds reads it back, and the resolved commit once the source is fetched', async () => {
    // given
    const { codebuild, advance } = await adapterAgainst();
    // when
    const started = await codebuild.startBuild(start('r1-backend'));
    advance(MINUTE);
    const [later] = await codebuild.getBuilds([started.id]);
    // then
    expect(started.runId).toBe('r1-backend');
    expect(started.resolvedSourceVersion).toBeUndefined();
    expect(later).toMatchObject({ id: started.id, status: 'SUCCEEDED', runId: 'r1-backend' });
    expect(later!.resolvedSourceVersion).toMatch(/^[0-9a-f]{40}$/);
    const run = codebuildRunsOf(sandbox!.state).byId.get(started.id)!;
    expect(run.environmentVariables).toEqual([
      { name: 'VERSION', value: '1.2.0', type: 'PLAINTEXT' },
      { name: 'SHIPMATE_RUN_ID', value: 'r1-backend', type: 'PLAINTEXT' },
    ]);
  });

  it('lists a project’s build ids newest first, 100 a page, and none for an unknown project', async () => {
    // given: 250 recorded builds
    const { codebuild } = await adapterAgainst(recordedBuilds(250, START - MINUTE));
    // when
    const first = await codebuild.listBuildIds('backend-build');
    const second = await codebuild.listBuildIds('backend-build', first.nextToken);
    const third = await codebuild.listBuildIds('backend-build', second.nextToken);
    // then
    expect([first.ids.length, second.ids.length]).toEqual([100, 100]);
    // The scenario's own older build of backend-build comes last.
    const all = [...first.ids, ...second.ids, ...third.ids];
    expect(all.slice(0, 250)).toEqual(Array.from({ length: 250 }, (_, i) => `backend-build:recorded-${i}`));
    expect(all).toHaveLength(251);
    expect(third.nextToken).toBeUndefined();
    expect(await codebuild.listBuildIds('no-such-project')).toEqual({ ids: [] });
  });

  it('after the token’s five minutes the sandbox starts a second build, and findStartedBuild finds the first under 150 newer ones', async () => {
    // given: a build started for a run, then 150 more builds of the project
    const { codebuild, advance } = await adapterAgainst(recordedBuilds(150, START + 3 * MINUTE));
    const runStartedAt = new Date(START);
    const first = await codebuild.startBuild(start('r2-backend'));
    advance(5 * MINUTE + 1000);
    // when
    const search = await findStartedBuild(codebuild, 'backend-build', 'r2-backend', runStartedAt);
    const repeated = await codebuild.startBuild(start('r2-backend'));
    // then
    expect(search).toMatchObject({ kind: 'found', build: { id: first.id, runId: 'r2-backend' } });
    expect(repeated.id).not.toBe(first.id);
  });
});
