import { describe, expect, it } from 'vitest';
import { rich } from '../../../../src/domain/text/rich-text.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { continueRelease } from '../../../../src/app/releases/run-release.js';
import {
  auditLines,
  build,
  BUILT_DIGEST,
  deploy,
  NOW,
  OWN_HOLDER,
  progressOfRun,
  releaseImage,
  releaseRequest,
  releaseWorld,
  runRelease,
  runUntil,
  RUN_ID,
  storedRun,
} from './release-run-fixtures.js';

// The release's own audit actions (its builds also write build.* ones, as /build does).
const actions = (world: ReturnType<typeof releaseWorld>) => world.store.audit.map((a) => a.action).filter((a) => a.startsWith('release.'));
const stageStarts = (world: ReturnType<typeof releaseWorld>) => auditLines(world).filter((l) => l.startsWith('release.stage.started'));

describe('continueRelease: stages in order', () => {
  it('given build, deploy backend, deploy frontend, when run, then each stage starts after the one before ended and the release succeeds', async () => {
    // given
    const world = releaseWorld();
    // when
    const run = await runRelease(world, releaseRequest([build('backend'), deploy('backend'), deploy('frontend')]));
    // then
    expect(run.status).toBe('succeeded');
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(progressOfRun(run)).toMatchObject({ stage: 3, phase: 'done', announced: 2 });
    expect(actions(world)).toEqual([
      'release.started',
      'release.stage.started',
      'release.stage.succeeded',
      'release.stage.started',
      'release.deploy.patched',
      'release.stage.succeeded',
      'release.stage.started',
      'release.deploy.patched',
      'release.stage.succeeded',
      'release.succeeded',
    ]);
    expect(stageStarts(world)).toEqual(['release.stage.started 1.2.0: stage 1 build', 'release.stage.started 1.2.0: stage 2 deploy', 'release.stage.started 1.2.0: stage 3 deploy']);
    expect(world.cluster.patches.map((p) => p.split(' ')[0])).toEqual(['backend', 'frontend']);
    expect(world.sent.progress.filter((l) => l.startsWith(':arrow_forward:'))).toEqual([':arrow_forward: Stage 1: build backend', ':arrow_forward: Stage 2: deploy backend', ':arrow_forward: Stage 3: deploy frontend']);
    expect(world.sent.progress.at(-1)).toMatch(/^:tada: Release 1\.2\.0 to staging is done: every stage passed in \d+ s\.$/);
    expect(world.sent.failure).toEqual([]);
  });

  it('given a run stored at stage 2, already announced, when continued, then stage 2 runs without a second announcement, stage 3 is announced once, stage 1 is not run again', async () => {
    // given: the build ended and the deploy of backend was announced before a restart
    const world = releaseWorld();
    const request = releaseRequest([build('backend'), deploy('backend'), deploy('frontend')]);
    const run = await storedRun(world, request, {
      stage: 1,
      announced: 1,
      builds: [{ service: 'backend', buildId: 'backend-build:7', startedAt: NOW.toISOString() }],
      images: [{ service: 'backend', digest: BUILT_DIGEST, image: releaseImage('backend', BUILT_DIGEST) }],
    });
    // when
    await continueRelease(request, run, world.deps);
    // then
    expect(world.store.runs.get(RUN_ID)!.status).toBe('succeeded');
    expect(world.codebuild.started).toEqual([]);
    expect(stageStarts(world)).toEqual(['release.stage.started 1.2.0: stage 3 deploy']);
    expect(world.sent.progress.filter((l) => /^:(arrow_forward|rocket):/.test(l))).toEqual([':arrow_forward: Stage 3: deploy frontend']);
    expect(world.cluster.patches).toEqual([`backend ${releaseImage('backend', BUILT_DIGEST)}`, `frontend ${releaseImage('frontend')}`]);
    expect(actions(world).filter((a) => a === 'release.started')).toEqual([]);
  });

  it('given --from 2, when run, then stage 1 is skipped, the start says so and the card shows it skipped', async () => {
    // given
    const world = releaseWorld();
    const request = releaseRequest([build('backend'), deploy('backend')], { from: 1 });
    // when
    const run = await runRelease(world, request);
    // then
    expect(run.status).toBe('succeeded');
    expect(world.codebuild.started).toEqual([]);
    expect(world.sent.progress[0]).toBe(':rocket: Release 1.2.0 to staging started: 1 stages, from stage 2 deploy (1 skipped)');
    expect(auditLines(world)[0]).toBe('release.started 1.2.0: deploy backend');
    expect(stageStarts(world)).toEqual(['release.stage.started 1.2.0: stage 2 deploy']);
    expect(world.sent.status.at(-1)).toContain(':heavy_minus_sign: 1. build backend (skipped)\n:white_check_mark: 2. deploy backend');
    expect(world.sent.progress.at(-1)).toMatch(/^:tada: /);
  });
});

describe('continueRelease: the start', () => {
  it('given the release approved longer ago than startWithinMs, when followed, then it is not started and nothing is patched or locked', async () => {
    // given
    const world = releaseWorld();
    world.deps.startWithinMs = 60_000;
    world.clock.ms += 60_001;
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend')]));
    // then
    expect(run.status).toBe('not-started');
    expect(world.cluster.patches).toEqual([]);
    expect(world.store.locks.size).toBe(0);
    expect(world.sent.failure).toEqual([expect.stringMatching(/^:no_entry: Not started: it was approved at 2026-11-22T10:00:00\.000Z and not started in time/)]);
    expect(actions(world)).toEqual(['release.not-started']);
  });

  it('given a start cut short by a crash after taking its locks, when followed again too late, then it is not started and its own locks are released', async () => {
    // given: the run is still `starting`; the crashed replica had locked backend for it
    const world = releaseWorld();
    await world.store.acquireLock({ service: 'backend', environment: 'staging', holder: OWN_HOLDER, reason: 'releasing 1.2.0 (request r3l3as)', at: NOW });
    world.deps.startWithinMs = 60_000;
    world.clock.ms += 60_001;
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend')]));
    // then
    expect(run.status).toBe('not-started');
    expect(world.store.locks.size).toBe(0);
  });

  it('given a start cut short by a crash after taking its locks, when the tag moved meanwhile, then it is not started and its own locks are released', async () => {
    const world = releaseWorld();
    await world.store.acquireLock({ service: 'backend', environment: 'staging', holder: OWN_HOLDER, reason: 'releasing 1.2.0 (request r3l3as)', at: NOW });
    world.ecr.tags.set('shop/backend:1.2.0', 'sha256:moved');
    const run = await runRelease(world, releaseRequest([deploy('backend')]));
    expect(run.status).toBe('not-started');
    expect(world.store.locks.size).toBe(0);
  });

  it('given a gate refusing at start, when followed, then it is not started, its line quoted, and ECR is not asked', async () => {
    // given
    const world = releaseWorld();
    world.deps.gateAtStart = async () => rich`staging is frozen (release party) since this was asked`;
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend')]));
    // then
    expect(run.status).toBe('not-started');
    expect(world.sent.failure).toEqual([':no_entry: Not started: staging is frozen (release party) since this was asked']);
    expect(world.ecr.looked).toEqual([]);
    expect(world.cluster.patches).toEqual([]);
    expect(world.store.locks.size).toBe(0);
  });

  it('given a tag that moved since approval, when followed, then it is not started, both digests named, nothing patched or locked', async () => {
    // given
    const world = releaseWorld();
    world.ecr.tags.set('shop/frontend:1.2.0', 'sha256:moved');
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend'), deploy('frontend')]));
    // then
    expect(run.status).toBe('not-started');
    expect(world.sent.failure[0]).toMatch(/^:no_entry: Not started: the tag shop\/frontend:1\.2\.0 moved since approval \(approved sha256:faaa\w+; it is now sha256:moved\): nothing was changed, ask again$/);
    expect(world.cluster.patches).toEqual([]);
    expect(world.store.locks.size).toBe(0);
  });

  it('given a tag that is gone, when followed, then it is not started and says the tag is gone', async () => {
    const world = releaseWorld();
    world.ecr.tags.set('shop/backend:1.2.0', '');
    const run = await runRelease(world, releaseRequest([deploy('backend')]));
    expect(run.status).toBe('not-started');
    expect(world.sent.failure[0]).toContain('the tag is gone');
  });

  it('given ECR failing at start, when followed, then it is not started, nothing locked, and the thread says why', async () => {
    // given
    const world = releaseWorld();
    world.ecr.failWith = new PortError('unreachable', 'ECR DescribeImages: connect ECONNREFUSED');
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend')]));
    // then
    expect(run.status).toBe('not-started');
    expect(world.sent.failure).toEqual([':no_entry: Not started: it could not start: ECR DescribeImages: connect ECONNREFUSED; nothing was changed, ask again']);
    expect(world.store.locks.size).toBe(0);
    expect(world.cluster.patches).toEqual([]);
  });

  it('given a built service, when started, then its tag is not checked (the build makes it) but the deployed ones are', async () => {
    const world = releaseWorld();
    await runRelease(world, releaseRequest([build('backend'), deploy('backend', 'frontend')]));
    expect(world.ecr.looked.slice(0, 1)).toEqual(['shop/frontend:1.2.0']);
  });

  it('given a lock by someone else on the second service, when started, then it is not started and the lock it took on the first is released', async () => {
    // given
    const world = releaseWorld();
    await world.store.acquireLock({ service: 'frontend', environment: 'staging', holder: 'U0CAROL', reason: 'debugging the cart', at: NOW });
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend'), deploy('frontend')]));
    // then
    expect(run.status).toBe('not-started');
    expect(world.sent.failure).toEqual([':no_entry: Not started: frontend in staging is locked by U0CAROL: debugging the cart']);
    expect([...world.store.locks.values()].map((l) => `${l.service} ${l.holder}`)).toEqual(['frontend U0CAROL']);
    expect(world.cluster.patches).toEqual([]);
  });

  it('given a release under way, when its stages run, then every deployed service is locked by `release <id>`; when it succeeds, the locks are gone', async () => {
    // given: backend does not finish rolling out until the test says so
    const world = releaseWorld();
    world.cluster.hanging.add(releaseImage('backend'));
    const running = runRelease(world, releaseRequest([deploy('backend', 'frontend')]));
    await runUntil(() => world.cluster.watches.includes('backend opened'));
    // then
    expect([...world.store.locks.values()].map((l) => `${l.service} ${l.holder}: ${l.reason}`)).toEqual([
      `backend ${OWN_HOLDER}: releasing 1.2.0 (request r3l3as)`,
      `frontend ${OWN_HOLDER}: releasing 1.2.0 (request r3l3as)`,
    ]);
    // when
    world.cluster.finishHanging();
    const run = await running;
    // then
    expect(run.status).toBe('succeeded');
    expect(world.store.locks.size).toBe(0);
  });
});

