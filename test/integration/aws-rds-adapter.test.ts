import { afterEach, describe, expect, it } from 'vitest';
import type { AwsAdapterOptions } from '../../src/adapters/aws/aws-client-options.js';
import { createDatabaseSnapshotsPort } from '../../src/adapters/aws/rds-adapter.js';
import { createLazyDatabaseSnapshotsPort } from '../../src/adapters/create-database-snapshots-port.js';
import { SnapshotExistsError, type DatabaseRef } from '../../src/ports/database-snapshots.port.js';
import { useSandboxClock } from '../../src/sandbox/aws/codebuild-runs.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { portFailureOf } from '../support/port-failure.js';

/** shipmate's RDS adapter — the real @aws-sdk/client-rds over HTTP — against the sandbox's Query protocol. */

const INSTANCE: DatabaseRef = { kind: 'instance', identifier: 'shop-staging-db' };
const CLUSTER: DatabaseRef = { kind: 'cluster', identifier: 'shop-staging-aurora' };

let sandbox: Sandbox | undefined;
/** The sandbox clock, moved by the tests: snapshots go from creating to available when it passes their duration. */
let now = Date.parse('2026-03-02T10:00:00Z');

async function rdsAgainst(change: (world: World) => void = () => undefined) {
  const world = loadScenario('healthy').world;
  world.rds!.behaviour = { snapshotSeconds: 120 };
  change(world);
  sandbox = await startSandbox({ world });
  useSandboxClock(sandbox.state, { now: () => new Date(now), sleep: async () => {} });
  const options: AwsAdapterOptions = { region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 };
  return { port: createDatabaseSnapshotsPort(options), sandbox, options };
}

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('RDS adapter against the sandbox: snapshots', () => {
  it.each([INSTANCE, CLUSTER])('given a %o, when a snapshot is created, then it is creating, and available once its time has passed', async (database) => {
    // given
    const { port } = await rdsAgainst();
    // when
    const created = await port.createSnapshot(database, 'shipmate-staging-1-4-0');
    now += 60_000;
    const halfway = await port.getSnapshot(database, 'shipmate-staging-1-4-0');
    now += 60_000;
    const done = await port.getSnapshot(database, 'shipmate-staging-1-4-0');
    // then
    expect(created).toEqual({ identifier: 'shipmate-staging-1-4-0', database, status: 'creating', progressPercent: 0 });
    expect(halfway).toMatchObject({ status: 'creating', progressPercent: 50 });
    expect(halfway?.createdAt).toBeUndefined();
    expect(done).toEqual({ identifier: 'shipmate-staging-1-4-0', database, status: 'available', progressPercent: 100, createdAt: new Date(now - 120_000) });
  });

  it('given an instance whose snapshots fail, when one is followed to the end, then its status is failed', async () => {
    // given
    const { port } = await rdsAgainst((world) => (world.rds!.behaviour = { snapshotSeconds: 30, failSnapshotsOf: ['shop-staging-db'] }));
    // when
    await port.createSnapshot(INSTANCE, 'shipmate-doomed');
    now += 30_000;
    const snapshot = await port.getSnapshot(INSTANCE, 'shipmate-doomed');
    // then
    expect(snapshot?.status).toBe('failed');
  });

  it('given identifiers in upper case, when a snapshot is created, then RDS keeps it in lower case and finds it either way', async () => {
    const { port } = await rdsAgainst();
    const created = await port.createSnapshot({ kind: 'instance', identifier: 'SHOP-STAGING-DB' }, 'Shipmate-Upper');
    expect(created.identifier).toBe('shipmate-upper');
    expect((await port.getSnapshot(INSTANCE, 'SHIPMATE-UPPER'))?.identifier).toBe('shipmate-upper');
  });

  it('given no snapshot by that identifier, when it is looked up, then the answer is undefined, not an error', async () => {
    const { port } = await rdsAgainst();
    expect(await port.getSnapshot(INSTANCE, 'shipmate-never-taken')).toBeUndefined();
    expect(await port.getSnapshot(CLUSTER, 'shipmate-never-taken')).toBeUndefined();
  });

  it('given the lazily loaded port, when a snapshot is created through it, then it reaches RDS like the adapter itself', async () => {
    const { options, sandbox } = await rdsAgainst();
    const lazy = createLazyDatabaseSnapshotsPort(options);
    expect(sandbox.state.callsTo('rds')).toEqual([]);
    const created = await lazy.createSnapshot(INSTANCE, 'shipmate-lazy');
    expect(created.status).toBe('creating');
    expect(sandbox.state.callsTo('rds').map((c) => c.operation)).toEqual(['CreateDBSnapshot']);
  });
});

describe('RDS adapter against the sandbox: the databases', () => {
  it('given the healthy world, when the databases are looked up, then each one is available and an unknown one is undefined', async () => {
    const { port } = await rdsAgainst((world) => (world.rds!.instances[1]!.status = 'modifying'));
    expect(await port.databaseStatus(INSTANCE)).toBe('available');
    expect(await port.databaseStatus(CLUSTER)).toBe('available');
    expect(await port.databaseStatus({ kind: 'instance', identifier: 'shop-production-db' })).toBe('modifying');
    expect(await port.databaseStatus({ kind: 'instance', identifier: 'no-such-db' })).toBeUndefined();
    expect(await port.databaseStatus({ kind: 'cluster', identifier: 'no-such-cluster' })).toBeUndefined();
  });
});

describe('RDS adapter against the sandbox: refusals, one PortError each', () => {
  it.each([INSTANCE, CLUSTER])('given a snapshot identifier already taken on a %o, when it is created again, then SnapshotExistsError', async (database) => {
    // given
    const { port } = await rdsAgainst();
    await port.createSnapshot(database, 'shipmate-twice');
    // when
    const error = await portFailureOf(port.createSnapshot(database, 'shipmate-twice'));
    // then
    expect(error).toBeInstanceOf(SnapshotExistsError);
    const operation = database.kind === 'instance' ? 'CreateDBSnapshot: DBSnapshotAlreadyExistsFault' : 'CreateDBClusterSnapshot: DBClusterSnapshotAlreadyExistsFault';
    expect(error.message).toBe(`RDS ${operation}: Cannot create the ${database.kind === 'instance' ? 'snapshot because a snapshot' : 'cluster snapshot because one'} with the identifier shipmate-twice already exists.`);
  });

  it('given an instance snapshot identifier, when a cluster snapshot takes the same one, then both exist: RDS keeps them apart', async () => {
    const { port } = await rdsAgainst();
    await port.createSnapshot(INSTANCE, 'shipmate-shared-name');
    const cluster = await port.createSnapshot(CLUSTER, 'shipmate-shared-name');
    expect(cluster.database).toEqual(CLUSTER);
  });

  it.each([
    [{ kind: 'instance', identifier: 'no-such-db' }, 'RDS CreateDBSnapshot: request rejected (DBInstanceNotFoundFault: DBInstance no-such-db not found.)'],
    [{ kind: 'cluster', identifier: 'no-such-cluster' }, 'RDS CreateDBClusterSnapshot: request rejected (DBClusterNotFoundFault: DBCluster no-such-cluster not found.)'],
  ] as const)('given an unknown database %o, when it is snapshotted, then the request is rejected naming it', async (database, message) => {
    const { port } = await rdsAgainst();
    const error = await portFailureOf(port.createSnapshot(database, 'shipmate-orphan'));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message });
  });

  it.each(['1-starts-with-a-digit', 'ends-with-a-hyphen-', 'two--hyphens', 'under_score', 'a'.repeat(256)])(
    'given the invalid snapshot identifier %s, when a snapshot is created, then InvalidParameterValue',
    async (identifier) => {
      const { port, sandbox } = await rdsAgainst();
      const error = await portFailureOf(port.createSnapshot(INSTANCE, identifier));
      expect(error.code).toBe('invalid');
      expect(error.message).toMatch(/^RDS CreateDBSnapshot: request rejected \(InvalidParameterValue: The parameter DBSnapshotIdentifier is not a valid identifier\./);
      expect(await port.getSnapshot(INSTANCE, 'a')).toBeUndefined();
      expect(sandbox.state.callsTo('rds').map((c) => c.operation)).toEqual(['CreateDBSnapshot', 'DescribeDBSnapshots']);
    },
  );

  it.each([
    [INSTANCE, 'InvalidDBInstanceStateFault'],
    [CLUSTER, 'InvalidDBClusterStateFault'],
  ] as const)('given a %o that is not available, when it is snapshotted, then %s', async (database, name) => {
    const { port } = await rdsAgainst((world) => {
      world.rds!.instances[0]!.status = 'stopped';
      world.rds!.clusters[0]!.status = 'stopped';
    });
    const error = await portFailureOf(port.createSnapshot(database, 'shipmate-stopped'));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain(`(${name}: `);
  });

  it('given CreateDBSnapshot denied by IAM, when a snapshot is created, then forbidden, naming the action and the instance', async () => {
    const { port } = await rdsAgainst((world) => (world.faults = { deny: ['rds:CreateDBSnapshot'] }));
    const error = await portFailureOf(port.createSnapshot(INSTANCE, 'shipmate-denied'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(
      'RDS CreateDBSnapshot: access denied: User: arn:aws:iam::111122223333:user/sandbox is not authorized to perform: rds:CreateDBSnapshot ' +
        'on resource: arn:aws:rds:eu-west-1:111122223333:db:shop-staging-db because no identity-based policy allows the rds:CreateDBSnapshot action',
    );
  });

  it('given DescribeDBClusterSnapshots throttled, when a cluster snapshot is looked up, then throttled', async () => {
    const { port } = await rdsAgainst((world) => (world.faults = { throttle: ['rds:DescribeDBClusterSnapshots'] }));
    const error = await portFailureOf(port.getSnapshot(CLUSTER, 'shipmate-any'));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'throttled', message: 'RDS DescribeDBClusterSnapshots: throttled by AWS (Throttling: Rate exceeded)' });
  });

  it('given an injected 503 on CreateDBSnapshot, when a snapshot is created, then a remote PortError and no snapshot was taken', async () => {
    // given
    const { port, sandbox } = await rdsAgainst();
    sandbox.state.faults.add({ system: 'aws', operation: /^CreateDBSnapshot$/, mode: { kind: 'status', status: 503 }, times: 1 });
    // when
    const error = await portFailureOf(port.createSnapshot(INSTANCE, 'shipmate-outage'));
    // then
    expect(error.code).toBe('remote');
    expect(error.message).toBe('RDS CreateDBSnapshot: ServiceUnavailable: Service Unavailable (sandbox fault)');
    expect(sandbox.state.faults.hits.map((h) => h.operation)).toEqual(['CreateDBSnapshot']);
    expect(await port.getSnapshot(INSTANCE, 'shipmate-outage')).toBeUndefined();
  });

  it('given a CreateDBSnapshot applied but never answered, when the call times out, then the snapshot exists for a retry to find', async () => {
    // given
    const { port, sandbox } = await rdsAgainst();
    sandbox.state.faults.add({ system: 'aws', operation: /^CreateDBSnapshot$/, mode: { kind: 'hang-after' }, times: 1 });
    const attempt = port.createSnapshot(INSTANCE, 'shipmate-lost-answer').catch((e: unknown) => e);
    // when
    await expect.poll(() => sandbox.state.faults.hits.length, { timeout: 10_000 }).toBe(1);
    // then
    expect((await port.getSnapshot(INSTANCE, 'shipmate-lost-answer'))?.status).toBe('creating');
    expect(await portFailureOf(port.createSnapshot(INSTANCE, 'shipmate-lost-answer'))).toBeInstanceOf(SnapshotExistsError);
    await sandbox.close();
    await attempt;
  });
});
