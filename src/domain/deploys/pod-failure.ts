import type { ContainerStateView, ContainerStatus, Pod } from '../../ports/cluster.port.js';

export type PodFailureReason = 'ImagePullBackOff' | 'ErrImagePull' | 'CrashLoopBackOff' | 'CreateContainerConfigError' | 'OOMKilled';

export interface PodFailure {
  pod: string;
  container: string;
  reason: PodFailureReason;
  message: string;
}

/** Waiting reasons that will not fix themselves while the rollout waits for its deadline. */
const FATAL_WAITING_REASONS: ReadonlySet<string> = new Set<PodFailureReason>([
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
]);

/**
 * The first container of the new ReplicaSet's pods that is stuck in a way a
 * rollout never recovers from. Pods of older ReplicaSets are ignored: they
 * are being replaced, and their trouble is not this rollout's.
 */
export function podFailure(pods: readonly Pod[], podTemplateHash?: string): PodFailure | undefined {
  const newPods = podTemplateHash === undefined ? pods : pods.filter((pod) => pod.podTemplateHash === podTemplateHash);
  for (const pod of newPods) {
    for (const status of [...pod.initContainerStatuses, ...pod.containerStatuses]) {
      const failure = containerFailure(status);
      if (failure) return { pod: pod.name, container: status.name, ...failure };
    }
  }
  return undefined;
}

function containerFailure(status: ContainerStatus): { reason: PodFailureReason; message: string } | undefined {
  const { reason, message }: NonNullable<ContainerStateView['waiting']> = status.state.waiting ?? {};
  if (reason && reason !== 'CrashLoopBackOff' && FATAL_WAITING_REASONS.has(reason)) {
    return { reason: reason as PodFailureReason, message: message ?? '' };
  }
  // An OOM-killed container is restarted at once, so its kill shows in lastState (and later
  // behind a CrashLoopBackOff): the kill is the cause worth naming.
  const oom = [status.state.terminated, status.lastState.terminated].find((t) => t?.reason === 'OOMKilled');
  if (oom) {
    const detail = oom.message || `exit code ${oom.exitCode ?? 137}, restarted ${status.restartCount} times`;
    return { reason: 'OOMKilled', message: detail };
  }
  if (reason === 'CrashLoopBackOff') return { reason, message: message ?? crashNote(status) };
  return undefined;
}

/** What the last crash said, for a back-off that carries no message. */
function crashNote(status: ContainerStatus): string {
  const last = status.lastState.terminated;
  if (!last) return `restarted ${status.restartCount} times`;
  return `last exit code ${last.exitCode ?? '?'}${last.reason ? ` (${last.reason})` : ''}, restarted ${status.restartCount} times`;
}
