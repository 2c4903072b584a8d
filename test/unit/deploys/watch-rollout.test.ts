import { describe, expect, it } from 'vitest';
import { pickNewReplicaSet, watchRollout, type RolloutOutcome, type RolloutProgress } from '../../../src/domain/deploys/watch-rollout.js';
import type { Clock } from '../../../src/ports/clock.port.js';
import type { ClusterPort, ContainerStatus, Deployment, DeploymentCondition, KubeEvent, Pod, ReplicaSet } from '../../../src/ports/cluster.port.js';

const OLD_IMAGE = 'repo/backend:1.0.0@sha256:aaaa';
const NEW_IMAGE = 'repo/backend:1.1.0@sha256:bbbb';
const OLD_HASH = '5c4b3a2d1';
const NEW_HASH = '7d9f8c6b5';
const TIMEOUT_MS = 600_000;

interface Shape {
  generation?: number;
  observedGeneration?: number;
  revision?: string;
  image?: string;
  replicas?: number;
  updated?: number;
  available?: number;
  conditions?: DeploymentCondition[];
}

/** The Deployment after `kubectl set image` (generation 2, revision 2), with the status the test gives. */
function deployment(shape: Shape = {}): Deployment {
  return {
    name: 'backend',
    namespace: 'shop',
    generation: shape.generation ?? 2,
    labels: { app: 'backend' },
    annotations: shape.revision === undefined ? { 'deployment.kubernetes.io/revision': '2' } : shape.revision ? { 'deployment.kubernetes.io/revision': shape.revision } : {},
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'backend' } },
      template: { labels: { app: 'backend' }, spec: { containers: [{ name: 'app', image: shape.image ?? NEW_IMAGE }] } },
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: shape.observedGeneration ?? 2,
      replicas: shape.replicas ?? 3,
      updatedReplicas: shape.updated ?? 0,
      availableReplicas: shape.available ?? 3,
      conditions: shape.conditions ?? [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }],
    },
  };
}

const replicaSet = (hash: string, revision: number, image: string): ReplicaSet => ({
  name: `backend-${hash}`,
  namespace: 'shop',
  revision,
  podTemplateHash: hash,
  owner: 'backend',
  replicas: 3,
  readyReplicas: 0,
  availableReplicas: 0,
  images: [image],
});

const status = (state: ContainerStatus['state'], lastState: ContainerStatus['lastState'] = {}): ContainerStatus => ({
  name: 'app',
  image: NEW_IMAGE,
  ready: false,
  restartCount: 3,
  state,
  lastState,
});

const pod = (name: string, hash: string, container: ContainerStatus): Pod => ({
  name,
  namespace: 'shop',
  labels: { app: 'backend', 'pod-template-hash': hash },
  podTemplateHash: hash,
  phase: 'Running',
  containerStatuses: [container],
  initContainerStatuses: [],
});

const CRASHING = status({ waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=app pod=backend-7d9f8c6b5-x2k4q' } });
const HEALTHY = status({ running: { startedAt: '2025-01-01T00:00:00Z' } });

const notUsed = (): Promise<never> => Promise.reject(new Error('not used by the watcher'));

/** A ClusterPort whose watches the test drives by hand. */
class FakeCluster implements ClusterPort {
  current = deployment({ generation: 2, observedGeneration: 1 });
  replicaSets: ReplicaSet[] = [replicaSet(OLD_HASH, 1, OLD_IMAGE), replicaSet(NEW_HASH, 2, NEW_IMAGE)];
  events: Record<string, KubeEvent[]> = {};
  podSelector?: Record<string, string>;
  stopped = { deployment: 0, pods: 0 };
  /** While set, getDeployment waits for it (the API server is slow to answer). */
  gate?: Promise<void>;
  private deploymentListener?: (d: Deployment) => void;
  private podListener?: (pods: Pod[]) => void;
  private errorListener?: (error: Error) => void;

  emitDeployment(shape: Shape): void {
    this.deploymentListener!(deployment(shape));
  }
  emitPods(pods: Pod[]): void {
    this.podListener!(pods);
  }
  breakWatch(error: Error): void {
    this.errorListener!(error);
  }

  async getDeployment(): Promise<Deployment | undefined> {
    await this.gate;
    return this.current;
  }
  async watchDeployment(_ns: string, _name: string, onChange: (d: Deployment) => void, onError: (e: Error) => void) {
    this.deploymentListener = onChange;
    this.errorListener = onError;
    return () => void (this.stopped.deployment += 1);
  }
  async watchPods(_ns: string, selector: Record<string, string>, onChange: (pods: Pod[]) => void) {
    this.podSelector = selector;
    this.podListener = onChange;
    return () => void (this.stopped.pods += 1);
  }
  async listReplicaSets(): Promise<ReplicaSet[]> {
    return this.replicaSets;
  }
  async listEvents(_ns: string, name: string): Promise<KubeEvent[]> {
    return this.events[name] ?? [];
  }
  secretExists = notUsed;
  listNetworkPolicies = notUsed;
  setContainerImage = notUsed;
  listPods = notUsed;
  createJob = notUsed;
  getJob = notUsed;
  watchJob = notUsed;
  readPodLog = notUsed;
  deleteJob = notUsed;
}

/** A clock whose one sleep (the rollout's timeout) ends when the test says so. */
class ManualClock implements Clock {
  sleeps: number[] = [];
  /** The signal each sleep was given: aborted once the watch no longer needs its timeout. */
  sleepSignals: (AbortSignal | undefined)[] = [];
  private wake: (() => void)[] = [];
  now(): Date {
    return new Date('2025-01-01T12:00:00Z');
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    this.sleepSignals.push(signal);
    return new Promise((resolve) => this.wake.push(resolve));
  }
  elapse(): void {
    for (const wake of this.wake.splice(0)) wake();
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

async function startWatching(options: { signal?: AbortSignal; gate?: Promise<void> } = {}) {
  const cluster = new FakeCluster();
  if (options.gate) cluster.gate = options.gate;
  const clock = new ManualClock();
  const progress: RolloutProgress[] = [];
  let outcome: RolloutOutcome | undefined;
  let error: Error | undefined;
  const done = watchRollout({ cluster, clock, ...(options.signal ? { signal: options.signal } : {}) }, { namespace: 'shop', deployment: 'backend', generation: 2, timeoutMs: TIMEOUT_MS }, (p) => progress.push(p)).then(
    (o) => void (outcome = o),
    (e: Error) => void (error = e),
  );
  await flush();
  return { cluster, clock, progress, done, outcome: () => outcome, error: () => error };
}

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
