import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeployRunner } from '../../../src/app/deploys/deploy-runner.js';
import { deployRunId } from '../../../src/app/deploys/run-deploy.js';
import type { ApprovalRequest, Run } from '../../../src/ports/store.port.js';
import { deployDeps, deployRequest, FakeRolloutCluster, InMemoryDeployStore, NEW_IMAGE } from './deploy-fakes.js';

/** Long enough that only lead()'s first look happens during a test. */
const POLL_MS = 3_600_000;

const runners: DeployRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.handOver()));
});

function replica(store: InMemoryDeployStore, cluster: FakeRolloutCluster) {
  const fakes = deployDeps(store, cluster);
  const runner = new DeployRunner(fakes.deps, { pollMs: POLL_MS });
  runners.push(runner);
  return { runner, ...fakes };
}

/** A deploy whose leader patched the Deployment (generation 2) and died while it rolled out. */
async function leftRollingOut(store: InMemoryDeployStore, cluster: FakeRolloutCluster): Promise<ApprovalRequest> {
  const request = deployRequest();
  await store.createRequest(request);
  cluster.image = NEW_IMAGE;
  cluster.generation = 2;
  const run: Run = {
    id: deployRunId(request),
    requestId: request.id,
    kind: 'deploy',
    environment: 'production',
    service: 'backend',
    status: 'running',
    externalId: '2',
    startedAt: new Date('2025-03-04T09:00:00.000Z'),
    channelId: request.channelId,
    detail: { phase: 'rolling-out', generation: 2 },
    version: 2,
  };
  await store.createRun(run);
  await store.acquireLock({ service: 'backend', environment: 'production', holder: `deploy ${request.id}`, reason: 'deploying 1.1.0', at: run.startedAt });
  return request;
}

const runOf = (store: InMemoryDeployStore, request: ApprovalRequest) => store.runs.get(deployRunId(request));

describe('DeployRunner', () => {
  it('only records the run when this replica does not lead', async () => {
    // given
    const store = new InMemoryDeployStore();
    const cluster = new FakeRolloutCluster();
    const { runner, sent } = replica(store, cluster);
    const request = deployRequest();
    // when
    await runner.begin(request);
    // then
    expect(runOf(store, request)).toMatchObject({ status: 'starting', detail: { phase: 'starting' }, requestId: request.id, kind: 'deploy' });
    expect(runner.followed).toBe(0);
    expect(cluster.patches).toEqual([]);
    expect(sent).toEqual({ progress: [], status: [], failure: [], verified: 0 });
  });

  it('follows a deploy at once when this replica leads', async () => {
    // given
    const store = new InMemoryDeployStore();
    const cluster = new FakeRolloutCluster();
    const { runner, verified } = replica(store, cluster);
    runner.lead();
    const request = deployRequest();
    await store.createRequest(request);
    // when
    await runner.begin(request);
    // then
    expect(runner.followed).toBe(1);
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1));
    expect(cluster.patches).toEqual([NEW_IMAGE]);
    expect(runOf(store, request)).toMatchObject({ status: 'running', detail: { phase: 'rolling-out', token: '2' } });
    // and to the end
    cluster.rollOut();
    await vi.waitFor(() => expect(runner.followed).toBe(0));
    expect(runOf(store, request)).toMatchObject({ status: 'succeeded', detail: { phase: 'done' } });
    expect(verified).toEqual([request.id]);
  });

  it('adopts a deploy a dead leader left rolling out, and follows it to its outcome without patching again', async () => {
    // given
    const store = new InMemoryDeployStore();
    const cluster = new FakeRolloutCluster();
    const request = await leftRollingOut(store, cluster);
    const { runner, sent, verified } = replica(store, cluster);
    // when
    runner.lead();
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1));
    cluster.rollOut();
    await vi.waitFor(() => expect(runner.followed).toBe(0));
    // then
    expect(cluster.patches).toEqual([]);
    expect(runOf(store, request)).toMatchObject({ status: 'succeeded', detail: { phase: 'done' } });
    expect(store.locks.size).toBe(0);
    expect(sent.status.at(-1)).toBe(':white_check_mark: backend 1.1.0 is running in production: deployment "backend" successfully rolled out');
    expect(sent.failure).toEqual([]);
    expect(verified).toEqual([request.id]);
  });

  it('adopts a deploy another replica approved and recorded, and starts it', async () => {
    // given a run recorded by a replica that does not lead
    const store = new InMemoryDeployStore();
    const cluster = new FakeRolloutCluster();
    const request = deployRequest();
    await store.createRequest(request);
    const other = replica(store, cluster);
    await other.runner.begin(request);
    // when
    const leader = replica(store, cluster);
    leader.runner.lead();
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1));
    cluster.rollOut();
    await vi.waitFor(() => expect(leader.runner.followed).toBe(0));
    // then
    expect(cluster.patches).toEqual([NEW_IMAGE]);
    expect(runOf(store, request)?.status).toBe('succeeded');
    expect(other.sent.status).toEqual([]);
    expect(leader.verified).toEqual([request.id]);
  });

  it('does not adopt a deploy it already follows, however often it looks', async () => {
    // given
    const store = new InMemoryDeployStore();
    const cluster = new FakeRolloutCluster();
    await leftRollingOut(store, cluster);
    const { runner } = replica(store, cluster);
    runner.lead();
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1));
    // when
    const looks = [await runner.adopt(), await runner.adopt(), await runner.adopt()];
    // then
    expect(looks).toEqual([0, 0, 0]);
    expect(runner.followed).toBe(1);
    expect(cluster.opened).toEqual({ deployment: 1, pods: 1 });
  });

  it('does not adopt again a deploy that finished while it was looking', async () => {
    // given a deploy followed to its last step, and a look whose list was read before it finished
    const store = new InMemoryDeployStore();
    const cluster = new FakeRolloutCluster();
    const request = await leftRollingOut(store, cluster);
    const { runner, verified } = replica(store, cluster);
    runner.lead();
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1));
    const slowList = store.holdActiveRuns();
    const look = runner.adopt();
    // when the deploy finishes before the list arrives
    cluster.rollOut();
    await vi.waitFor(() => expect(runner.followed).toBe(0));
    slowList.release();
    // then the stale list does not start it again
    expect(await look).toBe(0);
    expect(runner.followed).toBe(0);
    expect(cluster.opened.deployment).toBe(1);
    expect(runOf(store, request)?.status).toBe('succeeded');
    expect(verified).toEqual([request.id]);
  });

  it('hands a rollout over mid-way without failing it, so the next leader finishes it', async () => {
    // given a deploy this replica follows, half rolled out
    const store = new InMemoryDeployStore();
    const cluster = new FakeRolloutCluster();
    const request = deployRequest();
    await store.createRequest(request);
    const first = replica(store, cluster);
    first.runner.lead();
    await first.runner.begin(request);
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1));
    // when it hands over
    await first.runner.handOver();
    // then the follow has ended quietly and the run is as the store had it
    expect(first.runner.followed).toBe(0);
    expect(cluster.stopped).toEqual({ deployment: 1, pods: 1 });
    expect(first.sent.failure).toEqual([]);
    expect(first.logged).toEqual([]);
    expect(runOf(store, request)).toMatchObject({ status: 'running', detail: { phase: 'rolling-out', token: '2' } });
    expect(store.locks.get('backend/production')?.holder).toBe(`deploy ${request.id}`);
    // and it adopts nothing any more
    expect(await first.runner.adopt()).toBe(0);
    expect(cluster.opened.deployment).toBe(1);
    // and the next leader finishes it without patching again
    const next = replica(store, cluster);
    next.runner.lead();
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(2));
    cluster.rollOut();
    await vi.waitFor(() => expect(next.runner.followed).toBe(0));
    expect(cluster.patches).toEqual([NEW_IMAGE]);
    expect(runOf(store, request)?.status).toBe('succeeded');
    expect(next.verified).toEqual([request.id]);
    expect(first.verified).toEqual([]);
  });
});
