import { describe, expect, it, vi } from 'vitest';
import { continueDeploy, deployRunId } from '../../../src/app/deploys/run-deploy.js';
import { rich } from '../../../src/domain/text/rich-text.js';
import type { Deployment, StopWatching } from '../../../src/ports/cluster.port.js';
import { StorePortError } from '../../../src/ports/port-error.js';
import type { ApprovalRequest, Run } from '../../../src/ports/store.port.js';
import { deployDeps, deployRequest, FakeRolloutCluster, InMemoryDeployStore, NEW_IMAGE, OLD_IMAGE } from './deploy-fakes.js';

/** A cluster whose Deployment watch gives up (the API server went away), noting every patch in a shared timeline. */
class WatchFailingCluster extends FakeRolloutCluster {
  constructor(private readonly timeline: string[]) {
    super();
  }

  override async setContainerImage(ns: string, name: string, container: string, image: string): Promise<Deployment> {
    this.timeline.push(`patch ${image}`);
    return super.setContainerImage(ns, name, container, image);
  }

  override async watchDeployment(): Promise<StopWatching> {
    throw new Error('the watch of deployment/backend gave up after 5 tries');
  }
}

function runIn(request: ApprovalRequest, phase: 'starting' | 'rolling-out', startedAt = new Date('2025-03-04T09:00:00.000Z')): Run {
  return {
    id: deployRunId(request),
    requestId: request.id,
    kind: 'deploy',
    environment: request.environment,
    service: 'backend',
    status: phase === 'starting' ? 'starting' : 'running',
    startedAt,
    channelId: request.channelId,
    detail: phase === 'starting' ? { phase } : { phase, generation: 2 },
    version: 1,
  };
}

async function given(phase: 'starting' | 'rolling-out', cluster: FakeRolloutCluster, request = deployRequest()) {
  const store = new InMemoryDeployStore();
  await store.createRequest(request);
  const run = runIn(request, phase);
  await store.createRun(run);
  if (phase === 'rolling-out') {
    cluster.image = NEW_IMAGE;
    cluster.generation = 2;
  }
  return { store, run, request };
}

describe('a deploy that meets a fault', () => {
  it('rolls back first when it errors after the patch, then locks the service and tells the thread', async () => {
    // given: the image is patched, and the cluster's watch gives up
    const timeline: string[] = [];
    const cluster = new WatchFailingCluster(timeline);
    const { store, run, request } = await given('rolling-out', cluster);
    const { deps, sent } = deployDeps(store, cluster);
    deps.notifier = { ...deps.notifier, failure: async (r, text) => void timeline.push(`told ${String(text)}`) };
    // when
    await continueDeploy(request, run, deps);
    // then
    expect(timeline[0]).toBe(`patch ${OLD_IMAGE}`);
    expect(timeline[1]).toMatch(/^told :x: The deploy of backend 1\.1\.0 stopped \(the watch of deployment\/backend gave up after 5 tries\); rolled back to 1\.0\.0\. backend is locked in production/);
    expect((await store.getLock('backend', 'production'))?.holder).toBe('shipmate');
    expect(store.runs.get(run.id)).toMatchObject({ status: 'failed', detail: { phase: 'done', error: expect.stringContaining('gave up') } });
    expect(sent.status.at(-1)).toMatch(/rolled back to 1\.0\.0/);
  });

  it('does not roll a healthy rollout back because the store stopped answering: the run stays for the next follower', async () => {
    // given: the rollout completes, but the store is unreachable when the lock is released
    const cluster = new FakeRolloutCluster();
    const { store, run, request } = await given('rolling-out', cluster);
    store.releaseLock = async () => {
      throw new StorePortError('unreachable', 'PostgreSQL store: releaseLock failed: no answer from the server within 10000 ms (query timeout)');
    };
    const { deps, sent, logged } = deployDeps(store, cluster);
    // when
    const following = continueDeploy(request, run, deps);
    await new Promise((r) => setImmediate(r));
    cluster.rollOut();
    // then
    await expect(following).rejects.toThrow(/query timeout/);
    expect(cluster.patches).toEqual([]);
    expect(sent.failure).toEqual([]);
    expect(store.runs.get(run.id)).toMatchObject({ status: 'running', detail: { phase: 'rolling-out' } });
    expect(logged.some((l) => /the store did not answer; the next follower continues it/.test(l))).toBe(true);
  });

  it('does not start a deploy approved longer ago than startWithinMs, and says so', async () => {
    // given: approved 20 minutes before the (still) clock, never patched
    const cluster = new FakeRolloutCluster();
    const request = { ...deployRequest(), decidedAt: new Date('2025-03-04T08:40:00.000Z') };
    const { store, run } = await given('starting', cluster, request);
    const { deps, sent } = deployDeps(store, cluster);
    // when
    await continueDeploy(request, run, { ...deps, startWithinMs: 15 * 60_000 });
    // then
    expect(cluster.patches).toEqual([]);
    expect(store.runs.get(run.id)).toMatchObject({ status: 'not-started', detail: { phase: 'done' } });
    expect(sent.failure).toEqual([expect.stringMatching(/^:no_entry: Not started: it was approved at 2025-03-04T08:40:00\.000Z and not started in time/)]);
    expect(await store.getLock('backend', 'production')).toBeUndefined();
  });

  it('re-checks the gates at start: a freeze that began after the approval stops it before anything is patched', async () => {
    // given
    const cluster = new FakeRolloutCluster();
    const { store, run, request } = await given('starting', cluster);
    const { deps, sent } = deployDeps(store, cluster);
    // when
    await continueDeploy(request, run, { ...deps, gateAtStart: async () => rich`production is frozen (release freeze) since this was asked` });
    // then
    expect(cluster.patches).toEqual([]);
    expect(store.runs.get(run.id)?.status).toBe('not-started');
    expect(sent.status).toEqual(['Not started: production is frozen (release freeze) since this was asked'].map((s) => `:no_entry: ${s}`));
  });

  it('resumed after a kill between the patch and storing it, patches nothing again', async () => {
    // given: the cluster already runs the approved image, the run still says starting
    const cluster = new FakeRolloutCluster();
    cluster.image = NEW_IMAGE;
    const { store, run, request } = await given('starting', cluster);
    const { deps, sent } = deployDeps(store, cluster);
    // when
    const following = continueDeploy(request, run, deps);
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1));
    cluster.rollOut();
    await following;
    // then
    expect(cluster.patches).toEqual([]);
    expect(store.runs.get(run.id)?.status).toBe('succeeded');
    expect(sent.status.at(-1)).toMatch(/is running in production/);
  });
});
