import { describe, expect, it } from 'vitest';
import type { EnvironmentGuard } from '../../../../src/app/guards/guards-of.js';
import { continueRelease } from '../../../../src/app/releases/run-release.js';
import { PortError } from '../../../../src/ports/port-error.js';
import type { PrometheusPort, PromSample } from '../../../../src/ports/prometheus.port.js';
import {
  deploy,
  NOW,
  previousImage,
  progressOfRun,
  releaseImage,
  releaseRequest,
  releaseWorld,
  runRelease,
  RUN_ID,
  storedRun,
  type ReleaseWorld,
} from './release-run-fixtures.js';

/*
 * Metric guards in a release's deploy stage (SPEC §11): watched after the
 * stage's rollouts as a /deploy watches them. The release's clock moves only
 * when something sleeps (the guards' 15 s interval here; the card is edited
 * at once), so the windows are counted in evaluations.
 */

const INTERVAL_MS = 15_000;

const errorRatio = (service: string): EnvironmentGuard => ({
  name: 'error-ratio',
  service,
  query: `sum(rate(errors{app="${service}"}[1m])) / sum(rate(requests{app="${service}"}[1m]))`,
  threshold: { below: 0.01 },
  windowMinutes: 5,
  window: '5m',
  windowSeconds: 300,
});

/** A Prometheus answering each service's query from its script, one answer per query (the last one repeated). */
function scriptedPrometheus(scripts: Record<string, (number | 'none' | Error)[]>): PrometheusPort & { queries: Record<string, number> } {
  const port = {
    queries: {} as Record<string, number>,
    async query(query: string): Promise<PromSample[]> {
      const service = /app="(\w+)"/.exec(query)![1]!;
      const asked = port.queries[service] ?? 0;
      port.queries[service] = asked + 1;
      const script = scripts[service]!;
      const answer = script[Math.min(asked, script.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer === 'none' ? [] : [{ labels: {}, value: answer, at: new Date() }];
    },
  };
  return port;
}

/** The release world with `guarded` services' error-ratio guards against `prometheus`, every 15 s. */
function guardedWorld(prometheus: PrometheusPort, guarded: string[]): ReleaseWorld {
  const world = releaseWorld();
  world.deps.checklistEditMs = 0;
  world.deps.guards = {
    guardsFor: (environment, service) => (environment === 'staging' && guarded.includes(service) ? [errorRatio(service)] : []),
    prometheusFor: () => prometheus,
    intervalMs: INTERVAL_MS,
  };
  return world;
}

const guardLines = (world: ReleaseWorld) => world.sent.progress.filter((l) => /error-ratio|metric guard/.test(l));

describe('a release\'s deploy stage watches its services\' metric guards', () => {
  it('given backend\'s guard breaching 105 s after its rollout, when released, then the stage fails quoting the value, backend is rolled back and locked', async () => {
    // given
    const prometheus = scriptedPrometheus({ backend: [0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.2] });
    const world = guardedWorld(prometheus, ['backend']);
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend')]));
    // then
    expect(run.status).toBe('failed');
    expect(prometheus.queries.backend).toBe(8);
    expect(world.cluster.patches).toEqual([`backend ${releaseImage('backend')}`, `backend ${previousImage('backend')}`]);
    expect(world.sent.failure[0]).toBe(
      ':x: Release 1.2.0 to staging failed at stage 1 (deploy backend): MetricGuardBreached: backend error-ratio: 0.2, threshold below 0.01 — breached (105 s into its 5m window)',
    );
    expect(world.sent.failure.at(-1)).toContain('Rolled back, in this order: backend.');
    expect(await world.store.getLock('backend', 'staging')).toMatchObject({ holder: 'shipmate', reason: expect.stringContaining('1.2.0 failed at stage 1 deploy') });
    expect(progressOfRun(run)).toMatchObject({ rolledBack: ['backend'], guarding: { stage: 0, since: NOW.toISOString() } });
    expect(guardLines(world).some((l) => /guard passed/.test(l))).toBe(false);
  });

  it('given guards that hold on both services of a stage, when released, then each window is watched to its end and one line says each passed', async () => {
    // given
    const prometheus = scriptedPrometheus({ backend: [0.001, 0.004, 0.002], frontend: [0.003] });
    const world = guardedWorld(prometheus, ['backend', 'frontend']);
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend', 'frontend')]));
    // then: evaluated at 0, 15, ..., 300 s: 21 times each
    expect(run.status).toBe('succeeded');
    expect(prometheus.queries).toEqual({ backend: 21, frontend: 21 });
    expect(guardLines(world)).toEqual([
      ':shield: Rolled out. Watching the metric guards backend error-ratio (below 0.01, 5m), frontend error-ratio (below 0.01, 5m), every 15 s',
      ':white_check_mark: backend error-ratio 0.004 < 0.01 for 5m: guard passed',
      ':white_check_mark: frontend error-ratio 0.003 < 0.01 for 5m: guard passed',
      expect.stringMatching(/^:white_check_mark: Stage 1 deploy: backend: .*\nfrontend: .*\nguard backend error-ratio, frontend error-ratio passed$/),
    ]);
    expect(world.cluster.patches).toHaveLength(2);
    expect(world.sent.failure).toEqual([]);
  });

  it('given a guard passing in the first of two deploy stages, when released, then the second stage starts only after the window has passed', async () => {
    // given
    const prometheus = scriptedPrometheus({ backend: [0.001] });
    const world = guardedWorld(prometheus, ['backend']);
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend'), deploy('frontend')]));
    // then
    expect(run.status).toBe('succeeded');
    const passed = world.sent.progress.indexOf(':white_check_mark: backend error-ratio 0.001 < 0.01 for 5m: guard passed');
    const second = world.sent.progress.indexOf(':arrow_forward: Stage 2: deploy frontend');
    expect(passed).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(passed);
    expect(prometheus.queries).toEqual({ backend: 21 });
  });

  it('given Prometheus not answering, when released, then nothing fails or is rolled back, and the thread says the guard could not be judged and the service was not guarded', async () => {
    // given
    const prometheus = scriptedPrometheus({ backend: [new PortError('unreachable', 'Prometheus at prometheus:9090: connection refused')] });
    const world = guardedWorld(prometheus, ['backend']);
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend')]));
    // then
    expect(run.status).toBe('succeeded');
    expect(world.cluster.patches).toEqual([`backend ${releaseImage('backend')}`]);
    expect(world.sent.failure).toEqual([]);
    expect(guardLines(world)).toContain(':grey_question: backend error-ratio: could not be judged, Prometheus at prometheus:9090: connection refused: the guard is not judging now');
    expect(guardLines(world)).toContain(
      ':warning: backend error-ratio could not be judged for 5m (backend error-ratio: could not be judged, Prometheus at prometheus:9090: connection refused): backend 1.2.0 stays deployed, but it was not guarded',
    );
    expect(guardLines(world).at(-1)).toMatch(/backend error-ratio could not be judged throughout \(not fully guarded\)$/);
    expect(guardLines(world).some((l) => /guard passed/.test(l))).toBe(false);
  });

  it('given a release resumed two minutes into its stage\'s guard window, when continued, then only the rest of the window is watched and nothing is deployed again', async () => {
    // given: the last follower patched backend, saw it roll out, recorded the watch's start and died 120 s in
    const prometheus = scriptedPrometheus({ backend: [0.001] });
    const world = guardedWorld(prometheus, ['backend']);
    world.cluster.images.set('backend', releaseImage('backend'));
    const request = releaseRequest([deploy('backend')]);
    const since = new Date(NOW.getTime() - 120_000).toISOString();
    const run = await storedRun(world, request, {
      stage: 0,
      announced: 0,
      patched: [{ service: 'backend', image: releaseImage('backend'), previousImage: previousImage('backend'), previousRevision: previousImage('backend'), token: '2' }],
      guarding: { stage: 0, since, rolledOut: ['backend: deployment "backend" successfully rolled out'] },
    });
    // when
    await continueRelease(request, run, world.deps);
    // then: 180 s left at one evaluation per 15 s, the last one at the window's end
    expect(world.store.runs.get(RUN_ID)!.status).toBe('succeeded');
    expect(prometheus.queries.backend).toBe(13);
    expect(world.cluster.patches).toEqual([]);
    expect(world.cluster.watches).toEqual([]);
    expect(guardLines(world)).toEqual([
      ':white_check_mark: backend error-ratio 0.001 < 0.01 for 5m: guard passed',
      ':white_check_mark: Stage 1 deploy: backend: deployment "backend" successfully rolled out\nguard backend error-ratio passed',
    ]);
  });

  it('given services without guards, when released, then the stage ends with its rollouts as before, no watch recorded', async () => {
    // given
    const prometheus = scriptedPrometheus({ backend: [0.001] });
    const world = guardedWorld(prometheus, []);
    // when
    const run = await runRelease(world, releaseRequest([deploy('backend')]));
    // then
    expect(run.status).toBe('succeeded');
    expect(prometheus.queries).toEqual({});
    expect(progressOfRun(run).guarding).toBeUndefined();
    expect(guardLines(world)).toEqual([]);
  });
});
