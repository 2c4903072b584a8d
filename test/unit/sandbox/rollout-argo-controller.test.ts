import { describe, expect, it } from 'vitest';
import { ROLLOUT_REVISION } from '../../../src/sandbox/kube/rollout-argo-objects.js';
import { canaryWorld } from '../../support/argo-rollout-fixtures.js';

describe('the sandbox Argo Rollouts controller (canary)', () => {
  it('given the canary world, when started, then checkout has one stable ReplicaSet owned by the Rollout with 5 ready pods, and is Healthy', () => {
    const { rollout, replicaSets, readyPodsOf } = canaryWorld();

    expect(replicaSets()).toHaveLength(1);
    const rs = replicaSets()[0]!;
    const hash = rs.metadata?.labels?.['rollouts-pod-template-hash'];
    expect(rs.metadata?.name).toBe(`checkout-${hash}`);
    expect(rs.metadata?.ownerReferences).toEqual([expect.objectContaining({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'checkout', controller: true })]);
    expect(rs.metadata?.annotations?.[ROLLOUT_REVISION]).toBe('1');
    expect(readyPodsOf(hash)).toBe(5);
    expect(rollout.status).toMatchObject({
      phase: 'Healthy',
      stableRS: hash,
      currentPodHash: hash,
      currentStepIndex: 5,
      replicas: 5,
      updatedReplicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
      observedGeneration: '1',
      selector: `app=checkout,rollouts-pod-template-hash=${hash}`,
    });
    expect(rollout.status?.message).toBeUndefined();
  });

  it('given a new image, when its first step runs, then a revision-2 ReplicaSet gets 1 pod of 5 (20 %), the stable keeps 4, and the pause step pauses it', () => {
    const { rollout, deploy, clock, readyPodsOf, replicaSetOf } = canaryWorld();
    const stable = rollout.status!.stableRS;

    deploy('1.1.0');
    clock.advance(0);
    const canary = rollout.status!.currentPodHash;
    expect(canary).not.toBe(stable);
    expect(rollout.status).toMatchObject({ phase: 'Progressing', message: 'more replicas need to be updated', currentStepIndex: 0, observedGeneration: '2' });
    expect(replicaSetOf(canary)?.metadata?.annotations?.[ROLLOUT_REVISION]).toBe('2');
    expect(rollout.metadata?.annotations?.[ROLLOUT_REVISION]).toBe('2');
    clock.advance(1000);

    expect(readyPodsOf(canary)).toBe(1);
    expect(readyPodsOf(stable)).toBe(4);
    expect(rollout.status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
      controllerPause: true,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-12-01T10:00:01Z' }],
      stableRS: stable,
      updatedReplicas: 1,
      replicas: 5,
    });
    clock.advance(3_600_000);
    expect(rollout.status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
  });

  it('given a paused canary, when promoted (pauseConditions cleared), then 50 %, the analysis passes, 100 %, and the new ReplicaSet becomes the stable one', () => {
    const { rollout, clock, pausedCanary, promote, readyPodsOf, analysisRuns, replicaSets } = canaryWorld();
    const { stable, canary } = pausedCanary();

    promote();
    clock.advance(1000);
    expect(readyPodsOf(canary)).toBe(3);
    expect(readyPodsOf(stable)).toBe(2);
    expect(rollout.status).toMatchObject({ phase: 'Progressing', currentStepIndex: 3, controllerPause: false });
    expect(rollout.status?.pauseConditions).toBeUndefined();
    const [run] = analysisRuns();
    expect(run?.metadata?.name).toBe(`checkout-${canary}-2-3`);
    expect(run?.metadata?.labels).toEqual({ 'rollouts-pod-template-hash': canary, 'rollout-type': 'Step', 'step-index': '3' });
    expect(rollout.status?.canary?.currentStepAnalysisRunStatus).toMatchObject({ name: run?.metadata?.name });

    clock.advance(1000);
    expect(run?.status).toMatchObject({
      phase: 'Successful',
      metricResults: [
        {
          name: 'error-rate',
          phase: 'Successful',
          count: 2,
          successful: 2,
          measurements: [expect.objectContaining({ phase: 'Successful', value: '[0.2]' }), expect.objectContaining({ phase: 'Successful', value: '[0.3]' })],
        },
      ],
    });
    clock.advance(2000);
    expect(readyPodsOf(canary)).toBe(5);
    expect(readyPodsOf(stable)).toBe(0);
    expect(replicaSets().map((rs) => rs.spec.replicas).sort()).toEqual([0, 5]);
    expect(rollout.status).toMatchObject({ phase: 'Healthy', stableRS: canary, currentPodHash: canary, currentStepIndex: 5, updatedReplicas: 5, availableReplicas: 5, replicas: 5 });
    expect(rollout.status?.canary).toBeUndefined();
    expect(rollout.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('given the failing analysis world, when the analysis measures 3.5, then the run fails with Argo\'s message and the Rollout aborts back to the stable ReplicaSet', () => {
    const { rollout, clock, pausedCanary, promote, readyPodsOf, analysisRuns } = canaryWorld('canary-analysis-failing');
    const { stable, canary } = pausedCanary();
    promote();
    clock.advance(1000);
    clock.advance(1000);

    const [run] = analysisRuns();
    expect(run?.status).toMatchObject({
      phase: 'Failed',
      message: 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)',
      metricResults: [{ name: 'error-rate', phase: 'Failed', count: 2, successful: 1, failed: 1 }],
    });
    expect(run?.status.metricResults?.[0]?.message).toBeUndefined();
    expect(run?.status.metricResults?.[0]?.measurements?.map((m) => [m.phase, m.value])).toEqual([
      ['Successful', '[0.4]'],
      ['Failed', '[3.5]'],
    ]);
    expect(rollout.status).toMatchObject({
      phase: 'Degraded',
      message:
        'RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)',
      abort: true,
      abortedAt: expect.any(String),
      currentStepIndex: 0,
      stableRS: stable,
      canary: { currentStepAnalysisRunStatus: { name: run?.metadata?.name, status: 'Failed' } },
    });
    clock.advance(2000);
    expect(readyPodsOf(canary)).toBe(0);
    expect(readyPodsOf(stable)).toBe(5);
    expect(rollout.status).toMatchObject({ phase: 'Degraded', availableReplicas: 5 });
  });

  it('given a paused canary, when aborted (status.abort = true), then the canary goes to 0, the stable back to 5, and it is Degraded with "Rollout aborted update to revision 2"', () => {
    const { rollout, clock, pausedCanary, patchStatus, readyPodsOf } = canaryWorld();
    const { stable, canary } = pausedCanary();

    patchStatus((status) => (status.abort = true));
    clock.advance(2000);

    expect(readyPodsOf(canary)).toBe(0);
    expect(readyPodsOf(stable)).toBe(5);
    expect(rollout.status).toMatchObject({
      phase: 'Degraded',
      message: 'RolloutAborted: Rollout aborted update to revision 2',
      abort: true,
      abortedAt: '2026-12-01T10:00:02Z',
      currentStepIndex: 0,
      controllerPause: false,
    });
    expect(rollout.status?.pauseConditions).toBeUndefined();
  });

  it('given an aborted canary, when the stable image is deployed again, then its ReplicaSet takes revision 3, the abort is cleared and the Rollout is Healthy', () => {
    const { rollout, clock, pausedCanary, patchStatus, deploy, replicaSetOf, readyPodsOf } = canaryWorld();
    const { stable, canary } = pausedCanary();
    patchStatus((status) => (status.abort = true));
    clock.advance(2000);

    deploy('1.0.0');
    clock.advance(1000);

    expect(replicaSetOf(stable)?.metadata?.annotations?.[ROLLOUT_REVISION]).toBe('3');
    expect(rollout.metadata?.annotations?.[ROLLOUT_REVISION]).toBe('3');
    expect(readyPodsOf(stable)).toBe(5);
    expect(readyPodsOf(canary)).toBe(0);
    expect(rollout.status).toMatchObject({ phase: 'Healthy', stableRS: stable, currentPodHash: stable, currentStepIndex: 5 });
    expect(rollout.status?.abort).toBeUndefined();
    expect(rollout.status?.abortedAt).toBeUndefined();
  });
});
