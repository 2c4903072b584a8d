import { watchRollout, type RolloutOutcome, type RolloutProgress } from '../../src/domain/deploys/watch-rollout.js';
import type { Clock } from '../../src/ports/clock.port.js';
import type { ClusterPort, ContainerStatus, Deployment, DeploymentCondition, KubeEvent, Pod, ReplicaSet } from '../../src/ports/cluster.port.js';

/** A Deployment, its ReplicaSets and pods as the rollout watcher sees them, a fake cluster and a manual clock (test/unit/deploys). */
export const OLD_IMAGE = 'repo/backend:1.0.0@sha256:aaaa';
export const NEW_IMAGE = 'repo/backend:1.1.0@sha256:bbbb';
export const OLD_HASH = '5c4b3a2d1';
export const NEW_HASH = '7d9f8c6b5';
export const TIMEOUT_MS = 600_000;

export interface Shape {
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
export function deployment(shape: Shape = {}): Deployment {
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

export const replicaSet = (hash: string, revision: number, image: string): ReplicaSet => ({
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

export const status = (state: ContainerStatus['state'], lastState: ContainerStatus['lastState'] = {}): ContainerStatus => ({
  name: 'app',
  image: NEW_IMAGE,
  ready: false,
  restartCount: 3,
  state,
  lastState,
});

export const pod = (name: string, hash: string, container: ContainerStatus): Pod => ({
  name,
  namespace: 'shop',
  labels: { app: 'backend', 'pod-template-hash': hash },
  podTemplateHash: hash,
  phase: 'Running',
  containerStatuses: [container],
  initContainerStatuses: [],
});

export const CRASHING = status({ waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=app pod=backend-7d9f8c6b5-x2k4q' } });
export const HEALTHY = status({ running: { startedAt: '2025-01-01T00:00:00Z' } });

export const notUsed = (): Promise<never> => Promise.reject(new Error('not used by the watcher'));

/** A ClusterPort whose watches the test drives by hand. */
export class FakeCluster implements ClusterPort {
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
export class ManualClock implements Clock {
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

export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function startWatching(options: { signal?: AbortSignal; gate?: Promise<void> } = {}) {
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
