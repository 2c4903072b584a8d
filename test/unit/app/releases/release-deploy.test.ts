import { describe, expect, it } from 'vitest';
import {
  auditLines,
  deploy,
  NOW,
  OWN_HOLDER,
  previousImage,
  progressOfRun,
  releaseImage,
  releaseRequest,
  releaseWorld,
  runRelease,
  runUntil,
  type ReleaseWorld,
} from './release-run-fixtures.js';

const lockLines = (world: ReleaseWorld) => [...world.store.locks.values()].map((l) => `${l.service} ${l.holder}: ${l.reason}`).sort();

describe('deploy stage: services in parallel, pinned, watched', () => {
  it('given two services in one stage, when deployed, then both are patched and watched at once, each pinned to its release image', async () => {
    // given: backend does not finish rolling out until the test says so
    const world = releaseWorld();
    world.cluster.hanging.add(releaseImage('backend'));
    const running = runRelease(world, releaseRequest([deploy('backend', 'frontend')]));
    // when
    await runUntil(() => world.cluster.watches.includes('frontend stopped'));
    // then: frontend was patched and followed to its end while backend's rollout was still going
    expect(world.cluster.watches.slice(0, 2).sort()).toEqual(['backend opened', 'frontend opened']);
    expect(world.cluster.watches.slice(2)).toEqual(['frontend stopped']);
    world.cluster.finishHanging();
    expect((await running).status).toBe('succeeded');
    expect([...world.cluster.patches].sort()).toEqual([`backend ${releaseImage('backend')}`, `frontend ${releaseImage('frontend')}`]);
    const patched = auditLines(world).filter((l) => l.startsWith('release.deploy.patched')).sort();
    expect(patched).toHaveLength(2);
    expect(patched[0]!.startsWith(`release.deploy.patched 1.2.0: backend ${previousImage('backend')} → ${releaseImage('backend')}`)).toBe(true);
    expect(patched[1]!.startsWith(`release.deploy.patched 1.2.0: frontend ${previousImage('frontend')} → ${releaseImage('frontend')}`)).toBe(true);
  });

  it('given a Deployment already running its release image (a resumed stage), when deployed, then it is watched but not patched again', async () => {
    // given
    const world = releaseWorld();
    world.cluster.images.set('backend', releaseImage('backend'));
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend', 'frontend')]));
    // then
    expect(run.status).toBe('succeeded');
    expect(world.cluster.patches).toEqual([`frontend ${releaseImage('frontend')}`]);
    expect(world.cluster.watches).toContain('backend opened');
    expect(progressOfRun(run).patched.map((p) => p.service)).toEqual(['frontend']);
  });
});

describe('deploy stage: a failing service', () => {
  it('given frontend past its progress deadline while backend still rolls out, when deployed, then backend\'s watch is stopped and both are rolled back, last patched first, each watched', async () => {
    // given
    const world = releaseWorld();
    world.cluster.hanging.add(releaseImage('backend'));
    world.cluster.failing.add(releaseImage('frontend'));
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend', 'frontend')]));
    // then
    expect(run.status).toBe('failed');
    expect(world.cluster.watches.slice(0, 2).sort()).toEqual(['backend opened', 'frontend opened']);
    expect(world.cluster.watches.slice(2, 4)).toEqual(['frontend stopped', 'backend stopped']);
    // both were patched (in whichever order their calls went out); the rollback goes last patched first
    const patchedOrder = world.cluster.patches.slice(0, 2).map((p) => p.split(' ')[0]!);
    expect([...patchedOrder].sort()).toEqual(['backend', 'frontend']);
    const undone = [...patchedOrder].reverse();
    expect(world.cluster.patches.slice(2)).toEqual(undone.map((service) => `${service} ${previousImage(service)}`));
    expect(world.cluster.watches.slice(4)).toEqual(undone.flatMap((service) => [`${service} opened`, `${service} stopped`]));
    expect(progressOfRun(run)).toMatchObject({ rolledBack: undone, unrolled: [], failure: { stage: 0, told: true } });
    expect(world.sent.failure[0]).toBe(
      ':x: Release 1.2.0 to staging failed at stage 1 (deploy backend, frontend): the rollout of frontend failed: deployment "frontend" exceeded its progress deadline\ndeployment "frontend" exceeded its progress deadline',
    );
  });

  it('given services deployed by two stages, when the second fails, then the rollback goes in reverse order of patching across stages', async () => {
    // given
    const world = releaseWorld();
    world.cluster.failing.add(releaseImage('frontend'));
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend'), deploy('frontend')]));
    // then
    expect(world.cluster.patches.slice(2)).toEqual([`frontend ${previousImage('frontend')}`, `backend ${previousImage('backend')}`]);
    expect(auditLines(world).slice(-2)).toEqual([
      'release.failed 1.2.0: stage 2 deploy failed: the rollout of frontend failed: deployment "frontend" exceeded its progress deadline',
      'release.rolled-back 1.2.0: rolled back frontend, backend',
    ]);
    expect(world.sent.progress.filter((l) => l.startsWith(':leftwards_arrow_with_hook:'))).toEqual([
      `:leftwards_arrow_with_hook: Rolling back frontend to ${previousImage('frontend')}`,
      `:leftwards_arrow_with_hook: frontend is back on ${previousImage('frontend')}`,
      `:leftwards_arrow_with_hook: Rolling back backend to ${previousImage('backend')}`,
      `:leftwards_arrow_with_hook: backend is back on ${previousImage('backend')}`,
    ]);
    expect(run.status).toBe('failed');
  });

  it('given a service with no previous image, when the release fails, then it is reported as not rolled back and the others still are', async () => {
    // given: frontend's Deployment has no container of that name and the plan knew of no image
    const world = releaseWorld();
    world.cluster.images.delete('frontend');
    world.cluster.failing.add(releaseImage('frontend'));
    const request = releaseRequest([deploy('backend'), deploy('frontend')], {
      edit: (plan) => void delete plan.services.find((s) => s.service === 'frontend')!.previousImage,
    });
    // when
    const run = await runRelease(world, request);
    // then
    expect(progressOfRun(run)).toMatchObject({ rolledBack: ['backend'], unrolled: [{ service: 'frontend', why: 'there was no previous image to roll back to' }] });
    expect(world.cluster.patches.slice(2)).toEqual([`backend ${previousImage('backend')}`]);
    expect(world.sent.failure[1]).toContain(':rotating_light: frontend was NOT rolled back: there was no previous image to roll back to. Roll it back by hand.');
    expect(auditLines(world).at(-1)).toBe('release.rollback-failed 1.2.0: rolled back backend; not rolled back: frontend (there was no previous image to roll back to)');
    expect(run.status).toBe('failed');
  });

  it('given a rollback whose rollout does not complete, when the release fails, then that service is named as not rolled back', async () => {
    // given: backend's previous image no longer rolls out
    const world = releaseWorld();
    world.cluster.failing.add(releaseImage('frontend'));
    world.cluster.failing.add(previousImage('backend'));
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend'), deploy('frontend')]));
    // then
    expect(progressOfRun(run)).toMatchObject({
      rolledBack: ['frontend'],
      unrolled: [{ service: 'backend', why: 'its rollback did not complete: deployment "backend" exceeded its progress deadline' }],
    });
  });
});

describe('deploy stage: a patch refused', () => {
  it('given frontend\'s patch refused while backend rolls out, when deployed, then backend is no longer followed and the release rolls back at once', async () => {
    // given
    const world = releaseWorld();
    world.cluster.hanging.add(releaseImage('backend'));
    const patch = world.cluster.setContainerImage.bind(world.cluster);
    world.cluster.setContainerImage = async (ns, name, container, image) => {
      if (image === releaseImage('frontend')) throw new Error('deployments.apps "frontend" is forbidden');
      return patch(ns, name, container, image);
    };
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend', 'frontend')]));
    // then: it ended although backend's rollout never did, with every watch stopped
    expect(run.status).toBe('failed');
    expect(world.cluster.watches.filter((w) => w.endsWith('opened'))).toHaveLength(world.cluster.watches.filter((w) => w.endsWith('stopped')).length);
    expect(progressOfRun(run).failure?.reason).toBe('deployments.apps "frontend" is forbidden');
    expect(world.cluster.patches).toContain(`backend ${previousImage('backend')}`);
  });
});

describe('deploy stage: locks after a failure', () => {
  it('given a failed release, when it ends, then its own locks are replaced by shipmate\'s, naming the release and the stage', async () => {
    // given
    const world = releaseWorld();
    world.cluster.failing.add(releaseImage('frontend'));
    // when
    await runRelease(world, releaseRequest([deploy('backend'), deploy('frontend')]));
    // then
    expect(lockLines(world)).toEqual([
      'backend shipmate: release 1.2.0 failed at stage 2 deploy (request r3l3as)',
      'frontend shipmate: release 1.2.0 failed at stage 2 deploy (request r3l3as)',
    ]);
    expect(lockLines(world).some((l) => l.includes(OWN_HOLDER))).toBe(false);
  });

  it('given someone else\'s lock on a deployed service when the release fails, when it ends, then that lock is left as it is', async () => {
    // given: frontend's own lock was taken over by hand while the release ran (its reason and holder stay)
    const world = releaseWorld();
    world.cluster.failing.add(releaseImage('frontend'));
    world.cluster.hanging.add(releaseImage('frontend'));
    const running = runRelease(world, releaseRequest([deploy('backend'), deploy('frontend')]));
    await runUntil(() => world.cluster.watches.includes('frontend opened'));
    await world.store.releaseLock('frontend', 'staging');
    await world.store.acquireLock({ service: 'frontend', environment: 'staging', holder: 'U0CAROL', reason: 'looking at it', at: NOW });
    // when
    world.cluster.finishHanging();
    await running;
    // then
    expect(lockLines(world)).toEqual(['backend shipmate: release 1.2.0 failed at stage 2 deploy (request r3l3as)', 'frontend U0CAROL: looking at it']);
  });
});
