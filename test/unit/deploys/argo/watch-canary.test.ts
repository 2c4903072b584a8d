import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../../../src/ports/cluster.port.js';
import { CANARY, STABLE, TIMEOUT_MS, type RolloutShape, analysisRun, crashing, flush, pod, podsOf, startCanaryWatch } from './canary-fakes.js';

const PAUSED = { currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep' }], controllerPause: true, updatedReplicas: 1 } satisfies RolloutShape;
const RUN = `checkout-${CANARY}-2-3`;
const FAILED_MESSAGE = 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)';

describe('watchCanary', () => {
  it('follows a canary through setWeight, a pause promoted by a person, analysis and full weight to Healthy, each step once', async () => {
    // given
    const w = await startCanaryWatch();
    // when the controller runs the steps
    w.argo.emit({ currentStepIndex: 0, updatedReplicas: 1 });
    w.argo.emitPods([...podsOf(STABLE, 4), ...podsOf(CANARY, 1)]);
    w.argo.emit(PAUSED);
    w.argo.emit(PAUSED);
    w.argo.emit({ currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep', controllerPause: true, pauseConditions: [], updatedReplicas: 1 });
    w.argo.emit({ currentStepIndex: 2, updatedReplicas: 3 });
    w.argo.emitPods([...podsOf(STABLE, 2), ...podsOf(CANARY, 3)]);
    w.argo.emit({ currentStepIndex: 3, updatedReplicas: 3, phase: 'Progressing', message: 'waiting for all steps to complete', stepAnalysisRun: { name: RUN, status: 'Running' } });
    w.argo.emitRun(analysisRun('Running', ['[0.4]']));
    w.argo.emitRun(analysisRun('Running', ['[0.4]']));
    w.argo.emitRun(analysisRun('Successful', ['[0.4]', '[0.6]']));
    w.argo.emit({ currentStepIndex: 4, updatedReplicas: 5, stepAnalysisRun: { name: RUN, status: 'Successful' } });
    w.argo.emitPods(podsOf(CANARY, 5));
    w.argo.emit({ currentStepIndex: 5, updatedReplicas: 5, phase: 'Healthy', message: '', stableRS: CANARY, stepAnalysisRun: { name: RUN, status: 'Successful' } });
    await w.done;
    // then
    expect(w.messages()).toEqual([
      'progress: Progressing (waiting for rollout spec update to be observed)',
      'step: Step 1/5: setWeight 20 — Step 1/5 · setWeight 20 (actual 0) · canary 0/5 ready · Progressing (more replicas need to be updated)',
      'progress: Step 1/5 · setWeight 20 · canary 1/5 ready · Progressing (more replicas need to be updated)',
      'step: Step 2/5: pause — Step 2/5 · setWeight 20 · canary 1/5 ready · Paused (CanaryPauseStep)',
      'paused: Paused (CanaryPauseStep), awaiting promotion — Step 2/5 · setWeight 20 · canary 1/5 ready · Paused (CanaryPauseStep)',
      'progress: Step 2/5 · setWeight 20 · canary 1/5 ready · Progressing (waiting for rollout to unpause)',
      'step: Step 3/5: setWeight 50 — Step 3/5 · setWeight 50 (actual 20) · canary 1/5 ready · Progressing (more replicas need to be updated)',
      'progress: Step 3/5 · setWeight 50 (actual 60) · canary 3/5 ready · Progressing (more replicas need to be updated)',
      'step: Step 4/5: analysis error-rate — Step 4/5 · setWeight 50 (actual 60) · canary 3/5 ready · Progressing (waiting for all steps to complete)',
      `analysis: AnalysisRun ${RUN} Running: error-rate [0.4] (1 measured)`,
      `analysis: AnalysisRun ${RUN} Successful: error-rate [0.6] (2 measured)`,
      'step: Step 5/5: setWeight 100 — Step 5/5 · setWeight 100 (actual 60) · canary 3/5 ready · Progressing (more replicas need to be updated)',
      'progress: Step 5/5 · setWeight 100 · canary 5/5 ready · Progressing (more replicas need to be updated)',
    ]);
    expect(w.outcome()).toEqual({ kind: 'succeeded', message: 'rollout "checkout" is Healthy: Step 5/5 · setWeight 100 · canary 5/5 ready · Healthy' });
    const paused = w.events.find((e) => e.kind === 'paused');
    expect(paused).toMatchObject({ reason: 'CanaryPauseStep', status: { stepIndex: 1, setWeight: 20 } });
    const analysis = w.events.filter((e) => e.kind === 'analysis').at(-1);
    expect(analysis).toMatchObject({ analysis: { run: RUN, phase: 'Successful', metrics: [{ name: 'error-rate', value: '[0.6]', count: 2, failed: 0, failureLimit: 0 }] } });
    expect(w.argo.stopped).toEqual({ rollout: 1, runs: 1, pods: 1 });
    expect(w.argo.podSelector).toEqual({ app: 'checkout' });
    expect(w.clock.pending).toBe(0);
  });

  it('ignores a Healthy status from before the patch', async () => {
    // given
    const w = await startCanaryWatch();
    // when only the previous generation is seen, Healthy on the stable revision
    w.argo.emit({ observedGeneration: 1, phase: 'Healthy', message: '', currentStepIndex: 5, currentPodHash: STABLE });
    await flush();
    // then
    expect(w.outcome()).toBeUndefined();
    expect(w.events.map((e) => e.kind)).toEqual(['progress']);
  });

  it('reports a failed analysis at once with the metric\'s value and limit, before Argo\'s abort arrives', async () => {
    // given a canary at its analysis step
    const w = await startCanaryWatch();
    w.argo.emit({ currentStepIndex: 3, updatedReplicas: 3, stepAnalysisRun: { name: RUN, status: 'Running' } });
    w.argo.emitRun(analysisRun('Running', ['[0.4]']));
    // when the second measurement breaches
    w.argo.emitRun(analysisRun('Failed', ['[0.4]', '[3.5]'], { failed: 1, message: FAILED_MESSAGE }));
    await w.done;
    // then
    expect(w.outcome()).toEqual({
      kind: 'failed',
      reason: 'AnalysisFailed',
      message: `AnalysisRun ${RUN} Failed: metric "error-rate" [3.5] — Failed (failed 1 > failureLimit 0)\nArgo: ${FAILED_MESSAGE}`,
      events: [],
    });
    expect(w.argo.stopped).toEqual({ rollout: 1, runs: 1, pods: 1 });
    // at once: the values come with the run's own change, no second read of the runs
    expect(w.argo.lists).toBe(1);
    expect(w.argo.gets).toBe(0);
  });

  it('reads the failed run for its values when the Rollout reports the failure first', async () => {
    // given a Rollout already Degraded by its failed analysis, the run's own change not yet delivered
    const w = await startCanaryWatch();
    w.argo.runs = [analysisRun('Failed', ['[0.4]', '[3.5]'], { failed: 1, message: FAILED_MESSAGE })];
    // when
    w.argo.emit({
      currentStepIndex: 3,
      abort: true,
      phase: 'Degraded',
      message: `RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: ${FAILED_MESSAGE}`,
      stepAnalysisRun: { name: RUN, status: 'Failed', message: FAILED_MESSAGE },
    });
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ kind: 'failed', reason: 'AnalysisFailed', message: expect.stringContaining('metric "error-rate" [3.5] — Failed (failed 1 > failureLimit 0)') });
    // the run read once, by its name
    expect(w.argo.gets).toBe(1);
  });

  it('reports an errored analysis with the provider\'s message, and Argo\'s word alone when the run cannot be read', async () => {
    // given
    const errored = await startCanaryWatch();
    const run = analysisRun('Error', [], { message: 'Metric "error-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4)' });
    run.metricResults[0] = { ...run.metricResults[0]!, error: 5, measurements: [{ phase: 'Error', message: 'Post "http://prometheus:9090/api/v1/query": connection refused' }] };
    errored.argo.emit({ currentStepIndex: 3, stepAnalysisRun: { name: RUN, status: 'Running' } });
    // when
    errored.argo.emitRun(run);
    await errored.done;
    // then
    expect(errored.outcome()).toMatchObject({ reason: 'AnalysisFailed', message: expect.stringContaining('metric "error-rate" error: Post "http://prometheus:9090/api/v1/query": connection refused — Error (errors 5)') });

    // given a failed run the list does not return
    const unread = await startCanaryWatch();
    // when
    unread.argo.emit({ currentStepIndex: 3, stepAnalysisRun: { name: RUN, status: 'Failed', message: FAILED_MESSAGE } });
    await unread.done;
    // then
    expect(unread.outcome()).toMatchObject({ reason: 'AnalysisFailed', message: `AnalysisRun ${RUN} Failed: no metric results\nArgo: ${FAILED_MESSAGE}` });
  });

  it('does not judge this rollout by another revision\'s failed run, nor fail on an Inconclusive one', async () => {
    // given an old revision's failed run in the list, and the current step's run inconclusive
    const w = await startCanaryWatch({ prepare: (argo) => void (argo.runs = [analysisRun('Failed', ['[9]'], { name: 'checkout-7d9f8c6b5-1-3', failed: 1 })]) });
    w.argo.emit({ currentStepIndex: 3, stepAnalysisRun: { name: RUN, status: 'Running' } });
    w.argo.emitRun(analysisRun('Failed', ['[9]'], { name: 'checkout-7d9f8c6b5-1-3', failed: 1 }));
    w.argo.emitRun(analysisRun('Inconclusive', ['[0.9]']));
    await flush();
    // then
    expect(w.outcome()).toBeUndefined();
    expect(w.messages().at(-1)).toBe(`analysis: AnalysisRun ${RUN} Inconclusive: error-rate [0.9] (1 measured)`);
  });

  it('reports a Degraded abort with Argo\'s message', async () => {
    // given
    const w = await startCanaryWatch();
    w.argo.emit(PAUSED);
    // when a person aborts
    const message = 'RolloutAborted: Rollout aborted update to revision 2';
    w.argo.emit({ currentStepIndex: 1, abort: true, phase: 'Degraded', message, conditions: [{ type: 'Progressing', status: 'False', reason: 'RolloutAborted', message: 'Rollout aborted update to revision 2' }] });
    await w.done;
    // then
    expect(w.outcome()).toEqual({ kind: 'failed', reason: 'RolloutAborted', message: `rollout "checkout" Degraded: ${message}`, events: [] });
  });

  it('reports an exceeded progress deadline as a deadline, and another Degraded reason as such', async () => {
    // given
    const deadline = await startCanaryWatch();
    const message = 'ProgressDeadlineExceeded: ReplicaSet "checkout-7d9f8c6b5" has timed out progressing.';
    // when
    deadline.argo.emit({ phase: 'Degraded', message, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    await deadline.done;
    // then
    expect(deadline.outcome()).toEqual({ kind: 'deadline', message: `rollout "checkout" Degraded: ${message}` });

    // given
    const invalid = await startCanaryWatch();
    // when
    invalid.argo.emit({ phase: 'Degraded', message: 'InvalidSpec: The Rollout "checkout" is invalid' });
    await invalid.done;
    // then
    expect(invalid.outcome()).toMatchObject({ kind: 'failed', reason: 'RolloutDegraded', message: 'rollout "checkout" Degraded: InvalidSpec: The Rollout "checkout" is invalid' });
  });

  it('fails fast on a crash-looping canary pod with its last events, not on the stable ReplicaSet\'s trouble', async () => {
    // given
    const w = await startCanaryWatch();
    const bad = `checkout-${CANARY}-x2k4q`;
    const event = (reason: string, message: string, count?: number): KubeEvent => ({ type: reason === 'BackOff' ? 'Warning' : 'Normal', reason, message, involvedObject: { kind: 'Pod', name: bad }, ...(count ? { count } : {}) });
    w.argo.events[bad] = [event('Scheduled', 'assigned'), event('Pulled', 'pulled'), event('Created', 'created', 3), event('Started', 'started', 3), event('BackOff', 'Back-off restarting failed container', 6), event('BackOff', 'again')];
    w.argo.emit({ currentStepIndex: 0, updatedReplicas: 1 });
    w.argo.emitPods([pod(`checkout-${STABLE}-old`, STABLE, crashing(`checkout-${STABLE}-old`)), ...podsOf(STABLE, 3)]);
    await flush();
    expect(w.outcome()).toBeUndefined();
    // when
    w.argo.emitPods([...podsOf(STABLE, 4), pod(bad, CANARY, crashing(bad))]);
    await w.done;
    // then
    expect(w.outcome()).toEqual({
      kind: 'failed',
      reason: 'CrashLoopBackOff',
      message: `container "checkout" of pod "${bad}": back-off 40s restarting failed container=checkout pod=${bad}`,
      events: ['Normal Pulled: pulled', 'Normal Created: created (x3)', 'Normal Started: started (x3)', 'Warning BackOff: Back-off restarting failed container (x6)', 'Warning BackOff: again'],
    });
  });

  it('keeps following through a pause longer than the timeout, the timeout clock held while paused', async () => {
    // given 100 s of progress, then a pause
    const w = await startCanaryWatch();
    w.argo.emit({ currentStepIndex: 0, updatedReplicas: 1 });
    w.clock.advance(100_000);
    w.argo.emit(PAUSED);
    // when nobody promotes for twice the timeout
    w.clock.advance(2 * TIMEOUT_MS);
    await flush();
    // then the watch still waits
    expect(w.outcome()).toBeUndefined();
    // and once promoted, only the rest of the timeout is left
    w.argo.emit({ currentStepIndex: 2, updatedReplicas: 3 });
    w.clock.advance(TIMEOUT_MS - 100_000 - 1);
    await flush();
    expect(w.outcome()).toBeUndefined();
    w.clock.advance(1);
    await w.done;
    expect(w.outcome()).toEqual({
      kind: 'timeout',
      message: 'timed out after 600s of progress (pauses not counted) waiting for rollout "checkout"; last status: Step 3/5 · setWeight 50 (actual 0) · canary 0/5 ready · Progressing (more replicas need to be updated)',
    });
    expect(w.argo.stopped).toEqual({ rollout: 1, runs: 1, pods: 1 });
  });

  it('times out a canary that makes no progress', async () => {
    // given
    const w = await startCanaryWatch();
    w.argo.emit({ currentStepIndex: 0 });
    // when
    w.clock.advance(TIMEOUT_MS);
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ kind: 'timeout', message: expect.stringContaining('timed out after 600s') });
  });

  it('stops and rejects with the reason when the caller aborts, and at once when already aborted', async () => {
    // given
    const controller = new AbortController();
    const w = await startCanaryWatch({ signal: controller.signal });
    w.argo.emit(PAUSED);
    // when
    controller.abort(new Error('shutting down'));
    await w.done;
    // then
    expect(w.error()?.message).toBe('shutting down');
    expect(w.argo.stopped).toEqual({ rollout: 1, runs: 1, pods: 1 });
    expect(w.clock.pending).toBe(0);

    // given / when
    const early = await startCanaryWatch({ signal: AbortSignal.abort(new Error('gone already')) });
    await early.done;
    // then
    expect(early.error()?.message).toBe('gone already');
    expect(early.argo.lists).toBe(0);
  });

  it('rejects when the Rollout does not exist or its watch breaks', async () => {
    // given / when
    const missing = await startCanaryWatch({ prepare: (argo) => void (argo.current = undefined) });
    await missing.done;
    // then
    expect(missing.error()?.message).toBe('rollout "checkout" not found in namespace "shop"');

    // given
    const broken = await startCanaryWatch();
    // when
    broken.argo.breakWatch(new Error('rollout "checkout" was deleted'));
    await broken.done;
    // then
    expect(broken.error()?.message).toBe('rollout "checkout" was deleted');
    expect(broken.argo.stopped).toEqual({ rollout: 1, runs: 1, pods: 1 });
  });
});
