import type { PodFailure, WorldNamespace, WorldRolloutBehaviour } from '../world.js';
import { timestampOf, type ControllerClock } from './rollout-controller-clock.js';
import type { EventRecord } from './rollout-controller-events.js';
import { updateReadiness, type ContainerStatusShape, type PodShape } from './rollout-controller-objects.js';

/** Why a container cannot run: a failure the world assigns to its image, or a Secret it needs that is missing. */
export type ContainerFailure = { kind: PodFailure; terminationMessage?: string } | { kind: 'missing-secret'; secret: string };

/** What the pod lifecycle needs from the controller. */
export interface PodLifecycleContext {
  clock: ControllerClock;
  /** Seconds from creation to Ready for a healthy pod; failing pods move at the same pace. */
  stepSeconds: number;
  /** The pod changed: publish it, and let its Deployment reconcile. */
  changed(pod: PodShape): void;
  event(pod: PodShape, record: Omit<EventRecord, 'about' | 'source'> & { source?: EventRecord['source'] }): void;
  /** Keeps a cancel function so deleting the pod or stopping the controller stops its timers. */
  track(pod: PodShape, cancel: () => void): void;
}

interface ContainerSpec {
  name: string;
  image?: string;
  env?: { valueFrom?: { secretKeyRef?: { name?: string; optional?: boolean } } }[];
  envFrom?: { secretRef?: { name?: string; optional?: boolean } }[];
}

/** The failure of one container: behaviour.failures by full image, image without digest, or tag; else a missing Secret. */
export function failureOf(container: ContainerSpec, behaviour: WorldRolloutBehaviour | undefined, namespace: WorldNamespace): ContainerFailure | undefined {
  const image = container.image ?? '';
  const withoutDigest = image.split('@')[0]!;
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  const failures = behaviour?.failures ?? {};
  const configured = failures[image] ?? failures[withoutDigest] ?? (tag !== undefined ? failures[tag] : undefined);
  if (configured) return { kind: configured, ...(behaviour?.terminationMessage !== undefined ? { terminationMessage: behaviour.terminationMessage } : {}) };
  const referenced = [
    ...(container.env ?? []).map((e) => e.valueFrom?.secretKeyRef).filter((r) => r && !r.optional),
    ...(container.envFrom ?? []).map((e) => e.secretRef).filter((r) => r && !r.optional),
  ].map((r) => r!.name ?? '');
  const missing = referenced.find((name) => !namespace.secrets.includes(name));
  return missing !== undefined ? { kind: 'missing-secret', secret: missing } : undefined;
}

const MAX_BACKOFF_STEPS = 8;

/**
 * Moves a new pod the way kubelet would: after one step its containers run and
 * become ready, or fail as `failures` says, with the container states, restart
 * counts and Events kubectl describe would show.
 */
export function runPod(context: PodLifecycleContext, pod: PodShape, failures: (ContainerFailure | undefined)[]): void {
  const step = context.stepSeconds * 1000;
  const now = () => timestampOf(context.clock.now());
  const later = (ms: number, run: () => void) => context.track(pod, context.clock.schedule(ms, run));
  const name = pod.metadata?.name ?? '';
  const namespace = pod.metadata?.namespace ?? '';
  const podRef = `${name}_${namespace}(${pod.metadata?.uid ?? ''})`;
  const fieldPath = (c: ContainerStatusShape) => `spec.containers{${c.name}}`;

  context.event(pod, { type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${namespace}/${name} to ${pod.spec.nodeName}`, source: { component: 'default-scheduler' } });
  for (const container of pod.status.containerStatuses) {
    context.event(pod, { type: 'Normal', reason: 'Pulling', message: `Pulling image "${container.image}"`, fieldPath: fieldPath(container) });
  }

  const pulledAndStarted = (container: ContainerStatusShape) => {
    context.event(pod, { type: 'Normal', reason: 'Pulled', message: `Successfully pulled image "${container.image}" in ${context.stepSeconds}s`, fieldPath: fieldPath(container) });
    context.event(pod, { type: 'Normal', reason: 'Created', message: `Created container ${container.name}`, fieldPath: fieldPath(container) });
    context.event(pod, { type: 'Normal', reason: 'Started', message: `Started container ${container.name}`, fieldPath: fieldPath(container) });
  };

  later(step, () => {
    const at = now();
    pod.status.containerStatuses.forEach((container, index) => {
      const failure = failures[index];
      container.imageID = failure?.kind === 'image-pull' ? '' : `${container.image.split('@')[0]}@sha256:${'0'.repeat(64)}`;
      switch (failure?.kind) {
        case undefined:
          pulledAndStarted(container);
          container.state = { running: { startedAt: at } };
          container.ready = true;
          container.started = true;
          break;
        case 'never-ready':
          pulledAndStarted(container);
          container.state = { running: { startedAt: at } };
          container.started = true;
          repeatEvent(() => ({ type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503', fieldPath: fieldPath(container) }));
          break;
        case 'image-pull': {
          const message = `rpc error: code = NotFound desc = failed to pull and unpack image "${container.image}": no match for platform in manifest: not found`;
          container.state = { waiting: { reason: 'ErrImagePull', message } };
          context.event(pod, { type: 'Warning', reason: 'Failed', message: `Failed to pull image "${container.image}": ${message}`, fieldPath: fieldPath(container) });
          context.event(pod, { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', fieldPath: fieldPath(container) });
          later(step, () => {
            container.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${container.image}"` } };
            context.event(pod, { type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${container.image}"`, fieldPath: fieldPath(container) });
            context.event(pod, { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff', fieldPath: fieldPath(container) });
            context.changed(pod);
          });
          break;
        }
        case 'config-error':
        case 'missing-secret': {
          const secret = failure.kind === 'missing-secret' ? failure.secret : `${container.name}-db`;
          context.event(pod, { type: 'Normal', reason: 'Pulled', message: `Container image "${container.image}" already present on machine`, fieldPath: fieldPath(container) });
          container.state = { waiting: { reason: 'CreateContainerConfigError', message: `secret "${secret}" not found` } };
          repeatEvent(() => ({ type: 'Warning', reason: 'Failed', message: `Error: secret "${secret}" not found`, fieldPath: fieldPath(container) }));
          break;
        }
        case 'crash-loop':
        case 'oom-killed':
          pulledAndStarted(container);
          crash(container, failure.kind === 'oom-killed', 1, failure.terminationMessage);
          break;
      }
    });
    pod.status.phase = pod.status.containerStatuses.every((c) => c.state.running || c.lastState.terminated) ? 'Running' : 'Pending';
    updateReadiness(pod, at);
    context.changed(pod);
  });

  /** One crash, then the back-off kubelet waits (10 s doubling, in steps here) before the next. */
  function crash(container: ContainerStatusShape, oom: boolean, attempt: number, message?: string): void {
    const at = now();
    container.restartCount = attempt;
    container.started = false;
    container.lastState = {
      terminated: {
        exitCode: oom ? 137 : 1,
        reason: oom ? 'OOMKilled' : 'Error',
        ...(message !== undefined ? { message } : {}),
        startedAt: at,
        finishedAt: at,
        containerID: `containerd://${'c'.repeat(64)}`,
      },
    };
    if (message !== undefined) context.event(pod, { type: 'Warning', reason: 'Failed', message, fieldPath: fieldPath(container) });
    const backoff = Math.min(10 * 2 ** (attempt - 1), 300);
    container.state = {
      waiting: { reason: 'CrashLoopBackOff', message: `back-off ${formatBackoff(backoff)} restarting failed container=${container.name} pod=${podRef}` },
    };
    context.event(pod, { type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${container.name} in pod ${podRef}`, fieldPath: `spec.containers{${container.name}}` });
    pod.status.phase = 'Running';
    if (attempt > 1) context.changed(pod);
    if (attempt < MAX_BACKOFF_STEPS) later(step * Math.min(attempt, 4), () => crash(container, oom, attempt + 1, message));
  }

  function repeatEvent(make: () => Omit<EventRecord, 'about' | 'source'>, remaining = MAX_BACKOFF_STEPS): void {
    context.event(pod, make());
    if (remaining > 1) later(step * 2, () => repeatEvent(make, remaining - 1));
  }
}

const formatBackoff = (seconds: number): string => (seconds >= 60 ? `${Math.floor(seconds / 60)}m${seconds % 60}s` : `${seconds}s`);

