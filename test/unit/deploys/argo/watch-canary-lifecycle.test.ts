import { describe, expect, it } from 'vitest';
import type { Pod, StopWatching } from '../../../../src/ports/cluster.port.js';
import { CANARY, STABLE, TIMEOUT_MS, analysisRun, crashing, flush, pod, podsOf, rollout, startCanaryWatch } from './canary-fakes.js';

const RUN = `checkout-${CANARY}-2-3`;

describe('watchCanary: its watches, from opening to the end', () => {
  it('given the cluster never answers the pod watch, when the timeout passes, then the canary times out with no status to quote', async () => {
    // given
    const w = await startCanaryWatch({ prepare: (argo) => void (argo.cluster.watchPods = () => new Promise<StopWatching>(() => undefined)) });
    // when
    w.clock.advance(TIMEOUT_MS);
    await w.done;
    // then
    expect(w.outcome()).toEqual({ kind: 'timeout', message: 'timed out after 600s of progress (pauses not counted) waiting for rollout "checkout"' });
    expect(w.events).toEqual([]);
  });

  it('given the follow is stopped while the pod watch is still opening, when the watches open, then each is closed at once and nothing is posted', async () => {
    // given
    const controller = new AbortController();
    let opened: (stop: StopWatching) => void = () => undefined;
    let podsClosed = 0;
    const w = await startCanaryWatch({ signal: controller.signal, prepare: (argo) => void (argo.cluster.watchPods = () => new Promise((resolve) => (opened = resolve))) });
    // when
    controller.abort(new Error('shutting down'));
    opened(() => void (podsClosed += 1));
    await w.done;
    await flush();
    // then
    expect(w.error()?.message).toBe('shutting down');
    expect(podsClosed).toBe(1);
    expect(w.argo.stopped).toEqual({ rollout: 0, runs: 1, pods: 0 });
    expect(w.events).toEqual([]);
  });

  it('given a canary under way, when it is followed, then its watches stay open; and once it ends, a late change still in flight posts nothing', async () => {
    // given
    const w = await startCanaryWatch();
    w.argo.emit({ currentStepIndex: 3, updatedReplicas: 3, stepAnalysisRun: { name: RUN, status: 'Running' } });
    w.argo.emitRun(analysisRun('Running', ['[0.4]']));
    w.argo.emitPods(podsOf(CANARY, 3));
    // then
    expect(w.argo.stopped).toEqual({ rollout: 0, runs: 0, pods: 0 });
    // when it ends, and changes sent before the watches closed arrive after
    w.argo.emit({ currentStepIndex: 5, updatedReplicas: 5, phase: 'Healthy', message: '', stableRS: CANARY, stepAnalysisRun: { name: RUN, status: 'Successful' } });
    await w.done;
    const posted = w.events.length;
    w.argo.emit({ currentStepIndex: 0, updatedReplicas: 1 });
    w.argo.emitPods([pod(`checkout-${CANARY}-x`, CANARY, crashing(`checkout-${CANARY}-x`))]);
    w.argo.emitRun(analysisRun('Successful', ['[0.4]', '[0.3]']));
    await flush();
    // then
    expect(w.outcome()).toMatchObject({ kind: 'succeeded' });
    expect(w.events).toHaveLength(posted);
    expect(w.argo.stopped).toEqual({ rollout: 1, runs: 1, pods: 1 });
  });

  it('given pods and a run delivered as their watches open, before the Rollout is read, when the Rollout is read, then the crash-looping canary pod fails the rollout', async () => {
    // given the watches' first lists arrive at once
    const bad = `checkout-${CANARY}-0`;
    const early: Pod[] = [...podsOf(STABLE, 4), pod(bad, CANARY, crashing(bad))];
    const w = await startCanaryWatch({
      prepare: (argo) => {
        argo.current = rollout({ currentStepIndex: 3, updatedReplicas: 1, stepAnalysisRun: { name: RUN, status: 'Running' } });
        const { watchPods } = argo.cluster;
        argo.cluster.watchPods = async (ns, selector, onChange, onError) => {
          const stop = await watchPods(ns, selector, onChange, onError);
          onChange(early);
          return stop;
        };
        const { watchAnalysisRuns } = argo.rollouts;
        argo.rollouts.watchAnalysisRuns = async (ns, name, onChange, onError) => {
          const stop = await watchAnalysisRuns(ns, name, onChange, onError);
          onChange(analysisRun('Running', ['[0.4]']));
          return stop;
        };
      },
    });
    // when
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ kind: 'failed', reason: 'CrashLoopBackOff', message: expect.stringContaining(`pod "${bad}"`) });
    expect(w.messages()).toContain(`analysis: AnalysisRun ${RUN} Running: error-rate [0.4] (1 measured)`);
  });

  it('given the previous revision\'s canary crash-looping, when our patch is not yet observed, then its pods do not fail this rollout', async () => {
    // given the status still names the previous, failing canary
    const previous = '9e8d7c6b5';
    const w = await startCanaryWatch({ prepare: (argo) => void (argo.current = rollout({ observedGeneration: 1, currentPodHash: previous, phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 1' })) });
    // when its pods are still there
    w.argo.emitPods([...podsOf(STABLE, 5), pod(`checkout-${previous}-0`, previous, crashing(`checkout-${previous}-0`))]);
    await flush();
    // then
    expect(w.outcome()).toBeUndefined();
    // when the patch is observed and the new canary starts
    w.argo.emit({ currentStepIndex: 0, updatedReplicas: 1 });
    w.argo.emitPods([...podsOf(STABLE, 5), pod(`checkout-${previous}-0`, previous, crashing(`checkout-${previous}-0`)), ...podsOf(CANARY, 1)]);
    await flush();
    // then
    expect(w.outcome()).toBeUndefined();
    expect(w.messages().at(-1)).toBe('progress: Step 1/5 · setWeight 20 · canary 1/5 ready · Progressing (more replicas need to be updated)');
  });

  it('given pods changing before the patch is observed, when they change, then nothing is posted until the controller observes it', async () => {
    // given
    const w = await startCanaryWatch();
    // when
    w.argo.emitPods([...podsOf(STABLE, 4), ...podsOf(CANARY, 1)]);
    w.argo.emitPods([...podsOf(STABLE, 3), ...podsOf(CANARY, 2)]);
    await flush();
    // then
    expect(w.events.map((e) => e.kind)).toEqual(['progress']);
  });

  it('given an observed Rollout that names no canary hash yet, when a stray pod of the app crash-loops, then it is not the canary\'s', async () => {
    // given
    const w = await startCanaryWatch();
    w.argo.emit({ currentStepIndex: 0, currentPodHash: undefined });
    // when a pod no ReplicaSet of the Rollout made (no rollouts-pod-template-hash) crash-loops
    w.argo.emitPods([...podsOf(STABLE, 5), { ...pod('checkout-debug', CANARY, crashing('checkout-debug')), labels: { app: 'checkout' } }]);
    await flush();
    // then
    expect(w.outcome()).toBeUndefined();
  });

  it('given a resumed deploy at its analysis step, when followed, then the run\'s measurement is posted from the list, a fresher one from the watch kept', async () => {
    // given
    const atAnalysis = rollout({ currentStepIndex: 3, updatedReplicas: 3, stepAnalysisRun: { name: RUN, status: 'Running' } });
    // when
    const listed = await startCanaryWatch({ prepare: (argo) => void ((argo.current = atAnalysis), (argo.runs = [analysisRun('Running', ['[0.4]'])])) });
    // then
    expect(listed.messages()).toContain(`analysis: AnalysisRun ${RUN} Running: error-rate [0.4] (1 measured)`);

    // given a list older than what the run's watch already delivered
    // when
    const fresher = await startCanaryWatch({
      prepare: (argo) => {
        argo.current = atAnalysis;
        argo.rollouts.listAnalysisRuns = async () => {
          argo.emitRun(analysisRun('Running', ['[0.4]', '[0.5]']));
          return [analysisRun('Running', ['[0.4]'])];
        };
      },
    });
    // then
    expect(fresher.messages().filter((m) => m.startsWith('analysis:'))).toEqual([`analysis: AnalysisRun ${RUN} Running: error-rate [0.5] (2 measured)`]);
  });
});
