import { describe, expect, it } from 'vitest';
import { PortError } from '../../../../src/ports/port-error.js';
import { FakeJobsCluster, IMAGE, JOB, LABELS, NS, POD, RUNNING, condition, jobOf, jobPod, startMigration, target } from './run-migration-fixtures.js';

const COMPLETE = [condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'), condition('Complete', 'CompletionsReached')];

describe('runMigration: the Job, created once and followed to success', () => {
  it('given a Deployment, when the migration runs to completion, then one Job ran the pinned image with the container environment, and the outcome says how long it took', async () => {
    // given
    const m = await startMigration();

    // when
    m.cluster.emitPods([jobPod('Pending', { waiting: { reason: 'ContainerCreating' } })]);
    m.cluster.emitPods([jobPod('Running', RUNNING)]);
    m.cluster.emitPods([jobPod('Running', RUNNING)]);
    m.cluster.emitPods([jobPod('Succeeded', { terminated: { exitCode: 0, reason: 'Completed' } })]);
    m.cluster.emitJob({ active: 0, succeeded: 1, startTime: '2025-01-01T12:00:00Z', conditions: COMPLETE });
    await m.done;

    // then
    expect(m.outcome()).toEqual({ kind: 'succeeded', jobName: JOB, message: 'alembic upgrade head exited 0 after 42 s' });
    expect(m.progress).toEqual([
      `Job ${JOB} created`,
      `pod ${POD} waiting: ContainerCreating`,
      `pod ${POD} running`,
      `pod ${POD} finished: exit code 0 (Completed)`,
    ]);
    expect(m.cluster.stopped).toEqual({ job: 1, pods: 1 });
    expect(m.cluster.podSelector).toEqual({ 'batch.kubernetes.io/job-name': JOB });
    expect(m.cluster.watchedJob).toBe(JOB);
    expect(m.clock.sleeps).toEqual([11 * 60_000]);
    expect(m.clock.sleepSignals[0]?.aborted).toBe(true);
    expect(m.cluster.logReads).toEqual([]);
  });

  it('given the service Deployment, when the Job is made, then it runs once within the time limit, labelled, with env, envFrom, service account, pull secrets, security contexts and resources copied', async () => {
    // given
    const cluster = new FakeJobsCluster();
    const spec = cluster.deployment!.spec.template.spec;
    spec.serviceAccountName = 'backend';
    spec.containers.unshift({ name: 'sidecar', image: 'envoy:1', env: [{ name: 'SIDECAR', value: '1' }] });
    spec.containers[1]!.env = [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'DATABASE_HOST', valueFrom: { configMapKeyRef: { name: 'db', key: 'host' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ];

    // when
    await startMigration({ cluster, target: target({ timeoutMinutes: 15 }) });

    // then
    expect(cluster.requests).toEqual([
      {
        name: JOB,
        labels: LABELS,
        podLabels: LABELS,
        pod: {
          containers: [
            {
              name: 'backend',
              image: IMAGE,
              command: ['alembic', 'upgrade', 'head'],
              env: spec.containers[1]!.env,
              envFrom: [{ secretRef: { name: 'backend-env' } }],
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
            },
          ],
          serviceAccountName: 'backend',
          imagePullSecrets: [{ name: 'registry-pull' }],
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
        },
        backoffLimit: 0,
        activeDeadlineSeconds: 900,
        ttlSecondsAfterFinished: 86_400,
      },
    ]);
  });

  it('given a container with only a literal env and no optional fields, when the Job is made, then nothing absent is invented', async () => {
    // given
    const cluster = new FakeJobsCluster();
    cluster.deployment!.spec.template.spec = { containers: [{ name: 'backend', image: 'old', env: [{ name: 'A', value: '1' }] }] };

    // when
    await startMigration({ cluster });

    // then
    expect(cluster.requests[0]!.pod).toEqual({ containers: [{ name: 'backend', image: IMAGE, command: ['alembic', 'upgrade', 'head'], env: [{ name: 'A', value: '1' }] }] });
  });

  it('given a resumed release whose Job exists with its labels, when it runs twice, then the second run follows that Job and createJob was called once in all', async () => {
    // given
    const cluster = new FakeJobsCluster();
    const first = await startMigration({ cluster });
    cluster.emitJob({ active: 0, succeeded: 1, conditions: COMPLETE });
    await first.done;

    // when
    const second = await startMigration({ cluster });
    await second.done;

    // then
    expect(cluster.created).toBe(1);
    expect(second.progress).toEqual([`Job ${JOB} already exists: following it`]);
    expect(second.outcome()).toEqual({ kind: 'succeeded', jobName: JOB, message: 'alembic upgrade head exited 0' });
    expect(cluster.stopped).toEqual({ job: 2, pods: 2 });
  });

  it('given a Job of that name with other labels, when the migration runs, then it fails without creating, watching or touching that Job', async () => {
    // given
    const cluster = new FakeJobsCluster();
    cluster.jobs.set(JOB, jobOf(JOB, { 'shipmate/release': 'r41', 'app.kubernetes.io/managed-by': 'shipmate' }, { active: 1 }));

    // when
    const m = await startMigration({ cluster });
    await m.done;

    // then
    expect(m.outcome()).toEqual({
      kind: 'failed',
      jobName: JOB,
      reason: 'ForeignJob',
      message: `a Job named "${JOB}" already exists in namespace "${NS}" without this release's labels: it is not ours to follow`,
      logTail: [],
    });
    expect([cluster.created, cluster.watchedJob, cluster.deleted, m.progress]).toEqual([0, undefined, [], []]);
  });

  it('given no such Deployment, when the migration runs, then it fails naming it and no Job is created', async () => {
    // given
    const cluster = new FakeJobsCluster();
    cluster.deployment = undefined;

    // when
    const m = await startMigration({ cluster });
    await m.done;

    // then
    expect(m.outcome()).toEqual({
      kind: 'failed',
      jobName: JOB,
      reason: 'DeploymentNotFound',
      message: `deployment "backend" of service "backend" not found in namespace "${NS}": no Job created`,
      logTail: [],
    });
    expect(cluster.created).toBe(0);
  });

  it('given a Deployment without the named container, when the migration runs, then it fails naming the containers there are', async () => {
    // given
    const cluster = new FakeJobsCluster();
    cluster.deployment!.spec.template.spec.containers.push({ name: 'envoy', image: 'envoy:1' });

    // when
    const m = await startMigration({ cluster, target: target({ container: 'api' }) });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ kind: 'failed', reason: 'ContainerNotFound', message: 'deployment "backend" has no container "api" (it has "backend", "envoy"): no Job created' });
    expect(m.cluster.created).toBe(0);
  });

  it('given a Deployment with no containers at all, when the migration runs, then it says so', async () => {
    // given
    const cluster = new FakeJobsCluster();
    cluster.deployment!.spec.template.spec.containers = [];

    // when
    const m = await startMigration({ cluster });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ reason: 'ContainerNotFound', message: 'deployment "backend" has no container "backend" (it has none): no Job created' });
  });

  it('given an env variable from a source the port does not carry, when the migration runs, then no Job is made without it', async () => {
    // given
    const cluster = new FakeJobsCluster();
    cluster.deployment!.spec.template.spec.containers[0]!.env = [{ name: 'A', value: '1' }, { name: 'DATABASE_URL', valueFrom: {} }, { name: 'B', valueFrom: {} }];

    // when
    const m = await startMigration({ cluster });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({
      reason: 'EnvironmentNotCopyable',
      message: 'container "backend" of deployment "backend" takes DATABASE_URL, B from a source shipmate cannot copy: no Job created',
    });
    expect(cluster.created).toBe(0);
  });

  it.each([
    ['invalid', 'Kubernetes create job shop-staging/x rejected: metadata.name: Invalid value'],
    ['forbidden', 'Kubernetes create job shop-staging/x forbidden: cannot create resource "jobs"'],
  ] as const)('given the API server refuses the Job (%s), when the migration runs, then it fails quoting the refusal', async (code, message) => {
    // given
    const cluster = new FakeJobsCluster();
    cluster.createFailure = new PortError(code, message);

    // when
    const m = await startMigration({ cluster });
    await m.done;

    // then
    expect(m.outcome()).toEqual({ kind: 'failed', jobName: JOB, reason: 'JobRejected', message, logTail: [] });
  });

  it('given the cluster unreachable at create, when the migration runs, then it rejects for the caller to retry', async () => {
    // given
    const cluster = new FakeJobsCluster();
    const unreachable = new PortError('unreachable', 'Kubernetes create job: connect ECONNREFUSED');
    cluster.createFailure = unreachable;

    // when
    const m = await startMigration({ cluster });
    await m.done;

    // then
    expect(m.error()).toBe(unreachable);
    expect(m.outcome()).toBeUndefined();
  });

  it('given a Job that finished before the watch opened, when it is followed, then the watch closes as soon as it opens', async () => {
    // given
    const cluster = new FakeJobsCluster();
    cluster.jobs.set(JOB, jobOf(JOB, LABELS, { succeeded: 1, conditions: COMPLETE.slice(0, 1) }));

    // when
    const m = await startMigration({ cluster });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ kind: 'succeeded' });
    expect(cluster.stopped).toEqual({ job: 1, pods: 1 });
  });
});
