import { describe, expect, it } from 'vitest';
import { analysisFailureMessage, analysisLine, analysisSummary } from '../../../../src/domain/deploys/argo/analysis-summary.js';
import type { AnalysisMetricResult, AnalysisRun } from '../../../../src/ports/argo-rollouts.port.js';
import { analysisRun } from './canary-fakes.js';

const RUN = 'checkout-7d9f8c6b5-2-3';

/** A metric's result with the values measured, the last `failed` of them failed. */
function result(name: string, phase: string, values: string[], failed = 0): AnalysisMetricResult {
  const measurements = values.map((value, i) => ({ phase: i < values.length - failed ? 'Successful' : 'Failed', value }));
  return { name, phase, measurements, count: values.length, successful: values.length - failed, failed, inconclusive: 0, error: 0 };
}

/** A run of two metrics, latency listed first in the spec with failureLimit 2, error-rate with failureLimit 1. */
function twoMetricRun(phase: string, results: AnalysisMetricResult[]): AnalysisRun {
  return {
    ...analysisRun(phase, [], { name: RUN }),
    metrics: [
      { name: 'latency', successCondition: 'result[0] < 0.5', failureLimit: 2 },
      { name: 'error-rate', successCondition: 'result[0] < 1', failureLimit: 1 },
    ],
    metricResults: results,
  };
}

describe('analysisSummary and its lines in the thread', () => {
  it('given a run of two metrics, when one fails, then the failure quotes that metric alone with its own failureLimit', () => {
    // given
    const run = twoMetricRun('Failed', [result('latency', 'Successful', ['[0.2]', '[0.3]']), result('error-rate', 'Failed', ['[0.4]', '[2.5]', '[3.5]'], 2)]);
    // when
    const message = analysisFailureMessage(analysisSummary(run));
    // then
    expect(message).toBe(`AnalysisRun ${RUN} Failed: metric "error-rate" [3.5] — Failed (failed 2 > failureLimit 1)`);
  });

  it('given both metrics failing, when reported, then each is quoted with its limit, in the run\'s order, separated', () => {
    // given
    const run = twoMetricRun('Failed', [result('latency', 'Failed', ['[0.9]', '[0.8]', '[0.7]'], 3), result('error-rate', 'Failed', ['[2]', '[3]'], 2)]);
    // when
    const message = analysisFailureMessage(analysisSummary(run));
    // then
    expect(message).toBe(`AnalysisRun ${RUN} Failed: metric "latency" [0.7] — Failed (failed 3 > failureLimit 2); metric "error-rate" [3] — Failed (failed 2 > failureLimit 1)`);
  });

  it('given a run Argo failed while no metric says which (a terminated run), when reported, then every metric\'s latest value is quoted', () => {
    // given
    const run = twoMetricRun('Failed', [result('latency', 'Running', ['[0.2]']), result('error-rate', 'Running', ['[0.4]'])]);
    run.message = 'Run Terminated';
    // when
    const message = analysisFailureMessage(analysisSummary(run));
    // then
    expect(message).toBe(`AnalysisRun ${RUN} Failed: metric "latency" [0.2] (1 measured); metric "error-rate" [0.4] (1 measured)\nArgo: Run Terminated`);
  });

  it('given a running run of two metrics, when shown in the step\'s message, then each metric\'s latest value follows the other', () => {
    // given
    const run = twoMetricRun('Running', [result('latency', 'Running', ['[0.2]', '[0.25]']), result('error-rate', 'Running', ['[0.4]'])]);
    // when
    const line = analysisLine(analysisSummary(run));
    // then
    expect(line).toBe(`AnalysisRun ${RUN} Running: latency [0.25] (2 measured); error-rate [0.4] (1 measured)`);
  });

  it('given a run just created (no phase, no metric results yet), when shown, then it is Pending and names no metric', () => {
    // given
    const { phase: _phase, ...fresh } = twoMetricRun('Pending', []);
    // when
    const summary = analysisSummary(fresh);
    // then
    expect(summary).toEqual({ run: RUN, phase: 'Pending', metrics: [] });
    expect(analysisLine(summary)).toBe(`AnalysisRun ${RUN} Pending`);
  });
});
