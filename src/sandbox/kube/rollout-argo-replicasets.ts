import type { World } from '../world.js';
import type { KubeStore } from './kube-store.js';
import { rolloutOwnerOf } from './rollout-argo-objects.js';
import { timestampOf, type ControllerClock } from './rollout-controller-clock.js';
import { kubelet, recordEvent, type EventRecord } from './rollout-controller-events.js';
import { isPodReady, newPod, ownerNameOf, podNameSuffix, updateReadiness, type PodShape, type ReplicaSetShape } from './rollout-controller-objects.js';
import { failureOf, runPod } from './rollout-controller-pods.js';

const DEFAULT_POD_READY_SECONDS = 0.3;
const ARGO_CONTROLLER = { component: 'rollouts-controller' };

/**
 * The ReplicaSet controller and kubelet for a Rollout's ReplicaSets: pods
 * made and deleted to spec.replicas, run by the same pod lifecycle as a
 * Deployment's (rollout-controller-pods.ts: world failures crash-loop them
 * the same way), every change published; `changed` tells the Rollout.
 */
export class ArgoReplicaSets {
  private podIPs = 150;
  private readonly podCancels = new Map<string, (() => void)[]>();

  constructor(
    private readonly world: World,
    private readonly store: KubeStore,
    private readonly clock: ControllerClock,
    private readonly changed: (namespace: string, rollout: string) => void,
    private readonly track: (cancel: () => void) => void,
  ) {}

  add(rs: ReplicaSetShape): void {
    const namespace = rs.metadata?.namespace ?? '';
    this.store.derivedIn(namespace).replicasets.push(rs);
    this.store.publish('apps/replicasets', namespace, 'ADDED', rs);
  }

  ownedBy(namespace: string, rollout: string): ReplicaSetShape[] {
    return (this.store.derivedIn(namespace).replicasets as ReplicaSetShape[]).filter((rs) => rolloutOwnerOf(rs) === rollout);
  }

  /** A ReplicaSet that exists when the sandbox starts: `replicas` pods, already Ready. */
  seed(rs: ReplicaSetShape, replicas: number): void {
    const at = timestampOf(this.clock.now());
    rs.spec.replicas = replicas;
    for (let index = 0; index < replicas; index += 1) {
      const pod = this.makePod(rs);
      pod.status.phase = 'Running';
      for (const container of pod.status.containerStatuses) {
        Object.assign(container, { ready: true, started: true, state: { running: { startedAt: at } }, imageID: `${container.image.split('@')[0]}@sha256:${'0'.repeat(64)}` });
      }
      updateReadiness(pod, at);
      this.store.derivedIn(rs.metadata?.namespace ?? '').pods.push(pod);
    }
    this.refresh(rs);
  }

  /** Sets spec.replicas and makes or deletes pods to match (the unready deleted first). */
  scaleTo(rs: ReplicaSetShape, replicas: number): void {
    const scaledFrom = this.podsOf(rs).length;
    if (rs.spec.replicas === replicas && scaledFrom === replicas) return;
    rs.spec.replicas = replicas;
    while (this.podsOf(rs).length < replicas) this.createPod(rs);
    const excess = this.podsOf(rs).length - replicas;
    if (excess > 0) {
      const victims = [...this.podsOf(rs)].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b))).slice(0, excess);
      for (const pod of victims) this.deletePod(rs, pod);
    }
    const direction = scaledFrom < replicas ? 'up' : 'down';
    this.event(rs, { type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${direction} ReplicaSet ${rs.metadata?.name} (revision ${rs.metadata?.annotations?.['rollout.argoproj.io/revision']}) from ${scaledFrom} to ${replicas}`, source: ARGO_CONTROLLER });
    this.refresh(rs);
  }

  available(rs: ReplicaSetShape): number {
    return this.podsOf(rs).filter(isPodReady).length;
  }

  counts(rs: ReplicaSetShape): { replicas: number; ready: number } {
    return { replicas: this.podsOf(rs).length, ready: this.available(rs) };
  }

  private podsOf(rs: ReplicaSetShape): PodShape[] {
    return (this.store.derivedIn(rs.metadata?.namespace ?? '').pods as PodShape[]).filter((p) => ownerNameOf(p) === rs.metadata?.name);
  }

  /** status of the ReplicaSet from its pods, published when it changed. */
  private refresh(rs: ReplicaSetShape): void {
    const pods = this.podsOf(rs);
    const ready = pods.filter(isPodReady).length;
    rs.status = { replicas: pods.length, fullyLabeledReplicas: pods.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata?.generation ?? 1 };
    this.store.publish('apps/replicasets', rs.metadata?.namespace ?? '', 'MODIFIED', rs);
  }

  private makePod(rs: ReplicaSetShape): PodShape {
    this.podIPs += 1;
    return newPod(rs, `${rs.metadata?.name}-${podNameSuffix()}`, timestampOf(this.clock.now()), `10.244.2.${this.podIPs % 250}`);
  }

  private createPod(rs: ReplicaSetShape): void {
    const namespace = rs.metadata?.namespace ?? '';
    const pod = this.makePod(rs);
    this.store.derivedIn(namespace).pods.push(pod);
    this.store.publish('/pods', namespace, 'ADDED', pod);
    this.event(rs, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata?.name}`, source: { component: 'replicaset-controller' } });
    const behaviour = this.world.kubernetes.behaviour;
    const worldNamespace = this.world.kubernetes.namespaces[namespace];
    const key = `${namespace}/${pod.metadata?.name}`;
    runPod(
      {
        clock: this.clock,
        stepSeconds: behaviour?.podReadySeconds ?? DEFAULT_POD_READY_SECONDS,
        changed: (changed) => {
          if (!this.store.derivedIn(namespace).pods.includes(changed)) return;
          this.store.publish('/pods', namespace, 'MODIFIED', changed);
          this.refresh(rs);
          this.changed(namespace, rolloutOwnerOf(rs) ?? '');
        },
        event: (about, record) => this.event(about, { ...record, source: record.source ?? kubelet }),
        track: (_about, cancel) => {
          this.podCancels.set(key, [...(this.podCancels.get(key) ?? []), cancel]);
          this.track(cancel);
        },
      },
      pod,
      pod.spec.containers.map((c) => (worldNamespace ? failureOf(c, behaviour, worldNamespace) : undefined)),
    );
  }

  private deletePod(rs: ReplicaSetShape, pod: PodShape): void {
    const namespace = rs.metadata?.namespace ?? '';
    const pods = this.store.derivedIn(namespace).pods;
    pods.splice(pods.indexOf(pod), 1);
    const key = `${namespace}/${pod.metadata?.name}`;
    this.podCancels.get(key)?.forEach((cancel) => cancel());
    this.podCancels.delete(key);
    this.store.publish('/pods', namespace, 'DELETED', pod);
    this.event(rs, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata?.name}`, source: { component: 'replicaset-controller' } });
  }

  private event(about: ReplicaSetShape | PodShape, record: Omit<EventRecord, 'about'>): void {
    recordEvent(this.store, timestampOf(this.clock.now()), { ...record, about });
  }
}
