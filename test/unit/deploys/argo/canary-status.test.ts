import { describe, expect, it } from 'vitest';
import { canaryStatus } from '../../../../src/domain/deploys/argo/canary-status.js';
import { CANARY, STABLE, crashing, pod, podsOf, ready, rollout } from './canary-fakes.js';

describe('canaryStatus: what `kubectl argo rollouts status` / `get` say about a canary', () => {
  it('given a canary paused at its pause step with one canary pod ready, when read, then step, set weight, actual weight and Argo\'s pause reason make the line', () => {
    // given
    const paused = rollout({ currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep' }], controllerPause: true, updatedReplicas: 1 });
    // when
    const status = canaryStatus(paused, [...podsOf(STABLE, 4), ...podsOf(CANARY, 1)]);
    // then
    expect(status).toMatchObject({ phase: 'Paused', message: 'CanaryPauseStep', observed: true, stepIndex: 1, stepCount: 5, step: { pause: {} }, setWeight: 20, actualWeight: 20, canaryReady: 1, desired: 5, updated: 1, available: 5 });
    expect(status.line).toBe('Step 2/5 · setWeight 20 · canary 1/5 ready · Paused (CanaryPauseStep)');
  });

  it('given an analysis step after setWeight 50, when read, then the set weight is the last setWeight at or before the current step', () => {
    expect(canaryStatus(rollout({ currentStepIndex: 3 })).setWeight).toBe(50);
    expect(canaryStatus(rollout({ currentStepIndex: 2 })).setWeight).toBe(50);
    expect(canaryStatus(rollout({ currentStepIndex: 0, steps: [{ pause: {} }, { setWeight: 30 }] })).setWeight).toBe(0);
  });

  it('given every step ran, when read, then the set and actual weights are 100 and the step is the last', () => {
    // when
    const status = canaryStatus(rollout({ currentStepIndex: 5, phase: 'Healthy', message: '', currentPodHash: CANARY, stableRS: CANARY, updatedReplicas: 5 }), podsOf(CANARY, 5));
    // then
    expect(status).toMatchObject({ setWeight: 100, actualWeight: 100, stepIndex: 5, phase: 'Healthy' });
    expect(status.step).toBeUndefined();
    expect(status.line).toBe('Step 5/5 · setWeight 100 · canary 5/5 ready · Healthy');
  });

  it('given an aborted canary, when read, then the set weight is 0 as Argo computes it', () => {
    expect(canaryStatus(rollout({ currentStepIndex: 3, abort: true })).setWeight).toBe(0);
  });

  it('given the canary behind its set weight, when read, then the actual weight is its ready share of the available pods, rounded down', () => {
    // given setWeight 50 with 1 of 5 available pods on the canary, and a crash-looping canary pod that does not count
    const r = rollout({ currentStepIndex: 2, availableReplicas: 4 });
    const pods = [...podsOf(STABLE, 3), pod('checkout-canary-0', CANARY), pod('checkout-canary-1', CANARY, crashing('checkout-canary-1'))];
    // when
    const status = canaryStatus(r, pods);
    // then
    expect(status).toMatchObject({ setWeight: 50, actualWeight: 25, canaryReady: 1 });
    expect(status.line).toBe('Step 3/5 · setWeight 50 (actual 25) · canary 1/5 ready · Progressing (more replicas need to be updated)');
  });

  it('given a traffic router\'s weights, or nothing available, when read, then the actual weight is the router\'s, or 0', () => {
    expect(canaryStatus(rollout({ currentStepIndex: 2, weights: { canary: 45, stable: 55 } })).actualWeight).toBe(45);
    expect(canaryStatus(rollout({ currentStepIndex: 2, availableReplicas: 0 }), podsOf(CANARY, 2)).actualWeight).toBe(0);
  });

  it('given more canary pods ready than the status counts available yet (the pod watch ahead of the status), when read, then the actual weight is 100 at most', () => {
    // given 4 ready canary pods, a status still saying 3 available
    const status = canaryStatus(rollout({ currentStepIndex: 4, availableReplicas: 3 }), podsOf(CANARY, 4));
    // then
    expect(status.actualWeight).toBe(100);
    expect(status.line).toContain('setWeight 100 · canary 4/5 ready');
  });

  it('given a Rollout without steps, when read, then there is no step and the weight is full', () => {
    // when
    const status = canaryStatus(rollout({ steps: [], currentStepIndex: undefined }));
    // then
    expect(status.stepIndex).toBeUndefined();
    expect(status.line).toBe('setWeight 100 · canary 0/5 ready · Progressing (more replicas need to be updated)');
  });

  it('given a status from before the patch, when read, then it is not observed and Progressing, whatever it says', () => {
    // given a version whose controller has not seen generation 2: Healthy on the old revision
    const stale = rollout({ observedGeneration: 1, phase: 'Healthy', message: '', currentPodHash: STABLE });
    // when
    const status = canaryStatus(stale);
    // then
    expect(status).toMatchObject({ observed: false, phase: 'Progressing', message: 'waiting for rollout spec update to be observed' });
    expect(status.line).toBe('Progressing (waiting for rollout spec update to be observed)');
  });

  it('given the generation we patched is newer than the object seen, when read against it, then it is not observed either', () => {
    expect(canaryStatus(rollout({ generation: 2, observedGeneration: 2 }), [], 3).observed).toBe(false);
    expect(canaryStatus(rollout({ generation: 2, observedGeneration: 3 }), [], 3).observed).toBe(true);
    expect(canaryStatus(rollout({ observedGeneration: undefined })).observed).toBe(true);
  });

  it('given a promote not yet seen by the controller (controllerPause, no pause conditions), when read, then it is unpausing', () => {
    // when
    const status = canaryStatus(rollout({ currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep', controllerPause: true, pauseConditions: [] }));
    // then
    expect(status).toMatchObject({ phase: 'Progressing', message: 'waiting for rollout to unpause' });
  });

  it('given a controller that writes a phase without a message, when read, then the line ends with the phase alone', () => {
    // when
    const status = canaryStatus(rollout({ currentStepIndex: 2, phase: 'Progressing', message: undefined }));
    // then
    expect(status.message).toBe('');
    expect(status.line).toBe('Step 3/5 · setWeight 50 (actual 0) · canary 0/5 ready · Progressing');
  });

  it('given the canary\'s pod hash is the stable ReplicaSet\'s at a step, when read, then its pods are stable ones and the actual weight is 0, as `get rollout` says', () => {
    // when
    const status = canaryStatus(rollout({ currentStepIndex: 2, currentPodHash: STABLE, stableRS: STABLE }), podsOf(STABLE, 5));
    // then
    expect(status.actualWeight).toBe(0);
    expect(status.line).toBe('Step 3/5 · setWeight 50 (actual 0) · canary 5/5 ready · Progressing (more replicas need to be updated)');
  });

  it('given canary pods not running, without container statuses, or with a container not ready, when read, then only those running with every container ready count', () => {
    // given
    const notReady = { ...ready(), ready: false };
    const pods = [
      pod('checkout-canary-ready', CANARY),
      { ...pod('checkout-canary-two-ready', CANARY), containerStatuses: [ready(), ready('sidecar')] },
      { ...pod('checkout-canary-pending', CANARY), phase: 'Pending' },
      { ...pod('checkout-canary-starting', CANARY), containerStatuses: [] },
      { ...pod('checkout-canary-sidecar-down', CANARY), containerStatuses: [ready(), { ...notReady, name: 'sidecar' }] },
      { ...pod('checkout-canary-sidecar-first', CANARY), containerStatuses: [{ ...notReady, name: 'sidecar' }, ready()] },
    ];
    // when
    const status = canaryStatus(rollout({ currentStepIndex: 2 }), pods);
    // then
    expect(status.canaryReady).toBe(2);
  });

  it('given a Rollout whose controller has named no canary hash yet, when read, then pods without the hash label are not the canary', () => {
    // given a pod of the app that no ReplicaSet of the Rollout made (no rollouts-pod-template-hash)
    const stray = { ...pod('checkout-debug', CANARY), labels: { app: 'checkout' } };
    // when
    const status = canaryStatus(rollout({ currentStepIndex: 0, currentPodHash: undefined }), [stray]);
    // then
    expect(status.canaryReady).toBe(0);
  });

  describe('without status.phase (a controller before 1.0): CalculateRolloutPhase', () => {
    const calculated = (shape: Parameters<typeof rollout>[0]) => {
      const { phase, message } = canaryStatus(rollout({ phase: undefined, message: undefined, ...shape }));
      return `${phase}: ${message}`;
    };

    it('given each condition Argo checks, when read, then the first that holds names the phase', () => {
      expect(calculated({ conditions: [{ type: 'InvalidSpec', status: 'True', message: 'steps invalid' }] })).toBe('Degraded: InvalidSpec: steps invalid');
      expect(calculated({ conditions: [{ type: 'Progressing', status: 'False', reason: 'RolloutAborted', message: 'Rollout aborted update to revision 2' }] })).toBe('Degraded: RolloutAborted: Rollout aborted update to revision 2');
      expect(calculated({ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "checkout-7d9f8c6b5" has timed out progressing.' }] })).toBe(
        'Degraded: ProgressDeadlineExceeded: ReplicaSet "checkout-7d9f8c6b5" has timed out progressing.',
      );
      expect(calculated({ paused: true })).toBe('Paused: manually paused');
      expect(calculated({ pauseConditions: [{ reason: 'CanaryPauseStep' }] })).toBe('Paused: CanaryPauseStep');
      expect(calculated({ updatedReplicas: 1 })).toBe('Progressing: more replicas need to be updated');
      expect(calculated({ updatedReplicas: 5, availableReplicas: 4 })).toBe('Progressing: updated replicas are still becoming available');
      expect(calculated({ updatedReplicas: 5, replicas: 6 })).toBe('Progressing: old replicas are pending termination');
      expect(calculated({ updatedReplicas: 5 })).toBe('Progressing: waiting for all steps to complete');
      expect(calculated({ updatedReplicas: 5, stableRS: CANARY, currentStepIndex: 5 })).toBe('Healthy: ');
    });

    it('given a Degraded condition without a message, when read, then the phase names its reason alone', () => {
      expect(calculated({ conditions: [{ type: 'InvalidSpec', status: 'True' }] })).toBe('Degraded: InvalidSpec: ');
      expect(calculated({ conditions: [{ type: 'Progressing', status: 'False', reason: 'RolloutAborted' }] })).toBe('Degraded: RolloutAborted: ');
    });

    it('given a traffic-routed canary keeping old replicas, when read, then they do not hold it back', () => {
      expect(calculated({ updatedReplicas: 5, replicas: 6, weights: { canary: 100, stable: 0 }, stableRS: CANARY })).toBe('Healthy: ');
    });

    it('given a conditions entry with a neutral reason, when read, then it does not degrade the Rollout', () => {
      expect(calculated({ updatedReplicas: 5, stableRS: CANARY, conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] })).toBe('Healthy: ');
    });
  });
});
