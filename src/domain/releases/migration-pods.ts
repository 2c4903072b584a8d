import type { ContainerStatus, Pod } from '../../ports/cluster.port.js';

/**
 * Waiting reasons a migration's pod never leaves by itself: the Job would sit
 * active until its deadline. (Crashes need no rule of their own: with
 * restartPolicy Never and backoffLimit 0 the Job fails at the first one.)
 */
const STUCK_REASONS: ReadonlySet<string> = new Set(['ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'InvalidImageName']);

export interface StuckPod {
  pod: Pod;
  container: string;
  reason: string;
  message: string;
}

/** The first container of the Job's pods stuck waiting for good, if any. */
export function stuckPod(pods: readonly Pod[]): StuckPod | undefined {
  for (const pod of pods) {
    for (const { name, state } of [...pod.initContainerStatuses, ...pod.containerStatuses]) {
      const { reason, message } = state.waiting ?? {};
      if (reason && STUCK_REASONS.has(reason)) return { pod, container: name, reason, message: message ?? '' };
    }
  }
  return undefined;
}

/** One progress line per pod and state: "pod db-migrate-x-abcde running". */
export function podLine(pod: Pod, container: string): string {
  const status = pod.containerStatuses.find((c) => c.name === container) ?? pod.containerStatuses[0];
  return `pod ${pod.name} ${stateOf(pod, status)}`;
}

/** The container's end or wait, else the pod's phase (Pending before any status, Running while it runs). */
function stateOf(pod: Pod, status: ContainerStatus | undefined): string {
  const { terminated, waiting } = status?.state ?? {};
  if (terminated) return `${terminated.exitCode === 0 ? 'finished' : 'failed'}: exit code ${terminated.exitCode ?? '?'}${terminated.reason ? ` (${terminated.reason})` : ''}`;
  return waiting?.reason ? `waiting: ${waiting.reason}` : pod.phase.toLowerCase();
}

/** The pod whose log tells what went wrong: the newest that failed, else the newest at all. */
export function podToQuote(pods: readonly Pod[]): Pod | undefined {
  const newestFirst = [...pods].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  return newestFirst.find((pod) => pod.phase === 'Failed') ?? newestFirst[0];
}

/** How the pod's container ended, for the failure message: `container "migrate" of pod "p" exited with code 1 (Error)`. */
export function exitNote(pod: Pod, container: string): string | undefined {
  const terminated = pod.containerStatuses.find((c) => c.name === container)?.state.terminated;
  if (!terminated) return undefined;
  const reason = terminated.reason ? ` (${terminated.reason})` : '';
  const said = terminated.message ? `: ${terminated.message}` : '';
  return `container "${container}" of pod "${pod.name}" exited with code ${terminated.exitCode ?? '?'}${reason}${said}`;
}
