import { describe, expect, it } from 'vitest';
import { continueRelease } from '../../../../src/app/releases/run-release.js';
import type { ReleaseStage } from '../../../../src/config/release-schema.js';
import { SnapshotExistsError, type DatabaseRef, type DatabaseSnapshot, type DatabaseSnapshotsPort } from '../../../../src/ports/database-snapshots.port.js';
import type { HttpRequest, HttpResponse } from '../../../../src/ports/http-client.port.js';
import { deploy, progressOfRun, releaseRequest, releaseWorld, runRelease, RUN_ID, snapshot, storedRun, type ReleaseWorld } from './release-run-fixtures.js';

const IDENTIFIER = 'shipmate-staging-1-2-0-r3l3as';

/** RDS with shop-staging-db available; a snapshot is `available` when first looked at after its create, unless `ends` says otherwise. */
function rds(world: ReleaseWorld, ends: string = 'available') {
  const snapshots = new Map<string, DatabaseSnapshot>();
  const created: string[] = [];
  const port: DatabaseSnapshotsPort = {
    databaseStatus: async () => 'available',
    createSnapshot: async (database: DatabaseRef, identifier: string) => {
      if (snapshots.has(identifier)) throw new SnapshotExistsError(`DBSnapshotAlreadyExists: ${identifier}`);
      created.push(identifier);
      const taken: DatabaseSnapshot = { identifier, database, status: 'creating', progressPercent: 0 };
      snapshots.set(identifier, { ...taken, status: ends, progressPercent: 100 });
      return taken;
    },
    getSnapshot: async (_database: DatabaseRef, identifier: string) => snapshots.get(identifier),
  };
  const ports = world.deps.portsFor('staging');
  world.deps.portsFor = () => ({ ...ports, snapshots: port });
  return { snapshots, created };
}

/** Smoke tests answered from `status` by path (200 and the JSON each expects unless told otherwise); every URL asked is recorded. */
function smokeServer(world: ReleaseWorld, status: Record<string, number> = {}) {
  const asked: string[] = [];
  const bodies: Record<string, object> = {
    login: { token: 't0k', user: { name: 'smoke' } },
    me: { user: { roles: ['tester'] } },
    backend: { status: 'ok' },
    catalog: { count: 2, items: [{ id: 1 }, { id: 2 }] },
  };
  world.deps.http = {
    request: async (input: HttpRequest): Promise<HttpResponse> => {
      const name = input.url.split('/').at(-1)!;
      asked.push(name);
      return { status: status[name] ?? 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(bodies[name] ?? {}), latencyMs: 5 };
    },
  };
  return { asked };
}

describe('snapshot stage', () => {
  it('given a snapshot stage, when run, then one snapshot named for the request is taken, recorded available, and the next stage runs', async () => {
    // given
    const world = releaseWorld();
    const { created } = rds(world);
    // when
    const run = await runRelease(world, releaseRequest([snapshot, deploy('backend')]));
    // then
    expect(run.status).toBe('succeeded');
    expect(created).toEqual([IDENTIFIER]);
    expect(progressOfRun(run).snapshot).toEqual({ identifier: IDENTIFIER, kind: 'instance', database: 'shop-staging-db', available: true });
    expect(world.sent.progress).toContain(`:white_check_mark: Stage 1 snapshot: snapshot ${IDENTIFIER} of shop-staging-db is available`);
  });

  it('given a resumed stage whose snapshot was created before a restart, when continued, then it is followed, not taken a second time', async () => {
    // given
    const world = releaseWorld();
    const { snapshots, created } = rds(world);
    const request = releaseRequest([snapshot, deploy('backend')]);
    snapshots.set(IDENTIFIER, { identifier: IDENTIFIER, database: { kind: 'instance', identifier: 'shop-staging-db' }, status: 'creating', progressPercent: 40 });
    const run = await storedRun(world, request, { stage: 0, announced: 0, snapshot: { identifier: IDENTIFIER, kind: 'instance', database: 'shop-staging-db' } });
    snapshots.set(IDENTIFIER, { ...snapshots.get(IDENTIFIER)!, status: 'available', progressPercent: 100 });
    // when
    await continueRelease(request, run, world.deps);
    // then
    expect(created).toEqual([]);
    expect(world.store.runs.get(RUN_ID)!.status).toBe('succeeded');
  });

  it('given a snapshot that fails, when run, then the stage fails naming it, nothing is deployed, and no restore is advised', async () => {
    // given
    const world = releaseWorld();
    rds(world, 'failed');
    // when
    const run = await runRelease(world, releaseRequest([snapshot, deploy('backend')]));
    // then
    expect(progressOfRun(run).failure?.reason).toMatch(new RegExp(`^the snapshot ${IDENTIFIER} of shop-staging-db failed: `));
    expect(world.cluster.patches).toEqual([]);
    expect(world.sent.failure[1]).not.toContain('To restore the database');
  });
});

describe('verify stage', () => {
  const verify = (...smokeTests: string[]): ReleaseStage => ({ type: 'verify', smokeTests });

  it('given a verify stage naming a test that needs a login, when run, then that test and its login run, the others do not, and the table goes to the thread', async () => {
    // given
    const world = releaseWorld();
    const { asked } = smokeServer(world);
    // when
    const run = await runRelease(world, releaseRequest([verify('me')]));
    // then
    expect(run.status).toBe('succeeded');
    expect(asked).toEqual(['login', 'me']);
    expect(world.sent.verified).toBe(1);
    expect(world.sent.progress).toContain(':white_check_mark: Stage 1 verify: 1/1 smoke tests passed');
  });

  it('given a named smoke test failing, when run, then the stage fails naming it, and the release stops there', async () => {
    // given
    const world = releaseWorld();
    smokeServer(world, { catalog: 503 });
    // when
    const run = await runRelease(world, releaseRequest([verify('health', 'catalog'), deploy('backend')]));
    // then
    expect(progressOfRun(run).failure).toMatchObject({ stage: 0, reason: '1 of 2 smoke tests did not pass (catalog)' });
    expect(world.cluster.patches).toEqual([]);
  });
});
