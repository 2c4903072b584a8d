import { describe, expect, it } from 'vitest';
import { pickNewReplicaSet } from '../../../src/domain/deploys/watch-rollout.js';
import type { KubeEvent } from '../../../src/ports/cluster.port.js';
import { CRASHING, HEALTHY, NEW_HASH, NEW_IMAGE, OLD_HASH, OLD_IMAGE, TIMEOUT_MS, deployment, flush, pod, replicaSet, startWatching, status } from '../../support/rollout-fixtures.js';


describe('watchRollout', () => {
  it('follows the Deployment through each kubectl message to success and stops both watches', async () => {
    // given
    const w = await startWatching();
    // when the controller observes the patch and moves replicas
    w.cluster.emitDeployment({ updated: 1, replicas: 4, available: 3 });
    w.cluster.emitDeployment({ updated: 1, replicas: 4, available: 3 });
    w.cluster.emitDeployment({ updated: 3, replicas: 5, available: 3 });
    w.cluster.emitDeployment({ updated: 3, replicas: 3, available: 2 });
    w.cluster.emitDeployment({ updated: 3, replicas: 3, available: 3, conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] });
    await w.done;
    // then
    expect(w.progress.map((p) => p.message)).toEqual([
      'Waiting for deployment "backend" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "backend" rollout to finish: 2 old replicas are pending termination...',
      'Waiting for deployment "backend" rollout to finish: 2 of 3 updated replicas are available...',
      'deployment "backend" successfully rolled out',
    ]);
    expect(w.progress[2]).toEqual({ message: expect.any(String), updated: 3, available: 2, desired: 3 });
    expect(w.outcome()).toEqual({ kind: 'succeeded', message: 'deployment "backend" successfully rolled out' });
    expect(w.cluster.stopped).toEqual({ deployment: 1, pods: 1 });
    expect(w.cluster.podSelector).toEqual({ app: 'backend' });
    expect(w.clock.sleeps).toEqual([TIMEOUT_MS]);
  });

  it('ignores Deployment versions from before the patch, however rolled out they look', async () => {
    // given
    const w = await startWatching();
    // when only the previous generation's finished rollout is seen
    w.cluster.emitDeployment({ generation: 1, observedGeneration: 1, updated: 3, available: 3 });
    w.cluster.emitDeployment({ generation: 2, observedGeneration: 1, updated: 3, available: 3 });
    await flush();
    // then it is not taken for success
    expect(w.outcome()).toBeUndefined();
    expect(w.progress.map((p) => p.message)).toEqual(['Waiting for deployment spec update to be observed...']);
    // and the next, observed version is judged by kubectl's rules
    w.cluster.emitDeployment({ updated: 3, replicas: 3, available: 3 });
    await w.done;
    expect(w.outcome()).toEqual({ kind: 'succeeded', message: 'deployment "backend" successfully rolled out' });
  });

  it('fails fast on a crash-looping new pod with its last events while the Deployment still says progressing', async () => {
    // given
    const w = await startWatching();
    const crashing = 'backend-7d9f8c6b5-x2k4q';
    const event = (type: string, reason: string, message: string, count?: number): KubeEvent => ({ type, reason, message, involvedObject: { kind: 'Pod', name: crashing }, ...(count ? { count } : {}) });
    w.cluster.events[crashing] = [
      event('Normal', 'Scheduled', 'Successfully assigned shop/backend-7d9f8c6b5-x2k4q to node-1'),
      event('Normal', 'Pulling', `Pulling image "${NEW_IMAGE}"`),
      event('Normal', 'Pulled', 'Successfully pulled image'),
      event('Normal', 'Created', 'Created container app', 4),
      event('Normal', 'Started', 'Started container app', 4),
      event('Warning', 'BackOff', 'Back-off restarting failed container app in pod backend-7d9f8c6b5-x2k4q', 7),
    ];
    // when
    w.cluster.emitDeployment({ updated: 1, replicas: 4, available: 3 });
    w.cluster.emitPods([pod('backend-5c4b3a2d1-aaaaa', OLD_HASH, HEALTHY), pod(crashing, NEW_HASH, CRASHING)]);
    await w.done;
    // then
    expect(w.outcome()).toEqual({
      kind: 'failed',
      reason: 'CrashLoopBackOff',
      message: 'container "app" of pod "backend-7d9f8c6b5-x2k4q": back-off 40s restarting failed container=app pod=backend-7d9f8c6b5-x2k4q',
      events: [
        `Normal Pulling: Pulling image "${NEW_IMAGE}"`,
        'Normal Pulled: Successfully pulled image',
        'Normal Created: Created container app (x4)',
        'Normal Started: Started container app (x4)',
        'Warning BackOff: Back-off restarting failed container app in pod backend-7d9f8c6b5-x2k4q (x7)',
      ],
    });
    expect(w.cluster.stopped).toEqual({ deployment: 1, pods: 1 });
  });

  it('holds a failing pod seen before the new ReplicaSet is known until it is, then fails', async () => {
    // given a pod update that arrives before any observed Deployment version
    const w = await startWatching();
    w.cluster.emitPods([pod('backend-7d9f8c6b5-x2k4q', NEW_HASH, status({ waiting: { reason: 'ErrImagePull', message: 'no match for platform in manifest' } }))]);
    await flush();
    expect(w.outcome()).toBeUndefined();
    // when the controller's version names the new revision
    w.cluster.emitDeployment({ updated: 1, replicas: 4 });
    await w.done;
    // then
    expect(w.outcome()).toMatchObject({ kind: 'failed', reason: 'ErrImagePull', events: [] });
  });

  it('does not blame the new rollout for the old ReplicaSet crash-looping', async () => {
    // given
    const w = await startWatching();
    // when
    w.cluster.emitDeployment({ updated: 1, replicas: 4, available: 2 });
    w.cluster.emitPods([pod('backend-5c4b3a2d1-aaaaa', OLD_HASH, CRASHING), pod('backend-7d9f8c6b5-bbbbb', NEW_HASH, HEALTHY)]);
    await flush();
    w.cluster.emitDeployment({ updated: 3, replicas: 3, available: 3 });
    await w.done;
    // then
    expect(w.outcome()?.kind).toBe('succeeded');
  });

  it('reports an exceeded progress deadline as kubectl does', async () => {
    // given
    const w = await startWatching();
    // when
    w.cluster.emitDeployment({
      updated: 1,
      replicas: 4,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "backend-7d9f8c6b5" has timed out progressing.' }],
    });
    await w.done;
    // then
    expect(w.outcome()).toEqual({ kind: 'deadline', message: 'deployment "backend" exceeded its progress deadline' });
    expect(w.cluster.stopped).toEqual({ deployment: 1, pods: 1 });
  });

  it('times out on the injected clock, quoting the last status, and stops watching', async () => {
    // given a rollout stuck with one new replica
    const w = await startWatching();
    w.cluster.emitDeployment({ updated: 1, replicas: 4 });
    // when the timeout passes
    w.clock.elapse();
    await w.done;
    // then
    expect(w.outcome()).toEqual({
      kind: 'timeout',
      message:
        'timed out after 600s waiting for deployment "backend" to roll out; last status: Waiting for deployment "backend" rollout to finish: 1 out of 3 new replicas have been updated...',
    });
    expect(w.cluster.stopped).toEqual({ deployment: 1, pods: 1 });
    // and later versions change nothing
    w.cluster.emitDeployment({ updated: 3, replicas: 3, available: 3 });
    expect(w.outcome()?.kind).toBe('timeout');
    expect(w.progress).toHaveLength(1);
  });

  it('rejects, and stops the other watch, when a watch gives up', async () => {
    // given
    const w = await startWatching();
    // when
    w.cluster.breakWatch(new Error('deployments.apps "backend" not found'));
    await w.done;
    // then
    expect(w.error()?.message).toBe('deployments.apps "backend" not found');
    expect(w.cluster.stopped).toEqual({ deployment: 1, pods: 1 });
  });
});

describe('watchRollout when this process stops following', () => {
  it('rejects with the abort reason mid-rollout and stops both watches', async () => {
    // given a rollout under way
    const follow = new AbortController();
    const w = await startWatching({ signal: follow.signal });
    w.cluster.emitDeployment({ updated: 1, replicas: 4 });
    // when
    const reason = new Error('handed over');
    follow.abort(reason);
    await w.done;
    // then
    expect(w.error()).toBe(reason);
    expect(w.outcome()).toBeUndefined();
    expect(w.cluster.stopped).toEqual({ deployment: 1, pods: 1 });
    // and later versions change nothing
    w.cluster.emitDeployment({ updated: 3, replicas: 3, available: 3 });
    await flush();
    expect(w.outcome()).toBeUndefined();
    expect(w.progress).toHaveLength(1);
  });

  it('ends the timeout wait when aborted, so no timer outlives the watch', async () => {
    // given
    const follow = new AbortController();
    const w = await startWatching({ signal: follow.signal });
    expect(w.clock.sleepSignals.map((s) => s?.aborted)).toEqual([false]);
    // when
    follow.abort(new Error('handed over'));
    await w.done;
    // then the timeout's sleep is told to end
    expect(w.clock.sleepSignals.map((s) => s?.aborted)).toEqual([true]);
    // and its end changes nothing
    w.clock.elapse();
    await flush();
    expect(w.outcome()).toBeUndefined();
    expect(w.error()?.message).toBe('handed over');
  });

  it('rejects at once when the signal is already aborted, without touching the cluster', async () => {
    // given
    const follow = new AbortController();
    follow.abort(new Error('handed over'));
    // when
    const w = await startWatching({ signal: follow.signal });
    await w.done;
    // then
    expect(w.error()?.message).toBe('handed over');
    expect(w.cluster.podSelector).toBeUndefined();
    expect(w.clock.sleeps).toEqual([]);
  });

  it('closes watches that open after an abort that came while the Deployment was being read', async () => {
    // given a first read of the Deployment still under way
    let answer!: () => void;
    const follow = new AbortController();
    const w = await startWatching({ signal: follow.signal, gate: new Promise<void>((resolve) => (answer = resolve)) });
    // when the follow is aborted before the API answers
    follow.abort(new Error('handed over'));
    await w.done;
    answer();
    await flush();
    // then the pod watch opened afterwards is closed at once and the Deployment watch never opens
    expect(w.error()?.message).toBe('handed over');
    expect(w.cluster.stopped).toEqual({ deployment: 0, pods: 1 });
  });
});

describe('pickNewReplicaSet', () => {
  it('takes the ReplicaSet carrying the Deployment revision', () => {
    const picked = pickNewReplicaSet([replicaSet(OLD_HASH, 1, OLD_IMAGE), replicaSet(NEW_HASH, 2, NEW_IMAGE)], deployment({ revision: '2' }));
    expect(picked?.podTemplateHash).toBe(NEW_HASH);
  });

  it('finds a rollback that reuses an old ReplicaSet by the template images', () => {
    // given a rollback to 1.0.0: the first ReplicaSet gets a new revision, the 1.1.0 one keeps the highest so far
    const sets = [replicaSet(OLD_HASH, 1, OLD_IMAGE), replicaSet(NEW_HASH, 2, NEW_IMAGE)];
    // when the Deployment carries no revision annotation yet
    const picked = pickNewReplicaSet(sets, deployment({ revision: '', image: OLD_IMAGE }));
    // then
    expect(picked?.podTemplateHash).toBe(OLD_HASH);
  });

  it('finds nothing while the controller has not created the new ReplicaSet', () => {
    expect(pickNewReplicaSet([replicaSet(OLD_HASH, 1, OLD_IMAGE)], deployment({ revision: '2' }))).toBeUndefined();
  });

  it('ignores ReplicaSets owned by another Deployment', () => {
    const foreign = { ...replicaSet(NEW_HASH, 2, NEW_IMAGE), owner: 'backend-canary' };
    expect(pickNewReplicaSet([foreign], deployment({ revision: '2' }))).toBeUndefined();
  });
});
