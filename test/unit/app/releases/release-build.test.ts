import { describe, expect, it } from 'vitest';
import { continueRelease } from '../../../../src/app/releases/run-release.js';
import {
  build,
  BUILT_DIGEST,
  deploy,
  NOW,
  progressOfRun,
  releaseImage,
  releaseRequest,
  releaseWorld,
  runRelease,
  RUN_ID,
  storedRun,
} from './release-run-fixtures.js';

const FOUR_MINUTES = 4 * 60_000;

describe('build stage: one build per service, found again after a restart', () => {
  it('given two services to build, when run, then CodeBuild starts one build each with the run id as idempotency token and run id', async () => {
    // given
    const world = releaseWorld();
    // when
    const run = await runRelease(world, releaseRequest([build('backend', 'frontend')]));
    // then
    expect(run.status).toBe('succeeded');
    expect(world.codebuild.started).toEqual(
      ['backend', 'frontend'].map((service) => ({
        projectName: `${service}-build`,
        sourceVersion: 'refs/tags/v1.2.0',
        environmentVariables: { VERSION: '1.2.0' },
        idempotencyToken: `${RUN_ID}-build-${service}`,
        runId: `${RUN_ID}-build-${service}`,
      })),
    );
    expect(progressOfRun(run).builds).toEqual([
      { service: 'backend', buildId: 'backend-build:1', startedAt: NOW.toISOString() },
      { service: 'frontend', buildId: 'frontend-build:2', startedAt: NOW.toISOString() },
    ]);
  });

  it('given a resumed stage whose build id is recorded, when continued, then no build is started and the recorded one is followed', async () => {
    // given
    const world = releaseWorld();
    const request = releaseRequest([build('backend')]);
    world.codebuild.builds.push({ id: 'backend-build:41', projectName: 'backend-build', status: 'IN_PROGRESS' });
    const run = await storedRun(world, request, { stage: 0, announced: 0, builds: [{ service: 'backend', buildId: 'backend-build:41', startedAt: NOW.toISOString() }] });
    // when
    await continueRelease(request, run, world.deps);
    // then
    expect(world.codebuild.started).toEqual([]);
    expect(world.store.runs.get(RUN_ID)!.status).toBe('succeeded');
  });

  it('given a start recorded over 4 minutes ago without a build id, when continued, then the build is looked up by its run id and not started again', async () => {
    // given: StartBuild was sent, its answer lost in a crash; CodeBuild's token no longer dedups
    const world = releaseWorld();
    const request = releaseRequest([build('backend')]);
    world.codebuild.builds.push({ id: 'backend-build:41', projectName: 'backend-build', status: 'IN_PROGRESS', runId: `${RUN_ID}-build-backend`, startTime: NOW });
    const run = await storedRun(world, request, { stage: 0, announced: 0, builds: [{ service: 'backend', startedAt: NOW.toISOString() }] });
    world.clock.ms += FOUR_MINUTES;
    // when
    await continueRelease(request, run, world.deps);
    // then
    expect(world.codebuild.listed).toEqual(['backend-build']);
    expect(world.codebuild.started).toEqual([]);
    expect(progressOfRun(world.store.runs.get(RUN_ID)!).builds).toEqual([{ service: 'backend', buildId: 'backend-build:41', startedAt: NOW.toISOString() }]);
  });

  it('given a start recorded over 4 minutes ago that CodeBuild has no build of, when continued, then it is started, once', async () => {
    const world = releaseWorld();
    const request = releaseRequest([build('backend')]);
    const run = await storedRun(world, request, { stage: 0, announced: 0, builds: [{ service: 'backend', startedAt: NOW.toISOString() }] });
    world.clock.ms += FOUR_MINUTES;
    await continueRelease(request, run, world.deps);
    expect(world.codebuild.listed).toEqual(['backend-build']);
    expect(world.codebuild.started.map((s) => s.idempotencyToken)).toEqual([`${RUN_ID}-build-backend`]);
  });

  it('given a start recorded under 4 minutes ago without a build id, when continued, then StartBuild is sent again with the same token (CodeBuild answers with the same build)', async () => {
    const world = releaseWorld();
    const request = releaseRequest([build('backend')]);
    const run = await storedRun(world, request, { stage: 0, announced: 0, builds: [{ service: 'backend', startedAt: NOW.toISOString() }] });
    world.clock.ms += FOUR_MINUTES - 1;
    await continueRelease(request, run, world.deps);
    expect(world.codebuild.listed).toEqual([]);
    expect(world.codebuild.started.map((s) => s.idempotencyToken)).toEqual([`${RUN_ID}-build-backend`]);
    expect(progressOfRun(world.store.runs.get(RUN_ID)!).builds).toEqual([{ service: 'backend', buildId: 'backend-build:1', startedAt: NOW.toISOString() }]);
  });
});

describe('build stage: outcomes', () => {
  it('given a build failing in its BUILD phase, when run, then the stage fails naming the service, the phase and CodeBuild\'s message, and nothing is deployed', async () => {
    // given
    const world = releaseWorld();
    world.codebuild.outcome['backend-build'] = { status: 'FAILED', failedPhase: 'BUILD', failureMessage: 'Error while executing command: npm test. Reason: exit status 1' };
    // when
    const run = await runRelease(world, releaseRequest([build('backend', 'frontend'), deploy('backend', 'frontend')]));
    // then
    expect(run.status).toBe('failed');
    expect(progressOfRun(run).failure).toEqual({
      stage: 0,
      reason: 'the build of backend did not succeed (backend-build failed in BUILD: Error while executing command: npm test. Reason: exit status 1)',
      told: true,
    });
    expect(world.cluster.patches).toEqual([]);
    expect(world.sent.failure[1]).toContain('\nNothing was deployed.\n');
  });

  it('given built images, when deployed, then the deploy stage pins the digest ECR holds after the build', async () => {
    // given: the build pushes 1.2.0 of backend under a new digest
    const world = releaseWorld();
    world.ecr.tags.set('shop/backend:1.2.0', BUILT_DIGEST);
    // when
    const run = await runRelease(world, releaseRequest([build('backend'), deploy('backend')]));
    // then
    expect(progressOfRun(run).images).toEqual([{ service: 'backend', digest: BUILT_DIGEST, image: releaseImage('backend', BUILT_DIGEST) }]);
    expect(world.cluster.patches).toEqual([`backend ${releaseImage('backend', BUILT_DIGEST)}`]);
    expect(world.sent.progress).toContain(`:white_check_mark: Stage 1 build: built and in ECR: backend 1.2.0@${BUILT_DIGEST.slice(0, 19)}…`);
  });

  it('given a build that succeeded but whose image is not in ECR, when run, then the stage fails saying so', async () => {
    const world = releaseWorld();
    world.ecr.tags.set('shop/backend:1.2.0', '');
    const run = await runRelease(world, releaseRequest([build('backend'), deploy('backend')]));
    expect(progressOfRun(run).failure?.reason).toBe('backend built, but shop/backend:1.2.0 is not in ECR');
    expect(world.cluster.patches).toEqual([]);
  });
});
