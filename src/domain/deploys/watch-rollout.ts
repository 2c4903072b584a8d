import type { Clock } from '../../ports/clock.port.js';
import type { ClusterPort, Deployment, KubeEvent, Pod, ReplicaSet, StopWatching } from '../../ports/cluster.port.js';
import type { EcsTaskFailureReason } from './ecs/ecs-task-failure.js';
import { podFailure, type PodFailure, type PodFailureReason } from './pod-failure.js';
import { rolloutStatus } from './rollout-status.js';

export interface RolloutTarget {
  namespace: string;
  deployment: string;
  /** metadata.generation of the Deployment after the patch: older versions say nothing about this rollout. */
  generation: number;
  timeoutMs: number;
}

export interface RolloutProgress {
  message: string;
  updated: number;
  available: number;
  desired: number;
  /** A canary (an Argo Rollout): where its steps are, on every progress of one. */
  canary?: CanaryProgress;
}

/** A canary's place in its steps, as a deploy shows it and offers Promote / Abort on a pause. */
export interface CanaryProgress {
  /** status.currentStepIndex (0-based); undefined for a Rollout without steps. */
  stepIndex?: number;
  stepCount: number;
  setWeight: number;
  /** Paused now (a pause step, or a person paused it). */
  paused: boolean;
  /** Paused at a pause step without a duration: it waits for a Promote. */
  awaitingPromotion: boolean;
  /** "Step 2/5 · setWeight 20 · canary 1/5 ready · Paused (CanaryPauseStep)". */
  line: string;
  /** The latest AnalysisRun line of this revision, when one ran. */
  analysis?: string;
}

export type RolloutOutcome =
  | { kind: 'succeeded'; message: string }
  | { kind: 'failed'; reason: PodFailureReason | EcsTaskFailureReason | CanaryFailureReason | 'DeploymentFailed' | 'DeploymentReplaced' | 'MetricGuardBreached'; message: string; events: string[] }
  | { kind: 'deadline'; message: string }
  | { kind: 'timeout'; message: string };

/** An Argo canary: a failed or errored AnalysisRun, an abort (Argo's or a person's), another Degraded reason (InvalidSpec). */
export type CanaryFailureReason = 'AnalysisFailed' | 'RolloutAborted' | 'RolloutDegraded';

export interface WatchRolloutDeps {
  cluster: ClusterPort;
  clock: Clock;
  /** Aborted when this process stops following (shutdown, another replica took over): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

const EVENTS_QUOTED = 5;
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const SPEC_UPDATE_PENDING = 'Waiting for deployment spec update to be observed...';

/**
 * Follows one rollout the way `kubectl rollout status` does, on the watch API,
 * and beyond kubectl fails fast when a pod of the new ReplicaSet is stuck
 * (pulling, crash-looping, missing config, OOM-killed). Both watches are
 * stopped whatever the outcome. Rejects only when the cluster cannot be
 * watched at all (the Deployment is gone, a watch gave up).
 */
export function watchRollout(deps: WatchRolloutDeps, target: RolloutTarget, onProgress: (p: RolloutProgress) => void): Promise<RolloutOutcome> {
  return new Promise<RolloutOutcome>((resolve, reject) => {
    new RolloutWatch(deps, target, onProgress, resolve, reject).start();
  });
}

class RolloutWatch {
  private settled = false;
  /** Aborted when the watch ends, so no timer outlives it. */
  private readonly timeout = new AbortController();
  private readonly stops: StopWatching[] = [];
  private lastMessage = '';
  private latest?: Deployment;
  private pods: Pod[] = [];
  private newHash?: string;
  /** The revision annotation the hash was resolved for: a later one means a newer ReplicaSet. */
  private hashRevision?: string;
  private resolving?: Promise<void>;
  private reportingFailure = false;

  constructor(
    private readonly deps: WatchRolloutDeps,
    private readonly target: RolloutTarget,
    private readonly onProgress: (p: RolloutProgress) => void,
    private readonly resolve: (outcome: RolloutOutcome) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  start(): void {
    const { signal } = this.deps;
    if (signal?.aborted) return this.fail(signal.reason);
    signal?.addEventListener('abort', () => this.fail(signal.reason), { once: true });
    void this.deps.clock.sleep(this.target.timeoutMs, this.timeout.signal).then(() => this.finish({ kind: 'timeout', message: this.timeoutMessage() }));
    this.startWatches().catch((error: unknown) => this.fail(error));
  }

  private async startWatches(): Promise<void> {
    const { cluster } = this.deps;
    const { namespace, deployment: name } = this.target;
    const initial = await cluster.getDeployment(namespace, name);
    if (!initial) throw new Error(`deployment "${name}" not found in namespace "${namespace}"`);
    const onError = (error: Error) => this.fail(error);
    const selector = initial.spec.selector.matchLabels ?? {};
    // Pods first: a crash already under way is then seen with the first Deployment version.
    this.keep(await cluster.watchPods(namespace, selector, (pods) => this.onPods(pods), onError));
    if (this.settled) return;
    this.keep(await cluster.watchDeployment(namespace, name, (d) => this.onDeployment(d), onError));
  }

  /** A watch that opens after the outcome is known is closed at once. */
  private keep(stop: StopWatching): void {
    if (this.settled) stop();
    else this.stops.push(stop);
  }

  private onDeployment(deployment: Deployment): void {
    if (this.settled) return;
    this.latest = deployment;
    if ((deployment.status.observedGeneration ?? 0) < this.target.generation) {
      // A version from before the patch: its "rolled out" would be the previous rollout's.
      this.report(SPEC_UPDATE_PENDING, deployment);
      return;
    }
    const status = rolloutStatus(deployment);
    if (status.error) return this.finish({ kind: 'deadline', message: status.error });
    this.report(status.message, deployment);
    if (status.done) return this.finish({ kind: 'succeeded', message: status.message });
    if (this.hashRevision !== deployment.annotations[REVISION_ANNOTATION] || this.newHash === undefined) this.resolveNewReplicaSet();
  }

  private onPods(pods: Pod[]): void {
    if (this.settled) return;
    this.pods = pods;
    this.checkPods();
  }

  private report(message: string, deployment: Deployment): void {
    if (message === this.lastMessage) return;
    this.lastMessage = message;
    const desired = deployment.spec.replicas ?? 1;
    this.onProgress({ message, updated: deployment.status.updatedReplicas ?? 0, available: deployment.status.availableReplicas ?? 0, desired });
  }

  private resolveNewReplicaSet(): void {
    const deployment = this.latest;
    if (!deployment || this.resolving) return;
    const revision = deployment.annotations[REVISION_ANNOTATION];
    this.resolving = this.deps.cluster
      .listReplicaSets(deployment.namespace, deployment.spec.selector.matchLabels ?? {})
      .then((replicaSets) => {
        const hash = pickNewReplicaSet(replicaSets, deployment)?.podTemplateHash;
        if (hash === undefined) return;
        this.newHash = hash;
        this.hashRevision = revision;
        this.checkPods();
      })
      // A failed list leaves the hash unknown until the next Deployment version asks again.
      .catch(() => undefined)
      .finally(() => {
        this.resolving = undefined;
        // The Deployment moved to another revision while we listed: look again for its ReplicaSet.
        if (!this.settled && this.latest && this.latest.annotations[REVISION_ANNOTATION] !== revision) this.resolveNewReplicaSet();
      });
  }

  private checkPods(): void {
    if (this.settled || this.reportingFailure || this.newHash === undefined) return;
    const failure = podFailure(this.pods, this.newHash);
    if (!failure) return;
    this.reportingFailure = true;
    void this.lastEvents(failure.pod).then((events) =>
      this.finish({ kind: 'failed', reason: failure.reason, message: failureMessage(failure), events }),
    );
  }

  private async lastEvents(pod: string): Promise<string[]> {
    try {
      const events = await this.deps.cluster.listEvents(this.target.namespace, pod);
      return events.slice(-EVENTS_QUOTED).map(eventLine);
    } catch {
      // The failure is worth reporting without its events.
      return [];
    }
  }

  private timeoutMessage(): string {
    const seconds = Math.round(this.target.timeoutMs / 1000);
    const last = this.lastMessage ? `; last status: ${this.lastMessage}` : '';
    return `timed out after ${seconds}s waiting for deployment "${this.target.deployment}" to roll out${last}`;
  }

  private finish(outcome: RolloutOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.timeout.abort();
    this.stopWatches();
    this.resolve(outcome);
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.timeout.abort();
    this.stopWatches();
    this.reject(error instanceof Error ? error : new Error(String(error)));
  }

  private stopWatches(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}

/**
 * The Deployment's current ReplicaSet: the one carrying its revision annotation
 * (as the controller sets both together), else the newest one with the pod
 * template's images. Never simply the highest revision: right after a patch
 * that is still the old ReplicaSet.
 */
export function pickNewReplicaSet(replicaSets: readonly ReplicaSet[], deployment: Deployment): ReplicaSet | undefined {
  const owned = replicaSets.filter((rs) => rs.owner === undefined || rs.owner === deployment.name);
  const revision = Number(deployment.annotations[REVISION_ANNOTATION]);
  const byRevision = Number.isInteger(revision) && revision > 0 ? owned.find((rs) => rs.revision === revision) : undefined;
  if (byRevision) return byRevision;
  const wanted = deployment.spec.template.spec.containers.map((c) => c.image);
  const byImages = owned.filter((rs) => wanted.every((image) => rs.images.includes(image)));
  return byImages.sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0))[0];
}

/** The outcome carries the reason on its own; the message says where and what the kubelet said. */
export function failureMessage(failure: PodFailure): string {
  const detail = failure.message ? `: ${failure.message}` : '';
  return `container "${failure.container}" of pod "${failure.pod}"${detail}`;
}

export function eventLine(event: KubeEvent): string {
  const times = event.count && event.count > 1 ? ` (x${event.count})` : '';
  return `${event.type} ${event.reason}: ${event.message}${times}`;
}
