import { describe, expect, it } from 'vitest';
import type { CanaryStep } from '../../../../src/ports/argo-rollouts.port.js';
import { CANARY, STABLE, type RolloutShape, analysisRun, flush, podsOf, startCanaryWatch } from './canary-fakes.js';

const RUN = `checkout-${CANARY}-2-3`;

async function outcomeOf(shape: RolloutShape) {
  const w = await startCanaryWatch();
  w.argo.emit(shape);
  await w.done;
  return w.outcome();
}

describe('watchCanary: what each step, pause and end says in the thread', () => {
  it('given a step kind shipmate does not model (setCanaryScale) and an analysis of two templates, when they run, then each step is named', async () => {
    // given
    const steps: CanaryStep[] = [{ setWeight: 20 }, {}, { analysis: { templates: [{ templateName: 'error-rate' }, { templateName: 'latency' }] } }, { setWeight: 100 }];
    const w = await startCanaryWatch();
    // when
    w.argo.emit({ steps, currentStepIndex: 1 });
    w.argo.emit({ steps, currentStepIndex: 2 });
    await flush();
    // then
    expect(w.messages().slice(1).map((m) => m.split(' — ')[0])).toEqual(['step: Step 2/4: step', 'step: Step 3/4: analysis error-rate, latency']);
  });

  it('given every step ran while the old replicas scale down, when followed, then it is progress, not a step', async () => {
    // given
    const w = await startCanaryWatch();
    // when
    w.argo.emit({ currentStepIndex: 5, updatedReplicas: 5, replicas: 7, message: 'old replicas are pending termination' });
    await flush();
    // then
    expect(w.outcome()).toBeUndefined();
    expect(w.messages().at(-1)).toBe('progress: Step 5/5 · setWeight 100 · canary 0/5 ready · Progressing (old replicas are pending termination)');
  });

  it('given an inconclusive analysis, when Argo pauses at the analysis step, then the pause awaits promotion, said once, and a change while paused is posted', async () => {
    // given a canary at its analysis step, 2 of 5 available pods on the canary
    const w = await startCanaryWatch();
    w.argo.emit({ currentStepIndex: 3, updatedReplicas: 2, stepAnalysisRun: { name: RUN, status: 'Running' } });
    w.argo.emitPods([...podsOf(STABLE, 3), ...podsOf(CANARY, 2)]);
    const inconclusive = { currentStepIndex: 3, updatedReplicas: 2, phase: 'Paused', message: 'InconclusiveAnalysisRun', pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }], controllerPause: true, stepAnalysisRun: { name: RUN, status: 'Inconclusive' } };
    const before = w.events.length;
    // when
    w.argo.emitRun(analysisRun('Inconclusive', ['[0.9]']));
    w.argo.emit(inconclusive);
    w.argo.emit(inconclusive);
    w.argo.emit({ ...inconclusive, availableReplicas: 4 });
    await flush();
    // then
    expect(w.outcome()).toBeUndefined();
    expect(w.messages().slice(before)).toEqual([
      `analysis: AnalysisRun ${RUN} Inconclusive: error-rate [0.9] (1 measured)`,
      'paused: Paused (InconclusiveAnalysisRun), awaiting promotion — Step 4/5 · setWeight 50 (actual 40) · canary 2/5 ready · Paused (InconclusiveAnalysisRun)',
      'progress: Step 4/5 · setWeight 50 · canary 2/5 ready · Paused (InconclusiveAnalysisRun)',
    ]);
  });

  it('given a Rollout without steps paused by a person, when followed, then it awaits promotion', async () => {
    // given
    const w = await startCanaryWatch();
    // when
    w.argo.emit({ steps: [], currentStepIndex: undefined, paused: true, phase: 'Paused', message: 'manually paused' });
    await flush();
    // then
    expect(w.messages().at(-1)).toBe('paused: Paused (manually paused), awaiting promotion — setWeight 100 · canary 0/5 ready · Paused (manually paused)');
  });

  it('given Degraded without a message, when followed, then it fails saying so', async () => {
    expect(await outcomeOf({ phase: 'Degraded', message: '' })).toEqual({ kind: 'failed', reason: 'RolloutDegraded', message: 'rollout "checkout" Degraded: no message', events: [] });
  });

  it('given an exceeded progress deadline said by the message alone, or by a condition alone, when Degraded, then it is a deadline', async () => {
    const byMessage = 'ProgressDeadlineExceeded: ReplicaSet "checkout-7d9f8c6b5" has timed out progressing.';
    expect(await outcomeOf({ phase: 'Degraded', message: byMessage })).toEqual({ kind: 'deadline', message: `rollout "checkout" Degraded: ${byMessage}` });
    const byCondition = { phase: 'Degraded', message: 'ReplicaSet "checkout-7d9f8c6b5" has timed out progressing.', conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] };
    expect(await outcomeOf(byCondition)).toMatchObject({ kind: 'deadline' });
  });

  it('given a RolloutAborted condition while the message says otherwise, when Degraded, then it is an abort', async () => {
    const shape = { phase: 'Degraded', message: 'Rollout aborted update to revision 2', conditions: [{ type: 'Progressing', status: 'False', reason: 'RolloutAborted' }] };
    expect(await outcomeOf(shape)).toMatchObject({ kind: 'failed', reason: 'RolloutAborted' });
  });
});
