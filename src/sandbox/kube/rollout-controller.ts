import { isDeepStrictEqual } from 'node:util';
import type { SandboxState } from '../sandbox-state.js';
import type { World } from '../world.js';
import { readCollection } from './kube-collection.js';
import { stableUid, type KubeObject } from './kube-objects.js';
import { findResource } from './kube-resources.js';
import { existingKubeStoreOf, kubeStoreOf, type KubeStore } from './kube-store.js';
import { realClock, timestampOf, type ControllerClock } from './rollout-controller-clock.js';
import { kubelet, recordEvent, type EventRecord } from './rollout-controller-events.js';
import {
  isPodReady,
  newPod,
  newReplicaSet,
  ownerNameOf,
  POD_TEMPLATE_HASH,
  podNameSuffix,
  podTemplateHash,
  REVISION,
  revisionOf,
  type DeploymentShape,
  type PodShape,
  type ReplicaSetShape,
} from './rollout-controller-objects.js';
import { failureOf, runPod } from './rollout-controller-pods.js';
import { countsOf, deploymentStatus, type NewReplicaSetOrigin } from './rollout-controller-status.js';
import { scaleOnce } from './rollout-controller-scaling.js';
import { seedNamespace } from './rollout-controller-seed.js';

const DEFAULT_POD_READY_SECONDS = 0.3;
const DEFAULT_DEADLINE_SCALE = 1 / 60;
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/**
 * The Deployment and ReplicaSet controllers and kubelet, in one: the world's
 * Deployments get a ReplicaSet and pods at start (as the world's status says),
 * and a Deployment whose spec a PATCH changed is rolled out as the
 * RollingUpdate strategy does (25% surge / 25% unavailable), its pods
 * becoming ready or failing as the world's rollout behaviour says, with
 * status, conditions and Events at every step, each published to watchers.
 * A Deployment nobody patched keeps the status the world gives it.
 */
export class RolloutController {
  private readonly cancels = new Map<string, (() => void)[]>();
  private readonly deadlines = new Map<string, () => void>();
  private unsubscribe: () => void = () => undefined;
  private podIPs = 10;

  constructor(
    private readonly world: World,
    private readonly store: KubeStore,
    private readonly clock: ControllerClock = realClock,
  ) {}

  start(): void {
    const deployments = findResource('apps', 'v1', 'deployments')!;
    for (const namespace of Object.keys(this.world.kubernetes.namespaces)) {
      const stamped = readCollection(this.world, this.store, deployments, namespace) as DeploymentShape[];
      seedNamespace(this.store, namespace, stamped, this.now());
    }
    this.unsubscribe = this.store.subscribe((change) => {
      if (change.resourceKey !== 'apps/deployments' || change.type !== 'MODIFIED') return;
      const { metadata, status } = change.object as DeploymentShape;
      // A spec change the controller has not observed yet; its own status writes have observedGeneration = generation.
      if (metadata?.generation !== status?.observedGeneration) {
        const name = metadata?.name ?? '';
        this.later(`deployment/${change.namespace}/${name}`, 0, () => this.reconcile(change.namespace, name));
      }
    });
  }

  stop(): void {
    this.unsubscribe();
    for (const cancels of this.cancels.values()) cancels.forEach((cancel) => cancel());
    this.cancels.clear();
    this.deadlines.forEach((cancel) => cancel());
    this.deadlines.clear();
    for (const close of [...this.store.closers]) close();
  }

  /** One sync of a Deployment: ReplicaSets scaled, pods created or deleted, status recomputed. */
  reconcile(namespace: string, name: string): void {
    const deployment = this.deployment(namespace, name);
    if (!deployment) return;
    const derived = this.store.derivedIn(namespace);
    const owned = () => (derived.replicasets as ReplicaSetShape[]).filter((rs) => ownerNameOf(rs) === name);
    const { rs: newRS, origin } = this.newReplicaSetOf(deployment, owned());
    const oldRSs = owned().filter((rs) => rs !== newRS);
    const desired = deployment.spec?.replicas ?? 1;

    for (let pass = 0; pass < 10 && scaleOnce(newRS, oldRSs, desired, this.podsOf(namespace)); pass += 1);
    for (const rs of owned()) this.syncPods(deployment, rs);

    const before = deployment.status ?? {};
    const at = this.now();
    const counts = countsOf(newRS, oldRSs, this.podsOf(namespace));
    const after = deploymentStatus(deployment, before, counts, newRS, origin, at);
    if (!isDeepStrictEqual(after, before)) {
      deployment.status = after;
      this.store.publish('apps/deployments', namespace, 'MODIFIED', deployment);
    }
    this.watchDeadline(deployment, after.conditions?.find((c) => c.type === 'Progressing')?.reason);
  }

  private newReplicaSetOf(deployment: DeploymentShape, owned: ReplicaSetShape[]): { rs: ReplicaSetShape; origin: NewReplicaSetOrigin } {
    const namespace = deployment.metadata?.namespace ?? '';
    const hash = podTemplateHash(deployment.spec?.template);
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    const existing = owned.find((rs) => rs.metadata?.labels?.[POD_TEMPLATE_HASH] === hash);
    const annotations = (deployment.metadata!.annotations ??= {});
    if (existing) {
      // A rollback: the ReplicaSet of that template is reused and takes the next revision.
      if (revisionOf(existing) < maxRevision) {
        existing.metadata!.annotations![REVISION] = String(maxRevision + 1);
        annotations[REVISION] = String(maxRevision + 1);
        this.store.publish('apps/replicasets', namespace, 'MODIFIED', existing);
        this.store.publish('apps/deployments', namespace, 'MODIFIED', deployment);
        return { rs: existing, origin: 'found' };
      }
      return { rs: existing, origin: 'same' };
    }
    const revision = maxRevision + 1;
    const rs = newReplicaSet(deployment, hash, revision, 0, stableUid(`apps/replicasets/${namespace}/${deployment.metadata?.name}-${hash}`), this.now());
    this.store.derivedIn(namespace).replicasets.push(rs);
    this.store.publish('apps/replicasets', namespace, 'ADDED', rs);
    annotations[REVISION] = String(revision);
    this.store.publish('apps/deployments', namespace, 'MODIFIED', deployment);
    return { rs, origin: 'created' };
  }

  /** The ReplicaSet controller: as many pods as spec.replicas, the unready ones deleted first; then its status. */
  private syncPods(deployment: DeploymentShape, rs: ReplicaSetShape): void {
    const namespace = rs.metadata?.namespace ?? '';
    const rsName = rs.metadata?.name ?? '';
    const derived = this.store.derivedIn(namespace);
    const pods = () => (derived.pods as PodShape[]).filter((p) => ownerNameOf(p) === rsName);
    const scaledFrom = pods().length;
    while (pods().length < rs.spec.replicas) this.createPod(rs);
    const excess = pods().length - rs.spec.replicas;
    if (excess > 0) {
      const victims = [...pods()].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b))).slice(0, excess);
      for (const pod of victims) this.deletePod(rs, pod);
    }
    if (scaledFrom !== rs.spec.replicas && deployment.status?.observedGeneration !== undefined) {
      const direction = scaledFrom < rs.spec.replicas ? 'up' : 'down';
      this.event(deployment, { type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${direction} replica set ${rsName} from ${scaledFrom} to ${rs.spec.replicas}`, source: { component: 'deployment-controller' } });
    }
    const ready = pods().filter(isPodReady).length;
    const status = { replicas: pods().length, fullyLabeledReplicas: pods().length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata?.generation ?? 1 };
    const specChanged = rs.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'] !== String(deployment.spec?.replicas ?? 1);
    if (!isDeepStrictEqual(status, rs.status) || specChanged || rs.spec.replicas !== scaledFrom) {
      rs.status = status;
      rs.metadata!.annotations!['deployment.kubernetes.io/desired-replicas'] = String(deployment.spec?.replicas ?? 1);
      this.store.publish('apps/replicasets', namespace, 'MODIFIED', rs);
    }
  }

  private createPod(rs: ReplicaSetShape): void {
    const namespace = rs.metadata?.namespace ?? '';
    const worldNamespace = this.world.kubernetes.namespaces[namespace];
    this.podIPs += 1;
    const pod = newPod(rs, `${rs.metadata?.name}-${podNameSuffix()}`, this.now(), `10.244.0.${this.podIPs % 250}`);
    this.store.derivedIn(namespace).pods.push(pod);
    this.store.publish('/pods', namespace, 'ADDED', pod);
    this.event(rs, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata?.name}`, source: { component: 'replicaset-controller' } });
    const behaviour = this.world.kubernetes.behaviour;
    const failures = pod.spec.containers.map((c) => (worldNamespace ? failureOf(c, behaviour, worldNamespace) : undefined));
    const deploymentName = ownerNameOf(rs) ?? '';
    runPod(
      {
        clock: this.clock,
        stepSeconds: behaviour?.podReadySeconds ?? DEFAULT_POD_READY_SECONDS,
        changed: (changed) => {
          if (!this.store.derivedIn(namespace).pods.includes(changed)) return;
          this.store.publish('/pods', namespace, 'MODIFIED', changed);
          this.reconcile(namespace, deploymentName);
        },
        event: (about, record) => this.event(about, { ...record, source: record.source ?? kubelet }),
        track: (about, cancel) => this.track(`pod/${namespace}/${about.metadata?.name}`, cancel),
      },
      pod,
      failures,
    );
  }

  private deletePod(rs: ReplicaSetShape, pod: PodShape): void {
    const namespace = rs.metadata?.namespace ?? '';
    const pods = this.store.derivedIn(namespace).pods;
    pods.splice(pods.indexOf(pod), 1);
    const key = `pod/${namespace}/${pod.metadata?.name}`;
    this.cancels.get(key)?.forEach((cancel) => cancel());
    this.cancels.delete(key);
    this.store.publish('/pods', namespace, 'DELETED', pod);
    this.event(rs, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata?.name}`, source: { component: 'replicaset-controller' } });
  }

  /** After progressDeadlineSeconds (scaled) without progress, the Deployment reports ProgressDeadlineExceeded. */
  private watchDeadline(deployment: DeploymentShape, reason: string | undefined): void {
    const namespace = deployment.metadata?.namespace ?? '';
    const name = deployment.metadata?.name ?? '';
    const key = `${namespace}/${name}`;
    const progressing = reason === 'NewReplicaSetCreated' || reason === 'FoundNewReplicaSet' || reason === 'ReplicaSetUpdated';
    const last = this.deadlineReasons.get(key);
    if (!progressing) {
      this.deadlines.get(key)?.();
      this.deadlines.delete(key);
      this.deadlineReasons.delete(key);
      return;
    }
    const stamp = deployment.status?.conditions?.find((c) => c.type === 'Progressing')?.lastUpdateTime ?? '';
    if (last === stamp && this.deadlines.has(key)) return;
    this.deadlines.get(key)?.();
    this.deadlineReasons.set(key, stamp);
    const scale = this.world.kubernetes.behaviour?.deadlineScale ?? DEFAULT_DEADLINE_SCALE;
    const seconds = (deployment.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS) * scale;
    this.deadlines.set(
      key,
      this.clock.schedule(seconds * 1000, () => {
        this.deadlines.delete(key);
        this.deadlineReasons.delete(key);
        this.expire(namespace, name);
      }),
    );
  }

  private readonly deadlineReasons = new Map<string, string>();

  private expire(namespace: string, name: string): void {
    const deployment = this.deployment(namespace, name);
    const condition = deployment?.status?.conditions?.find((c) => c.type === 'Progressing');
    if (!deployment || !condition || condition.reason === 'NewReplicaSetAvailable') return;
    const rsName = (condition.message ?? '').match(/"([^"]+)"/)?.[1] ?? name;
    const at = this.now();
    Object.assign(condition, { status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.`, lastUpdateTime: at, lastTransitionTime: at });
    this.store.publish('apps/deployments', namespace, 'MODIFIED', deployment);
  }

  private deployment(namespace: string, name: string): DeploymentShape | undefined {
    const deployments = this.world.kubernetes.namespaces[namespace]?.deployments as DeploymentShape[] | undefined;
    return deployments?.find((d) => d.metadata?.name === name);
  }

  private podsOf(namespace: string): PodShape[] {
    return this.store.derivedIn(namespace).pods as PodShape[];
  }

  private event(about: KubeObject, record: Omit<EventRecord, 'about'>): void {
    recordEvent(this.store, this.now(), { ...record, about });
  }

  private later(key: string, ms: number, run: () => void): void {
    this.track(key, this.clock.schedule(ms, run));
  }

  private track(key: string, cancel: () => void): void {
    const cancels = this.cancels.get(key) ?? [];
    cancels.push(cancel);
    this.cancels.set(key, cancels);
  }

  private now(): string {
    return timestampOf(this.clock.now());
  }
}

const controllers = new WeakMap<KubeStore, RolloutController>();

/** The sandbox's controller, started (and the world's ReplicaSets and pods made) on first use. */
export function rolloutControllerOf(state: SandboxState, clock: ControllerClock = realClock): RolloutController {
  const store = kubeStoreOf(state);
  let controller = controllers.get(store);
  if (!controller) {
    controller = new RolloutController(state.world, store, clock);
    controllers.set(store, controller);
    controller.start();
  }
  return controller;
}

/** Stops every timer of the controller and ends open watch streams; for SandboxServer.close. */
export function stopRolloutController(state: SandboxState): void {
  const store = existingKubeStoreOf(state);
  if (store) controllers.get(store)?.stop();
}
