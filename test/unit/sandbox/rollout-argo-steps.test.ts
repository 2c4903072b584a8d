import { describe, expect, it } from 'vitest';
import { CHECKOUT, canaryWorld, steps } from '../../support/argo-rollout-fixtures.js';
import { advanceSteps, pauseSeconds, weightAt, type StepInput } from '../../../src/sandbox/kube/rollout-argo-steps.js';
import { canaryCounts } from '../../../src/sandbox/kube/rollout-argo-status.js';
import type { PodShape } from '../../../src/sandbox/kube/rollout-controller-objects.js';

const input = (overrides: Partial<StepInput>): StepInput => ({
  steps: steps({ setWeight: 20 }, { pause: {} }, { setWeight: 50 }),
  currentStepIndex: 0,
  pauseConditions: [],
  controllerPause: false,
  specPaused: false,
  now: Date.parse('2026-12-01T10:00:00Z'),
  settledAt: () => true,
  analysisPhase: () => undefined,
  timestampOf: (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  ...overrides,
});

describe('canary steps', () => {
  it('given durations as Argo writes them, when read, then they are seconds', () => {
    expect([pauseSeconds('30s'), pauseSeconds('1m30s'), pauseSeconds('1h'), pauseSeconds('45'), pauseSeconds(12), pauseSeconds(undefined)]).toEqual([30, 90, 3600, 45, 12, undefined]);
  });

  it('given the steps, when asked the weight, then it is the last setWeight at or before the step, 0 before any and 100 past the end', () => {
    const list = steps({ pause: {} }, { setWeight: 20 }, { pause: {} }, { setWeight: 50 });
    expect([0, 1, 2, 3, 4].map((i) => weightAt(list, i))).toEqual([0, 20, 20, 50, 100]);
  });

  it('given replicas and a weight, when counted as a basic canary, then the canary is rounded up and the stable has the rest', () => {
    expect([canaryCounts(5, 20), canaryCounts(5, 50), canaryCounts(5, 100), canaryCounts(3, 0)]).toEqual([
      { canary: 1, stable: 4 },
      { canary: 3, stable: 2 },
      { canary: 5, stable: 0 },
      { canary: 0, stable: 3 },
    ]);
  });

  it('given a setWeight whose pods are not ready, when walked, then it stays on that step', () => {
    expect(advanceSteps(input({ settledAt: () => false }))).toMatchObject({ currentStepIndex: 0, weight: 20, controllerPause: false });
  });

  it('given spec.paused, when walked, then nothing advances', () => {
    expect(advanceSteps(input({ specPaused: true }))).toMatchObject({ currentStepIndex: 0, pauseConditions: [] });
  });

  it('given a pause the controller set and someone cleared, when walked, then the step is complete and the next ones run', () => {
    const outcome = advanceSteps(input({ currentStepIndex: 1, controllerPause: true }));
    expect(outcome).toMatchObject({ currentStepIndex: 3, weight: 100, controllerPause: false, pauseConditions: [] });
  });

  it('given an analysis step, when its run is Running, Successful or Failed, then it waits, moves on, or aborts', () => {
    const list = steps({ analysis: { templates: [{ templateName: 'error-rate' }] } }, { setWeight: 100 });
    expect(advanceSteps(input({ steps: list, analysisPhase: () => 'Running' }))).toMatchObject({ currentStepIndex: 0, analysisStep: 0 });
    expect(advanceSteps(input({ steps: list, analysisPhase: () => 'Successful' }))).toMatchObject({ currentStepIndex: 2 });
    expect(advanceSteps(input({ steps: list, analysisPhase: () => 'Error' }))).toMatchObject({ currentStepIndex: 0, abortedByAnalysis: true });
  });
});

describe('the canary controller beyond the happy path', () => {
  it('given a pause of 10s, when 9 s then 10 s of it have passed, then it is paused, then it resumes on its own and completes', () => {
    const { rollout, deploy, clock } = canaryWorld('canary', (_world, r) => {
      r.spec!.strategy!.canary!.steps = steps({ setWeight: 40 }, { pause: { duration: '10s' } });
    });
    deploy('1.1.0');
    clock.advance(1000);
    expect(rollout.status).toMatchObject({ phase: 'Paused', currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-12-01T10:00:01Z' }] });

    clock.advance(9000);
    expect(rollout.status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
    clock.advance(1000);
    expect(rollout.status).toMatchObject({ phase: 'Progressing', currentStepIndex: 2, controllerPause: false });
    expect(rollout.status?.pauseConditions).toBeUndefined();
    clock.advance(1000);
    expect(rollout.status).toMatchObject({ phase: 'Healthy', stableRS: rollout.status?.currentPodHash });
  });

  it('given spec.paused set before a new image, when the steps would run, then it is Paused "manually paused" until spec.paused is false', () => {
    const { rollout, deploy, patchSpec, clock } = canaryWorld();
    patchSpec((spec) => (spec.paused = true));
    deploy('1.1.0');
    clock.advance(5000);
    expect(rollout.status).toMatchObject({ phase: 'Paused', message: 'manually paused', currentStepIndex: 0 });

    patchSpec((spec) => (spec.paused = false));
    clock.advance(2000);
    expect(rollout.status).toMatchObject({ phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 1 });
  });

  it('given a crash-looping image, when deployed, then the canary pod crash-loops like a Deployment\'s, the Rollout stays at step 0, and after progressDeadlineSeconds (scaled) it is Degraded', () => {
    const { rollout, deploy, clock, podsOf, readyPodsOf } = canaryWorld('canary-crash');
    const stable = rollout.status!.stableRS;
    deploy('1.1.0');
    clock.advance(5000);
    const canary = rollout.status!.currentPodHash;
    expect(rollout.status).toMatchObject({ phase: 'Progressing', message: 'more replicas need to be updated', currentStepIndex: 0, stableRS: stable });

    clock.advance(15_000);
    const [pod] = podsOf(canary) as PodShape[];
    expect(pod?.status.containerStatuses[0]).toMatchObject({ ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
    expect(pod?.status.containerStatuses[0]!.restartCount).toBeGreaterThan(1);
    expect(readyPodsOf(stable)).toBe(4);
    expect(rollout.status).toMatchObject({
      phase: 'Degraded',
      message: `ProgressDeadlineExceeded: ReplicaSet "checkout-${canary}" has timed out progressing.`,
      currentStepIndex: 0,
      stableRS: stable,
    });
    expect(rollout.status?.abort).toBeUndefined();
  });

  it('given a canary paused at 20 %, when another image is deployed, then revision 3 starts the steps over and the first canary is scaled to 0', () => {
    const { rollout, deploy, clock, replicaSetOf, podsOf } = canaryWorld();
    deploy('1.1.0');
    clock.advance(2000);
    const first = rollout.status!.currentPodHash;

    deploy('1.2.0');
    clock.advance(2000);
    const second = rollout.status!.currentPodHash;
    expect(second).not.toBe(first);
    expect(replicaSetOf(second)?.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe('3');
    expect(replicaSetOf(second)?.spec.template.spec?.containers?.[0]?.image).toBe(`${CHECKOUT}:1.2.0`);
    expect(podsOf(first)).toHaveLength(0);
    expect(podsOf(second)).toHaveLength(1);
    expect(rollout.status).toMatchObject({ phase: 'Paused', currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-12-01T10:00:03Z' }] });
  });
});
