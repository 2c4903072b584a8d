import { isDeepStrictEqual } from 'node:util';
import type { SandboxState } from '../sandbox-state.js';
import type { World } from '../world.js';
import type { KubeObject } from './kube-objects.js';
import { existingKubeStoreOf, type KubeStore } from './kube-store.js';
import { imageRunOf, isJobFinished, isPodFinished, newJobPod, storedJobs, type JobCondition, type JobShape, type JobStatus } from './job-objects.js';
import { runJobPod } from './job-pods.js';
import { realClock, timestampOf, type ControllerClock } from './rollout-controller-clock.js';
import { kubelet, recordEvent, type EventRecord } from './rollout-controller-events.js';
import { isPodReady, ownerNameOf, type PodShape } from './rollout-controller-objects.js';
import { failureOf } from './rollout-controller-pods.js';

const DEFAULT_STEP_SECONDS = 0.3;
const DEFAULT_DEADLINE_SCALE = 1 / 60;
const JOB_CONTROLLER = { component: 'job-controller' };

/**
 * The Job controller of Kubernetes 1.31, reduced: pods created up to
 * parallelism until `completions` succeed; a failed pod replaced after a
 * back-off until more than backoffLimit have failed (with OnFailure: until
 * the restarts reach it); activeDeadlineSeconds (scaled like
 * progressDeadlineSeconds) failing the Job. A finished Job gets the interim
 * condition first (SuccessCriteriaMet, FailureTarget), then the terminal one
 * (Complete, Failed) with the same reason, as with the JobPodReplacementPolicy
 * gate on. Every change is published to watchers.
 */
export class JobController {
  private readonly cancels = new Map<string, (() => void)[]>();
  /** uids of the finished pods already counted in status.succeeded / status.failed. */
  private readonly counted = new Set<string>();
  private readonly notBefore = new Map<string, number>();
  private podIPs = 100;

  constructor(
    private readonly world: World,
    private readonly store: KubeStore,
    private readonly clock: ControllerClock = realClock,
  ) {}

  /** The namespace's Jobs; the same array each call, which is what the API serves. */
  jobsIn(namespace: string): JobShape[] {
    return storedJobs(this.store, namespace);
  }

  /** A Job just created: stored, announced, its deadline armed; its first pods are made right after. */
  add(job: JobShape): void {
    const namespace = job.metadata?.namespace ?? '';
    this.jobsIn(namespace).push(job);
    this.store.publish('batch/jobs', namespace, 'ADDED', job);
    const deadline = job.spec.activeDeadlineSeconds;
    if (deadline !== undefined) {
      const scale = this.world.kubernetes.behaviour?.deadlineScale ?? DEFAULT_DEADLINE_SCALE;
      this.track(keyOf(job), this.clock.schedule(deadline * scale * 1000, () => this.finish(job, 'DeadlineExceeded', 'Job was active longer than specified deadline')));
    }
    this.track(keyOf(job), this.clock.schedule(0, () => this.sync(job)));
  }

  /** Removes the Job; its pods are deleted (Background, Foreground) or left without an owner (Orphan). */
  remove(job: JobShape, orphan: boolean): void {
    const namespace = job.metadata?.namespace ?? '';
    this.cancel(keyOf(job));
    for (const pod of this.podsOf(job)) {
      if (!orphan) this.deletePod(pod);
      else {
        delete pod.metadata!.ownerReferences;
        delete pod.metadata!.finalizers;
        this.store.publish('/pods', namespace, 'MODIFIED', pod);
      }
    }
    const jobs = this.jobsIn(namespace);
    jobs.splice(jobs.indexOf(job), 1);
    this.store.publish('batch/jobs', namespace, 'DELETED', job);
  }

  stop(): void {
    for (const cancels of this.cancels.values()) cancels.forEach((cancel) => cancel());
    this.cancels.clear();
  }

  private sync(job: JobShape): void {
    if (isJobFinished(job) || !this.jobsIn(job.metadata?.namespace ?? '').includes(job)) return;
    const status = structuredClone(job.status);
    status.startTime ??= this.now();
    for (const pod of this.podsOf(job).filter((p) => isPodFinished(p) && !this.counted.has(p.metadata?.uid ?? ''))) {
      this.counted.add(pod.metadata?.uid ?? '');
      delete pod.metadata!.finalizers;
      this.store.publish('/pods', job.metadata?.namespace ?? '', 'MODIFIED', pod);
      if (pod.status.phase === 'Succeeded') status.succeeded = (status.succeeded ?? 0) + 1;
      else {
        status.failed = (status.failed ?? 0) + 1;
        const step = this.stepMs() * 2 ** Math.min(status.failed - 1, 3);
        this.notBefore.set(keyOf(job), this.clock.now() + step);
      }
    }
    const active = this.podsOf(job).filter((p) => !isPodFinished(p));
    this.writeStatus(job, { ...status, active: active.length, ready: active.filter(isPodReady).length, terminating: 0, uncountedTerminatedPods: {} });

    const restarts = active.reduce((sum, p) => sum + p.status.containerStatuses.reduce((s, c) => s + c.restartCount, 0), 0);
    const limit = job.spec.backoffLimit;
    const onFailureExceeded = job.spec.template.spec.restartPolicy === 'OnFailure' && (limit === 0 ? restarts > 0 : restarts >= limit);
    if ((job.status.failed ?? 0) > limit || onFailureExceeded) return this.finish(job, 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    if ((job.status.succeeded ?? 0) >= job.spec.completions) return this.complete(job);

    const wanted = Math.min(job.spec.parallelism, job.spec.completions - (job.status.succeeded ?? 0)) - active.length;
    if (wanted <= 0) return;
    const wait = (this.notBefore.get(keyOf(job)) ?? 0) - this.clock.now();
    if (wait > 0) {
      this.track(keyOf(job), this.clock.schedule(wait, () => this.sync(job)));
      return;
    }
    for (let i = 0; i < wanted; i += 1) this.createPod(job);
    this.writeStatus(job, { ...job.status, active: active.length + wanted });
  }

  private complete(job: JobShape): void {
    const message = 'Reached expected number of succeeded pods';
    this.addCondition(job, 'SuccessCriteriaMet', 'CompletionsReached', message);
    const at = this.now();
    this.addCondition(job, 'Complete', 'CompletionsReached', message, { completionTime: at });
    this.event(job, { type: 'Normal', reason: 'Completed', message: 'Job completed', source: JOB_CONTROLLER });
    this.cancel(keyOf(job));
  }

  /** A failed Job: FailureTarget, its active pods deleted and counted as failed, then Failed. */
  private finish(job: JobShape, reason: 'BackoffLimitExceeded' | 'DeadlineExceeded', message: string): void {
    if (isJobFinished(job)) return;
    this.cancel(keyOf(job));
    this.addCondition(job, 'FailureTarget', reason, message);
    const active = this.podsOf(job).filter((p) => !isPodFinished(p));
    for (const pod of active) {
      this.counted.add(pod.metadata?.uid ?? '');
      this.deletePod(pod);
    }
    this.event(job, { type: 'Warning', reason, message, source: JOB_CONTROLLER });
    this.addCondition(job, 'Failed', reason, message, { failed: (job.status.failed ?? 0) + active.length, active: 0, ready: 0 });
  }

  private addCondition(job: JobShape, type: JobCondition['type'], reason: string, message: string, extra: Partial<JobStatus> = {}): void {
    const at = this.now();
    const condition: JobCondition = { type, status: 'True', lastProbeTime: at, lastTransitionTime: at, reason, message };
    this.writeStatus(job, { ...job.status, ...extra, conditions: [...(job.status.conditions ?? []), condition] }, true);
  }

  /** Publishes the status when it changed; counts of 0 are left out, as the API's omitempty does. */
  private writeStatus(job: JobShape, next: JobStatus, force = false): void {
    const status: JobStatus = { ...next };
    for (const field of ['active', 'succeeded', 'failed'] as const) if (!status[field]) delete status[field];
    if (!force && isDeepStrictEqual(status, job.status)) return;
    job.status = status;
    this.store.publish('batch/jobs', job.metadata?.namespace ?? '', 'MODIFIED', job);
  }

  private createPod(job: JobShape): void {
    const namespace = job.metadata?.namespace ?? '';
    this.podIPs += 1;
    const pod = newJobPod(job, this.now(), `10.244.1.${this.podIPs % 250}`);
    this.store.derivedIn(namespace).pods.push(pod);
    this.store.publish('/pods', namespace, 'ADDED', pod);
    this.event(job, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata?.name}`, source: JOB_CONTROLLER });
    const worldNamespace = this.world.kubernetes.namespaces[namespace];
    const behaviour = this.world.kubernetes.behaviour;
    const failures = pod.spec.containers.map((c) => (worldNamespace ? failureOf(c, behaviour, worldNamespace) : undefined));
    runJobPod(
      {
        clock: this.clock,
        stepSeconds: this.stepMs() / 1000,
        restartPolicy: job.spec.template.spec.restartPolicy,
        runOf: (image) => imageRunOf(image, this.world.kubernetes.images),
        changed: (changed) => {
          if (!this.store.derivedIn(namespace).pods.includes(changed)) return;
          this.store.publish('/pods', namespace, 'MODIFIED', changed);
          this.sync(job);
        },
        event: (about, record) => this.event(about, { ...record, source: record.source ?? kubelet }),
        track: (about, cancel) => this.track(podKeyOf(about), cancel),
      },
      pod,
      failures,
    );
  }

  private deletePod(pod: PodShape): void {
    const namespace = pod.metadata?.namespace ?? '';
    const pods = this.store.derivedIn(namespace).pods;
    if (!pods.includes(pod)) return;
    pods.splice(pods.indexOf(pod), 1);
    this.cancel(podKeyOf(pod));
    this.store.publish('/pods', namespace, 'DELETED', pod);
  }

  private podsOf(job: JobShape): PodShape[] {
    const uid = job.metadata?.uid;
    return (this.store.derivedIn(job.metadata?.namespace ?? '').pods as PodShape[]).filter(
      (p) => ownerNameOf(p) === job.metadata?.name && (p.metadata?.ownerReferences as { uid?: string }[] | undefined)?.[0]?.uid === uid,
    );
  }

  private event(about: KubeObject, record: Omit<EventRecord, 'about'>): void {
    recordEvent(this.store, this.now(), { ...record, about });
  }

  private track(key: string, cancel: () => void): void {
    this.cancels.set(key, [...(this.cancels.get(key) ?? []), cancel]);
  }

  private cancel(key: string): void {
    this.cancels.get(key)?.forEach((cancel) => cancel());
    this.cancels.delete(key);
  }

  private stepMs(): number {
    return (this.world.kubernetes.behaviour?.podReadySeconds ?? DEFAULT_STEP_SECONDS) * 1000;
  }

  private now(): string {
    return timestampOf(this.clock.now());
  }
}

const keyOf = (job: KubeObject): string => `job/${job.metadata?.namespace}/${job.metadata?.name}/${job.metadata?.uid}`;
const podKeyOf = (pod: KubeObject): string => `pod/${pod.metadata?.namespace}/${pod.metadata?.name}`;

const controllers = new WeakMap<KubeStore, JobController>();

/** The sandbox's Job controller, made on first use. */
export function jobControllerOf(world: World, store: KubeStore): JobController {
  let controller = controllers.get(store);
  if (!controller) {
    controller = new JobController(world, store);
    controllers.set(store, controller);
  }
  return controller;
}

/** Stops every timer of the Job controller; for SandboxServer.close. */
export function stopJobController(state: SandboxState): void {
  const store = existingKubeStoreOf(state);
  if (store) controllers.get(store)?.stop();
}
