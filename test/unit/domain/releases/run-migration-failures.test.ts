import { describe, expect, it } from 'vitest';
import { MIGRATION_LOG_LINES } from '../../../../src/domain/releases/run-migration.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { flush } from '../../../support/rollout-fixtures.js';
import { EXITED_1, FakeJobsCluster, JOB, POD, RUNNING, condition, jobPod, startMigration } from './run-migration-fixtures.js';

const LOG = Array.from({ length: 25 }, (_, i) => `alembic line ${i + 1}`);
const BACKOFF = [condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'), condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')];
const DEADLINE = [condition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline')];

describe('runMigration: a failed migration, with the last lines of its log', () => {
  it('given a migration that exits 1, when its Job fails with BackoffLimitExceeded, then the outcome names the exit and quotes the last 20 log lines of the failed pod', async () => {
    // given
    const m = await startMigration();
    m.cluster.logs[POD] = LOG;
    m.cluster.emitPods([jobPod('Running', RUNNING)]);

    // when
    m.cluster.emitPods([jobPod('Failed', EXITED_1)]);
    m.cluster.emitJob({ active: 0, failed: 1, conditions: BACKOFF });
    await m.done;

    // then
    expect(m.outcome()).toEqual({
      kind: 'failed',
      jobName: JOB,
      reason: 'BackoffLimitExceeded',
      message: `Job has reached the specified backoff limit; container "backend" of pod "${POD}" exited with code 1 (Error)`,
      logTail: LOG.slice(-20),
    });
    expect(m.cluster.logReads).toEqual([{ pod: POD, options: { container: 'backend', tailLines: MIGRATION_LOG_LINES } }]);
    expect(m.progress).toEqual([`Job ${JOB} created`, `pod ${POD} running`, `pod ${POD} failed: exit code 1 (Error)`]);
    expect(m.cluster.deleted).toEqual([]);
  });

  it('given several pods of the Job, when it fails, then the log quoted is the newest failed pod, and its termination message is named', async () => {
    // given
    const m = await startMigration();
    const older = jobPod('Failed', EXITED_1, `${JOB}-older`, '2025-01-01T12:00:01Z');
    const newer = jobPod('Failed', { terminated: { exitCode: 2, reason: 'Error', message: 'relation "users" already exists' } }, `${JOB}-newer`, '2025-01-01T12:00:09Z');
    const pending = jobPod('Pending', {}, `${JOB}-pending`, '2025-01-01T12:00:20Z');
    m.cluster.pods = [older, newer, pending];
    m.cluster.logs[newer.name] = ['boom'];

    // when
    m.cluster.emitJob({ conditions: BACKOFF.slice(0, 1) });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({
      message: `Job has reached the specified backoff limit; container "backend" of pod "${newer.name}" exited with code 2 (Error): relation "users" already exists`,
      logTail: ['boom'],
    });
  });

  it('given a migration past its deadline, when the Job fails with DeadlineExceeded and its pod is already gone, then the outcome says the log went with the pod', async () => {
    // given
    const m = await startMigration();
    m.cluster.emitPods([jobPod('Running', RUNNING)]);
    m.cluster.emitPods([]);

    // when
    m.cluster.emitJob({ active: 0, failed: 1, conditions: DEADLINE });
    await m.done;

    // then
    expect(m.outcome()).toEqual({
      kind: 'failed',
      jobName: JOB,
      reason: 'DeadlineExceeded',
      message: `Job was active longer than specified deadline; pod "${POD}" is gone, and its log with it`,
      logTail: [],
    });
  });

  it('given a failed Job whose pods were never seen, when it fails, then the outcome says there is no pod to read a log from', async () => {
    // given
    const m = await startMigration();

    // when
    m.cluster.emitJob({ conditions: [{ type: 'Failed', status: 'True' }] });
    await m.done;

    // then
    expect(m.outcome()).toEqual({ kind: 'failed', jobName: JOB, reason: 'Failed', message: 'the Job has the condition Failed; no pod of the Job is left to read a log from', logTail: [] });
  });

  it.each(['ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'InvalidImageName'])(
    'given a pod stuck in %s, when it is seen, then the migration fails at once without waiting for the Job, saying why its log cannot be read, and the Job is left alone',
    async (reason) => {
      // given
      const m = await startMigration();
      const refusal = new PortError('remote', `Kubernetes read the log of pod ${POD}: container "backend" in pod "${POD}" is waiting to start`);
      m.cluster.logs[POD] = refusal;

      // when
      m.cluster.emitPods([jobPod('Pending', { waiting: { reason, message: 'kubelet says no' } })]);
      await m.done;

      // then
      expect(m.outcome()).toEqual({
        kind: 'failed',
        jobName: JOB,
        reason,
        message: `container "backend" of pod "${POD}" is stuck in ${reason}: kubelet says no; the Job is left to end at its deadline; the log of pod "${POD}" could not be read: ${refusal.message}`,
        logTail: [],
      });
      expect(m.progress.at(-1)).toBe(`pod ${POD} waiting: ${reason}`);
      expect(m.cluster.deleted).toEqual([]);
      expect(m.cluster.stopped).toEqual({ job: 1, pods: 1 });
    },
  );

  it('given pods waiting for reasons that resolve by themselves, when they are seen, then the migration keeps following the Job', async () => {
    // given
    const m = await startMigration();

    // when
    m.cluster.emitPods([jobPod('Pending', { waiting: { reason: 'ContainerCreating' } }), jobPod('Pending', { waiting: { reason: 'PodInitializing' } }, 'other')]);
    m.cluster.emitJob({ active: 1 });
    await flush();

    // then
    expect(m.outcome()).toBeUndefined();
    expect(m.cluster.stopped).toEqual({ job: 0, pods: 0 });
  });

  it('given a stuck init container, when it is seen, then the migration fails naming that container', async () => {
    // given
    const m = await startMigration();
    const pod = { ...jobPod('Pending', {}), initContainerStatuses: [{ name: 'wait-db', image: 'busybox', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } }, lastState: {} }] };

    // when
    m.cluster.emitPods([pod]);
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ reason: 'ErrImagePull', message: expect.stringMatching(/^container "wait-db" of pod "[^"]+" is stuck in ErrImagePull; the Job/) });
  });

  it('given a Job that never ends, when our own bound (time limit + 1 minute) passes, then it fails with the running pod log and the Job is left running', async () => {
    // given
    const m = await startMigration();
    m.cluster.logs[POD] = ['still migrating'];
    m.cluster.emitPods([jobPod('Running', RUNNING)]);

    // when
    m.clock.elapse();
    await m.done;

    // then
    expect(m.outcome()).toEqual({
      kind: 'failed',
      jobName: JOB,
      reason: 'Timeout',
      message: 'the Job had not ended 11 minutes after it was followed, past its own 10-minute deadline; it is left as it is',
      logTail: ['still migrating'],
    });
    expect([m.cluster.deleted, m.cluster.stopped]).toEqual([[], { job: 1, pods: 1 }]);
  });

  it('given the follow is aborted, when the signal fires, then it rejects with the reason, stops watching, reads no log, and leaves the Job', async () => {
    // given
    const controller = new AbortController();
    const m = await startMigration({ signal: controller.signal });
    const reason = new Error('leader lost');

    // when
    controller.abort(reason);
    await m.done;
    m.cluster.emitPods([jobPod('Failed', EXITED_1)]);
    await flush();

    // then
    expect(m.error()).toBe(reason);
    expect(m.outcome()).toBeUndefined();
    expect([m.cluster.stopped, m.cluster.deleted, m.cluster.logReads]).toEqual([{ job: 1, pods: 1 }, [], []]);
    expect(m.clock.sleepSignals[0]?.aborted).toBe(true);
  });

  it('given an aborted signal, when the migration starts, then it rejects with the reason and nothing is read or created', async () => {
    // given
    const controller = new AbortController();
    controller.abort('shutting down');

    // when
    const m = await startMigration({ signal: controller.signal });
    await m.done;

    // then
    expect(m.error()).toBe('shutting down');
    expect(m.cluster.created).toBe(0);
  });

  it('given an abort while the Deployment is read, when the read answers, then no Job is created', async () => {
    // given
    const controller = new AbortController();
    const cluster = new FakeJobsCluster();
    let answer = () => undefined as void;
    const deployment = cluster.deployment;
    cluster.getDeployment = () => new Promise((resolve) => (answer = () => resolve(deployment)));
    const m = await startMigration({ cluster, signal: controller.signal });

    // when
    controller.abort('stop');
    answer();
    await m.done;

    // then
    expect([m.error(), cluster.created]).toEqual(['stop', 0]);
  });

  it('given an abort while the failed log is read, when both happen, then the abort wins', async () => {
    // given
    const controller = new AbortController();
    const cluster = new FakeJobsCluster();
    let release = () => undefined as void;
    cluster.listPods = () => new Promise((resolve) => (release = () => resolve([])));
    const m = await startMigration({ cluster, signal: controller.signal });

    // when
    cluster.emitJob({ conditions: BACKOFF });
    controller.abort('stop');
    release();
    await m.done;

    // then
    expect([m.error(), m.outcome()]).toEqual(['stop', undefined]);
  });

  it('given a watch that gives up, when it reports the error, then the migration rejects with it', async () => {
    // given
    const m = await startMigration();
    const gone = new Error(`job/${JOB} was deleted from shop-staging`);

    // when
    m.cluster.breakWatch(gone);
    await m.done;

    // then
    expect(m.error()).toBe(gone);
    expect(m.cluster.stopped).toEqual({ job: 1, pods: 1 });
  });
});
