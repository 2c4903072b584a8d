import { describe, expect, it } from 'vitest';
import { runAnalysis, terminateAnalysis } from '../../../src/sandbox/kube/analysis-run-controller.js';
import { stepAnalysisRun, type AnalysisRunShape } from '../../../src/sandbox/kube/analysis-run-objects.js';
import type { RolloutShape } from '../../../src/sandbox/kube/rollout-argo-objects.js';
import type { WorldAnalysis } from '../../../src/sandbox/world.js';
import { canaryWorld } from '../../support/argo-rollout-fixtures.js';
import { ManualControllerClock } from '../../support/manual-controller-clock.js';

const rollout: RolloutShape = {
  metadata: { name: 'checkout', namespace: 'shop-staging', uid: 'u-1', annotations: { 'rollout.argoproj.io/revision': '2' } },
  status: { currentPodHash: '6f7b8c9d' },
};

function started(analysis: Record<string, WorldAnalysis>, templates = ['error-rate']) {
  const clock = new ManualControllerClock();
  const run = stepAnalysisRun(rollout, 3, templates.map((templateName) => ({ templateName })), analysis, 'uid-run', '2026-12-01T10:00:00Z');
  const published: AnalysisRunShape['status'][] = [];
  runAnalysis({ clock, analysis: () => analysis, changed: (r) => published.push(structuredClone(r.status)), track: () => undefined }, run);
  return { clock, run, published };
}

describe('the sandbox AnalysisRun', () => {
  it('given a step, when its run is made, then it carries Argo\'s name, labels, owner and one Prometheus metric per template', () => {
    const { run } = started({ 'error-rate': { values: [0.2, 0.3], maxValue: 1, failureLimit: 1, intervalSeconds: 30, query: 'errors' } });

    expect(run.metadata).toMatchObject({
      name: 'checkout-6f7b8c9d-2-3',
      labels: { 'rollouts-pod-template-hash': '6f7b8c9d', 'rollout-type': 'Step', 'step-index': '3' },
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'checkout', uid: 'u-1', controller: true, blockOwnerDeletion: true }],
    });
    expect(run.spec.metrics).toEqual([
      { name: 'error-rate', interval: '30s', count: 2, failureLimit: 1, successCondition: 'result[0] <= 1', provider: { prometheus: { address: expect.stringMatching(/^http:\/\//), query: 'errors' } } },
    ]);
  });

  it('given values within failureLimit, when measured at each interval, then one measurement per interval and the run is Successful after count', () => {
    const { clock, run, published } = started({ 'error-rate': { values: [0.5, 2, 0.1], failureLimit: 1, intervalSeconds: 10 } });
    expect(run.status).toMatchObject({ phase: 'Running', startedAt: '2026-12-01T10:00:00Z' });

    clock.advance(10_000);
    expect(run.status.metricResults?.[0]).toMatchObject({ phase: 'Running', count: 2, successful: 1, failed: 1 });
    clock.advance(10_000);
    expect(run.status).toMatchObject({ phase: 'Successful', runSummary: { count: 1, successful: 1 } });
    expect(run.status.metricResults?.[0]?.measurements).toEqual([
      { phase: 'Successful', value: '[0.5]', startedAt: '2026-12-01T10:00:00Z', finishedAt: '2026-12-01T10:00:00Z' },
      { phase: 'Failed', value: '[2]', startedAt: '2026-12-01T10:00:10Z', finishedAt: '2026-12-01T10:00:10Z' },
      { phase: 'Successful', value: '[0.1]', startedAt: '2026-12-01T10:00:20Z', finishedAt: '2026-12-01T10:00:20Z' },
    ]);
    expect(published.map((s) => s.phase)).toEqual(['Running', 'Running', 'Running', 'Successful']);
  });

  it('given a metric the world does not describe, when measured, then 5 Error measurements make the run Error with Argo\'s consecutive-error message', () => {
    const { clock, run } = started({});
    clock.advance(10_000);

    expect(run.status.phase).toBe('Error');
    expect(run.status.metricResults?.[0]).toMatchObject({ phase: 'Error', count: 5, error: 5, consecutiveError: 5 });
    expect(run.status.message).toBe(
      'Metric "error-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: the sandbox world has no kubernetes.analysis entry for metric "error-rate""',
    );
  });

  it('given a running run, when terminated, then it ends Successful with "Run Terminated" and measures no more', () => {
    const { clock, run } = started({ 'error-rate': { values: [0.1, 0.1, 0.1], intervalSeconds: 10 } });
    clock.advance(0);
    terminateAnalysis(run);
    clock.advance(60_000);

    expect(run.spec.terminate).toBe(true);
    expect(run.status).toMatchObject({ phase: 'Successful', message: 'Run Terminated' });
    expect(run.status.metricResults?.[0]?.count).toBe(1);
  });

  it('given a canary aborted during its analysis, when the abort is synced, then the running AnalysisRun is terminated', () => {
    const { rollout: checkout, clock, pausedCanary, promote, patchStatus, analysisRuns } = canaryWorld('canary', (world) => {
      world.kubernetes.analysis!['error-rate']!.intervalSeconds = 60;
      world.kubernetes.analysis!['error-rate']!.values = [0.1, 0.1, 0.1];
    });
    pausedCanary();
    promote();
    clock.advance(1000);
    expect(analysisRuns()[0]?.status.phase).toBe('Running');

    patchStatus((status) => (status.abort = true));
    clock.advance(0);
    expect(analysisRuns()[0]).toMatchObject({ spec: { terminate: true }, status: { phase: 'Successful', message: 'Run Terminated' } });
    expect(checkout.status).toMatchObject({ phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 2' });
  });
});
