import { describe, expect, it } from 'vitest';
import { errorRatioOf, exposition } from '../../../src/sandbox/metrics/metrics-handler.js';
import { tagOf } from '../../../src/sandbox/metrics/running-workloads.js';
import { SandboxState } from '../../../src/sandbox/sandbox-state.js';
import { applyPatch } from '../../../src/sandbox/json-patch.js';
import { loadScenario } from '../../../src/sandbox/scenarios.js';

const T0 = Date.parse('2026-12-06T12:00:00Z');
const BACKEND_STAGING = 'app="backend",namespace="shop-staging"';

/** The counters of one series in exposition text: code → value. */
function countersOf(text: string, labels: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^http_requests_total\{(.*),code="(\d+)"\} (\S+)$/.exec(line);
    if (match && match[1] === labels) found[match[2]!] = Number(match[3]);
  }
  return found;
}

function setBackendImage(state: SandboxState, namespace: string, image: string): void {
  const deployment = state.world.kubernetes.namespaces[namespace]!.deployments.find((d) => (d.metadata as { name: string }).name === 'backend')!;
  (deployment.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = image;
}

describe('the sandbox /metrics counters', () => {
  it('are Prometheus text format 0.0.4, one counter per workload and code, growing at the rate and 5xx share of the image it runs', () => {
    // given
    const state = new SandboxState(structuredClone(loadScenario('guard-breach').world));
    // when
    const first = exposition(state, T0);
    const later = exposition(state, T0 + 10_000);
    // then
    expect(first.split('\n').slice(0, 2)).toEqual(['# HELP http_requests_total Requests served, by answer code.', '# TYPE http_requests_total counter']);
    expect(countersOf(first, BACKEND_STAGING)).toEqual({ '200': 0, '500': 0 });
    expect(countersOf(later, BACKEND_STAGING)).toEqual({ '200': 499.5, '500': 0.5 });
    expect(later).toContain('http_requests_total{app="frontend",namespace="shop-production",code="200"} 499.500');
    expect(later.endsWith('\n')).toBe(true);
  });

  it('raise the error share while a bad version runs and lower it after the rollback, never going down', () => {
    // given: backend 1.2.0 answers 20 % 5xx
    const state = new SandboxState(structuredClone(loadScenario('guard-breach').world));
    exposition(state, T0);
    // when
    setBackendImage(state, 'shop-staging', '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.2.0@sha256:abc');
    const bad = countersOf(exposition(state, T0 + 10_000), BACKEND_STAGING);
    setBackendImage(state, 'shop-staging', '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.1.0');
    const back = countersOf(exposition(state, T0 + 20_000), BACKEND_STAGING);
    const production = countersOf(exposition(state, T0 + 20_000), 'app="backend",namespace="shop-production"');
    // then
    expect(bad).toEqual({ '200': 400, '500': 100 });
    expect(back).toEqual({ '200': 899.5, '500': 100.5 });
    expect(production).toEqual({ '200': 999, '500': 1 });
  });

  it('count ECS services by cluster, from the task definition of their primary deployment', () => {
    // given
    const base = loadScenario('healthy-ecs').world;
    const state = new SandboxState(applyPatch(base, [{ op: 'add', path: '/metrics', value: { api: { requestsPerSecond: 10, byImageTag: { '1.1.0': 0.5 } } } }]));
    // when
    exposition(state, T0);
    const text = exposition(state, T0 + 2_000);
    // then
    expect(countersOf(text, 'app="api",cluster="shop-staging"')).toEqual({ '200': 10, '500': 10 });
    expect(countersOf(text, 'app="api",cluster="shop-production"')).toEqual({ '200': 10, '500': 10 });
  });

  it('read the tag of an image reference, not a registry port, and keep shares within 0..1', () => {
    expect(tagOf('registry:5000/shop/backend:1.2.0@sha256:abc')).toBe('1.2.0');
    expect(tagOf('registry:5000/shop/backend')).toBeUndefined();
    expect(tagOf(undefined)).toBeUndefined();
    expect(errorRatioOf({ errorRatio: 2 }, undefined)).toBe(1);
    expect(errorRatioOf({ errorRatio: 0.1, byImageTag: { '1.0.0': -1 } }, '1.0.0')).toBe(0);
    expect(errorRatioOf({ byImageTag: { constructor: 0.5 } }, 'toString')).toBe(0);
  });
});
