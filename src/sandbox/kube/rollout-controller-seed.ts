import { stableUid } from './kube-objects.js';
import type { KubeStore } from './kube-store.js';
import {
  newPod,
  newReplicaSet,
  podTemplateHash,
  revisionOf,
  updateReadiness,
  type DeploymentShape,
  type PodShape,
} from './rollout-controller-objects.js';

/**
 * The ReplicaSet and pods a Deployment of the world already has when the
 * sandbox starts, consistent with the status the world gives it: as many
 * Ready pods as it says are available, the rest running but not ready
 * (a crashing container). The Deployment itself is left as written.
 */
export function seedNamespace(store: KubeStore, namespace: string, deployments: DeploymentShape[], at: string): void {
  const derived = store.derivedIn(namespace);
  for (const deployment of deployments) {
    const name = deployment.metadata?.name ?? '';
    const hash = podTemplateHash(deployment.spec?.template);
    const rsName = `${name}-${hash}`;
    if (derived.replicasets.some((rs) => rs.metadata?.name === rsName)) continue;
    const replicas = deployment.spec?.replicas ?? 1;
    const rs = newReplicaSet(deployment, hash, Math.max(1, revisionOf(deployment)), replicas, stableUid(`apps/replicasets/${namespace}/${rsName}`), at);
    rs.metadata!.resourceVersion = store.nextResourceVersion();
    const ready = Math.min(replicas, deployment.status?.availableReplicas ?? deployment.status?.readyReplicas ?? replicas);
    rs.status = { replicas, fullyLabeledReplicas: replicas, readyReplicas: ready, availableReplicas: ready, observedGeneration: 1 };
    derived.replicasets.push(rs);
    for (let index = 0; index < replicas; index += 1) {
      const podName = `${rsName}-${seedSuffix(`${namespace}/${rsName}/${index}`)}`;
      const pod = newPod(rs, podName, at, `10.244.1.${(index % 250) + 1}`);
      pod.metadata!.uid = stableUid(`pods/${namespace}/${podName}`);
      pod.metadata!.resourceVersion = store.nextResourceVersion();
      settle(pod, index < ready, at);
      derived.pods.push(pod);
    }
  }
}

function settle(pod: PodShape, ready: boolean, at: string): void {
  pod.status.phase = 'Running';
  for (const container of pod.status.containerStatuses) {
    container.imageID = `${container.image.split('@')[0]}@sha256:${'0'.repeat(64)}`;
    container.started = ready;
    container.ready = ready;
    if (ready) container.state = { running: { startedAt: at } };
    else {
      const podRef = `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
      container.restartCount = 3;
      container.lastState = { terminated: { exitCode: 1, reason: 'Error', startedAt: at, finishedAt: at } };
      container.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=${container.name} pod=${podRef}` } };
    }
  }
  updateReadiness(pod, at);
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A stable 5-character pod suffix, so seeded pods keep their names from run to run. */
function seedSuffix(key: string): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  let suffix = '';
  for (let i = 0; i < 5; i += 1) {
    suffix += SAFE[hash % SAFE.length];
    hash = Math.floor(hash / SAFE.length) + i * 7919;
  }
  return suffix;
}
