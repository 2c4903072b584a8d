import { afterEach, describe, expect, it } from 'vitest';
import { createCodeBuildPort } from '../../src/adapters/aws/codebuild-adapter.js';
import { createEcrPort } from '../../src/adapters/aws/ecr-adapter.js';
import type { BuildSummary, CodeBuildPort, StartBuildInput } from '../../src/ports/codebuild.port.js';
import { PortError } from '../../src/ports/port-error.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';

let sandbox: Sandbox | undefined;

/** The real adapters against a sandbox whose builds run in real time, with the default 0.2 s phases. */
async function portsAgainst(change: (world: World) => void = () => {}, maxAttempts?: number) {
  const world = loadScenario('healthy').world;
  change(world);
  sandbox = await startSandbox({ world });
  const options = { region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, ...(maxAttempts ? { maxAttempts } : {}) };
  return { codebuild: createCodeBuildPort(options), ecr: createEcrPort(options), sandbox };
}

const release = (version: string, projectName = 'backend-build'): StartBuildInput => ({
  projectName,
  sourceVersion: `refs/tags/v${version}`,
  environmentVariables: { VERSION: version },
  idempotencyToken: `build-${projectName}-${version}`,
  runId: `build-${projectName}-${version}`,
});

/** Polls getBuilds as the build tracker does, collecting every phase seen, until the build is over. */
async function followToTheEnd(codebuild: CodeBuildPort, id: string): Promise<{ last: BuildSummary; phasesSeen: string[] }> {
  const phasesSeen: string[] = [];
  for (let poll = 0; poll < 100; poll += 1) {
    const [build] = await codebuild.getBuilds([id]);
    if (!build) throw new Error(`build ${id} vanished`);
    if (build.currentPhase && phasesSeen.at(-1) !== build.currentPhase) phasesSeen.push(build.currentPhase);
    if (build.status !== 'IN_PROGRESS') return { last: build, phasesSeen };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`build ${id} did not finish`);
}

async function failureOf(promise: Promise<unknown>): Promise<PortError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PortError);
  return error as PortError;
}

const setLinuxSmallQuota = (value: number) => (world: World) => {
  world.quotas.codebuild.find((q) => q.name === 'Concurrently running builds for Linux/Small environment')!.value = value;
};

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('CodeBuild adapter: builds started in the sandbox', () => {
  it('given a release, when its build is started and followed, then it advances through the phases, succeeds and the tag lands in ECR', async () => {
    const { codebuild, ecr } = await portsAgainst();

    const started = await codebuild.startBuild(release('1.2.0'));
    const { last, phasesSeen } = await followToTheEnd(codebuild, started.id);

    expect(started).toMatchObject({ projectName: 'backend-build', status: 'IN_PROGRESS', sourceVersion: 'refs/tags/v1.2.0' });
    expect(started.logsUrl).toContain('group=/aws/codebuild/backend-build');
    expect(phasesSeen.length).toBeGreaterThanOrEqual(3);
    expect(phasesSeen.at(-1)).toBe('COMPLETED');
    expect(last).toMatchObject({ id: started.id, status: 'SUCCEEDED', currentPhase: 'COMPLETED' });
    expect(last.failedPhase).toBeUndefined();
    expect(last.endTime!.getTime()).toBeGreaterThan(last.startTime!.getTime());
    expect((await ecr.describeImage('shop/backend', '1.2.0'))?.tags).toEqual(['1.2.0']);
    expect(await ecr.imagePlatforms('shop/backend', '1.2.0')).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('given builds fail in BUILD, when one is followed, then it FAILED with failedPhase BUILD and CodeBuild’s message, and no tag lands', async () => {
    const { codebuild, ecr } = await portsAgainst((world) => {
      world.codebuild.behaviour = { failInPhase: { 'backend-build': 'BUILD' } };
    });

    const started = await codebuild.startBuild(release('1.2.0'));
    const { last } = await followToTheEnd(codebuild, started.id);

    expect(last.status).toBe('FAILED');
    expect(last.failedPhase).toBe('BUILD');
    expect(last.failureMessage).toMatch(/^COMMAND_EXECUTION_ERROR: Error while executing command: docker buildx build .*Reason: exit status 1$/);
    expect(await ecr.describeImage('shop/backend', '1.2.0')).toBeUndefined();
  });

  it('given a running build, when it is stopped, then it is STOPPED with the phase it was stopped in', async () => {
    const { codebuild } = await portsAgainst();
    const started = await codebuild.startBuild(release('1.2.0'));

    const stopped = await codebuild.stopBuild(started.id);
    const [read] = await codebuild.getBuilds([started.id]);

    expect(stopped).toMatchObject({ id: started.id, status: 'STOPPED', currentPhase: 'COMPLETED' });
    expect(stopped.failedPhase).toMatch(/^(SUBMITTED|QUEUED|PROVISIONING)$/);
    expect(read?.status).toBe('STOPPED');
  });

  it('given the same idempotency token twice, when builds are started, then the same build comes back and only one runs', async () => {
    const { codebuild, sandbox } = await portsAgainst();

    const first = await codebuild.startBuild(release('1.2.0'));
    const again = await codebuild.startBuild(release('1.2.0'));
    const running = await codebuild.buildsInProgress();

    expect(again.id).toBe(first.id);
    expect(running.map((b) => b.id)).toEqual([first.id]);
    expect(sandbox.state.world.codebuild.builds.filter((b) => b.projectName === 'backend-build')).toHaveLength(2);
  });

  it('given ids known and unknown across more than one batch, when getBuilds is asked, then known ones come back in the order asked', async () => {
    const { codebuild, sandbox } = await portsAgainst();
    const a = await codebuild.startBuild(release('1.2.0'));
    const b = await codebuild.startBuild(release('1.2.0', 'frontend-build'));
    const unknown = Array.from({ length: 150 }, (_, i) => `backend-build:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

    const builds = await codebuild.getBuilds([b.id, ...unknown, a.id]);

    expect(builds.map((x) => x.id)).toEqual([b.id, a.id]);
    expect(sandbox.state.callsTo('codebuild').filter((c) => c.operation === 'BatchGetBuilds')).toHaveLength(2);
  });

  it('given a Linux/Small quota of 0, when a build is started, then limit_exceeded quotes AccountLimitExceededException', async () => {
    const { codebuild } = await portsAgainst(setLinuxSmallQuota(0));

    const error = await failureOf(codebuild.startBuild(release('1.2.0')));

    expect(error.code).toBe('limit_exceeded');
    expect(error.message).toBe(
      'CodeBuild StartBuild: AccountLimitExceededException: Cannot have more than 0 builds in queue for the account',
    );
  });

  it('given the project’s own limit is reached, when another build of it starts, then limit_exceeded', async () => {
    const { codebuild } = await portsAgainst((world) => {
      world.codebuild.projects[0]!.concurrentBuildLimit = 1;
    });
    await codebuild.startBuild(release('1.2.0'));

    const error = await failureOf(codebuild.startBuild(release('1.3.0')));

    expect(error.code).toBe('limit_exceeded');
    expect(error.message).toContain('CodeBuild StartBuild: AccountLimitExceededException:');
    expect(error.message).toContain('backend-build');
  });

  it('given an unknown project, when a build is started, then the request is invalid and names the project', async () => {
    const { codebuild } = await portsAgainst();

    const error = await failureOf(codebuild.startBuild(release('1.2.0', 'nope-build')));

    expect(error.code).toBe('invalid');
    expect(error.message).toBe(
      'CodeBuild StartBuild: request rejected (ResourceNotFoundException: Project cannot be found: arn:aws:codebuild:eu-west-1:111122223333:project/nope-build)',
    );
  });

  it('given StartBuild is throttled, when a build is started, then the SDK retries and a throttled PortError follows', async () => {
    const { codebuild, sandbox } = await portsAgainst((world) => {
      world.faults = { throttle: ['codebuild:StartBuild'] };
    }, 2);

    const error = await failureOf(codebuild.startBuild(release('1.2.0')));

    expect(error.code).toBe('throttled');
    expect(error.message).toBe('CodeBuild StartBuild: throttled by AWS after 2 attempts (ThrottlingException: Rate exceeded)');
    expect(sandbox.state.callsTo('codebuild').map((c) => c.operation)).toEqual(['StartBuild', 'StartBuild']);
  });
});
