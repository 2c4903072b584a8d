import { describe, expect, it } from 'vitest';
import type { DeployGuards } from '../../../src/app/guards/deploy-guards.js';
import type { EnvironmentGuard } from '../../../src/app/guards/guards-of.js';
import { continueDeploy, deployRunId } from '../../../src/app/deploys/run-deploy.js';
import type { Clock } from '../../../src/ports/clock.port.js';
import { PortError } from '../../../src/ports/port-error.js';
import type { PrometheusPort, PromSample } from '../../../src/ports/prometheus.port.js';
import type { Run } from '../../../src/ports/store.port.js';
import { deployDeps, deployRequest, FakeRolloutCluster, InMemoryDeployStore, NEW_IMAGE, OLD_IMAGE } from './deploy-fakes.js';

const START = new Date('2025-03-04T09:00:00.000Z');
const ERROR_RATIO: EnvironmentGuard = {
  name: 'error-ratio',
  service: 'backend',
  query: 'sum(rate(errors[1m])) / sum(rate(requests[1m]))',
  threshold: { below: 0.01 },
  windowMinutes: 5,
  window: '5m',
  windowSeconds: 300,
};

const INTERVAL_MS = 15_000;

/**
 * Time that moves only when the guards wait: a sleep of the guards' interval
 * advances it at once; any other sleep (the rollout's timeout) ends only when
 * its signal is aborted, as the port says.
 */
function steppingClock(): Clock & { slept: number } {
  let now = START.getTime();
  const clock = {
    slept: 0,
    now: () => new Date(now),
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (ms !== INTERVAL_MS) {
        return new Promise<void>((resolve) => {
          if (signal?.aborted) return resolve();
          signal?.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      clock.slept++;
      now += ms;
      await new Promise((r) => setImmediate(r));
    },
  };
  return clock;
}

/** A Prometheus answering from a script, one answer per query (the last one repeated). */
function scriptedPrometheus(answers: (number | 'none' | Error)[]): PrometheusPort & { queries: number } {
  const port = {
    queries: 0,
    async query(): Promise<PromSample[]> {
      const answer = answers[Math.min(port.queries, answers.length - 1)]!;
      port.queries++;
      if (answer instanceof Error) throw answer;
      return answer === 'none' ? [] : [{ labels: {}, value: answer, at: new Date() }];
    },
  };
  return port;
}

async function given(prometheus: PrometheusPort | undefined, options: { phase?: 'rolling-out' | 'guarding'; guardingSince?: Date } = {}) {
  const request = deployRequest();
  const store = new InMemoryDeployStore();
  await store.createRequest(request);
  await store.acquireLock({ service: 'backend', environment: 'production', holder: `deploy:${request.id}`, reason: 'deploying', at: START });
  const phase = options.phase ?? 'rolling-out';
  const run: Run = {
    id: deployRunId(request),
    requestId: request.id,
    kind: 'deploy',
    environment: 'production',
    service: 'backend',
    status: 'running',
    startedAt: START,
    channelId: request.channelId,
    detail: phase === 'guarding' ? { phase, token: '2', guardingSince: options.guardingSince?.toISOString(), rolledOut: 'deployment "backend" successfully rolled out' } : { phase, token: '2' },
    version: 1,
  };
  await store.createRun(run);
  const cluster = new FakeRolloutCluster();
  cluster.image = NEW_IMAGE;
  cluster.generation = 2;
  const clock = steppingClock();
  const { deps, sent, verified } = deployDeps(store, cluster);
  const guards: DeployGuards = { guardsFor: () => [ERROR_RATIO], prometheusFor: () => prometheus, intervalMs: INTERVAL_MS };
  Object.assign(deps, { clock, guards });
  /** Follows the deploy; the fake controller completes each rollout (and a rollback) once its watch is open. */
  const follow = async () => {
    let settled = false;
    const following = continueDeploy(request, run, deps).finally(() => (settled = true));
    let rolledOut = phase === 'rolling-out' ? 0 : 1;
    while (!settled) {
      await new Promise((r) => setImmediate(r));
      if (cluster.opened.deployment > rolledOut) {
        rolledOut = cluster.opened.deployment;
        cluster.rollOut();
      }
    }
    await following;
  };
  return { request, store, run, cluster, deps, sent, verified, clock, follow };
}

describe('metric guards after a rollout', () => {
  it('given a guard that breaches two minutes in, when the rollout succeeded, then the deploy is rolled back and locked, the thread quoting the value', async () => {
    // given
    const prometheus = scriptedPrometheus([0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.2]);
    const { store, run, cluster, sent, verified, follow } = await given(prometheus);
    // when
    await follow();
    // then
    expect(cluster.patches).toEqual([OLD_IMAGE]);
    expect(sent.failure[0]).toBe(
      ':x: The rollout of backend 1.1.0 to production failed — MetricGuardBreached: error-ratio: 0.2, threshold below 0.01 — breached (105 s into its 5m window)',
    );
    expect(sent.failure.at(-1)).toMatch(/rolled back to 1\.0\.0\. Deploys of backend there are locked/);
    expect(await store.getLock('backend', 'production')).toMatchObject({ holder: 'shipmate', reason: expect.stringContaining('MetricGuardBreached: error-ratio: 0.2') });
    expect(store.runs.get(run.id)).toMatchObject({ status: 'failed', detail: { phase: 'done', outcome: 'failed' } });
    expect(verified).toEqual([]);
    expect(prometheus.queries).toBe(8);
  });

  it('given a guard that holds for its whole window, then one line says it passed with the worst value, and the deploy succeeds as before', async () => {
    // given
    const prometheus = scriptedPrometheus([0.001, 0.004, 0.002]);
    const { store, run, cluster, sent, verified, clock, follow } = await given(prometheus);
    // when
    await follow();
    // then: evaluated at 0, 15, ..., 300 s: 21 times, and the thread heard only the start and the end
    expect(prometheus.queries).toBe(21);
    expect(clock.slept).toBe(20);
    expect(sent.progress.filter((line) => /error-ratio/.test(line))).toEqual([
      ':shield: Rolled out. Watching its metric guard error-ratio (below 0.01, 5m), every 15 s',
      ':white_check_mark: error-ratio 0.004 < 0.01 for 5m: guard passed',
    ]);
    expect(cluster.patches).toEqual([]);
    expect(sent.failure).toEqual([]);
    expect(await store.getLock('backend', 'production')).toBeUndefined();
    expect(store.runs.get(run.id)).toMatchObject({ status: 'succeeded' });
    expect(sent.status.at(-1)).toBe(':white_check_mark: backend 1.1.0 is running in production: deployment "backend" successfully rolled out; guard error-ratio passed');
    expect(verified).toHaveLength(1);
  });

  it('given a query with no data for the whole window, then the deploy stands but the thread says the guard could not be judged, never that it passed', async () => {
    // given
    const { store, cluster, sent, follow } = await given(scriptedPrometheus(['none']));
    // when
    await follow();
    // then
    expect(cluster.patches).toEqual([]);
    expect(sent.progress).toContain(':grey_question: error-ratio: no data, the query returned no series: the guard is not judging now');
    expect(sent.progress).toContain(
      ':warning: error-ratio could not be judged for 5m (error-ratio: no data, the query returned no series): backend 1.1.0 stays deployed, but it was not guarded',
    );
    expect(sent.progress.some((line) => /guard passed/.test(line))).toBe(false);
    expect(sent.status.at(-1)).toMatch(/error-ratio could not be judged throughout \(not fully guarded\)$/);
    expect(await store.getLock('backend', 'production')).toBeUndefined();
  });

  it('given a Prometheus that does not answer, then a healthy deploy is not rolled back and is not called guarded', async () => {
    // given
    const down = new PortError('unreachable', 'Prometheus at prometheus:9090: query failed: connection refused');
    const { cluster, sent, follow } = await given(scriptedPrometheus([down]));
    // when
    await follow();
    // then
    expect(cluster.patches).toEqual([]);
    expect(sent.failure).toEqual([]);
    expect(sent.progress.at(-2)).toMatch(/^:warning: error-ratio could not be judged for 5m \(error-ratio: could not be judged, Prometheus at prometheus:9090: query failed: connection refused\)/);
    expect(sent.status.at(-1)).toMatch(/not fully guarded/);
  });

  it('given Prometheus away for part of the window, then the thread hears when it stops and starts judging, and the end says how much was judged', async () => {
    // given
    const down = new PortError('unreachable', 'no answer');
    const { sent, follow } = await given(scriptedPrometheus([0.001, 0.001, down, down, 0.002]));
    // when
    await follow();
    // then
    const lines = sent.progress.filter((line) => /error-ratio/.test(line));
    expect(lines.slice(1)).toEqual([
      ':grey_question: error-ratio: could not be judged, no answer: the guard is not judging now',
      ':white_check_mark: error-ratio: 0.002, threshold below 0.01 (judged again)',
      ':warning: error-ratio 0.002 < 0.01 whenever it could be judged (19 of 21 evaluations in 5m); the others could not be judged (error-ratio: could not be judged, no answer): only partly guarded',
    ]);
  });

  it('given a guard above a floor, then a value under it is the breach', async () => {
    // given
    const { sent, cluster, deps, follow } = await given(scriptedPrometheus([0.5]));
    deps.guards = { ...deps.guards!, guardsFor: () => [{ ...ERROR_RATIO, name: 'success-ratio', threshold: { above: 0.99 } }] };
    // when
    await follow();
    // then
    expect(sent.failure[0]).toMatch(/MetricGuardBreached: success-ratio: 0\.5, threshold above 0\.99 — breached \(0 s into its 5m window\)$/);
    expect(cluster.patches).toEqual([OLD_IMAGE]);
  });

  it('given a deploy resumed in phase guarding after its window has passed, then it is judged once more and ends, without a second rollout', async () => {
    // given: a follower died ten minutes into the 5-minute window
    const prometheus = scriptedPrometheus([0.003]);
    const { cluster, sent, clock, follow } = await given(prometheus, { phase: 'guarding', guardingSince: new Date(START.getTime() - 10 * 60_000) });
    // when
    await follow();
    // then
    expect(prometheus.queries).toBe(1);
    expect(clock.slept).toBe(0);
    expect(cluster.patches).toEqual([]);
    expect(sent.progress.some((line) => line.startsWith(':shield:'))).toBe(false);
    expect(sent.progress).toContain(':white_check_mark: error-ratio 0.003 < 0.01 for 5m: guard passed');
  });

  it('given a deploy resumed two minutes into its window, then it watches only the rest of the window', async () => {
    // given
    const prometheus = scriptedPrometheus([0.001]);
    const { clock, follow } = await given(prometheus, { phase: 'guarding', guardingSince: new Date(START.getTime() - 120_000) });
    // when
    await follow();
    // then: 180 s left at one evaluation per 15 s, the last one at the window's end
    expect(prometheus.queries).toBe(13);
    expect(clock.slept).toBe(12);
  });

  it('given a service without guards, then the rollout succeeds at once as before, with no guard line', async () => {
    // given
    const prometheus = scriptedPrometheus([0.001]);
    const { deps, sent, store, run, follow } = await given(prometheus);
    deps.guards = { ...deps.guards!, guardsFor: () => [] };
    // when
    await follow();
    // then
    expect(prometheus.queries).toBe(0);
    expect(sent.progress.some((line) => /guard/.test(line))).toBe(false);
    expect(store.runs.get(run.id)).toMatchObject({ status: 'succeeded' });
  });
});
