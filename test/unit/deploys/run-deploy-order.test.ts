import { describe, expect, it } from 'vitest';
import { continueDeploy, deployRunId } from '../../../src/app/deploys/run-deploy.js';
import type { Run } from '../../../src/ports/store.port.js';
import { waitUntil } from '../../support/wait-until.js';
import { deployDeps, deployRequest, FakeRolloutCluster, InMemoryDeployStore, NEW_IMAGE } from './deploy-fakes.js';

describe('a deploy\'s card status, in the order things happened', () => {
  it('given a "Rolling out" edit still being queued when the rollout succeeds, when the deploy ends, then the final "is running" edit is queued after it (never overwritten by it)', async () => {
    // given a rollout in progress whose card edits take a while to queue (a slow store read before the outbox)
    const request = deployRequest();
    const store = new InMemoryDeployStore();
    await store.createRequest(request);
    const run: Run = { id: deployRunId(request), requestId: request.id, kind: 'deploy', environment: request.environment, service: 'backend', status: 'running', startedAt: new Date('2025-03-04T09:00:00.000Z'), channelId: request.channelId, detail: { phase: 'rolling-out', generation: 2 }, version: 1 };
    await store.createRun(run);
    const cluster = new FakeRolloutCluster();
    cluster.image = NEW_IMAGE;
    cluster.generation = 2;
    const { deps } = deployDeps(store, cluster);
    const queued: string[] = [];
    deps.notifier = {
      ...deps.notifier,
      status: async (_r, line) => {
        if (String(line).includes('Rolling out')) await new Promise((resolve) => setTimeout(resolve, 50));
        queued.push(String(line));
      },
    };
    // when
    const deploy = continueDeploy(request, run, deps);
    await waitUntil(() => cluster.opened.deployment > 0, 5_000, 'the watch');
    cluster.rollOut();
    await deploy;
    // then
    expect(queued).toHaveLength(2);
    expect(queued[0]).toContain('Rolling out');
    expect(queued[1]).toContain('is running in production');
  });
});
