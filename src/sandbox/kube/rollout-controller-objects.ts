import { randomBytes, randomUUID } from 'node:crypto';
import type { KubeObject } from './kube-objects.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const NODE_NAME = 'sandbox-node-1';

/** The characters k8s.io/apimachinery's rand.SafeEncodeString uses: no vowels, no look-alikes. */
const SAFE_ALPHABET = 'bcdf' + 'ghjklmnpqrstvwxz2456789';

const safeEncode = (text: string): string => [...Buffer.from(text)].map((b) => SAFE_ALPHABET[b % SAFE_ALPHABET.length]).join('');

/** The pod-template-hash label, computed as the Deployment controller does: FNV-32a of the template, safe-encoded. */
export function podTemplateHash(template: unknown): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(JSON.stringify(template ?? {}))) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return safeEncode(String(hash));
}

/** The 5 random characters a ReplicaSet appends to its pods' names. */
export const podNameSuffix = (): string => [...randomBytes(5)].map((b) => SAFE_ALPHABET[b % SAFE_ALPHABET.length]).join('');

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { name: string; image?: string }[]; [field: string]: unknown };
}

export interface DeploymentShape extends KubeObject {
  spec?: { replicas?: number; progressDeadlineSeconds?: number; selector?: { matchLabels?: Record<string, string> }; template?: PodTemplate };
  status?: DeploymentStatus;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  [field: string]: unknown;
}

export interface Condition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSetShape extends KubeObject {
  spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: PodTemplate };
  status: { replicas: number; fullyLabeledReplicas: number; readyReplicas: number; availableReplicas: number; observedGeneration: number };
}

export const revisionOf = (object: KubeObject): number => Number(object.metadata?.annotations?.[REVISION] ?? 0) || 0;

const ownerReference = (owner: KubeObject, kind: string) => ({
  apiVersion: kind === 'Deployment' || kind === 'ReplicaSet' ? 'apps/v1' : 'v1',
  kind,
  name: owner.metadata?.name ?? '',
  uid: owner.metadata?.uid ?? '',
  controller: true,
  blockOwnerDeletion: true,
});

export function ownerNameOf(object: KubeObject): string | undefined {
  const references = object.metadata?.ownerReferences as { name: string; controller?: boolean }[] | undefined;
  return references?.find((r) => r.controller)?.name;
}

/** A ReplicaSet for the Deployment's current template, as the Deployment controller creates it. */
export function newReplicaSet(deployment: DeploymentShape, hash: string, revision: number, replicas: number, uid: string, at: string): ReplicaSetShape {
  const template = structuredClone(deployment.spec?.template ?? {});
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
  const name = `${deployment.metadata?.name}-${hash}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: deployment.metadata?.namespace ?? '',
      uid,
      generation: 1,
      creationTimestamp: at,
      labels: { ...template.metadata.labels },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(deployment.spec?.replicas ?? 1),
        'deployment.kubernetes.io/max-replicas': String(maxReplicasOf(deployment.spec?.replicas ?? 1)),
        [REVISION]: String(revision),
      },
      ownerReferences: [ownerReference(deployment, 'Deployment')],
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...deployment.spec?.selector?.matchLabels, [POD_TEMPLATE_HASH]: hash } },
      template,
    },
    status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 },
  };
}

/** maxSurge and maxUnavailable of the default RollingUpdate strategy (25% each), rounded as Kubernetes rounds them. */
export function rollingLimits(replicas: number): { maxSurge: number; maxUnavailable: number } {
  const maxSurge = Math.ceil(replicas * 0.25);
  const maxUnavailable = Math.floor(replicas * 0.25);
  // Both zero would deadlock the rollout; the controller then allows one unavailable pod.
  return maxSurge === 0 && maxUnavailable === 0 ? { maxSurge, maxUnavailable: 1 } : { maxSurge, maxUnavailable };
}

const maxReplicasOf = (replicas: number): number => replicas + rollingLimits(replicas).maxSurge;

export interface PodShape extends KubeObject {
  spec: { containers: { name: string; image?: string }[]; nodeName?: string; [field: string]: unknown };
  status: PodStatus;
}

export interface PodStatus {
  phase: string;
  conditions: Condition[];
  hostIP?: string;
  podIP?: string;
  startTime?: string;
  qosClass?: string;
  containerStatuses: ContainerStatusShape[];
}

export interface ContainerStatusShape {
  name: string;
  image: string;
  imageID: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: Record<string, Record<string, unknown>>;
  lastState: Record<string, Record<string, unknown>>;
  containerID?: string;
}

/** A pod of a ReplicaSet, just scheduled: Pending, its containers being created. */
export function newPod(replicaSet: ReplicaSetShape, name: string, at: string, podIP: string): PodShape {
  const template = replicaSet.spec.template;
  const spec = structuredClone(template.spec ?? {}) as PodShape['spec'];
  spec.containers ??= [];
  spec.nodeName = NODE_NAME;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${replicaSet.metadata?.name}-`,
      namespace: replicaSet.metadata?.namespace ?? '',
      uid: randomUUID(),
      creationTimestamp: at,
      labels: { ...template.metadata?.labels },
      ownerReferences: [ownerReference(replicaSet, 'ReplicaSet')],
    },
    spec,
    status: {
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: at },
        { type: 'Initialized', status: 'True', lastTransitionTime: at },
        { type: 'Ready', status: 'False', lastTransitionTime: at, reason: 'ContainersNotReady', message: `containers with unready status: [${spec.containers.map((c) => c.name).join(' ')}]` },
        { type: 'ContainersReady', status: 'False', lastTransitionTime: at, reason: 'ContainersNotReady', message: `containers with unready status: [${spec.containers.map((c) => c.name).join(' ')}]` },
      ],
      hostIP: '10.0.0.10',
      podIP,
      startTime: at,
      qosClass: 'Burstable',
      containerStatuses: spec.containers.map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
      })),
    },
  };
}

/** Sets the pod's Ready and ContainersReady conditions from its containers. */
export function updateReadiness(pod: PodShape, at: string): void {
  const unready = pod.status.containerStatuses.filter((c) => !c.ready).map((c) => c.name);
  for (const type of ['Ready', 'ContainersReady']) {
    const condition = pod.status.conditions.find((c) => c.type === type);
    if (!condition) continue;
    const status = unready.length === 0 ? 'True' : 'False';
    if (condition.status !== status) condition.lastTransitionTime = at;
    condition.status = status;
    if (status === 'True') {
      delete condition.reason;
      delete condition.message;
    } else {
      condition.reason = 'ContainersNotReady';
      condition.message = `containers with unready status: [${unready.join(' ')}]`;
    }
  }
}

export const isPodReady = (pod: KubeObject): boolean =>
  ((pod as PodShape).status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
