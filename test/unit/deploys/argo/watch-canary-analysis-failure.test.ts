import { describe, expect, it } from 'vitest';
import type { AnalysisRun } from '../../../../src/ports/argo-rollouts.port.js';
import type { KubeEvent } from '../../../../src/ports/cluster.port.js';
import { CANARY, STABLE, analysisRun, crashing, flush, pod, podsOf, rollout, startCanaryWatch, type FakeArgo } from './canary-fakes.js';

const RUN = `checkout-${CANARY}-2-3`;
const BACKGROUND = `checkout-${CANARY}-2`;
const FAILED_MESSAGE = 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)';
const FAILED_AT_STEP_3 = { currentStepIndex: 3, updatedReplicas: 3, stepAnalysisRun: { name: RUN, status: 'Failed', message: FAILED_MESSAGE } };

/** From now on a run read by name is found among what `list` gives, each read counted. */
function readRunsWith(argo: FakeArgo, list: () => Promise<AnalysisRun[]>): { reads: number } {
  const counter = { reads: 0 };
  argo.rollouts.getAnalysisRun = async (_namespace, name) => {
    counter.reads += 1;
    return (await list()).find((run) => run.name === name);
  };
  return counter;
}

describe('watchCanary: reporting a failed analysis', () => {
  it('given the Rollout says its step run failed while the run is still being read, when more updates and a crash-looping canary pod arrive meanwhile, then the run is read once and the analysis failure is what is reported', async () => {
    // given
    const w = await startCanaryWatch();
    let answer: (runs: AnalysisRun[]) => void = () => undefined;
    const counter = readRunsWith(w.argo, () => new Promise((resolve) => (answer = resolve)));
    w.argo.emit(FAILED_AT_STEP_3);
    // when
    w.argo.emit(FAILED_AT_STEP_3);
    w.argo.emit({ ...FAILED_AT_STEP_3, availableReplicas: 4 });
    w.argo.emitPods([...podsOf(STABLE, 2), pod(`checkout-${CANARY}-0`, CANARY, crashing(`checkout-${CANARY}-0`))]);
    await flush();
    expect(w.outcome()).toBeUndefined();
    answer([analysisRun('Failed', ['[0.4]', '[3.5]'], { failed: 1, message: FAILED_MESSAGE })]);
    await w.done;
    // then
    expect(counter.reads).toBe(1);
    expect(w.outcome()).toEqual({
      kind: 'failed',
      reason: 'AnalysisFailed',
      message: `AnalysisRun ${RUN} Failed: metric "error-rate" [3.5] — Failed (failed 1 > failureLimit 0)\nArgo: ${FAILED_MESSAGE}`,
      events: [],
    });
  });

  it('given a crash-looping canary pod being reported (its events being read), when the analysis fails and the pods change meanwhile, then the pod\'s failure is reported, its events read once', async () => {
    // given
    const bad = `checkout-${CANARY}-0`;
    const w = await startCanaryWatch();
    let reads = 0;
    let answer: (events: KubeEvent[]) => void = () => undefined;
    w.argo.cluster.listEvents = () => {
      reads += 1;
      return new Promise((resolve) => (answer = resolve));
    };
    w.argo.emit({ currentStepIndex: 3, updatedReplicas: 1, stepAnalysisRun: { name: RUN, status: 'Running' } });
    w.argo.emitPods([...podsOf(STABLE, 4), pod(bad, CANARY, crashing(bad))]);
    // when
    w.argo.emitPods([...podsOf(STABLE, 3), pod(bad, CANARY, crashing(bad))]);
    w.argo.emitRun(analysisRun('Failed', ['[3.5]'], { failed: 1 }));
    await flush();
    answer([{ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', involvedObject: { kind: 'Pod', name: bad } }]);
    await w.done;
    // then
    expect(reads).toBe(1);
    expect(w.outcome()).toMatchObject({ kind: 'failed', reason: 'CrashLoopBackOff', events: ['Warning BackOff: Back-off restarting failed container'] });
  });

  it('given newer runs listed before the failed one, when the Rollout reports the failure first, then the failed run\'s own values are quoted', async () => {
    // given the list, newest first: this revision's background run, then the failed step run
    const w = await startCanaryWatch();
    w.argo.runs = [analysisRun('Running', ['[0.1]'], { name: BACKGROUND }), analysisRun('Failed', ['[0.4]', '[3.5]'], { failed: 1 })];
    // when
    w.argo.emit(FAILED_AT_STEP_3);
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ reason: 'AnalysisFailed', message: `AnalysisRun ${RUN} Failed: metric "error-rate" [3.5] — Failed (failed 1 > failureLimit 0)` });
  });

  it('given the runs cannot be read, when the Rollout reports the failure, then Argo\'s word is reported at once', async () => {
    // given
    const w = await startCanaryWatch();
    readRunsWith(w.argo, () => Promise.reject(new Error('analysisruns.argoproj.io is forbidden')));
    // when
    w.argo.emit(FAILED_AT_STEP_3);
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ reason: 'AnalysisFailed', message: `AnalysisRun ${RUN} Failed: no metric results\nArgo: ${FAILED_MESSAGE}` });
  });

  it('given an errored run the list does not return, when the Rollout reports it, then the report says Error, not Failed', async () => {
    // given
    const w = await startCanaryWatch();
    const message = 'Metric "error-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4)';
    // when
    w.argo.emit({ currentStepIndex: 3, stepAnalysisRun: { name: RUN, status: 'Error', message } });
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ reason: 'AnalysisFailed', message: `AnalysisRun ${RUN} Error: no metric results\nArgo: ${message}` });
  });

  it('given the list still returns the run as Running, when the Rollout says it failed, then the Rollout\'s phase is reported with the values read', async () => {
    // given
    const w = await startCanaryWatch();
    w.argo.runs = [analysisRun('Running', ['[0.4]'])];
    // when
    w.argo.emit(FAILED_AT_STEP_3);
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ reason: 'AnalysisFailed', message: `AnalysisRun ${RUN} Failed: metric "error-rate" [0.4] (1 measured)\nArgo: ${FAILED_MESSAGE}` });
  });

  it('given the step run running and the background run failed by the Rollout\'s word, when reported, then the background run is the one named', async () => {
    // given
    const w = await startCanaryWatch();
    const message = 'Metric "latency" assessed Failed due to failed (1) > failureLimit (0)';
    w.argo.emit({ currentStepIndex: 3, stepAnalysisRun: { name: RUN, status: 'Running' } });
    w.argo.emitRun(analysisRun('Running', ['[0.4]']));
    // when
    w.argo.emit({ currentStepIndex: 3, stepAnalysisRun: { name: RUN, status: 'Running' }, backgroundAnalysisRun: { name: BACKGROUND, status: 'Failed', message } });
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ reason: 'AnalysisFailed', message: `AnalysisRun ${BACKGROUND} Failed: no metric results\nArgo: ${message}` });
  });

  it('given the previous deploy\'s analysis failed, when our patch is not yet observed, then its failed run neither fails this rollout nor is posted, and the new revision\'s steps are', async () => {
    // given the status still about the previous revision: aborted at its analysis step, its run Failed
    const previous = `checkout-${STABLE}-1-3`;
    const w = await startCanaryWatch({
      prepare: (argo) => {
        argo.current = rollout({ observedGeneration: 1, currentStepIndex: 3, abort: true, phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 1', stepAnalysisRun: { name: previous, status: 'Failed' } });
        argo.runs = [analysisRun('Failed', ['[7]'], { name: previous, failed: 1 })];
      },
    });
    // when
    w.argo.emitRun(analysisRun('Failed', ['[7]'], { name: previous, failed: 1 }));
    w.argo.emit({ observedGeneration: 1, currentStepIndex: 3, abort: true, phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 1', stepAnalysisRun: { name: previous, status: 'Failed' } });
    await flush();
    // then
    expect(w.outcome()).toBeUndefined();
    expect(w.events.map((e) => e.kind)).toEqual(['progress']);
    // when the controller observes the patch
    w.argo.emit({ currentStepIndex: 0, updatedReplicas: 1 });
    await flush();
    // then
    expect(w.outcome()).toBeUndefined();
    expect(w.messages().at(-1)).toMatch(/^step: Step 1\/5: setWeight 20 — /);
  });
});
