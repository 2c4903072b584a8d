import { afterEach, describe, expect, it } from 'vitest';
import { createDatabaseSnapshotsPort } from '../../src/adapters/aws/rds-adapter.js';
import { watchRollout } from '../../src/domain/deploys/watch-rollout.js';
import { takeSnapshot } from '../../src/domain/releases/take-snapshot.js';
import type { Clock } from '../../src/ports/clock.port.js';
import { systemClock } from '../../src/ports/clock.port.js';
import { jobPodSelector, type Job } from '../../src/ports/cluster-jobs.port.js';
import type { DatabaseRef } from '../../src/ports/database-snapshots.port.js';
import { useSandboxClock } from '../../src/sandbox/aws/codebuild-runs.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { sandboxPorts, sessionConfig } from '../support/sandbox-ports.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * The release scenarios (scenarios/release*.yml) through the real SDK adapters:
 * each one's world does what its name says to the stage it is about, and
 * examples/sandbox.shipmate.yml's staging runbook names what the world holds.
 */

const NS = 'shop-staging';
const VERSION = '1.2.0';
const DATABASE: DatabaseRef = { kind: 'instance', identifier: 'shop-staging-db' };
const FAILED_MIGRATION_TAIL = [
  '[SQL: ALTER TABLE orders ADD COLUMN status VARCHAR(32)]',
  'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation "orders" does not exist',
];

let session: SandboxSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function releaseWorld(name: string) {
  session = await startSandboxSession(loadScenario(name));
  const config = sessionConfig(session);
  const ports = sandboxPorts(session, config, 'staging');
  const snapshots = createDatabaseSnapshotsPort({ region: 'eu-west-1', endpoint: session.sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 });
  // One clock for the stage and the sandbox's RDS: a snapshot's half second passes when the stage sleeps.
  let now = Date.parse('2026-11-24T10:00:00Z');
  const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (now += ms) };
  useSandboxClock(session.sandbox.state, clock);

  /** REPO_URI:1.2.0@DIGEST, as a release pins it. */
  const releaseImage = async (service: 'backend' | 'frontend') => {
    const repository = `shop/${service}`;
    const [repo, image] = await Promise.all([ports.ecr.getRepository(repository), ports.ecr.describeImage(repository, VERSION)]);
    return `${repo!.uri}:${VERSION}@${image!.digest}`;
  };

  const snapshot = () => takeSnapshot(DATABASE, `shipmate-staging-1-2-0-test01`, { snapshots, clock, pollMs: 100 }, () => undefined);

  /** The migration Job from backend's release image, run to its end (backoffLimit 0: one pod). */
  const migrate = async () => {
    const image = await releaseImage('backend');
    await ports.cluster.createJob(NS, {
      name: 'shipmate-migrate-1-2-0',
      backoffLimit: 0,
      pod: { containers: [{ name: 'migrate', image, command: ['alembic', 'upgrade', 'head'], envFrom: [{ secretRef: { name: 'backend-env' } }] }] },
    });
    let job: Job | undefined;
    const finished = (j: Job | undefined) => (j?.status.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    await waitUntil(async () => finished((job = await ports.cluster.getJob(NS, 'shipmate-migrate-1-2-0'))), 20_000, 'the migration Job to end');
    const [pod] = await ports.cluster.listPods(NS, jobPodSelector('shipmate-migrate-1-2-0'));
    return { job: job!, pod: pod!, log: (await ports.cluster.readPodLog(NS, pod!.name)) ?? [] };
  };

  /** `kubectl set image` to the release image, watched like `kubectl rollout status` with fail-fast. */
  const deploy = async (service: 'backend' | 'frontend') => {
    const patched = await ports.cluster.setContainerImage(NS, service, service, await releaseImage(service));
    return watchRollout({ cluster: ports.cluster, clock: systemClock }, { namespace: NS, deployment: service, generation: patched.generation ?? 0, timeoutMs: 60_000 }, () => undefined);
  };

  return { config, ports, snapshots, snapshot, migrate, deploy, releaseImage };
}

describe('the sandbox config: staging runs a release', () => {
  it('given examples/sandbox.shipmate.yml, when loaded, then staging releases snapshot -> migrate -> backend -> verify -> frontend -> verify', async () => {
    const { config } = await releaseWorld('release');
    expect(config.environments.staging!.releases?.stages).toEqual([
      { type: 'snapshot', kind: 'instance', identifier: 'shop-staging-db' },
      { type: 'migrate', service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 10 },
      { type: 'deploy', services: ['backend'] },
      { type: 'verify', smokeTests: ['health', 'login', 'me'] },
      { type: 'deploy', services: ['frontend'] },
      { type: 'verify', smokeTests: ['health', 'login', 'me', 'catalog'] },
    ]);
  });
});

describe('the release scenarios through the real SDK adapters', () => {
  it('release: 1.2.0 of backend and frontend in ECR, the snapshot available, the migration logs its upgrade and exits 0, both roll out', async () => {
    // given
    const world = await releaseWorld('release');
    // when
    const images = await Promise.all([world.releaseImage('backend'), world.releaseImage('frontend')]);
    const snapshot = await world.snapshot();
    const migration = await world.migrate();
    const rollouts = await Promise.all([world.deploy('backend'), world.deploy('frontend')]);
    // then
    expect(images).toEqual([
      expect.stringMatching(/^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/shop\/backend:1\.2\.0@sha256:[0-9a-f]{64}$/),
      expect.stringMatching(/^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/shop\/frontend:1\.2\.0@sha256:[0-9a-f]{64}$/),
    ]);
    expect(snapshot.kind).toBe('available');
    expect(migration.job.status).toMatchObject({ succeeded: 1, failed: 0 });
    expect(migration.pod.containerStatuses[0]!.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(migration.log.at(-1)).toBe('INFO  [alembic.runtime.migration] Running upgrade 41c2a7e0b5d1 -> 9f3e6b2c8a47, add orders.status');
    expect(rollouts.map((r) => r.kind)).toEqual(['succeeded', 'succeeded']);
  });

  it('release-failing-snapshot: the snapshot of shop-staging-db ends failed', async () => {
    // given
    const world = await releaseWorld('release-failing-snapshot');
    // when
    const snapshot = await world.snapshot();
    // then
    expect(snapshot).toMatchObject({ kind: 'failed', reason: expect.stringContaining('of DB instance shop-staging-db as failed: it will not become available') });
    expect(await world.snapshots.databaseStatus(DATABASE)).toBe('available');
  });

  it('release-failing-migration: the migration pod exits 1, the Job fails, and its log ends with the ProgrammingError', async () => {
    // given
    const world = await releaseWorld('release-failing-migration');
    // when
    const migration = await world.migrate();
    const tail = await world.ports.cluster.readPodLog(NS, migration.pod.name, { container: 'migrate', tailLines: 2 });
    // then
    expect(migration.job.status.conditions.filter((c) => c.status === 'True').map((c) => `${c.type}/${c.reason}`)).toContain('Failed/BackoffLimitExceeded');
    expect(migration.pod.containerStatuses[0]!.state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(migration.log.slice(0, 3).every((line) => line.startsWith('INFO  [alembic.runtime.migration]'))).toBe(true);
    expect(tail).toEqual(FAILED_MIGRATION_TAIL);
  });

  it('release-crashing-frontend: backend 1.2.0 rolls out, frontend 1.2.0 crash-loops with its termination message', async () => {
    // given
    const world = await releaseWorld('release-crashing-frontend');
    // when
    const backend = await world.deploy('backend');
    const frontend = await world.deploy('frontend');
    // then
    expect(backend.kind).toBe('succeeded');
    expect(frontend).toMatchObject({ kind: 'failed', reason: 'CrashLoopBackOff' });
    expect(JSON.stringify(frontend)).toContain("Error: Cannot find module '/app/dist/server.js'");
  });
});
