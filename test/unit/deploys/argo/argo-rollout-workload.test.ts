import { describe, expect, it } from 'vitest';
import { argoRolloutWorkload } from '../../../../src/domain/deploys/argo/argo-rollout-workload.js';
import type { RolloutProgress } from '../../../../src/domain/deploys/watch-rollout.js';
import type { ArgoRollout } from '../../../../src/ports/argo-rollouts.port.js';
import { FakeArgo, NEW_IMAGE, OLD_IMAGE, StepClock, analysisRun, flush, rollout } from './canary-fakes.js';

const TARGET = { namespace: 'shop', rollout: 'checkout', container: 'checkout' };

function workloadOn(argo = new FakeArgo()) {
  const patches: { namespace: string; name: string; container: string; image: string }[] = [];
  argo.rollouts.setRolloutImage = async (namespace, name, container, image) => {
    patches.push({ namespace, name, container, image });
    return rollout({ generation: 3 + patches.length, image });
  };
  const clock = new StepClock();
  return { argo, patches, clock, workload: argoRolloutWorkload({ rollouts: argo.rollouts, cluster: argo.cluster, clock }, TARGET) };
}

describe('argoRolloutWorkload: a Rollout\'s container as a deploy changes and follows it', () => {
  it('given the checkout Rollout, when labelled for people, then it names the Rollout and the container', () => {
    expect(workloadOn().workload.label).toBe('rollout/checkout container checkout');
  });

  it('given a Rollout running the old image, when read, then that image is what runs and what a rollback returns to, the generation what to follow', async () => {
    // given
    const { argo, workload } = workloadOn();
    argo.current = rollout({ generation: 7, image: OLD_IMAGE });
    // when
    const state = await workload.current();
    // then
    expect(state).toStrictEqual({ image: OLD_IMAGE, revision: OLD_IMAGE, token: '7' });
  });

  it('given no such Rollout, or one without the container, when read, then no workload, or no image and an empty revision', async () => {
    // given
    const { argo, workload } = workloadOn();
    argo.current = undefined;
    // when / then
    expect(await workload.current()).toBeUndefined();
    // given
    const sidecarOnly: ArgoRollout = rollout({ generation: 4 });
    sidecarOnly.spec.template.spec.containers = [{ name: 'envoy', image: 'envoy:1.30' }];
    argo.current = sidecarOnly;
    // when / then
    expect(await workload.current()).toStrictEqual({ revision: '', token: '4' });
  });

  it('given a deploy and its rollback, when applied and reverted, then each patches the container\'s image and gives the generation after it', async () => {
    // given
    const { patches, workload } = workloadOn();
    // when
    const applied = await workload.apply(NEW_IMAGE);
    const reverted = await workload.revert(OLD_IMAGE);
    // then
    expect([applied, reverted]).toEqual(['4', '5']);
    expect(patches).toEqual([
      { namespace: 'shop', name: 'checkout', container: 'checkout', image: NEW_IMAGE },
      { namespace: 'shop', name: 'checkout', container: 'checkout', image: OLD_IMAGE },
    ]);
  });

  it('given a canary, when followed, then each step reaches onProgress as a message with the replica counts, and the outcome is the watch\'s', async () => {
    // given
    const { argo, workload } = workloadOn();
    const progress: RolloutProgress[] = [];
    const outcome = workload.follow('2', 600_000, (p) => progress.push(p));
    await flush();
    // when
    argo.emit({ currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep' }], updatedReplicas: 1, availableReplicas: 5 });
    argo.emit({ currentStepIndex: 5, phase: 'Healthy', message: '', stableRS: 'x', currentPodHash: 'x', updatedReplicas: 5 });
    // then
    expect(await outcome).toMatchObject({ kind: 'succeeded' });
    const line = 'Step 2/5 · setWeight 20 (actual 0) · canary 0/5 ready · Paused (CanaryPauseStep)';
    const canary = { stepIndex: 1, stepCount: 5, setWeight: 20, paused: true, awaitingPromotion: true, line };
    expect(progress.slice(1)).toEqual([
      { message: `Step 2/5: pause — ${line}`, updated: 1, available: 5, desired: 5, canary },
      { message: `Paused (CanaryPauseStep), awaiting promotion — ${line}`, updated: 1, available: 5, desired: 5, canary },
    ]);
  });

  it('given a timed pause and a measurement, when followed, then the pause does not await promotion and the measurement rides along with later progress', async () => {
    // given
    const { argo, workload } = workloadOn();
    const steps = [{ setWeight: 20 }, { pause: { duration: '30s' } }, { analysis: { templates: [{ templateName: 'error-rate' }] } }, { setWeight: 100 }];
    argo.current = rollout({ steps });
    const progress: RolloutProgress[] = [];
    void workload.follow('2', 600_000, (p) => progress.push(p));
    await flush();
    // when
    argo.emit({ steps, currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep' }] });
    argo.emit({ steps, currentStepIndex: 2, phase: 'Progressing', message: 'more replicas need to be updated', stepAnalysisRun: { name: 'checkout-ar', status: 'Running' } });
    argo.emitRun({ name: 'checkout-ar', namespace: 'shop', labels: {}, rollout: 'checkout', phase: 'Running', metrics: [{ name: 'error-rate' }], metricResults: [{ name: 'error-rate', phase: 'Running', measurements: [{ phase: 'Successful', value: '0.2' }], count: 1, successful: 1, failed: 0, inconclusive: 0, error: 0 }] });
    argo.emit({ steps, currentStepIndex: 3, phase: 'Progressing', message: 'more replicas need to be updated', updatedReplicas: 4 });
    await flush();
    // then
    const paused = progress.find((p) => p.canary?.paused)!;
    expect(paused.canary).toMatchObject({ stepIndex: 1, paused: true, awaitingPromotion: false });
    expect(progress.at(-1)!.canary).toMatchObject({ stepIndex: 3, paused: false, awaitingPromotion: false });
    expect(progress.at(-1)!.canary!.analysis).toContain('error-rate');
  });

  it('given a Rollout at an untimed pause step not yet paused, paused by hand at a setWeight step, or paused with no steps, when followed, then none awaits promotion', async () => {
    // given
    const { argo, workload } = workloadOn();
    const progress: RolloutProgress[] = [];
    void workload.follow('2', 600_000, (p) => progress.push(p));
    await flush();
    const seen = (shape: Parameters<FakeArgo['emit']>[0]) => {
      argo.emit(shape);
      return progress.at(-1)!.canary!;
    };
    // when / then
    expect(seen({ currentStepIndex: 1, phase: 'Progressing', message: 'more replicas need to be updated', updatedReplicas: 1 })).toMatchObject({ stepIndex: 1, paused: false, awaitingPromotion: false });
    expect(seen({ currentStepIndex: 2, phase: 'Paused', message: 'manually paused', paused: true, updatedReplicas: 2 })).toMatchObject({ stepIndex: 2, paused: true, awaitingPromotion: false });
    const withoutSteps = seen({ steps: [], phase: 'Paused', message: 'manually paused', paused: true, updatedReplicas: 3 });
    expect(withoutSteps).toMatchObject({ paused: true, awaitingPromotion: false });
    expect(withoutSteps).not.toHaveProperty('stepIndex');
  });

  it('given a canary paused at step 2, when promoted for step 2, then Argo is asked to promote; for another step, or once aborted, nothing is asked', async () => {
    // given
    const { argo, workload } = workloadOn();
    const asked: string[] = [];
    argo.rollouts.promoteRollout = async (namespace, name) => (asked.push(`promote ${namespace}/${name}`), rollout());
    argo.current = rollout({ currentStepIndex: 1, phase: 'Paused', pauseConditions: [{ reason: 'CanaryPauseStep' }] });
    // when / then
    expect(await workload.promote!(2)).toBe('moved-on');
    expect(await workload.promote!(1)).toBe('promoted');
    expect(asked).toEqual(['promote shop/checkout']);
    // given: past the pause, or aborted
    argo.current = rollout({ currentStepIndex: 1, phase: 'Progressing', pauseConditions: [] });
    expect(await workload.promote!(1)).toBe('moved-on');
    argo.current = rollout({ currentStepIndex: 1, phase: 'Paused', pauseConditions: [{ reason: 'CanaryPauseStep' }], abort: true });
    expect(await workload.promote!(1)).toBe('moved-on');
    argo.current = undefined;
    expect(await workload.promote!(1)).toBe('moved-on');
    expect(asked).toHaveLength(1);
  });

  it('given a canary, when aborted, then Argo is asked to abort it', async () => {
    // given
    const { argo, workload } = workloadOn();
    const asked: string[] = [];
    argo.rollouts.abortRollout = async (namespace, name) => (asked.push(`abort ${namespace}/${name}`), rollout());
    // when
    await workload.abort!();
    // then
    expect(asked).toEqual(['abort shop/checkout']);
  });

  it('given a token of a later generation, when followed, then an observed older generation is not taken for success', async () => {
    // given
    const { argo, workload } = workloadOn();
    let settled = false;
    void workload.follow('3', 600_000, () => undefined).then(() => (settled = true));
    await flush();
    // when generation 2 is Healthy
    argo.emit({ generation: 3, observedGeneration: 2, phase: 'Healthy', message: '', currentStepIndex: 5 });
    await flush();
    // then
    expect(settled).toBe(false);
  });

  it('given a follow of generation 4, when a stale event of generation 3 says Healthy and then generation 4 does, then only the latter is success, naming the Rollout', async () => {
    // given
    const { argo, workload } = workloadOn();
    let outcome: unknown;
    void workload.follow('4', 600_000, () => undefined).then((o) => (outcome = o));
    await flush();
    // when
    argo.emit({ generation: 3, observedGeneration: 3, phase: 'Healthy', message: '', currentStepIndex: 5 });
    await flush();
    // then
    expect(outcome).toBeUndefined();
    // when
    argo.emit({ generation: 4, observedGeneration: 4, phase: 'Healthy', message: '', currentStepIndex: 5 });
    await flush();
    // then
    expect(outcome).toMatchObject({ kind: 'succeeded', message: expect.stringMatching(/^rollout "checkout" is Healthy: /) });
  });

  it('given a follow with a 10-minute timeout, when 10 minutes of progress pass, then it times out', async () => {
    // given
    const { clock, workload } = workloadOn();
    let outcome: unknown;
    void workload.follow('2', 600_000, () => undefined).then((o) => (outcome = o));
    await flush();
    // when
    clock.advance(600_000);
    await flush();
    // then
    expect(outcome).toMatchObject({ kind: 'timeout' });
  });

  it('given no Rollout of that name, when followed, then the follow fails naming the Rollout and its namespace', async () => {
    // given
    const { argo, workload } = workloadOn();
    argo.current = undefined;
    // when / then
    await expect(workload.follow('2', 600_000, () => undefined)).rejects.toThrow('rollout "checkout" not found in namespace "shop"');
  });

  it('given a caller\'s abort signal, when following, then the follow rejects with its reason', async () => {
    // given
    const { workload } = workloadOn();
    const controller = new AbortController();
    const follow = workload.follow('2', 600_000, () => undefined, controller.signal);
    // when
    controller.abort(new Error('another replica took over'));
    // then
    await expect(follow).rejects.toThrow('another replica took over');
  });

  it('given an AnalysisRun that failed before Argo aborted, when the follow ends, then the Rollout is aborted; already aborted by Argo, it is not asked again', async () => {
    for (const argoAborted of [false, true]) {
      // given a canary at its analysis step whose run fails
      const { argo, workload } = workloadOn();
      const asked: string[] = [];
      argo.rollouts.abortRollout = async (namespace, name) => (asked.push(`abort ${namespace}/${name}`), rollout());
      const run = analysisRun('Failed', ['[0.4]', '[3.5]'], { failed: 1, message: 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)' });
      argo.runs = [run];
      const follow = workload.follow('2', 600_000, () => undefined);
      await flush();
      argo.current = rollout({ currentStepIndex: 3, abort: argoAborted, stepAnalysisRun: { name: run.name, status: 'Failed' } });
      // when
      argo.emit({ currentStepIndex: 3, abort: argoAborted, stepAnalysisRun: { name: run.name, status: 'Failed' } });
      // then
      expect(await follow).toMatchObject({ kind: 'failed', reason: 'AnalysisFailed' });
      expect(asked).toEqual(argoAborted ? [] : ['abort shop/checkout']);
    }
  });

  it('given a canary that failed for another reason, or succeeded, when the follow ends, then nothing is aborted', async () => {
    // given
    const { argo, workload } = workloadOn();
    const asked: string[] = [];
    argo.rollouts.abortRollout = async () => (asked.push('abort'), rollout());
    const follow = workload.follow('2', 600_000, () => undefined);
    await flush();
    // when
    argo.emit({ currentStepIndex: 5, phase: 'Healthy', message: '', stableRS: 'x', currentPodHash: 'x', updatedReplicas: 5 });
    // then
    expect(await follow).toMatchObject({ kind: 'succeeded' });
    expect(asked).toEqual([]);
  });

  it('given a failed analysis and a cluster that refuses the read or the abort, when the follow ends, then the failure is still the outcome (the rollback that follows returns to stable)', async () => {
    for (const broken of ['read', 'abort'] as const) {
      // given
      const { argo, workload } = workloadOn();
      const run = analysisRun('Failed', ['[3.5]'], { failed: 1 });
      argo.runs = [run];
      const follow = workload.follow('2', 600_000, () => undefined);
      await flush();
      argo.current = rollout({ currentStepIndex: 3, stepAnalysisRun: { name: run.name, status: 'Failed' } });
      if (broken === 'read') argo.rollouts.getRollout = async () => Promise.reject(new Error('503'));
      argo.rollouts.abortRollout = async () => Promise.reject(new Error('403 forbidden'));
      // when
      argo.emit({ currentStepIndex: 3, stepAnalysisRun: { name: run.name, status: 'Failed' } });
      // then
      expect(await follow).toMatchObject({ kind: 'failed', reason: 'AnalysisFailed' });
    }
  });
});
