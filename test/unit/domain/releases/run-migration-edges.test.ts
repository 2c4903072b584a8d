import { describe, expect, it } from 'vitest';
import { PortError } from '../../../../src/ports/port-error.js';
import { JOB, POD, jobPod, startMigration } from './run-migration-fixtures.js';

describe('runMigration: a failure is told even when the cluster says little', () => {
  it('given a failed Job whose pods were never seen and a pod list that fails, when it fails, then the outcome still says there is no pod to read a log from', async () => {
    // given
    const m = await startMigration();
    m.cluster.listPods = () => Promise.reject(new PortError('unreachable', 'Kubernetes API unreachable'));
    // when
    m.cluster.emitJob({ conditions: [{ type: 'Failed', status: 'True' }] });
    await m.done;
    // then
    expect(m.error()).toBeUndefined();
    expect(m.outcome()).toEqual({ kind: 'failed', jobName: JOB, reason: 'Failed', message: 'the Job has the condition Failed; no pod of the Job is left to read a log from', logTail: [] });
  });

  it('given a container that ended without an exit code, when the Job fails, then the outcome says the code is unknown', async () => {
    // given
    const m = await startMigration();
    m.cluster.logs[POD] = ['killed'];
    m.cluster.emitPods([jobPod('Failed', { terminated: { reason: 'ContainerStatusUnknown' } })]);
    // when
    m.cluster.emitJob({ conditions: [{ type: 'Failed', status: 'True' }] });
    await m.done;
    // then
    expect(m.outcome()).toEqual({
      kind: 'failed', jobName: JOB, reason: 'Failed', logTail: ['killed'],
      message: `the Job has the condition Failed; container "backend" of pod "${POD}" exited with code ? (ContainerStatusUnknown)`,
    });
  });
});
