import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeployRunner } from '../../../src/app/deploys/deploy-runner.js';
import { deployRunId } from '../../../src/app/deploys/run-deploy.js';
import { deployDeps, deployRequest, FakeRolloutCluster, InMemoryDeployStore } from '../deploys/deploy-fakes.js';

/**
 * A leader deposed because its store stopped answering hands its rollouts
 * over at once: neither a look nor a store call left hanging holds the
 * follows up, and a follow says and writes nothing after the abort.
 */
const POLL_MS = 3_600_000;

/** A store whose releaseLock waits, once `hangReleaseLock()` was called, until the test answers it. */
class HangingStore extends InMemoryDeployStore {
  releaseLockCalls = 0;
  releaseLockAnswers = 0;
  private hung?: Promise<void>;

  hangReleaseLock(): { answer(): void } {
    let answer!: () => void;
    this.hung = new Promise<void>((resolve) => (answer = resolve));
    const hung = { answer: () => answer() };
    stillHung.push(hung);
    return hung;
  }

  override async releaseLock(service: string, environment: string): Promise<boolean> {
    this.releaseLockCalls++;
    await this.hung;
    const released = await super.releaseLock(service, environment);
    this.releaseLockAnswers++;
    return released;
  }
}

const stillHung: { answer(): void }[] = [];
/** Lines (plain or rich text) that contain `words`. */
const saying = (lines: readonly unknown[], words: string) => lines.filter((line) => JSON.stringify(line).includes(words));
const runners: DeployRunner[] = [];
afterEach(async () => {
  stillHung.splice(0).forEach((hung) => hung.answer());
  await Promise.all(runners.splice(0).map((r) => r.handOver()));
});

async function leaderFollowingARollout(store: HangingStore, cluster: FakeRolloutCluster) {
  const fakes = deployDeps(store, cluster);
  const runner = new DeployRunner(fakes.deps, { pollMs: POLL_MS });
  runners.push(runner);
  const request = deployRequest();
  await store.createRequest(request);
  return { runner, request, ...fakes };
}

describe('DeployRunner.handOver when the store hangs', () => {
  it('aborts the follows before waiting for a look that hangs on the store', async () => {
    // given a leader whose first look for runs to adopt never gets its answer, following a rollout
    const store = new HangingStore();
    const cluster = new FakeRolloutCluster();
    const { runner, request, sent } = await leaderFollowingARollout(store, cluster);
    const look = store.holdActiveRuns();
    runner.lead();
    await runner.begin(request);
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1));
    // when it hands over, and the rollout finishes afterwards
    const handing = runner.handOver();
    await vi.waitFor(() => expect(cluster.stopped.deployment).toBe(1));
    cluster.rollOut();
    look.release();
    await handing;
    // then the follow had stopped watching: it reported nothing, and the run is left for the next leader
    expect(saying(sent.status, 'is running')).toEqual([]);
    expect(store.runs.get(deployRunId(request))).toMatchObject({ status: 'running', detail: { phase: 'rolling-out' } });
  });

  it('ends a follow waiting on a store call at the abort, and nothing is written or said after it', async () => {
    // given a follow whose rollout succeeded and whose next store call hangs
    const store = new HangingStore();
    const cluster = new FakeRolloutCluster();
    const { runner, request, sent, verified, logged } = await leaderFollowingARollout(store, cluster);
    runner.lead();
    await runner.begin(request);
    await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1));
    const hung = store.hangReleaseLock();
    cluster.rollOut();
    await vi.waitFor(() => expect(store.releaseLockCalls).toBe(1));
    // when it hands over while that call still waits
    await runner.handOver();
    // then the follow is over, and when the call finally goes through nothing follows it
    expect(runner.followed).toBe(0);
    hung.answer();
    await vi.waitFor(() => expect(store.releaseLockAnswers).toBe(1));
    // The fakes answer in promise jobs only: one turn of the event loop runs whatever the answer set going.
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.runs.get(deployRunId(request))).toMatchObject({ status: 'running', detail: { phase: 'rolling-out' } });
    expect(store.audit.map((a) => a.action)).not.toContain('deploy.succeeded');
    expect(saying(sent.status, 'is running')).toEqual([]);
    expect(verified).toEqual([]);
    expect(logged).toEqual([]);
  });
});
