import {
  BatchGetBuildsCommand,
  CodeBuildClient,
  ListBuildsForProjectCommand,
  StartBuildCommand,
  StopBuildCommand,
  type Build,
  type StartBuildCommandInput,
} from '@aws-sdk/client-codebuild';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { afterEach, describe, expect, it } from 'vitest';
import { useSandboxClock } from '../../../src/sandbox/aws/codebuild-runs.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../../src/sandbox/scenarios.js';
import type { World } from '../../../src/sandbox/world.js';

const START = Date.parse('2026-12-01T10:00:00Z');
/** The default phase length: 0.2 s. */
const PHASE = 200;
/** SUBMITTED → FINALIZING: ten phases of 0.2 s each, then COMPLETED. */
const WHOLE_BUILD = 10 * PHASE;

let sandbox: Sandbox | undefined;
let clients: { codebuild: CodeBuildClient; ecr: ECRClient } | undefined;

/** A sandbox whose builds run on a clock the test moves. */
async function sandboxWith(change: (world: World) => void = () => {}) {
  const world = loadScenario('healthy').world;
  change(world);
  sandbox = await startSandbox({ world });
  let now = START;
  useSandboxClock(sandbox.state, { now: () => new Date(now), sleep: async () => {} });
  const config = { region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 };
  clients = { codebuild: new CodeBuildClient(config), ecr: new ECRClient(config) };
  const { codebuild, ecr } = clients;
  return {
    codebuild,
    ecr,
    state: sandbox.state,
    advance: (ms: number) => {
      now += ms;
    },
    start: async (input: Partial<StartBuildCommandInput> = {}) =>
      (await codebuild.send(new StartBuildCommand({ projectName: 'backend-build', ...input }))).build!,
    get: async (id: string) => (await codebuild.send(new BatchGetBuildsCommand({ ids: [id] }))).builds![0]!,
  };
}

const release = { sourceVersion: 'refs/tags/v1.2.0', environmentVariablesOverride: [{ name: 'VERSION', value: '1.2.0', type: 'PLAINTEXT' as const }] };

async function failure(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: Error) => e,
  );
}

const phaseTypes = (build: Build) => (build.phases ?? []).map((p) => p.phaseType);

afterEach(async () => {
  clients?.codebuild.destroy();
  clients?.ecr.destroy();
  await sandbox?.close();
  sandbox = undefined;
});

describe('StartBuild in the sandbox', () => {
  it('given a project, when a build is started, then the answer is the whole Build, just SUBMITTED, with the overrides', async () => {
    const { start } = await sandboxWith();

    const build = await start(release);

    expect(build.id).toMatch(/^backend-build:[0-9a-f-]{36}$/);
    expect(build.arn).toBe(`arn:aws:codebuild:eu-west-1:111122223333:build/${build.id}`);
    expect(build).toMatchObject({ buildStatus: 'IN_PROGRESS', currentPhase: 'SUBMITTED', buildComplete: false, buildNumber: 2 });
    expect(build.sourceVersion).toBe('refs/tags/v1.2.0');
    expect(build.startTime).toEqual(new Date(START));
    expect(build.environment?.environmentVariables).toEqual([{ name: 'VERSION', value: '1.2.0', type: 'PLAINTEXT' }]);
    expect(build.logs?.deepLink).toContain(`group=/aws/codebuild/backend-build;stream=${build.id!.split(':')[1]}`);
    expect(phaseTypes(build)).toEqual(['SUBMITTED']);
  });

  it('given time passes, when the build is read, then it has moved through the phases by elapsed time', async () => {
    const { start, get, advance } = await sandboxWith();
    const { id } = await start(release);

    advance(6 * PHASE + 10);
    const building = await get(id!);

    expect(building).toMatchObject({ buildStatus: 'IN_PROGRESS', currentPhase: 'BUILD' });
    expect(phaseTypes(building)).toEqual(['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD']);
    expect(building.phases?.[5]).toMatchObject({ phaseStatus: 'SUCCEEDED', durationInSeconds: 0, contexts: [{ statusCode: '', message: '' }] });
    expect(building.phases?.[6]?.phaseStatus).toBeUndefined();
    expect(building.resolvedSourceVersion).toMatch(/^[0-9a-f]{40}$/);

    advance(WHOLE_BUILD);
    const done = await get(id!);

    expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', currentPhase: 'COMPLETED', buildComplete: true });
    expect(done.endTime).toEqual(new Date(START + WHOLE_BUILD));
    expect(phaseTypes(done).at(-1)).toBe('COMPLETED');
  });

  it('given an unknown project, when a build is started, then ResourceNotFoundException names its ARN', async () => {
    const { start } = await sandboxWith();

    const error = await failure(start({ projectName: 'nope-build' }));

    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Project cannot be found: arn:aws:codebuild:eu-west-1:111122223333:project/nope-build');
  });

  it('given an override without a value, when a build is started, then InvalidInputException', async () => {
    const { start } = await sandboxWith();

    const error = await failure(start({ environmentVariablesOverride: [{ name: 'VERSION' } as never] }));

    expect(error.name).toBe('InvalidInputException');
    expect(error.message).toContain("'value'");
  });

  it('given a token used within five minutes, when the start is repeated, then the same build comes back and no other starts', async () => {
    const { start, advance, codebuild } = await sandboxWith();
    const first = await start({ ...release, idempotencyToken: 'tok-1' });

    advance(60_000);
    const again = await start({ ...release, idempotencyToken: 'tok-1' });
    const listed = await codebuild.send(new ListBuildsForProjectCommand({ projectName: 'backend-build' }));

    expect(again.id).toBe(first.id);
    expect(listed.ids).toHaveLength(2);
    expect(listed.ids?.[0]).toBe(first.id);
  });

  it('given a token reused with other parameters, when started, then InvalidInputException; after five minutes it starts anew', async () => {
    const { start, advance } = await sandboxWith();
    const first = await start({ ...release, idempotencyToken: 'tok-2' });

    const mismatch = await failure(start({ sourceVersion: 'refs/tags/v9.9.9', idempotencyToken: 'tok-2' }));
    advance(5 * 60_000);
    const later = await start({ ...release, idempotencyToken: 'tok-2' });

    expect(mismatch.name).toBe('InvalidInputException');
    expect(later.id).not.toBe(first.id);
  });
});

describe('concurrency limits of sandbox builds', () => {
  const setQuota = (value: number) => (world: World) => {
    world.quotas.codebuild.find((q) => q.name === 'Concurrently running builds for Linux/Small environment')!.value = value;
  };

  it('given a Linux/Small quota of 0, when a build is started, then AccountLimitExceededException says the queue holds 0', async () => {
    const { start } = await sandboxWith(setQuota(0));

    const error = await failure(start(release));

    expect(error.name).toBe('AccountLimitExceededException');
    expect(error.message).toBe('Cannot have more than 0 builds in queue for the account');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('given a quota of 1 in use, when another build starts, then it waits in QUEUED and runs once the first completes', async () => {
    const { start, get, advance } = await sandboxWith(setQuota(1));
    const first = await start(release);
    const second = await start({ projectName: 'frontend-build' });

    advance(WHOLE_BUILD - 1);
    expect((await get(second.id!)).currentPhase).toBe('QUEUED');

    advance(1 + PHASE / 2);
    expect((await get(first.id!)).buildStatus).toBe('SUCCEEDED');
    expect((await get(second.id!)).currentPhase).toBe('PROVISIONING');

    advance(WHOLE_BUILD);
    expect((await get(second.id!)).buildStatus).toBe('SUCCEEDED');
  });

  it('given a quota of 1 held by a build the world records as running, when a build starts, then it waits in QUEUED', async () => {
    const { start, get, advance } = await sandboxWith((world) => {
      setQuota(1)(world);
      Object.assign(world.codebuild.builds[2]!, { buildStatus: 'IN_PROGRESS', currentPhase: 'BUILD', endTime: undefined });
    });
    const { id } = await start(release);

    advance(60 * 60_000);

    expect((await get(id!)).currentPhase).toBe('QUEUED');
  });

  it('given a quota of 1, when the running build and five queued ones fill the queue, then the next start is refused', async () => {
    const { start } = await sandboxWith(setQuota(1));
    for (let i = 0; i < 6; i += 1) await start({ projectName: i % 2 === 0 ? 'backend-build' : 'ml-build' });

    const error = await failure(start({ projectName: 'frontend-build' }));

    expect(error.name).toBe('AccountLimitExceededException');
    expect(error.message).toBe('Cannot have more than 5 builds in queue for the account');
  });

  it('given a project limit of 1 with a build running, when another build of it starts, then it is refused; another project is not', async () => {
    const { start, advance } = await sandboxWith((world) => {
      world.codebuild.projects[0]!.concurrentBuildLimit = 1;
    });
    await start(release);

    const error = await failure(start(release));
    const other = await start({ projectName: 'frontend-build' });
    advance(WHOLE_BUILD);
    const afterwards = await start(release);

    expect(error.name).toBe('AccountLimitExceededException');
    expect(error.message).toBe('Cannot have more than 1 concurrent builds for the project backend-build');
    expect(other.buildStatus).toBe('IN_PROGRESS');
    expect(afterwards.buildStatus).toBe('IN_PROGRESS');
  });

  it('given throttling of StartBuild, when a build is started, then ThrottlingException and nothing starts', async () => {
    const { start, state } = await sandboxWith((world) => {
      world.faults = { throttle: ['codebuild:StartBuild'] };
    });

    const error = await failure(start(release));

    expect(error.name).toBe('ThrottlingException');
    expect(state.world.codebuild.builds).toHaveLength(3);
    expect(state.callsTo('codebuild').map((c) => c.operation)).toEqual(['StartBuild']);
  });

  it('given StartBuild is denied, when a build is started, then AccessDeniedException names the project', async () => {
    const { start } = await sandboxWith((world) => {
      world.faults = { deny: ['codebuild:StartBuild'] };
    });

    const error = await failure(start(release));

    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain('codebuild:StartBuild on resource: arn:aws:codebuild:eu-west-1:111122223333:project/backend-build');
  });
});

describe('how sandbox builds end', () => {
  it('given failInPhase BUILD, when the build ends, then BUILD FAILED quoting the buildspec command and the build FAILED', async () => {
    const { start, get, advance } = await sandboxWith((world) => {
      world.codebuild.behaviour = { failInPhase: { 'backend-build': 'BUILD' } };
    });
    const { id } = await start(release);

    advance(WHOLE_BUILD);
    const build = await get(id!);

    expect(build.buildStatus).toBe('FAILED');
    const failed = build.phases?.find((p) => p.phaseStatus === 'FAILED');
    expect(failed?.phaseType).toBe('BUILD');
    expect(failed?.contexts).toEqual([
      {
        statusCode: 'COMMAND_EXECUTION_ERROR',
        message:
          'Error while executing command: docker buildx build --platform linux/amd64,linux/arm64 -t $IMAGE_REPO:$VERSION --push .. Reason: exit status 1',
      },
    ]);
    expect(phaseTypes(build).slice(7)).toEqual(['POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING', 'COMPLETED']);
  });

  it('given a running build, when it is stopped, then it is STOPPED in the phase it was in; stopping again changes nothing', async () => {
    const { start, advance, codebuild } = await sandboxWith();
    const { id } = await start(release);

    advance(3 * PHASE + 10);
    const stopped = (await codebuild.send(new StopBuildCommand({ id }))).build!;
    advance(PHASE);
    const again = (await codebuild.send(new StopBuildCommand({ id }))).build!;

    expect(stopped).toMatchObject({ buildStatus: 'STOPPED', currentPhase: 'COMPLETED', buildComplete: true });
    expect(stopped.phases?.at(-2)).toMatchObject({ phaseType: 'DOWNLOAD_SOURCE', phaseStatus: 'STOPPED' });
    expect(again.endTime).toEqual(stopped.endTime);
  });

  it('given a build the world records as running, when it is stopped, then it is STOPPED and COMPLETED', async () => {
    const { codebuild } = await sandboxWith((world) => {
      Object.assign(world.codebuild.builds[0]!, { buildStatus: 'IN_PROGRESS', currentPhase: 'BUILD', endTime: undefined });
    });

    const stopped = (await codebuild.send(new StopBuildCommand({ id: 'backend-build:0b1f6c3e-0000-4000-8000-000000000001' }))).build!;

    expect(stopped).toMatchObject({ buildStatus: 'STOPPED', currentPhase: 'COMPLETED', buildComplete: true });
    expect(stopped.endTime).toEqual(new Date(START));
  });

  it('given an unknown build id, when it is stopped, then ResourceNotFoundException', async () => {
    const { codebuild } = await sandboxWith();

    const error = await failure(codebuild.send(new StopBuildCommand({ id: 'backend-build:no-such-build' })));

    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('given a successful build, when ECR is asked without looking at the build, then the version’s index is there once', async () => {
    const { start, advance, ecr } = await sandboxWith((world) => {
      world.codebuild.behaviour = { pushPlatforms: { 'backend-build': ['linux/arm64'] } };
    });
    await start(release);

    const before = await failure(ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/backend', imageIds: [{ imageTag: '1.2.0' }] })));
    advance(WHOLE_BUILD);
    const after = await ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/backend', imageIds: [{ imageTag: '1.2.0' }] }));
    const tagged = await ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/backend', filter: { tagStatus: 'TAGGED' } }));

    expect(before.name).toBe('ImageNotFoundException');
    expect(after.imageDetails?.[0]).toMatchObject({ imageTags: ['1.2.0'], imageManifestMediaType: 'application/vnd.oci.image.index.v1+json' });
    expect(after.imageDetails?.[0]?.imagePushedAt).toEqual(new Date(START + 7 * PHASE));
    expect(tagged.imageDetails?.filter((d) => d.imageTags?.includes('1.2.0'))).toHaveLength(1);
  });

  it('given a version built again, when ECR is asked, then the tag names the new image and the old one keeps its digest', async () => {
    const { start, advance, ecr } = await sandboxWith();
    const describe = () => ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/backend' }));
    const oldDigest = (await describe()).imageDetails?.find((d) => d.imageTags?.includes('1.1.0'))?.imageDigest;

    await start({ ...release, environmentVariablesOverride: [{ name: 'VERSION', value: '1.1.0' }] });
    advance(WHOLE_BUILD);
    const images = (await describe()).imageDetails ?? [];

    const holders = images.filter((d) => d.imageTags?.includes('1.1.0'));
    expect(holders).toHaveLength(1);
    expect(holders[0]?.imageDigest).not.toBe(oldDigest);
    expect(images.some((d) => d.imageDigest === oldDigest && d.imageTags === undefined)).toBe(true);
  });
});
