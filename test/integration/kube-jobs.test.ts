import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterPort } from '../../src/adapters/kube/cluster-adapter.js';
import { jobPodSelector, type Job, type JobRequest } from '../../src/ports/cluster-jobs.port.js';
import type { ClusterPort, Pod, StopWatching } from '../../src/ports/cluster.port.js';
import { PortError } from '../../src/ports/port-error.js';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { waitUntil } from '../support/wait-until.js';

/** A migration's Job through shipmate's cluster adapter (the real @kubernetes/client-node) against the sandbox's API server and Job controller. */

const NS = 'shop-staging';
const REPO = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend';
const GOOD = `${REPO}@sha256:${'a'.repeat(64)}`;
const FAILING = `${REPO}:1.3.0-broken`;
const ALEMBIC_ERROR = [
  'INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.',
  'INFO  [alembic.runtime.migration] Running upgrade 41c2 -> 9f3e, add users',
  'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateTable) relation "users" already exists',
  'ERROR [alembic.util.messaging] relation "users" already exists',
];

let sandbox: Sandbox | undefined;
let dir: string | undefined;
const stops: StopWatching[] = [];

afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sandbox = undefined;
});

async function clusterFor(edit: (world: World) => void = () => undefined): Promise<ClusterPort> {
  const world = loadScenario('healthy').world;
  world.kubernetes.behaviour = { podReadySeconds: 0.02, deadlineScale: 1 / 600 };
  world.kubernetes.images = {
    [GOOD]: { runMs: 30, log: ['INFO  [alembic.runtime.migration] Running upgrade 41c2 -> 9f3e', 'done'] },
    [FAILING]: { runMs: 20, exitCode: 1, log: ALEMBIC_ERROR },
  };
  edit(world);
  sandbox = await startSandbox({ world });
  dir = mkdtempSync(join(tmpdir(), 'shipmate-jobs-'));
  return createClusterPort({ kubeconfigPath: writeSandboxKubeconfig(dir, sandbox.url, { staging: NS }), context: 'staging' });
}

const migration = (name: string, image: string, extra: Partial<JobRequest> = {}): JobRequest => ({
  name,
  labels: { 'shipmate.dev/release': '2.0.0' },
  pod: { containers: [{ name: 'migrate', image, command: ['alembic', 'upgrade', 'head'], envFrom: [{ secretRef: { name: 'backend-env' } }] }] },
  ...extra,
});

/** Every version a watch delivers, and the first that satisfies `done`. */
function watchJobUntil(cluster: ClusterPort, name: string, done: (job: Job) => boolean): { seen: Job[]; result: Promise<Job> } {
  const seen: Job[] = [];
  const result = new Promise<Job>((resolve, reject) => {
    cluster
      .watchJob(
        NS,
        name,
        (job) => {
          seen.push(job);
          if (done(job)) resolve(job);
        },
        reject,
      )
      .then((stop) => stops.push(stop), reject);
  });
  return { seen, result };
}

const hasCondition = (type: string) => (job: Job) => job.status.conditions.some((c) => c.type === type && c.status === 'True');
const conditionsOf = (job: Job) => job.status.conditions.map((c) => `${c.type}/${c.reason}`);

describe('migration Jobs through the real client against the sandbox', () => {
  it('given a good image, when the Job is created, then the watch follows it from active to Complete, its pod labelled for the Job', async () => {
    // given
    const cluster = await clusterFor();

    // when
    const { job: created, created: isNew } = await cluster.createJob(NS, migration('migrate-2-0-0', GOOD));
    const { seen, result } = watchJobUntil(cluster, 'migrate-2-0-0', hasCondition('Complete'));
    const done = await result;

    // then
    expect(isNew).toBe(true);
    expect(created).toMatchObject({ name: 'migrate-2-0-0', namespace: NS, labels: { 'shipmate.dev/release': '2.0.0' } });
    expect(created.spec).toEqual({ completions: 1, parallelism: 1, backoffLimit: 6, images: [GOOD] });
    expect(seen.some((job) => job.status.active === 1)).toBe(true);
    expect(conditionsOf(done)).toEqual(['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached']);
    expect(done.status).toMatchObject({ active: 0, succeeded: 1, failed: 0 });
    expect([done.status.startTime, done.status.completionTime]).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), expect.stringMatching(/Z$/)]);
    const pods = await cluster.listPods(NS, jobPodSelector('migrate-2-0-0'));
    expect(pods.map((p) => [p.phase, p.labels['job-name'], p.labels['controller-uid']])).toEqual([['Succeeded', 'migrate-2-0-0', created.uid]]);
    expect(pods[0]!.containerStatuses[0]!.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(await cluster.readPodLog(NS, pods[0]!.name)).toEqual(['INFO  [alembic.runtime.migration] Running upgrade 41c2 -> 9f3e', 'done']);
  });

  it('given a migration that fails, when the Job runs, then each failed pod is replaced until backoffLimit, the Job fails with BackoffLimitExceeded, and the last log lines are readable', async () => {
    // given
    const cluster = await clusterFor();

    // when
    await cluster.createJob(NS, migration('migrate-broken', FAILING, { backoffLimit: 2 }));
    const failed = await watchJobUntil(cluster, 'migrate-broken', hasCondition('Failed')).result;

    // then: backoffLimit 2 allows 2 replacements, so 3 pods ran and failed
    expect(conditionsOf(failed)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
    expect(failed.status.conditions[1]!.message).toBe('Job has reached the specified backoff limit');
    expect(failed.status).toMatchObject({ active: 0, succeeded: 0, failed: 3 });
    const pods = await cluster.listPods(NS, jobPodSelector('migrate-broken'));
    expect(pods.map((p: Pod) => p.phase)).toEqual(['Failed', 'Failed', 'Failed']);
    expect(pods.map((p) => p.containerStatuses[0]!.state.terminated?.exitCode)).toEqual([1, 1, 1]);
    const last = [...pods].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '')).at(-1)!;
    expect(await cluster.readPodLog(NS, last.name, { container: 'migrate', tailLines: 2 })).toEqual(ALEMBIC_ERROR.slice(-2));
  });

  it('given a migration running past activeDeadlineSeconds, when the deadline passes, then its pod is deleted and the Job fails with DeadlineExceeded', async () => {
    // given: 60 s of deadline pass in 100 ms (deadlineScale 1/600); the migration would run for ten minutes
    const cluster = await clusterFor((world) => (world.kubernetes.images!['slow'] = { runMs: 600_000 }));

    // when
    await cluster.createJob(NS, migration('migrate-slow', `${REPO}:slow`, { activeDeadlineSeconds: 60 }));
    const failed = await watchJobUntil(cluster, 'migrate-slow', hasCondition('Failed')).result;

    // then
    expect(conditionsOf(failed)).toEqual(['FailureTarget/DeadlineExceeded', 'Failed/DeadlineExceeded']);
    expect(failed.status.conditions[1]!.message).toBe('Job was active longer than specified deadline');
    expect(failed.spec.activeDeadlineSeconds).toBe(60);
    expect(failed.status).toMatchObject({ active: 0, failed: 1 });
    expect(await cluster.listPods(NS, jobPodSelector('migrate-slow'))).toEqual([]);
  });

  it('given a Job of that name exists, when it is created again, then nothing new starts and the existing Job comes back', async () => {
    // given
    const cluster = await clusterFor();
    const first = await cluster.createJob(NS, migration('migrate-once', GOOD));
    await watchJobUntil(cluster, 'migrate-once', hasCondition('Complete')).result;

    // when
    const again = await cluster.createJob(NS, migration('migrate-once', GOOD));

    // then
    expect(again.created).toBe(false);
    expect(again.job.uid).toBe(first.job.uid);
    expect(again.job.status.succeeded).toBe(1);
    expect(await cluster.listPods(NS, jobPodSelector('migrate-once'))).toHaveLength(1);
  });

  it('given a name the API server refuses, when the Job is created, then a PortError invalid quotes the field', async () => {
    // given
    const cluster = await clusterFor();

    // when
    const error = await cluster.createJob(NS, migration('Migrate_2.0', GOOD)).catch((e: unknown) => e);

    // then
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('invalid');
    expect((error as PortError).message).toMatch(/^Kubernetes create job shop-staging\/Migrate_2\.0 rejected: Job\.batch "Migrate_2\.0" is invalid: metadata\.name: Invalid value: "Migrate_2\.0": a lowercase RFC 1123 subdomain/);
  });

  it('given an image that cannot be pulled, when the Job runs, then its pod waits in ImagePullBackOff, the Job stays active and the log read says why', async () => {
    // given
    const cluster = await clusterFor((world) => (world.kubernetes.behaviour!.failures = { 'no-such-tag': 'image-pull' }));

    // when
    await cluster.createJob(NS, migration('migrate-pull', `${REPO}:no-such-tag`));
    let pods: Pod[] = [];
    await waitUntil(async () => {
      pods = await cluster.listPods(NS, jobPodSelector('migrate-pull'));
      return pods.some((p) => p.containerStatuses[0]?.state.waiting?.reason === 'ImagePullBackOff');
    }, 10_000, 'the pod in ImagePullBackOff');
    const error = await cluster.readPodLog(NS, pods[0]!.name).catch((e: unknown) => e);

    // then
    expect(pods[0]!.phase).toBe('Pending');
    expect((await cluster.getJob(NS, 'migrate-pull'))?.status).toMatchObject({ active: 1, failed: 0, conditions: [] });
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).message).toContain(`container "migrate" in pod "${pods[0]!.name}" is waiting to start: trying and failing to pull image`);
  });

  it('given a Job, when it is deleted, then it and its pods are gone, the watch says so, and deleting it again reports it missing', async () => {
    // given
    const cluster = await clusterFor((world) => (world.kubernetes.images!['slow'] = { runMs: 600_000 }));
    await cluster.createJob(NS, migration('migrate-delete', `${REPO}:slow`));
    await waitUntil(async () => (await cluster.listPods(NS, jobPodSelector('migrate-delete'))).length === 1, 10_000, 'the pod');
    let reportError: (error: Error) => void = () => undefined;
    const watchError = new Promise<Error>((resolve) => (reportError = resolve));
    stops.push(await cluster.watchJob(NS, 'migrate-delete', () => undefined, (error) => reportError(error)));

    // when
    const deleted = await cluster.deleteJob(NS, 'migrate-delete');

    // then
    expect(deleted).toBe(true);
    expect((await watchError).message).toBe('job/migrate-delete was deleted from shop-staging');
    expect(await cluster.getJob(NS, 'migrate-delete')).toBeUndefined();
    expect(await cluster.listPods(NS, jobPodSelector('migrate-delete'))).toEqual([]);
    expect(await cluster.deleteJob(NS, 'migrate-delete')).toBe(false);
    expect(await cluster.readPodLog(NS, 'migrate-delete-gone')).toBeUndefined();
  });

  it('given RBAC refusing to create Jobs, when one is created, then a PortError forbidden quotes the 403', async () => {
    // given
    const cluster = await clusterFor((world) => (world.faults = { deny: ['k8s:create:jobs'] }));

    // when
    const error = await cluster.createJob(NS, migration('migrate-denied', GOOD)).catch((e: unknown) => e);

    // then
    expect((error as PortError).code).toBe('forbidden');
    expect((error as PortError).message).toContain('cannot create resource "jobs" in API group "batch" in the namespace "shop-staging"');
  });

  it('given the calls of a migration, then the sandbox notes each RBAC verb they need, and whether it named the object', async () => {
    // given
    const cluster = await clusterFor();

    // when
    await cluster.createJob(NS, migration('migrate-verbs', GOOD));
    await watchJobUntil(cluster, 'migrate-verbs', hasCondition('Complete')).result;
    const [pod] = await cluster.listPods(NS, jobPodSelector('migrate-verbs'));
    await cluster.readPodLog(NS, pod!.name, { tailLines: 20 });
    await cluster.getJob(NS, 'migrate-verbs');
    await cluster.deleteJob(NS, 'migrate-verbs');

    // then
    const noted = sandbox!.state.permissions.map((p) => (p.system === 'kubernetes' ? `${p.verb} ${p.resource}${p.group ? `.${p.group}` : ''} ${p.byName}` : ''));
    expect(new Set(noted)).toEqual(
      new Set(['create jobs.batch false', 'list jobs.batch true', 'watch jobs.batch true', 'list pods false', 'get pods/log true', 'get jobs.batch true', 'delete jobs.batch true']),
    );
  });
});
