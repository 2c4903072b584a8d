import type { CoreV1Event, V1ContainerState, V1ContainerStatus, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { ContainerStateView, ContainerStatus, KubeEvent, Pod, ReplicaSet } from '../../ports/cluster.port.js';

/**
 * Pods, ReplicaSets and Events as the domain reads them. The same functions
 * take objects from typed list calls (timestamps as Date) and raw objects
 * from watch events (timestamps as strings).
 */

const POD_TEMPLATE_HASH = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';

export function toPod(pod: V1Pod): Pod {
  const labels = { ...pod.metadata?.labels };
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    labels,
    ...defined({ podTemplateHash: labels[POD_TEMPLATE_HASH], createdAt: isoOf(pod.metadata?.creationTimestamp) }),
    phase: pod.status?.phase ?? 'Unknown',
    containerStatuses: (pod.status?.containerStatuses ?? []).map(toContainerStatus),
    initContainerStatuses: (pod.status?.initContainerStatuses ?? []).map(toContainerStatus),
  };
}

export function toReplicaSet(rs: V1ReplicaSet): ReplicaSet {
  const revision = Number(rs.metadata?.annotations?.[REVISION]);
  return {
    name: rs.metadata?.name ?? '',
    namespace: rs.metadata?.namespace ?? '',
    ...defined({
      revision: Number.isFinite(revision) && revision > 0 ? revision : undefined,
      podTemplateHash: rs.metadata?.labels?.[POD_TEMPLATE_HASH],
      owner: rs.metadata?.ownerReferences?.find((o) => o.controller && o.kind === 'Deployment')?.name,
    }),
    replicas: rs.spec?.replicas ?? 0,
    readyReplicas: rs.status?.readyReplicas ?? 0,
    availableReplicas: rs.status?.availableReplicas ?? 0,
    images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
  };
}

export function toKubeEvent(event: CoreV1Event): KubeEvent {
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    involvedObject: { kind: event.involvedObject?.kind ?? '', name: event.involvedObject?.name ?? '' },
    ...defined({
      count: event.count,
      at: isoOf(event.lastTimestamp) ?? isoOf(event.eventTime) ?? isoOf(event.metadata?.creationTimestamp),
    }),
  };
}

function toContainerStatus(status: V1ContainerStatus): ContainerStatus {
  return {
    name: status.name,
    image: status.image ?? '',
    ready: status.ready ?? false,
    restartCount: status.restartCount ?? 0,
    state: toState(status.state),
    lastState: toState(status.lastState),
  };
}

function toState(state: V1ContainerState | undefined): ContainerStateView {
  return defined({
    waiting: state?.waiting && defined({ reason: state.waiting.reason, message: state.waiting.message }),
    running: state?.running && defined({ startedAt: isoOf(state.running.startedAt) }),
    terminated:
      state?.terminated && defined({ reason: state.terminated.reason, exitCode: state.terminated.exitCode, message: state.terminated.message }),
  });
}

/** ISO 8601 from a Date (typed calls) or a string (watch events); undefined for anything else. */
export function isoOf(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

/** The object without its undefined fields (exactOptionalPropertyTypes). */
export function defined<T extends object>(object: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
