import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterPort } from '../../src/adapters/kube/cluster-adapter.js';
import { runMigration, type MigrationOutcome, type MigrationTarget } from '../../src/domain/releases/run-migration.js';
import { systemClock } from '../../src/ports/clock.port.js';
import { jobPodSelector } from '../../src/ports/cluster-jobs.port.js';
import type { ClusterPort } from '../../src/ports/cluster.port.js';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';

/** A release's migration stage (runMigration) through the real @kubernetes/client-node adapter against the sandbox's API server and Job controller. */

const NS = 'shop-staging';
const REPO = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend';
const GOOD = `${REPO}:2.0.0@sha256:${'a'.repeat(64)}`;
const BROKEN = `${REPO}:2.0.1@sha256:${'c'.repeat(64)}`;
const SLOW = `${REPO}:2.0.2@sha256:${'d'.repeat(64)}`;
const UNPULLABLE = `${REPO}:no-such-tag@sha256:${'e'.repeat(64)}`;
const LABELS = { 'app.kubernetes.io/managed-by': 'shipmate', 'shipmate/release': 'r42' };
/** 25 lines, the last of them the error: a failure quotes the last 20. */
const BROKEN_LOG = [
  ...Array.from({ length: 22 }, (_, i) => `INFO  [alembic.runtime.migration] step ${i + 1}`),
  'INFO  [alembic.runtime.migration] Running upgrade 41c2 -> 9f3e, add users',
  'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateTable) relation "users" already exists',
  'ERROR [alembic.util.messaging] relation "users" already exists',
];

let sandbox: Sandbox | undefined;
let dir: string | undefined;

afterEach(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sandbox = undefined;
  dir = undefined;
});

async function clusterFor(edit: (world: World) => void = () => undefined): Promise<{ cluster: ClusterPort; batch: BatchV1Api }> {
  const world = loadScenario('healthy').world;
  world.kubernetes.behaviour = { podReadySeconds: 0.02, deadlineScale: 1 / 600, failures: { 'no-such-tag': 'image-pull' } };
  world.kubernetes.images = {
    [GOOD]: { runMs: 30, log: ['INFO  [alembic.runtime.migration] Running upgrade 41c2 -> 9f3e', 'done'] },
    [BROKEN]: { runMs: 20, exitCode: 1, log: BROKEN_LOG },
    [SLOW]: { runMs: 600_000, log: ['migrating a big table'] },
  };
  edit(world);
  sandbox = await startSandbox({ world });
  dir = mkdtempSync(join(tmpdir(), 'shipmate-migration-'));
  const kubeconfigPath = writeSandboxKubeconfig(dir, sandbox.url, { staging: NS });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  kubeConfig.setCurrentContext('staging');
  return { cluster: createClusterPort({ kubeconfigPath, context: 'staging' }), batch: kubeConfig.makeApiClient(BatchV1Api) };
}

const target = (image: string, overrides: Partial<MigrationTarget> = {}): MigrationTarget => ({
  namespace: NS,
  jobName: 'shipmate-migrate-r42',
  labels: LABELS,
  service: 'backend',
  deployment: 'backend',
  container: 'backend',
  image,
  command: ['alembic', 'upgrade', 'head'],
  timeoutMinutes: 10,
  ...overrides,
});

async function migrate(cluster: ClusterPort, migration: MigrationTarget): Promise<{ outcome: MigrationOutcome; progress: string[] }> {
  const progress: string[] = [];
  const outcome = await runMigration(migration, { cluster, clock: systemClock }, (line) => progress.push(line));
  return { outcome, progress };
}

describe('a release migration through the real client against the sandbox', () => {
  it('given a migration that succeeds, when it runs, then one Job of the pinned image ran once with the backend container environment and completed', async () => {
    // given
    const { cluster, batch } = await clusterFor();

    // when
    const { outcome, progress } = await migrate(cluster, target(GOOD));

    // then
    expect(outcome).toEqual({ kind: 'succeeded', jobName: 'shipmate-migrate-r42', message: expect.stringMatching(/^alembic upgrade head exited 0( after \d+ s)?$/) });
    expect(progress[0]).toBe('Job shipmate-migrate-r42 created');
    expect(new Set(progress).size).toBe(progress.length);
    const job = await batch.readNamespacedJob({ name: 'shipmate-migrate-r42', namespace: NS });
    expect(job.metadata?.labels).toEqual(LABELS);
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86_400 });
    expect(job.spec?.template.metadata?.labels).toMatchObject(LABELS);
    const pod = job.spec!.template.spec!;
    expect([pod.restartPolicy, pod.imagePullSecrets, pod.securityContext?.runAsNonRoot]).toEqual(['Never', [{ name: 'registry-pull' }], true]);
    expect(pod.containers.map((c) => [c.name, c.image, c.command, c.envFrom])).toEqual([['backend', GOOD, ['alembic', 'upgrade', 'head'], [{ secretRef: { name: 'backend-env' } }]]]);
    expect(job.status?.succeeded).toBe(1);
    expect(await cluster.listPods(NS, jobPodSelector('shipmate-migrate-r42'))).toHaveLength(1);
  });

  it('given a migration that exits 1, when it runs, then it fails with BackoffLimitExceeded after one pod, quoting its last 20 log lines', async () => {
    // given
    const { cluster } = await clusterFor();

    // when
    const { outcome } = await migrate(cluster, target(BROKEN));

    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'BackoffLimitExceeded', logTail: BROKEN_LOG.slice(-20) });
    expect(outcome.kind === 'failed' && outcome.message).toMatch(
      /^Job has reached the specified backoff limit; container "backend" of pod "shipmate-migrate-r42-[a-z0-9]{5}" exited with code 1 \(Error\)$/,
    );
    const pods = await cluster.listPods(NS, jobPodSelector('shipmate-migrate-r42'));
    expect(pods.map((p) => p.phase)).toEqual(['Failed']);
  });

  it('given a release resumed after its migration ran, when it runs again, then it follows the same Job: no second Job, no second pod', async () => {
    // given
    const { cluster } = await clusterFor();
    await migrate(cluster, target(GOOD));
    const before = await cluster.getJob(NS, 'shipmate-migrate-r42');

    // when
    const { outcome, progress } = await migrate(cluster, target(GOOD));

    // then
    expect(outcome.kind).toBe('succeeded');
    expect(progress).toEqual(['Job shipmate-migrate-r42 already exists: following it', expect.stringMatching(/^pod shipmate-migrate-r42-[a-z0-9]{5} finished: exit code 0 \(Completed\)$/)]);
    expect((await cluster.getJob(NS, 'shipmate-migrate-r42'))?.uid).toBe(before?.uid);
    expect(await cluster.listPods(NS, jobPodSelector('shipmate-migrate-r42'))).toHaveLength(1);
  });

  it('given a release resumed while its migration still runs, when it runs again, then it follows the running Job to its end', async () => {
    // given: the first follower stops (its leader went away) while the Job runs
    const { cluster } = await clusterFor((world) => {
      world.kubernetes.images![SLOW]!.runMs = 1_500;
      world.kubernetes.behaviour!.deadlineScale = 1 / 60;
    });
    const stop = new AbortController();
    const first = runMigration(target(SLOW), { cluster, clock: systemClock, signal: stop.signal }, (line) => line.endsWith('running') && stop.abort(new Error('leader lost')));
    await expect(first).rejects.toThrow('leader lost');

    // when
    const { outcome, progress } = await migrate(cluster, target(SLOW));

    // then
    expect(outcome).toMatchObject({ kind: 'succeeded' });
    expect(progress[0]).toBe('Job shipmate-migrate-r42 already exists: following it');
    expect(await cluster.listPods(NS, jobPodSelector('shipmate-migrate-r42'))).toHaveLength(1);
  });

  it('given a Job of that name made by someone else, when the migration runs, then it fails and that Job is left as it was', async () => {
    // given
    const { cluster } = await clusterFor();
    const theirs = await cluster.createJob(NS, { name: 'shipmate-migrate-r42', labels: { team: 'data' }, pod: { containers: [{ name: 'x', image: GOOD }] } });

    // when
    const { outcome } = await migrate(cluster, target(GOOD));

    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'ForeignJob' });
    expect((await cluster.getJob(NS, 'shipmate-migrate-r42'))?.uid).toBe(theirs.job.uid);
  });

  it('given an image that cannot be pulled, when the migration runs, then it fails fast with ImagePullBackOff while the Job is still active', async () => {
    // given
    const { cluster } = await clusterFor();

    // when
    const { outcome } = await migrate(cluster, target(UNPULLABLE));

    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/), logTail: [] });
    expect(outcome.kind === 'failed' && outcome.message).toMatch(/the Job is left to end at its deadline; the log of pod "[^"]+" could not be read: .*is waiting to start/);
    expect((await cluster.getJob(NS, 'shipmate-migrate-r42'))?.status.conditions).toEqual([]);
  });

  it('given the Secret of the copied envFrom missing, when the migration runs, then it fails fast with CreateContainerConfigError', async () => {
    // given
    const { cluster } = await clusterFor((world) => (world.kubernetes.namespaces[NS]!.secrets = ['registry-pull']));

    // when
    const { outcome } = await migrate(cluster, target(GOOD));

    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'CreateContainerConfigError', message: expect.stringContaining('backend-env') });
  });

  it('given a migration longer than its time limit, when the Job deadline passes, then it fails with DeadlineExceeded and says the pod log went with the pod', async () => {
    // given: a minute of deadline passes in 2 s, time enough for the pods watch to see the pod it will delete
    const { cluster } = await clusterFor((world) => (world.kubernetes.behaviour!.deadlineScale = 1 / 30));

    // when
    const { outcome } = await migrate(cluster, target(SLOW, { timeoutMinutes: 1 }));

    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'DeadlineExceeded', logTail: [] });
    expect(outcome.kind === 'failed' && outcome.message).toMatch(/^Job was active longer than specified deadline; pod "shipmate-migrate-r42-[a-z0-9]{5}" is gone, and its log with it$/);
  });

  it('given no Deployment of that name, when the migration runs, then it fails and no Job exists', async () => {
    // given
    const { cluster } = await clusterFor();

    // when
    const { outcome } = await migrate(cluster, target(GOOD, { deployment: 'api' }));

    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'DeploymentNotFound' });
    expect(await cluster.getJob(NS, 'shipmate-migrate-r42')).toBeUndefined();
  });
});
