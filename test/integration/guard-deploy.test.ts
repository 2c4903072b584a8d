import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusAdapter } from '../../src/adapters/prometheus/prometheus-adapter.js';
import type { DeployPayload } from '../../src/app/deploys/deploy-payload.js';
import { watchGuards } from '../../src/app/deploys/guard-deploy.js';
import type { DeployDeps } from '../../src/app/deploys/run-deploy.js';
import type { EnvironmentGuard } from '../../src/app/guards/guards-of.js';
import { judgeGuard } from '../../src/app/guards/judge-guard.js';
import { systemClock } from '../../src/ports/clock.port.js';
import type { PrometheusPort } from '../../src/ports/prometheus.port.js';
import type { ApprovalRequest, Run } from '../../src/ports/store.port.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { freePort } from '../support/free-port.js';
import { startPrometheus, type TestPrometheus } from '../support/prometheus.js';
import { waitUntil } from '../support/wait-until.js';

/*
 * The guard watch against a real Prometheus (Debian's, started here) scraping
 * the sandbox's /metrics every second, in the world of scenarios/guard-breach.yml:
 * backend and frontend at 0.1 % 5xx, backend 1.2.0 at 20 %.
 */

const DATA_TIMEOUT_MS = 60_000;
const ratioOf = (app: string) =>
  `sum(rate(http_requests_total{app="${app}",namespace="shop-staging",code=~"5.."}[15s])) / sum(rate(http_requests_total{app="${app}",namespace="shop-staging"}[15s]))`;
const guardOn = (service: string, query = ratioOf(service)): EnvironmentGuard => ({
  name: 'error-ratio',
  service,
  query,
  threshold: { below: 0.01 },
  windowMinutes: 0.05,
  window: '3s',
  windowSeconds: 3,
});

const request = { id: 'g1', environment: 'staging' } as ApprovalRequest;
const payloadOf = (service: string) => ({ service, version: '1.2.0' }) as DeployPayload;

/** The deploy's view for the guard watch: the guard, a Prometheus, a thread that records its lines. */
function depsFor(guard: EnvironmentGuard, prometheus: PrometheusPort) {
  const lines: string[] = [];
  const deps = {
    clock: systemClock,
    notifier: { progress: async (_r: ApprovalRequest, text: unknown) => void lines.push(String(text)) },
    guards: { guardsFor: () => [guard], prometheusFor: () => prometheus, intervalMs: 500 },
  } as unknown as DeployDeps;
  return { deps, lines };
}

const guardingRun = (): Run => ({ startedAt: new Date(), detail: { phase: 'guarding', guardingSince: new Date().toISOString(), rolledOut: 'rolled out' } }) as unknown as Run;

describe('metric guards against a real Prometheus scraping the sandbox', () => {
  let sandbox: Sandbox;
  let prometheus: TestPrometheus;
  let port: PrometheusPort;

  beforeAll(async () => {
    sandbox = await startSandbox({ world: loadScenario('guard-breach').world });
    prometheus = await startPrometheus({ sandbox: `${sandbox.url}/metrics` });
    port = createPrometheusAdapter({ url: prometheus.url });
    // rate() needs two scrapes of each series before the guards have anything to judge.
    await waitUntil(async () => (await judgeGuard(guardOn('frontend'), port)).outcome === 'pass', DATA_TIMEOUT_MS, 'a first error ratio');
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await sandbox?.close();
  });

  it('given a healthy service, when its guard is watched for its window, then it passes with the value and window in one line', async () => {
    // given
    const { deps, lines } = depsFor(guardOn('frontend'), port);
    // when
    const outcome = await watchGuards(request, guardingRun(), payloadOf('frontend'), deps);
    // then
    expect(outcome).toEqual({ kind: 'succeeded', message: 'rolled out; guard error-ratio passed' });
    expect(lines).toHaveLength(1);
    const passed = /^:white_check_mark: error-ratio (0\.\d+) < 0\.01 for 3s: guard passed$/.exec(lines[0] ?? '');
    expect(passed, lines[0]).not.toBeNull();
    expect(Number(passed![1])).toBeCloseTo(0.001, 4);
  }, 60_000);

  it('given backend now running 1.2.0, which fails 20 % of requests, when its guard is watched, then it breaches and the outcome quotes the value', async () => {
    // given: the Deployment's template runs 1.2.0, as after a rollout
    const deployment = sandbox.state.world.kubernetes.namespaces['shop-staging']!.deployments.find((d) => (d.metadata as { name: string }).name === 'backend')!;
    (deployment.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.2.0';
    const guard = { ...guardOn('backend'), window: '60s', windowSeconds: 60, windowMinutes: 1 };
    const { deps } = depsFor(guard, port);
    // when
    const outcome = await watchGuards(request, guardingRun(), payloadOf('backend'), deps);
    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'MetricGuardBreached', events: [] });
    const quoted = /^error-ratio: (0\.\d+), threshold below 0\.01 — breached \(\d+ s into its 60s window\)$/.exec(outcome.message);
    expect(quoted, outcome.message).not.toBeNull();
    expect(Number(quoted![1])).toBeGreaterThan(0.01);
    expect(Number(quoted![1])).toBeLessThanOrEqual(0.2);
  }, 90_000);

  it('given a query that matches nothing, when watched, then the deploy is told it could not be judged, never that it passed', async () => {
    // given
    const { deps, lines } = depsFor(guardOn('nothing'), port);
    // when
    const outcome = await watchGuards(request, guardingRun(), payloadOf('nothing'), deps);
    // then
    expect(outcome).toEqual({ kind: 'succeeded', message: 'rolled out; error-ratio could not be judged throughout (not fully guarded)' });
    expect(lines[0]).toBe(':grey_question: error-ratio: no data, the query returned no series: the guard is not judging now');
    expect(lines.at(-1)).toMatch(/^:warning: error-ratio could not be judged for 3s \(error-ratio: no data, the query returned no series\): nothing 1\.2\.0 stays deployed, but it was not guarded$/);
  }, 60_000);

  it('given a Prometheus that does not answer, when watched, then the deploy stands, unguarded, naming the server', async () => {
    // given
    const nowhere = createPrometheusAdapter({ url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 2_000 });
    const { deps, lines } = depsFor(guardOn('frontend'), nowhere);
    // when
    const outcome = await watchGuards(request, guardingRun(), payloadOf('frontend'), deps);
    // then
    expect(outcome.kind).toBe('succeeded');
    expect(outcome.message).toContain('could not be judged throughout (not fully guarded)');
    expect(lines.at(-1)).toMatch(/^:warning: error-ratio could not be judged for 3s \(error-ratio: could not be judged, Prometheus at 127\.0\.0\.1:\d+: query failed: /);
  }, 60_000);
});
