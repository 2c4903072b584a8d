import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/ports/cluster.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { flush } from '../../../support/rollout-fixtures.js';
import { EXITED_1, FakeJobsCluster, JOB, POD, RUNNING, condition, containerStatus, jobPod, startMigration } from './run-migration-fixtures.js';

/** How the follow ends once and only once, whatever arrives late: watch events after the outcome, the timeout, an abort. */

const FAILED = [condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')];
const STUCK = { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } };

/** listPods held until the test releases it: the failure's log is being read meanwhile. */
function holdListPods(cluster: FakeJobsCluster): () => void {
  let release = () => undefined as void;
  const listPods = cluster.listPods.bind(cluster);
  cluster.listPods = () => new Promise<Pod[]>((resolve) => (release = () => void listPods().then(resolve)));
  return () => release();
}

describe('runMigration: one outcome, whatever comes late', () => {
  it('given a pod already stuck when the follow starts, when its pods are first listed, then it fails without opening the Job watch', async () => {
    // given
    const cluster = new FakeJobsCluster();
    cluster.pods = [jobPod('Pending', STUCK)];
    const release = holdListPods(cluster);

    // when
    const m = await startMigration({ cluster });
    const whileReporting = { ...cluster.stopped };
    release();
    await m.done;

    // then: the pods watch was closed as soon as it opened, before the report was ready
    expect(m.outcome()).toMatchObject({ reason: 'ImagePullBackOff' });
    expect(whileReporting).toEqual({ job: 0, pods: 1 });
    expect([cluster.watchedJob, cluster.stopped]).toEqual([undefined, { job: 0, pods: 1 }]);
  });

  it('given a stuck pod being reported, when the Job fails and pods change meanwhile, then the first cause stands and the log is read once', async () => {
    // given
    const m = await startMigration();
    const release = holdListPods(m.cluster);
    m.cluster.logs[POD] = ['pulling'];
    m.cluster.emitPods([jobPod('Pending', STUCK)]);
    const said = [...m.progress];

    // when
    m.cluster.emitJob({ conditions: FAILED });
    m.cluster.emitPods([jobPod('Failed', EXITED_1)]);
    m.clock.elapse();
    await flush();
    release();
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ reason: 'ImagePullBackOff', logTail: ['pulling'] });
    expect(m.cluster.logReads).toHaveLength(1);
    expect(m.progress).toEqual(said);
  });

  it('given a finished follow, when the timeout sleep ends as the system clock ends it, then no timeout failure is put together', async () => {
    // given
    const m = await startMigration();
    m.cluster.logs[POD] = ['done'];
    m.cluster.emitPods([jobPod('Succeeded', { terminated: { exitCode: 0 } })]);
    m.cluster.emitJob({ succeeded: 1, conditions: [condition('Complete', 'CompletionsReached')] });
    await m.done;

    // when
    m.clock.elapse();
    await flush();

    // then
    expect(m.outcome()).toMatchObject({ kind: 'succeeded', message: 'alembic upgrade head exited 0' });
    expect(m.cluster.logReads).toEqual([]);
  });

  it('given the follow aborted, when pods change afterwards, then nothing more is said', async () => {
    // given
    const controller = new AbortController();
    const m = await startMigration({ signal: controller.signal });
    m.cluster.emitPods([jobPod('Running', RUNNING)]);
    controller.abort('stop');
    await m.done;

    // when
    m.cluster.emitPods([jobPod('Failed', EXITED_1)]);
    m.cluster.emitJob({ conditions: FAILED });
    await flush();

    // then
    expect(m.progress).toEqual([`Job ${JOB} created`, `pod ${POD} running`]);
    expect(m.cluster.logReads).toEqual([]);
  });

  it('given onProgress aborts on the first line, when the follow would start, then it rejects and opens no watch', async () => {
    // given
    const controller = new AbortController();

    // when
    const m = await startMigration({ signal: controller.signal, onLine: () => controller.abort('leader lost') });
    await m.done;

    // then
    expect(m.error()).toBe('leader lost');
    expect([m.progress, m.cluster.podSelector]).toEqual([[`Job ${JOB} created`], undefined]);
  });

  it('given the pods cannot be watched, when the follow starts, then it rejects with the port error', async () => {
    // given
    const cluster = new FakeJobsCluster();
    const denied = new PortError('forbidden', 'Kubernetes watch pods: forbidden');
    cluster.watchPods = () => Promise.reject(denied);

    // when
    const m = await startMigration({ cluster });
    await m.done;

    // then
    expect(m.error()).toBe(denied);
  });

  it('given a Job condition that is not True, when it is seen, then it decides nothing', async () => {
    // given
    const m = await startMigration();

    // when
    m.cluster.emitJob({ conditions: [{ type: 'Failed', status: 'False' }, { type: 'Complete', status: 'Unknown' }] });
    await flush();

    // then
    expect(m.outcome()).toBeUndefined();
  });

  it('given a Job whose pods the watch saw only running, when it fails, then the fresh list names how the container ended', async () => {
    // given
    const m = await startMigration();
    m.cluster.emitPods([jobPod('Running', RUNNING)]);
    m.cluster.pods = [jobPod('Failed', { terminated: { exitCode: 3 } })];

    // when
    m.cluster.emitJob({ conditions: FAILED });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ message: `Job has reached the specified backoff limit; container "backend" of pod "${POD}" exited with code 3; pod "${POD}" is gone, and its log with it` });
  });

  it('given the pods cannot be listed at the failure, when it is reported, then the pods the watch saw are quoted', async () => {
    // given
    const m = await startMigration();
    m.cluster.emitPods([jobPod('Failed', EXITED_1)]);
    m.cluster.listPods = () => Promise.reject(new Error('connection reset'));
    m.cluster.logs[POD] = ['error: relation exists'];

    // when
    m.cluster.emitJob({ conditions: FAILED });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ logTail: ['error: relation exists'], message: expect.stringContaining(`of pod "${POD}" exited with code 1 (Error)`) });
  });

  it('given a port that throws outright while the failure is put together, when it does, then the migration rejects rather than hang', async () => {
    // given
    const m = await startMigration();
    const bug = new Error('listPods is not a function');
    m.cluster.listPods = () => {
      throw bug;
    };

    // when
    m.cluster.emitJob({ conditions: FAILED });
    await m.done;

    // then
    expect(m.error()).toBe(bug);
  });

  it.each([
    ['newest first', ['12:00:09', '12:00:01', undefined]],
    ['oldest first', [undefined, '12:00:01', '12:00:09']],
  ])('given failed pods listed %s, when the Job fails, then the newest failed pod is quoted', async (_order, times) => {
    // given
    const m = await startMigration();
    m.cluster.pods = times.map((time) => {
      const { createdAt: _created, ...pod } = jobPod('Failed', EXITED_1, `${JOB}-${time ?? 'unknown'}`.replaceAll(':', ''));
      return time ? { ...pod, createdAt: `2025-01-01T${time}Z` } : pod;
    });

    // when
    m.cluster.emitJob({ conditions: FAILED });
    await m.done;

    // then
    expect(m.cluster.logReads.map((r) => r.pod)).toEqual([`${JOB}-120009`]);
  });

  it('given a pod whose sidecar ended first, or without the migration container, when the Job fails, then only the migration container exit is named', async () => {
    // given
    const m = await startMigration();
    const withSidecar = { ...jobPod('Failed', EXITED_1), containerStatuses: [containerStatus({ terminated: { exitCode: 0 } }, 'istio-proxy'), containerStatus(EXITED_1)] };
    m.cluster.pods = [withSidecar];

    // when
    m.cluster.emitJob({ conditions: FAILED });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ message: expect.stringContaining(`container "backend" of pod "${POD}" exited with code 1 (Error)`) });
  });

  it('given a failed pod without the migration container status, when the Job fails, then no exit is named', async () => {
    // given
    const m = await startMigration();
    m.cluster.pods = [{ ...jobPod('Failed', EXITED_1), containerStatuses: [containerStatus(EXITED_1, 'other')] }];
    m.cluster.logs[POD] = [];

    // when
    m.cluster.emitJob({ conditions: FAILED });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ message: 'Job has reached the specified backoff limit', logTail: [] });
  });

  it('given a stuck pod and a newer one, when the migration fails, then the log read is the stuck pod one', async () => {
    // given
    const cluster = new FakeJobsCluster();
    const newer = jobPod('Pending', { waiting: { reason: 'ContainerCreating' } }, `${JOB}-newer`, '2025-01-01T12:05:00Z');
    cluster.pods = [jobPod('Pending', { waiting: { reason: 'CreateContainerConfigError' } }), newer];

    // when
    const m = await startMigration({ cluster });
    await m.done;

    // then
    expect(m.cluster.logReads.map((r) => r.pod)).toEqual([POD]);
    expect(m.outcome()).toMatchObject({ message: `container "backend" of pod "${POD}" is stuck in CreateContainerConfigError; the Job is left to end at its deadline; pod "${POD}" is gone, and its log with it` });
  });

  it('given a port that reads the whole log, when a failure quotes it, then only the last 20 lines are kept', async () => {
    // given
    const m = await startMigration();
    const log = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    m.cluster.readPodLog = async () => log;
    m.cluster.emitPods([jobPod('Failed', EXITED_1)]);

    // when
    m.cluster.emitJob({ conditions: FAILED });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ logTail: log.slice(10) });
  });

  it('given pods with a sidecar, no status yet, or an unknown exit, when their lines are said, then each names the migration container state', async () => {
    // given
    const m = await startMigration();
    const sidecar = { ...jobPod('Running', RUNNING), containerStatuses: [containerStatus({ running: {} }, 'istio-proxy'), containerStatus({ terminated: { exitCode: 0 } })] };
    const fresh = { ...jobPod('Pending', {}, `${JOB}-fresh`), containerStatuses: [] };
    const unknown = { ...jobPod('Failed', { terminated: {} }, `${JOB}-unknown`), containerStatuses: [containerStatus({ terminated: {} }, 'other')] };

    // when
    m.cluster.emitPods([sidecar, fresh, unknown]);
    await flush();

    // then
    expect(m.progress.slice(1)).toEqual([`pod ${POD} finished: exit code 0`, `pod ${JOB}-fresh pending`, `pod ${JOB}-unknown failed: exit code ?`]);
  });

  it('given a Job reporting only Complete with a start after its end, when it succeeds, then the duration is never negative', async () => {
    // given
    const m = await startMigration();

    // when
    m.cluster.emitJob({ startTime: '2025-01-01T12:00:43Z', conditions: [condition('Complete', 'CompletionsReached', undefined, '2025-01-01T12:00:42Z')] });
    await m.done;

    // then
    expect(m.outcome()).toMatchObject({ kind: 'succeeded', message: 'alembic upgrade head exited 0 after 0 s' });
  });
});
