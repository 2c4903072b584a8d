import { afterEach, describe, expect, it } from 'vitest';
import { createDatabaseSnapshotsPort } from '../../src/adapters/aws/rds-adapter.js';
import { snapshotIdentifier } from '../../src/domain/releases/snapshot-identifier.js';
import { takeSnapshot, type SnapshotOutcome } from '../../src/domain/releases/take-snapshot.js';
import type { Clock } from '../../src/ports/clock.port.js';
import type { DatabaseRef } from '../../src/ports/database-snapshots.port.js';
import { useSandboxClock } from '../../src/sandbox/aws/codebuild-runs.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';

/** The snapshot stage of a release through the real @aws-sdk/client-rds against the sandbox's RDS, on one clock both sides share. */

const INSTANCE: DatabaseRef = { kind: 'instance', identifier: 'shop-staging-db' };
const CLUSTER: DatabaseRef = { kind: 'cluster', identifier: 'shop-staging-aurora' };
const ID = snapshotIdentifier('staging', '1.2.0', 'b7k2q9');

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** A sandbox whose snapshots take two minutes of a clock that moves only when the stage sleeps. */
async function releaseRds(change: (world: World) => void = () => undefined) {
  const world = loadScenario('healthy').world;
  world.rds!.behaviour = { snapshotSeconds: 120 };
  change(world);
  sandbox = await startSandbox({ world });
  let now = Date.parse('2026-03-02T10:00:00Z');
  const clock: Clock & { onSleep?: () => void } = {
    now: () => new Date(now),
    sleep: async (ms) => {
      now += ms;
      clock.onSleep?.();
    },
  };
  useSandboxClock(sandbox.state, clock);
  const snapshots = createDatabaseSnapshotsPort({ region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 });
  const state = sandbox.state;
  const take = async (database: DatabaseRef, signal?: AbortSignal) => {
    const lines: string[] = [];
    const outcome = await takeSnapshot(database, ID, { snapshots, clock, pollMs: 30_000, ...(signal ? { signal } : {}) }, (line) => lines.push(line));
    return { outcome, lines };
  };
  return { take, clock, rdsCalls: () => state.callsTo('rds').map((c) => c.operation), faults: state.faults };
}

describe('the snapshot stage against the sandbox through the real SDK', () => {
  it('given the healthy world, when the staging database is snapshotted, then it is available after two minutes, with RDS percent on the way', async () => {
    // given
    const { take, rdsCalls } = await releaseRds();
    // when
    const { outcome, lines } = await take(INSTANCE);
    // then
    expect(outcome).toEqual<SnapshotOutcome>({ kind: 'available', identifier: 'shipmate-staging-1-2-0-b7k2q9', database: INSTANCE });
    expect(lines).toEqual([
      `${ID}: snapshot of DB instance shop-staging-db started`,
      `${ID}: creating, 0%`,
      `${ID}: creating, 25%`,
      `${ID}: creating, 50%`,
      `${ID}: creating, 75%`,
      `${ID}: available, 100%`,
    ]);
    expect(rdsCalls()).toEqual(['DescribeDBSnapshots', 'DescribeDBInstances', 'CreateDBSnapshot', ...Array(4).fill('DescribeDBSnapshots')]);
  });

  it('given the healthy world, when the Aurora cluster is snapshotted, then the cluster calls are made and it is available', async () => {
    const { take, rdsCalls } = await releaseRds();
    const { outcome } = await take(CLUSTER);
    expect(outcome.kind).toBe('available');
    expect(rdsCalls().slice(0, 3)).toEqual(['DescribeDBClusterSnapshots', 'DescribeDBClusters', 'CreateDBClusterSnapshot']);
  });

  it('given an instance whose snapshots fail, when it is snapshotted, then the stage fails saying RDS reports it failed', async () => {
    const { take } = await releaseRds((world) => (world.rds!.behaviour!.failSnapshotsOf = ['shop-staging-db']));
    const { outcome } = await take(INSTANCE);
    expect(outcome).toMatchObject({ kind: 'failed', reason: `RDS reports snapshot ${ID} of DB instance shop-staging-db as failed: it will not become available` });
  });

  it.each([
    ['modifying', 'DB instance shop-staging-db is modifying, not available: RDS snapshots only an available database'],
    [undefined, 'there is no DB instance shop-staging-db: nothing was snapshotted'],
  ])('given a database %s, when it is snapshotted, then the stage fails and no CreateDBSnapshot is sent', async (status, reason) => {
    const { take, rdsCalls } = await releaseRds((world) => {
      if (status) world.rds!.instances[0]!.status = status;
      else world.rds!.instances.splice(0, 1);
    });
    const { outcome } = await take(INSTANCE);
    expect(outcome).toMatchObject({ kind: 'failed', reason });
    expect(rdsCalls()).not.toContain('CreateDBSnapshot');
  });

  it('given a release stopped mid-snapshot, when it resumes, then it follows the same snapshot: one CreateDBSnapshot in all', async () => {
    // given the first leader stops after its second look
    const { take, clock, rdsCalls } = await releaseRds();
    const stop = new AbortController();
    let sleeps = 0;
    clock.onSleep = () => {
      if (++sleeps === 2) stop.abort(new Error('leader lost'));
    };
    await expect(take(INSTANCE, stop.signal)).rejects.toThrow('leader lost');
    clock.onSleep = undefined;
    // when the next leader runs the stage again
    const { outcome, lines } = await take(INSTANCE);
    // then
    expect(outcome.kind).toBe('available');
    expect(lines[0]).toBe(`${ID}: snapshot of DB instance shop-staging-db started earlier; following it`);
    expect(rdsCalls().filter((c) => c === 'CreateDBSnapshot')).toHaveLength(1);
  });

  it('given a DescribeDBSnapshots answered 503 while the snapshot is followed, when the stage goes on, then it asks again and the snapshot becomes available', async () => {
    // given the first look after the create meets an outage
    const { take, clock, faults, rdsCalls } = await releaseRds();
    clock.onSleep = () => {
      faults.add({ system: 'aws', operation: /^DescribeDBSnapshots$/, mode: { kind: 'status', status: 503 }, times: 1 });
      clock.onSleep = undefined;
    };
    // when
    const { outcome, lines } = await take(INSTANCE);
    // then
    expect(outcome.kind).toBe('available');
    expect(lines).toContain(`${ID}: RDS DescribeDBSnapshots: ServiceUnavailable: Service Unavailable (sandbox fault); asking again`);
    expect(faults.hits.map((h) => h.operation)).toEqual(['DescribeDBSnapshots']);
    expect(rdsCalls().filter((c) => c === 'CreateDBSnapshot')).toHaveLength(1);
  });
});
