import { describe, expect, it } from 'vitest';
import { continueRelease } from '../../../../src/app/releases/run-release.js';
import { StorePortError } from '../../../../src/ports/port-error.js';
import {
  build,
  deploy,
  migrate,
  NOW,
  OWN_HOLDER,
  previousImage,
  progressOfRun,
  releaseImage,
  releaseRequest,
  releaseWorld,
  runRelease,
  runUntil,
  RUN_ID,
  snapshot,
  storedRun,
  type ReleaseWorld,
} from './release-run-fixtures.js';

const SNAPSHOT = { identifier: 'shipmate-staging-1-2-0-r3l3as', kind: 'instance' as const, database: 'shop-staging-db', available: true };
const MIGRATION = { jobName: 'shipmate-migrate-r3l3as', service: 'backend', command: ['alembic', 'upgrade', 'head'] };
const RUNBOOK = [snapshot, migrate, deploy('backend'), deploy('frontend')];

/** The runbook stored at its last stage: snapshot taken, migration run, backend patched and locked by the release. */
async function atLastStage(world: ReleaseWorld) {
  const request = releaseRequest(RUNBOOK);
  world.cluster.images.set('backend', releaseImage('backend'));
  for (const service of ['backend', 'frontend']) await world.store.acquireLock({ service, environment: 'staging', holder: OWN_HOLDER, reason: 'releasing', at: NOW });
  const run = await storedRun(world, request, {
    stage: 3,
    announced: 3,
    snapshot: SNAPSHOT,
    migration: { ...MIGRATION, succeeded: true },
    patched: [{ service: 'backend', image: releaseImage('backend'), previousImage: previousImage('backend') }],
  });
  return { request, run };
}

describe('the failure\'s story', () => {
  it('given a failure after the migration, when told, then it names the rollback order, the locks, the migration that stays, the snapshot and --from at the first undone deploy stage', async () => {
    // given
    const world = releaseWorld();
    world.cluster.failing.add(releaseImage('frontend'));
    const { request, run } = await atLastStage(world);
    // when
    await continueRelease(request, run, world.deps);
    // then
    expect(world.sent.failure[1]).toBe(
      [
        ':x: Release 1.2.0 to staging stopped at stage 4 deploy: the rollout of frontend failed: deployment "frontend" exceeded its progress deadline',
        ':leftwards_arrow_with_hook: Rolled back, in this order: frontend, backend.',
        ':lock: Locked in staging: backend, frontend, until someone runs /shipmate unlock <service> staging for each.',
        ':warning: Cannot be undone: the migration alembic upgrade head of backend (Job shipmate-migrate-r3l3as) ran; the rolled-back services run against the migrated schema.',
        ':floppy_disk: To restore the database: the snapshot shipmate-staging-1-2-0-r3l3as of shop-staging-db.',
        ':repeat: After a fix: /release 1.2.0 staging --from 3 (it asks for approval again).',
      ].join('\n'),
    );
    expect(world.store.runs.get(RUN_ID)).toMatchObject({ status: 'failed' });
  });

  it('given a migration that failed (nothing deployed), when told, then it may have changed the database, nothing was deployed, and --from names the failed stage', async () => {
    // given: the failure was recorded before a restart, the rollback and the telling were not done
    const world = releaseWorld();
    const request = releaseRequest(RUNBOOK);
    const run = await storedRun(world, request, {
      stage: 1,
      announced: 1,
      phase: 'rolling-back',
      snapshot: SNAPSHOT,
      migration: MIGRATION,
      failure: { stage: 1, reason: 'the migration Job shipmate-migrate-r3l3as failed (BackoffLimitExceeded)' },
    });
    // when
    await continueRelease(request, run, world.deps);
    // then
    const story = world.sent.failure[0]!.split('\n');
    expect(story[0]).toBe(':x: Release 1.2.0 to staging stopped at stage 2 migrate: the migration Job shipmate-migrate-r3l3as failed (BackoffLimitExceeded)');
    expect(story).toContain('Nothing was deployed.');
    expect(story).toContain(
      ':warning: Cannot be undone: the migration alembic upgrade head of backend (Job shipmate-migrate-r3l3as) was started and may have changed the database; the rolled-back services run against the migrated schema.',
    );
    expect(story).toContain(':floppy_disk: To restore the database: the snapshot shipmate-staging-1-2-0-r3l3as of shop-staging-db.');
    expect(story.at(-1)).toBe(':repeat: After a fix: /release 1.2.0 staging --from 2 (it asks for approval again).');
    expect(world.cluster.patches).toEqual([]);
    expect(world.store.audit.map((a) => a.action)).toEqual(['release.failed']);
  });

  it('given a snapshot that never became available, when told, then no restore is advised: no migration ran, the database is as it was', async () => {
    // given
    const world = releaseWorld();
    const request = releaseRequest(RUNBOOK);
    const run = await storedRun(world, request, { phase: 'rolling-back', snapshot: { ...SNAPSHOT, available: false }, failure: { stage: 0, reason: 'the snapshot failed: its status is failed' } });
    // when
    await continueRelease(request, run, world.deps);
    // then
    const story = world.sent.failure[0]!.split('\n');
    expect(story).toContain(':floppy_disk: The snapshot shipmate-staging-1-2-0-r3l3as of shop-staging-db did not become available; no migration ran, so the database is as it was.');
    expect(story.some((line) => /Cannot be undone|To restore/.test(line))).toBe(false);
    expect(story.at(-1)).toBe(':repeat: After a fix: /release 1.2.0 staging --from 1 (it asks for approval again).');
  });

  it('given a failure already told before a restart, when continued, then it is not told again but the release still ends failed and locked', async () => {
    // given
    const world = releaseWorld();
    const request = releaseRequest([deploy('backend')]);
    const run = await storedRun(world, request, { stage: 0, announced: 0, phase: 'rolling-back', failure: { stage: 0, reason: 'x', told: true } });
    // when
    await continueRelease(request, run, world.deps);
    // then
    expect(world.sent.failure).toEqual([]);
    expect(world.store.audit).toEqual([]);
    expect(world.store.runs.get(RUN_ID)!.status).toBe('failed');
    expect(world.store.locks.get('backend/staging')?.holder).toBe('shipmate');
  });

  it('given --from 2 and a failure at stage 3, when told, then --from names stage 2 (backend was rolled back), not a stage before --from', async () => {
    const world = releaseWorld();
    world.cluster.failing.add(releaseImage('frontend'));
    await runRelease(world, releaseRequest([build('backend'), deploy('backend'), deploy('frontend')], { from: 1 }));
    expect(world.sent.failure[1]!.split('\n').at(-1)).toBe(':repeat: After a fix: /release 1.2.0 staging --from 2 (it asks for approval again).');
  });

  it('given a failing first deploy stage, when told, then --from names that stage', async () => {
    const world = releaseWorld();
    world.cluster.failing.add(releaseImage('backend'));
    await runRelease(world, releaseRequest([build('backend'), deploy('backend'), deploy('frontend')]));
    expect(world.sent.failure[1]!.split('\n').at(-1)).toBe(':repeat: After a fix: /release 1.2.0 staging --from 2 (it asks for approval again).');
  });
});

describe('a release handed over', () => {
  it('given the store unreachable mid-stage, when followed, then the error is rethrown and the run stays as stored for the next follower: no rollback, no failure', async () => {
    // given: the store goes away right after backend is patched
    const world = releaseWorld();
    const patch = world.cluster.setContainerImage.bind(world.cluster);
    world.cluster.setContainerImage = async (...args) => {
      world.store.updateRun = () => Promise.reject(new StorePortError('unreachable', 'store: connect ECONNREFUSED'));
      return patch(...args);
    };
    // when
    const followed = runRelease(world, releaseRequest([deploy('backend')]));
    // then
    await expect(followed).rejects.toThrow('store: connect ECONNREFUSED');
    const run = world.store.runs.get(RUN_ID)!;
    expect(run.status).toBe('running');
    expect(progressOfRun(run)).toMatchObject({ phase: 'running', stage: 0 });
    expect(progressOfRun(run).failure).toBeUndefined();
    expect(world.cluster.patches).toEqual([`backend ${releaseImage('backend')}`]);
    expect(world.sent.failure).toEqual([]);
    expect(world.store.locks.get('backend/staging')?.holder).toBe(OWN_HOLDER);
    expect(world.logged).toContain('release r3l3as: the store did not answer; the next follower continues it');
  });

  it('given the release\'s signal aborted while a rollout is followed, when it ends, then it returns quietly and writes nothing more', async () => {
    // given
    const world = releaseWorld();
    const handOver = new AbortController();
    world.deps.signal = handOver.signal;
    world.cluster.hanging.add(releaseImage('backend'));
    const followed = runRelease(world, releaseRequest([deploy('backend'), deploy('frontend')]));
    await runUntil(() => world.cluster.watches.includes('backend opened'));
    const before = { version: world.store.runs.get(RUN_ID)!.version, audit: world.store.audit.length, failures: world.sent.failure.length };
    // when
    handOver.abort(new Error('another replica leads now'));
    const run = await followed;
    // then
    expect(run.version).toBe(before.version);
    expect(world.store.audit).toHaveLength(before.audit);
    expect(world.sent.failure).toHaveLength(before.failures);
    expect(world.cluster.patches).toEqual([`backend ${releaseImage('backend')}`]);
    expect(world.cluster.watches).toEqual(['backend opened', 'backend stopped']);
    expect(world.store.locks.get('backend/staging')?.holder).toBe(OWN_HOLDER);
  });

  it('given the signal aborted while a rollback is followed, when it ends, then the service is not recorded as not rolled back: the next follower finishes the rollback', async () => {
    // given: frontend fails, and its rollback is still rolling out when this process hands over
    const world = releaseWorld();
    const handOver = new AbortController();
    world.deps.signal = handOver.signal;
    world.cluster.failing.add(releaseImage('frontend'));
    world.cluster.hanging.add(previousImage('frontend'));
    const followed = runRelease(world, releaseRequest([deploy('backend'), deploy('frontend')]));
    await runUntil(() => world.cluster.watches.filter((w) => w === 'frontend opened').length === 2);
    // when
    handOver.abort(new Error('another replica leads now'));
    const run = await followed;
    // then
    expect(progressOfRun(run)).toMatchObject({ phase: 'rolling-back', rolledBack: [], unrolled: [] });
    expect(run.status).toBe('running');
    expect(world.sent.failure).toHaveLength(1);
    expect(world.store.audit.map((a) => a.action)).not.toContain('release.rollback-failed');
  });
});
