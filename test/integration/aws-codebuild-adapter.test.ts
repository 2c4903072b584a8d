import { afterEach, describe, expect, it } from 'vitest';
import { createCodeBuildPort } from '../../src/adapters/aws/codebuild-adapter.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World, WorldBuild } from '../../src/sandbox/world.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';

const credentials = SANDBOX_AWS_CREDENTIALS;
let sandbox: Sandbox | undefined;

async function codebuildAgainst(world: World) {
  sandbox = await startSandbox({ world });
  return { port: createCodeBuildPort({ region: 'eu-west-1', endpoint: sandbox.url, credentials }), sandbox };
}

function healthyWorld(): World {
  return loadScenario('healthy').world;
}

/** `count` builds of a project, one a minute from 2026-12-01 08:00 plus `fromMinute`, the newest last. */
function buildsOf(projectName: string, count: number, newest: Partial<WorldBuild> = {}, fromMinute = 0): WorldBuild[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${projectName}:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    projectName,
    buildStatus: 'SUCCEEDED' as const,
    currentPhase: 'COMPLETED',
    startTime: new Date(Date.UTC(2026, 11, 1, 8, fromMinute + i)).toISOString(),
    endTime: new Date(Date.UTC(2026, 11, 1, 8, fromMinute + i, 30)).toISOString(),
    ...(i === count - 1 ? newest : {}),
  }));
}

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('CodeBuild adapter against the sandbox', () => {
  it('given an existing project, when it is read, then its environment, privileged mode and inline buildspec come back', async () => {
    const { port } = await codebuildAgainst(healthyWorld());

    const project = await port.getProject('backend-build');

    expect(project).toMatchObject({
      name: 'backend-build',
      environmentType: 'LINUX_CONTAINER',
      computeType: 'BUILD_GENERAL1_SMALL',
      privilegedMode: true,
    });
    expect(project?.buildspec).toContain('docker buildx build');
    expect(project?.concurrentBuildLimit).toBeUndefined();
  });

  it('given a project with its own concurrent build limit, when it is read, then the limit comes back', async () => {
    const world = healthyWorld();
    world.codebuild.projects[0]!.concurrentBuildLimit = 2;
    const { port } = await codebuildAgainst(world);

    expect((await port.getProject('backend-build'))?.concurrentBuildLimit).toBe(2);
  });

  it('given no such project, when it is read, then the answer is undefined', async () => {
    const { port, sandbox } = await codebuildAgainst(healthyWorld());

    expect(await port.getProject('no-such-build')).toBeUndefined();
    expect(sandbox.state.callsTo('codebuild').map((c) => c.operation)).toEqual(['BatchGetProjects']);
  });

  it('given a project with builds, when its last build is asked, then the newest one comes back with its log link', async () => {
    const { port, sandbox } = await codebuildAgainst(healthyWorld());

    const build = await port.lastBuild('backend-build');

    expect(build).toMatchObject({
      id: 'backend-build:0b1f6c3e-0000-4000-8000-000000000001',
      projectName: 'backend-build',
      status: 'SUCCEEDED',
      currentPhase: 'COMPLETED',
      sourceVersion: 'refs/tags/v1.1.0',
      environmentType: 'LINUX_CONTAINER',
      computeType: 'BUILD_GENERAL1_SMALL',
    });
    expect(build?.startTime).toEqual(new Date('2026-11-20T09:00:00Z'));
    expect(build?.endTime).toEqual(new Date('2026-11-20T09:06:30Z'));
    expect(build?.logsUrl).toContain('group=/aws/codebuild/backend-build');
    expect(sandbox.state.callsTo('codebuild').map((c) => c.operation)).toEqual(['ListBuildsForProject', 'BatchGetBuilds']);
  });

  it('given a project with more than a page of builds, when its last build is asked, then the newest one comes back', async () => {
    const world = healthyWorld();
    world.codebuild.builds = buildsOf('backend-build', 130, { buildStatus: 'FAILED', currentPhase: 'BUILD' });
    const { port } = await codebuildAgainst(world);

    const build = await port.lastBuild('backend-build');

    expect(build?.id).toBe('backend-build:00000000-0000-4000-8000-000000000129');
    expect(build?.status).toBe('FAILED');
  });

  it('given a project without builds or no project at all, when the last build is asked, then the answer is undefined', async () => {
    const world = healthyWorld();
    world.codebuild.builds = [];
    const { port } = await codebuildAgainst(world);

    expect(await port.lastBuild('backend-build')).toBeUndefined();
    expect(await port.lastBuild('no-such-build')).toBeUndefined();
  });

  it('given only finished builds, when builds in progress are asked, then there are none', async () => {
    const { port } = await codebuildAgainst(healthyWorld());

    expect(await port.buildsInProgress()).toEqual([]);
  });

  it('given running builds among many, when builds in progress are asked, then exactly the running ones come back', async () => {
    const world = healthyWorld();
    world.codebuild.builds = [
      ...buildsOf('backend-build', 120, { buildStatus: 'IN_PROGRESS', currentPhase: 'BUILD', endTime: undefined }),
      ...buildsOf('ml-build', 3, { buildStatus: 'IN_PROGRESS', currentPhase: 'PROVISIONING', endTime: undefined }, 200),
    ];
    const { port, sandbox } = await codebuildAgainst(world);

    const running = await port.buildsInProgress();

    expect(running.map((b) => b.id).sort()).toEqual([
      'backend-build:00000000-0000-4000-8000-000000000119',
      'ml-build:00000000-0000-4000-8000-000000000002',
    ]);
    expect(running.every((b) => b.status === 'IN_PROGRESS' && b.endTime === undefined)).toBe(true);
    expect(sandbox.state.callsTo('codebuild').map((c) => c.operation)).toEqual(['ListBuilds', 'BatchGetBuilds']);
  });
});
