import { describe, expect, it } from 'vitest';
import { argoRolloutOutcome } from '../../../../src/domain/checks/k8s/argo-rollout-outcome.js';
import { rolloutCheck } from '../../../../src/domain/checks/k8s/rollout.js';
import { checkContext } from '../../../support/fake-ports.js';
import { CANARY, NS, rollout } from '../../deploys/argo/canary-fakes.js';

const PLUGIN = `kubectl argo rollouts -n ${NS}`;
const judge = (shape: Parameters<typeof rollout>[0]) => argoRolloutOutcome(rollout(shape), NS);

describe('k8s.rollout for an Argo Rollout: its status by the rules of `kubectl argo rollouts status`', () => {
  it('given a Healthy Rollout past its last step, when judged, then it passes with the available count', () => {
    // when
    const outcome = judge({ phase: 'Healthy', message: '', currentStepIndex: 5, stableRS: CANARY, updatedReplicas: 5 });
    // then
    expect(outcome).toEqual({ status: 'pass', finding: 'rollout/checkout Healthy: 5/5 available, every canary step done', fix: '' });
  });

  it('given a Healthy Rollout without steps, when judged, then it passes saying the rollout is complete', () => {
    expect(judge({ phase: 'Healthy', message: '', steps: [], availableReplicas: 4 }).finding).toBe('rollout/checkout Healthy: 4/5 available, rollout complete');
  });

  it('given a canary progressing at its third step, when judged, then it warns naming the step, the set weight and Argo\'s message', () => {
    // when
    const outcome = judge({ currentStepIndex: 2, updatedReplicas: 1 });
    // then
    expect(outcome).toEqual({
      status: 'warn',
      finding: 'rollout/checkout: rollout in progress at step 3/5, setWeight 50 (more replicas need to be updated)',
      fix: `${PLUGIN} get rollout checkout --watch`,
    });
  });

  it('given a Rollout whose controller has not seen the latest generation, when judged, then it is in progress whatever its status says', () => {
    // when
    const outcome = judge({ generation: 3, observedGeneration: 2, phase: 'Healthy', message: '' });
    // then
    expect(outcome).toMatchObject({ status: 'warn', finding: 'rollout/checkout: rollout in progress at step 1/5, setWeight 20 (waiting for rollout spec update to be observed)' });
  });

  it('given a progressing Rollout without steps or message, when judged, then it names neither', () => {
    expect(judge({ steps: [], phase: 'Progressing', message: '' }).finding).toBe('rollout/checkout: rollout in progress (Progressing)');
  });

  it('given a canary paused at a pause step without duration, when judged, then it warns that it awaits promotion, saying how to promote or abort', () => {
    // when
    const outcome = judge({ currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep' }], controllerPause: true });
    // then
    expect(outcome).toEqual({
      status: 'warn',
      finding: 'rollout/checkout paused at step 2/5, setWeight 20 awaiting promotion',
      fix: `promote it (the deploy thread's Promote button, or ${PLUGIN} promote checkout) or abort it (${PLUGIN} abort checkout)`,
    });
  });

  it.each([
    ['30s', '30s'],
    [45, '45s'],
  ])('given a canary in a timed pause of %s, when judged, then it warns that it resumes by itself', (duration, shown) => {
    // when
    const outcome = judge({
      steps: [{ setWeight: 10 }, { pause: { duration } }, { setWeight: 100 }],
      currentStepIndex: 1,
      phase: 'Paused',
      message: 'CanaryPauseStep',
      pauseConditions: [{ reason: 'CanaryPauseStep' }],
      controllerPause: true,
    });
    // then
    expect(outcome).toEqual({
      status: 'warn',
      finding: `rollout/checkout paused at step 2/3, setWeight 10 for ${shown}: a timed pause, it resumes by itself`,
      fix: `${PLUGIN} get rollout checkout --watch`,
    });
  });

  it('given a Rollout a person paused (spec.paused), when judged, then it warns with Argo\'s message, not as a pause step awaiting promotion', () => {
    // when
    const outcome = judge({ paused: true, currentStepIndex: 1, phase: 'Paused', message: 'manually paused' });
    // then
    expect(outcome).toEqual({
      status: 'warn',
      finding: 'rollout/checkout paused at step 2/5, setWeight 20 (manually paused)',
      fix: `${PLUGIN} get rollout checkout; resume with ${PLUGIN} promote checkout`,
    });
  });

  it('given a Rollout without steps paused with no message, when judged, then it warns naming neither step nor reason beyond the phase', () => {
    expect(judge({ steps: [], phase: 'Paused', message: '' })).toEqual({
      status: 'warn',
      finding: 'rollout/checkout paused (Paused)',
      fix: `${PLUGIN} get rollout checkout; resume with ${PLUGIN} promote checkout`,
    });
  });

  it('given a Rollout paused on an inconclusive analysis, when judged, then it warns quoting the reason', () => {
    expect(judge({ currentStepIndex: 3, phase: 'Paused', message: 'InconclusiveAnalysisRun', pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }] }).finding).toBe(
      'rollout/checkout paused at step 4/5, setWeight 50 (InconclusiveAnalysisRun)',
    );
  });

  it('given a Degraded Rollout (a failed analysis aborted it), when judged, then it fails quoting Argo\'s message', () => {
    // given
    const message = 'RolloutAborted: Rollout aborted update to revision 2: Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)';
    // when
    const outcome = judge({ currentStepIndex: 3, abort: true, phase: 'Degraded', message });
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: `rollout/checkout is Degraded: "${message}"`,
      fix: `${PLUGIN} get rollout checkout (its AnalysisRuns and pods say why); then /deploy a fixed version, or ${PLUGIN} undo checkout`,
    });
  });

  it('given a Degraded Rollout without steps or message (a controller older than 1.0 with an invalid spec), when judged, then it fails all the same', () => {
    // when
    const outcome = judge({ steps: [], phase: undefined, message: undefined, conditions: [{ type: 'InvalidSpec', status: 'True', message: 'The Rollout "checkout" is invalid' }] });
    // then
    expect(outcome).toMatchObject({ status: 'fail', finding: 'rollout/checkout is Degraded: "InvalidSpec: The Rollout "checkout" is invalid"' });
    expect(judge({ steps: [], phase: 'Degraded', message: '' }).finding).toBe('rollout/checkout is Degraded: "no message"');
  });

  it('given a phase this version does not know, when judged, then it warns naming it', () => {
    expect(judge({ phase: 'Suspended', message: 'by an operator' })).toMatchObject({ status: 'warn', finding: 'rollout/checkout is in phase Suspended: by an operator' });
    expect(judge({ phase: 'Suspended', message: '' }).finding).toBe('rollout/checkout is in phase Suspended');
  });

  it('given a Rollout service, when k8s.rollout runs, then it judges the Rollout read once from the cluster', async () => {
    // given
    let reads = 0;
    const paused = rollout({ currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep' }] });
    const context = checkContext({
      target: { service: 'checkout', namespace: NS, kubernetes: { deployment: 'checkout', container: 'checkout', kind: 'Rollout' } },
      ports: { rollouts: { getRollout: async () => (reads++, paused) } },
    });
    // when
    const outcome = await rolloutCheck.run(context);
    // then
    expect(outcome).toMatchObject({ status: 'warn', finding: 'rollout/checkout paused at step 2/5, setWeight 20 awaiting promotion' });
    expect(reads).toBe(1);
  });
});
