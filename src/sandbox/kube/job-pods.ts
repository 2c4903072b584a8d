import type { WorldImageRun } from '../world.js';
import { timestampOf } from './rollout-controller-clock.js';
import { updateReadiness, type ContainerStatusShape, type PodShape } from './rollout-controller-objects.js';
import { runPod, type ContainerFailure, type PodLifecycleContext } from './rollout-controller-pods.js';

const DEFAULT_RUN_MS = 200;

export interface JobPodContext extends PodLifecycleContext {
  restartPolicy: 'Never' | 'OnFailure';
  runOf(image: string): WorldImageRun;
}

/** How a container ends: from the world's image run, or from a crash / OOM the world's failures assign to the image. */
function exitOf(run: WorldImageRun, failure: ContainerFailure | undefined): { exitCode: number; reason: string } | undefined {
  if (failure?.kind === 'never-ready') return undefined;
  if (failure?.kind === 'oom-killed') return { exitCode: 137, reason: 'OOMKilled' };
  if (failure?.kind === 'crash-loop') return { exitCode: run.exitCode || 1, reason: run.reason ?? 'Error' };
  const exitCode = run.exitCode ?? 0;
  return { exitCode, reason: run.reason ?? (exitCode === 0 ? 'Completed' : 'Error') };
}

/**
 * A Job's pod as kubelet runs it: pulled and started after one step, each
 * container exiting after its image's runMs with its exit code. With
 * restartPolicy Never the pod ends Succeeded or Failed; with OnFailure a
 * failing container is restarted in place (CrashLoopBackOff between runs,
 * restartCount growing). An image that cannot be pulled, or a missing
 * Secret, leaves the pod Pending as for a Deployment's pod.
 */
export function runJobPod(context: JobPodContext, pod: PodShape, failures: (ContainerFailure | undefined)[]): void {
  const stuck = failures.some((f) => f?.kind === 'image-pull' || f?.kind === 'config-error' || f?.kind === 'missing-secret');
  if (stuck) return runPod(context, pod, failures);
  const step = context.stepSeconds * 1000;
  const now = () => timestampOf(context.clock.now());
  const later = (ms: number, run: () => void) => context.track(pod, context.clock.schedule(ms, run));
  const fieldPath = (c: ContainerStatusShape) => `spec.containers{${c.name}}`;
  const containerID = (c: ContainerStatusShape, attempt: number) =>
    `containerd://${Buffer.from(`${pod.metadata?.uid}/${c.name}/${attempt}`).toString('hex').padEnd(64, '0').slice(0, 64)}`;

  context.event(pod, { type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${pod.metadata?.namespace}/${pod.metadata?.name} to ${pod.spec.nodeName}`, source: { component: 'default-scheduler' } });

  const start = (container: ContainerStatusShape, index: number) => {
    container.containerID = containerID(container, container.restartCount);
    container.state = { running: { startedAt: now() } };
    container.started = true;
    container.ready = true;
    context.event(pod, { type: 'Normal', reason: 'Started', message: `Started container ${container.name}`, fieldPath: fieldPath(container) });
    const ending = exitOf(context.runOf(container.image), failures[index]);
    if (ending) later(context.runOf(container.image).runMs ?? DEFAULT_RUN_MS, () => exit(container, index, ending));
  };

  const exit = (container: ContainerStatusShape, index: number, ending: { exitCode: number; reason: string }) => {
    const at = now();
    const startedAt = container.state.running?.startedAt ?? at;
    const terminated = { exitCode: ending.exitCode, reason: ending.reason, startedAt, finishedAt: at, containerID: container.containerID };
    container.ready = false;
    container.started = false;
    if (ending.exitCode !== 0 && context.restartPolicy === 'OnFailure') {
      container.restartCount += 1;
      container.lastState = { terminated };
      const podRef = `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
      container.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=${container.name} pod=${podRef}` } };
      context.event(pod, { type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${container.name} in pod ${podRef}`, fieldPath: fieldPath(container) });
      later(step * Math.min(container.restartCount, 4), () => {
        start(container, index);
        updateReadiness(pod, now());
        context.changed(pod);
      });
    } else {
      container.state = { terminated };
    }
    const statuses = pod.status.containerStatuses;
    if (statuses.every((c) => c.state.terminated)) {
      pod.status.phase = statuses.every((c) => c.state.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
    }
    updateReadiness(pod, at);
    if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') {
      for (const condition of pod.status.conditions.filter((c) => c.type === 'Ready' || c.type === 'ContainersReady')) {
        condition.reason = 'PodCompleted';
        delete condition.message;
      }
    }
    context.changed(pod);
  };

  later(step, () => {
    pod.status.containerStatuses.forEach((container, index) => {
      container.imageID = `${container.image.split('@')[0]}@sha256:${'0'.repeat(64)}`;
      context.event(pod, { type: 'Normal', reason: 'Pulled', message: `Successfully pulled image "${container.image}" in ${context.stepSeconds}s`, fieldPath: fieldPath(container) });
      context.event(pod, { type: 'Normal', reason: 'Created', message: `Created container ${container.name}`, fieldPath: fieldPath(container) });
      start(container, index);
    });
    pod.status.phase = 'Running';
    updateReadiness(pod, now());
    context.changed(pod);
  });
}
