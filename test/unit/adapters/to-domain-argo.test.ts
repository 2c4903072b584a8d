import { describe, expect, it } from 'vitest';
import { newestFirst, toAnalysisRun, toArgoRollout, type AnalysisRunWire, type RolloutWire } from '../../../src/adapters/kube/to-domain-argo.js';

const IMAGE = 'repo/checkout@sha256:' + 'b'.repeat(64);

function rollout(status: RolloutWire['status'] = {}, spec: Partial<NonNullable<RolloutWire['spec']>> = {}): RolloutWire {
  return {
    metadata: { name: 'checkout', namespace: 'shop-staging', uid: 'u-1', generation: 3, resourceVersion: '42' },
    spec: {
      replicas: 5,
      template: { metadata: { labels: { app: 'checkout' } }, spec: { containers: [{ name: 'checkout', image: IMAGE }] } },
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }, { pause: { duration: '30s' } }, { pause: { duration: 60 } }, { analysis: { templates: [{ templateName: 'error-rate', clusterScope: true }] } }] } },
      ...spec,
    },
    status,
  };
}

describe('toArgoRollout', () => {
  it('given a fresh Rollout with no status yet, when mapped, then counts read 0, lists are empty and flags false', () => {
    // when
    const mapped = toArgoRollout(rollout());
    // then
    expect(mapped).toEqual({
      name: 'checkout',
      namespace: 'shop-staging',
      uid: 'u-1',
      generation: 3,
      resourceVersion: '42',
      spec: {
        replicas: 5,
        template: { labels: { app: 'checkout' }, spec: { containers: [expect.objectContaining({ name: 'checkout', image: IMAGE })] } },
        canarySteps: [
          { setWeight: 20 },
          { pause: {} },
          { pause: { duration: '30s' } },
          { pause: { duration: 60 } },
          { analysis: { templates: [{ templateName: 'error-rate', clusterScope: true }] } },
        ],
        paused: false,
      },
      status: { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, pauseConditions: [], controllerPause: false, abort: false, conditions: [] },
    });
  });

  it('given a Rollout without replicas or steps, when mapped, then it runs one pod with no canary steps, as Argo defaults it', () => {
    // when
    const mapped = toArgoRollout({ metadata: { name: 'x' }, spec: {} });
    // then
    expect(mapped.spec).toEqual({ replicas: 1, template: { labels: {}, spec: { containers: [] } }, canarySteps: [], paused: false });
    expect(mapped).toMatchObject({ namespace: '', uid: '', generation: 0 });
    expect(mapped).not.toHaveProperty('resourceVersion');
  });

  it('given a paused canary as Argo writes it, when mapped, then observedGeneration is a number and the pause, analysis and conditions are kept', () => {
    // given: the fields Argo writes as the domain reads them, plus observedGeneration (a string) and status.canary
    const same = {
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
      currentPodHash: 'new',
      stableRS: 'old',
      replicas: 5,
      updatedReplicas: 1,
      readyReplicas: 5,
      availableReplicas: 5,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-12-06T10:00:00Z' }],
      controllerPause: true,
      conditions: [{ type: 'Paused', status: 'True', reason: 'CanaryPauseStep', message: 'Rollout is paused' }, { type: 'Available', status: 'True' }],
    };
    const canary = {
      currentStepAnalysisRunStatus: { name: 'checkout-new-2-3', status: 'Running' },
      currentBackgroundAnalysisRunStatus: { name: 'checkout-bg', status: 'Failed', message: 'too many errors' },
    };
    // when
    const mapped = toArgoRollout(rollout({ ...same, observedGeneration: '3', canary }, { paused: true }));
    // then
    expect(mapped.spec.paused).toBe(true);
    expect(mapped.status).toEqual({
      ...same,
      observedGeneration: 3,
      abort: false,
      stepAnalysisRun: { name: 'checkout-new-2-3', status: 'Running' },
      backgroundAnalysisRun: { name: 'checkout-bg', status: 'Failed', message: 'too many errors' },
    });
  });

  it.each([
    ['a number', 4, 4],
    ['the string Argo writes', '12', 12],
    ['an empty string', '', undefined],
    ['garbage', 'abc', undefined],
    ['a fraction', '1.5', undefined],
    ['a negative number', '-1', undefined],
  ])('given observedGeneration as %s, when mapped, then it reads %s', (_label, value, expected) => {
    // when
    const mapped = toArgoRollout(rollout({ observedGeneration: value }));
    // then
    expect(mapped.status.observedGeneration).toBe(expected);
    expect('observedGeneration' in mapped.status).toBe(expected !== undefined);
  });

  it('given an aborted Rollout whose pause conditions were cleared to null, when mapped, then abort and abortedAt are kept and the conditions list is empty', () => {
    // when
    const mapped = toArgoRollout(rollout({ abort: true, abortedAt: '2026-12-06T10:05:00Z', pauseConditions: null }));
    // then
    expect(mapped.status).toMatchObject({ abort: true, abortedAt: '2026-12-06T10:05:00Z', pauseConditions: [] });
  });

  it('given traffic-routed weights, when mapped, then they are the canary and stable weights; without them (basic canary) they are left out', () => {
    // when
    const routed = toArgoRollout(rollout({ canary: { weights: { canary: { weight: 20 }, stable: { weight: 80 } } } }));
    const half = toArgoRollout(rollout({ canary: { weights: { canary: { weight: 10 } } } }));
    const basic = toArgoRollout(rollout({ canary: {} }));
    // then
    expect(routed.status.weights).toEqual({ canary: 20, stable: 80 });
    expect(half.status.weights).toEqual({ canary: 10, stable: 0 });
    expect(basic.status).not.toHaveProperty('weights');
    expect(basic.status).not.toHaveProperty('stepAnalysisRun');
  });

  it('given an analysis run status with no name (not started), when mapped, then there is no step analysis run', () => {
    // when
    const mapped = toArgoRollout(rollout({ canary: { currentStepAnalysisRunStatus: { status: 'Pending' } } }));
    // then
    expect(mapped.status).not.toHaveProperty('stepAnalysisRun');
  });

  it('given canary steps of kinds shipmate does not run (or odd values), when mapped, then only well-formed setWeight / pause / analysis keys are kept', () => {
    // when
    const mapped = toArgoRollout(rollout({}, { strategy: { canary: { steps: [{ setCanaryScale: { replicas: 1 } }, { setWeight: '20' }, { pause: { duration: true } }, { pause: null }, { analysis: {} }] } } }));
    // then
    expect(mapped.spec.canarySteps).toEqual([{}, {}, { pause: {} }, {}, { analysis: { templates: [] } }]);
  });
});

const MEASUREMENTS = [
  { phase: 'Successful', value: '[0.4]', startedAt: '2026-12-06T10:01:00Z', finishedAt: '2026-12-06T10:01:01Z' },
  { phase: 'Failed', value: '[3.5]', startedAt: '2026-12-06T10:01:30Z', finishedAt: '2026-12-06T10:01:31Z' },
];
const FAILED_MESSAGE = 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)';
const METRIC = { name: 'error-rate', successCondition: 'result[0] <= 1', failureLimit: 0, count: 2, interval: '30s' };

function analysisRun(overrides: Partial<AnalysisRunWire> = {}): AnalysisRunWire {
  return {
    metadata: {
      name: 'checkout-new-2-3',
      namespace: 'shop-staging',
      labels: { 'rollout-type': 'Step', 'step-index': '3' },
      ownerReferences: [{ kind: 'Rollout', name: 'checkout', controller: true }],
    },
    spec: { metrics: [METRIC] },
    status: {
      phase: 'Failed',
      message: FAILED_MESSAGE,
      startedAt: '2026-12-06T10:01:00Z',
      metricResults: [
        {
          name: 'error-rate',
          phase: 'Failed',
          count: 2,
          successful: 1,
          failed: 1,
          measurements: MEASUREMENTS,
        },
      ],
    },
    ...overrides,
  };
}

describe('toAnalysisRun', () => {
  it('given a failed AnalysisRun as Argo writes it (zero counts left out), when mapped, then every measurement is kept and the missing counts read 0', () => {
    // when
    const mapped = toAnalysisRun(analysisRun());
    // then
    expect(mapped).toEqual({
      name: 'checkout-new-2-3',
      namespace: 'shop-staging',
      labels: { 'rollout-type': 'Step', 'step-index': '3' },
      rollout: 'checkout',
      phase: 'Failed',
      message: FAILED_MESSAGE,
      startedAt: '2026-12-06T10:01:00Z',
      metrics: [METRIC],
      metricResults: [
        {
          name: 'error-rate',
          phase: 'Failed',
          count: 2,
          successful: 1,
          failed: 1,
          inconclusive: 0,
          error: 0,
          measurements: MEASUREMENTS,
        },
      ],
    });
  });

  it('given a just-created AnalysisRun (no status) owned by no Rollout, when mapped, then it has no phase, no owner and no results', () => {
    // when
    const mapped = toAnalysisRun({ metadata: { name: 'adhoc', ownerReferences: [{ kind: 'Rollout', name: 'checkout' }, { kind: 'Experiment', name: 'e', controller: true }] } });
    // then
    expect(mapped).toEqual({ name: 'adhoc', namespace: '', labels: {}, metrics: [], metricResults: [] });
  });

  it('given counts written as IntOrString, when mapped, then numeric strings are numbers and templated ones are left out', () => {
    // when
    const mapped = toAnalysisRun({ spec: { metrics: [{ name: 'a', count: '3', failureLimit: '{{args.limit}}', failureCondition: 'result[0] > 5' }] } });
    // then
    expect(mapped.metrics).toEqual([{ name: 'a', count: 3, failureCondition: 'result[0] > 5' }]);
  });

  it('given a metric result with an error measurement and a message, when mapped, then its phase, message and error count are kept', () => {
    // when
    const mapped = toAnalysisRun({ status: { phase: 'Error', metricResults: [{ name: 'm', phase: 'Error', error: 1, inconclusive: 2, message: 'no datapoints', measurements: [{ phase: 'Error', message: 'timeout' }] }] } });
    // then
    expect(mapped.metricResults).toEqual([{ name: 'm', phase: 'Error', count: 0, successful: 0, failed: 0, inconclusive: 2, error: 1, message: 'no datapoints', measurements: [{ phase: 'Error', message: 'timeout' }] }]);
  });
});

describe('newestFirst', () => {
  it('given runs created at different times, and two created in the same second, when sorted, then the latest creation comes first and a tie goes by name, revision 10 above revision 9', () => {
    // given
    const run = (name: string, creationTimestamp: string): AnalysisRunWire => ({ metadata: { name, creationTimestamp } });
    const runs = [run('c-h-1-3', '2026-12-06T09:00:00Z'), run('c-h-9-3', '2026-12-06T11:00:00Z'), run('c-h-2-3', '2026-12-06T10:00:00Z'), run('c-h-10-3', '2026-12-06T11:00:00Z')];
    // when
    const sorted = [...runs].sort(newestFirst).map((r) => r.metadata?.name);
    // then
    expect(sorted).toEqual(['c-h-10-3', 'c-h-9-3', 'c-h-2-3', 'c-h-1-3']);
  });
});
