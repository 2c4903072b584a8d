import { describe, expect, it } from 'vitest';
import { PauseAwareTimeout } from '../../../../src/domain/deploys/argo/pause-aware-timeout.js';
import { CANARY, STABLE, StepClock, analysisRun, crashing, flush, pod, podsOf, rollout, startCanaryWatch } from './canary-fakes.js';

const RUN = `checkout-${CANARY}-2-3`;

describe('watchCanary: the finer rules', () => {
  it('given a Rollout already Healthy on the generation asked for (a resumed deploy), when followed, then it succeeds without opening the Rollout watch', async () => {
    // given / when
    const w = await startCanaryWatch({ prepare: (argo) => void (argo.current = rollout({ currentStepIndex: 5, phase: 'Healthy', message: '', stableRS: CANARY, updatedReplicas: 5 })) });
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ kind: 'succeeded' });
    expect(w.argo.stopped).toEqual({ rollout: 0, runs: 1, pods: 1 });
  });

  it('given a timed pause step, when paused, then the event says for how long, and the step names its duration', async () => {
    // given
    const w = await startCanaryWatch();
    const steps = [{ setWeight: 20 }, { pause: { duration: '30s' } }, { pause: { duration: 45 } }, { setWeight: 100 }];
    // when
    w.argo.emit({ steps, currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep' }] });
    w.argo.emit({ steps, currentStepIndex: 2, phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep' }] });
    await flush();
    // then
    expect(w.messages().slice(1).map((m) => m.split(' — ')[0])).toEqual([
      'step: Step 2/4: pause 30s',
      'paused: Paused (CanaryPauseStep), for 30s',
      'step: Step 3/4: pause 45',
      'paused: Paused (CanaryPauseStep), for 45s',
    ]);
  });

  it('given a run with no measurement yet and a metric the spec does not list, when reported, then it says so, the limit taken as Argo\'s default 0', async () => {
    // given
    const w = await startCanaryWatch();
    const run = analysisRun('Running', []);
    run.metrics = [];
    w.argo.emit({ currentStepIndex: 3, stepAnalysisRun: { name: RUN, status: 'Running' } });
    // when
    w.argo.emitRun(run);
    await flush();
    // then
    expect(w.messages().at(-1)).toBe(`analysis: AnalysisRun ${RUN} Running: error-rate no measurement yet (0 measured)`);
    expect(w.events.at(-1)).toMatchObject({ analysis: { metrics: [{ failureLimit: 0 }] } });
  });

  it('given a run seen before the Rollout names it, when the Rollout then names it, then it is reported', async () => {
    // given
    const w = await startCanaryWatch();
    w.argo.emit({ currentStepIndex: 2 });
    w.argo.emitRun(analysisRun('Running', ['[0.2]']));
    await flush();
    expect(w.events.some((e) => e.kind === 'analysis')).toBe(false);
    // when
    w.argo.emit({ currentStepIndex: 3, stepAnalysisRun: { name: RUN, status: 'Running' } });
    await flush();
    // then
    expect(w.messages().at(-1)).toBe(`analysis: AnalysisRun ${RUN} Running: error-rate [0.2] (1 measured)`);
  });

  it('given a failing background analysis, when it fails, then it ends the rollout like a step\'s', async () => {
    // given
    const background = `checkout-${CANARY}-2`;
    const w = await startCanaryWatch();
    w.argo.emit({ currentStepIndex: 2, backgroundAnalysisRun: { name: background, status: 'Running' } });
    // when
    w.argo.emitRun(analysisRun('Failed', ['[2.5]'], { name: background, failed: 1 }));
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ reason: 'AnalysisFailed', message: `AnalysisRun ${background} Failed: metric "error-rate" [2.5] — Failed (failed 1 > failureLimit 0)` });
  });

  it('given an abort flagged by status.abort, or a RolloutAborted condition beside a deadline one, when Degraded, then it is an abort', async () => {
    // given
    const flagged = await startCanaryWatch();
    // when
    flagged.argo.emit({ abort: true, phase: 'Degraded', message: 'aborted by a person' });
    await flagged.done;
    // then
    expect(flagged.outcome()).toMatchObject({ kind: 'failed', reason: 'RolloutAborted' });

    // given
    const both = await startCanaryWatch();
    // when
    both.argo.emit({ phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 2', conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    await both.done;
    // then
    expect(both.outcome()).toMatchObject({ kind: 'failed', reason: 'RolloutAborted' });
  });

  it('given a failing canary pod seen before the patch is observed, when the observed version arrives, then it fails; and without events when they cannot be read', async () => {
    // given
    const w = await startCanaryWatch();
    w.argo.cluster.listEvents = async () => Promise.reject(new Error('forbidden'));
    w.argo.emitPods([...podsOf(STABLE, 4), pod('checkout-canary-0', CANARY, crashing('checkout-canary-0'))]);
    await flush();
    expect(w.outcome()).toBeUndefined();
    expect(w.events).toHaveLength(1);
    // when
    w.argo.emit({ currentStepIndex: 0, updatedReplicas: 1 });
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ kind: 'failed', reason: 'CrashLoopBackOff', events: [] });
  });
});

describe('PauseAwareTimeout', () => {
  it('given running, held and run again, when time passes, then only the running stretches count and it expires once', async () => {
    // given
    const clock = new StepClock();
    let expired = 0;
    const timeout = new PauseAwareTimeout(clock, 1000, () => void (expired += 1));
    timeout.run();
    timeout.run();
    clock.advance(400);
    // when held for long
    timeout.hold();
    timeout.hold();
    clock.advance(5000);
    await flush();
    // then
    expect(expired).toBe(0);
    expect(timeout.elapsedMs).toBe(400);
    // when run again
    timeout.run();
    clock.advance(599);
    await flush();
    expect(expired).toBe(0);
    expect(timeout.elapsedMs).toBe(999);
    clock.advance(1);
    await flush();
    // then
    expect(expired).toBe(1);
  });
});
