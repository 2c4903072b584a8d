import type { Clock } from '../../ports/clock.port.js';
import { jobPodSelector, type Job, type JobCondition } from '../../ports/cluster-jobs.port.js';
import type { ClusterPort, Pod, StopWatching } from '../../ports/cluster.port.js';
import { PortError } from '../../ports/port-error.js';
import { isOwnJob, migrationJob, type MigrationTarget } from './migration-job.js';
import { logTail } from './migration-log.js';
import { exitNote, podLine, podToQuote, stuckPod } from './migration-pods.js';

export type { MigrationTarget } from './migration-job.js';
export { MIGRATION_LOG_LINES } from './migration-log.js';

export type MigrationOutcome =
  | { kind: 'succeeded'; jobName: string; message: string }
  | { kind: 'failed'; jobName: string; reason: string; message: string; logTail: string[] };

export interface RunMigrationDeps {
  cluster: ClusterPort;
  clock: Clock;
  /** Aborted when this process stops following (shutdown, another replica took over): the promise rejects with the signal's reason and the Job is left alone. */
  signal?: AbortSignal;
}

/** Past the Job's own deadline by this much, we stop waiting for it. */
const GRACE_MS = 60_000;

/**
 * Runs a release's migration as one Kubernetes Job and follows it to its
 * end: never a second Job for one name (a resumed run follows the Job it
 * finds, if it carries the migration's labels), failing fast on a pod stuck
 * for good, quoting the last lines of the failed pod's log. Rejects only when
 * the cluster cannot be reached or watched, or on abort.
 */
export async function runMigration(target: MigrationTarget, deps: RunMigrationDeps, onProgress: (line: string) => void): Promise<MigrationOutcome> {
  const { cluster, signal } = deps;
  signal?.throwIfAborted();
  // A resumed run finds its Job; createJob's 409 covers the race with another replica.
  const existing = await cluster.getJob(target.namespace, target.jobName);
  signal?.throwIfAborted();
  const found = existing ? { job: existing, created: false } : await createMigrationJob(target, cluster, signal);
  signal?.throwIfAborted();
  if ('kind' in found) return found;
  if (!found.created && !isOwnJob(found.job.labels, target.labels)) {
    return failed(target, 'ForeignJob', `a Job named "${target.jobName}" already exists in namespace "${target.namespace}" without this release's labels: it is not ours to follow`);
  }
  const follow = new MigrationWatch(target, deps, onProgress);
  follow.say(found.created ? `Job ${target.jobName} created` : `Job ${target.jobName} already exists: following it`);
  return follow.run();
}

/** The Job made from the service's Deployment, or why there is none. */
async function createMigrationJob(target: MigrationTarget, cluster: ClusterPort, signal?: AbortSignal): Promise<{ job: Job; created: boolean } | MigrationOutcome> {
  const { namespace } = target;
  const deployment = await cluster.getDeployment(namespace, target.deployment);
  signal?.throwIfAborted();
  if (!deployment) return failed(target, 'DeploymentNotFound', `deployment "${target.deployment}" of service "${target.service}" not found in namespace "${namespace}": no Job created`);
  const plan = migrationJob(target, deployment);
  if (!plan.ok) return failed(target, plan.reason, plan.message);
  try {
    return await cluster.createJob(namespace, plan.request);
  } catch (error) {
    // A refusal will not change on a retry; anything else (unreachable, throttled) is the caller's to retry.
    if (error instanceof PortError && (error.code === 'invalid' || error.code === 'forbidden')) return failed(target, 'JobRejected', error.message);
    throw error;
  }
}

const failed = (target: MigrationTarget, reason: string, message: string, logTail: string[] = []): MigrationOutcome => ({
  kind: 'failed',
  jobName: target.jobName,
  reason,
  message,
  logTail,
});

class MigrationWatch {
  private settled = false;
  /** An outcome is being put together (its log read): later news is ignored. */
  private concluding = false;
  /** Aborted once settled: ends the timeout's sleep and drops the abort listener. */
  private readonly ended = new AbortController();
  private readonly stops: StopWatching[] = [];
  private readonly said = new Set<string>();
  /** Every pod seen, by name, as last seen: a pod deleted with the failed Job is still named. */
  private readonly seen = new Map<string, Pod>();
  private resolve!: (outcome: MigrationOutcome) => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly target: MigrationTarget,
    private readonly deps: RunMigrationDeps,
    private readonly onProgress: (line: string) => void,
  ) {}

  say(line: string): void {
    if (this.said.has(line)) return;
    this.said.add(line);
    this.onProgress(line);
  }

  run(): Promise<MigrationOutcome> {
    return new Promise<MigrationOutcome>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      const { signal, clock } = this.deps;
      // onProgress may have aborted it.
      if (signal?.aborted) return this.fail(signal.reason);
      // Stryker disable next-line ObjectLiteral: without the option the listener outlives the follow, and fail() after settling does nothing
      signal?.addEventListener('abort', () => this.fail(signal.reason), { signal: this.ended.signal });
      // The system clock's sleep ends when `ended` aborts: onTimeout then finds the follow over.
      void clock.sleep(this.target.timeoutMinutes * 60_000 + GRACE_MS, this.ended.signal).then(() => this.onTimeout());
      this.startWatches().catch((error: unknown) => this.fail(error));
    });
  }

  private async startWatches(): Promise<void> {
    const { cluster } = this.deps;
    const { namespace, jobName } = this.target;
    const onError = (error: Error) => this.fail(error);
    // Pods first: a pod already stuck is seen before the Job's first version.
    this.keep(await cluster.watchPods(namespace, jobPodSelector(jobName), (pods) => this.onPods(pods), onError));
    if (this.settled || this.concluding) return;
    this.keep(await cluster.watchJob(namespace, jobName, (job) => this.onJob(job), onError));
  }

  private keep(stop: StopWatching): void {
    if (this.settled || this.concluding) stop();
    else this.stops.push(stop);
  }

  private onPods(pods: Pod[]): void {
    if (this.settled || this.concluding) return;
    for (const pod of pods) {
      this.seen.set(pod.name, pod);
      this.say(podLine(pod, this.target.container));
    }
    const stuck = stuckPod(pods);
    if (!stuck) return;
    const detail = stuck.message ? `: ${stuck.message}` : '';
    const message = `container "${stuck.container}" of pod "${stuck.pod.name}" is stuck in ${stuck.reason}${detail}; the Job is left to end at its deadline`;
    this.conclude(() => this.failure(stuck.reason, message, stuck.pod));
  }

  private onJob(job: Job): void {
    if (this.settled || this.concluding) return;
    const done = activeCondition(job, ['Complete', 'SuccessCriteriaMet']);
    if (done) {
      const message = `${this.target.command.join(' ')} exited 0${durationOf(job, done)}`;
      return this.conclude(async () => ({ kind: 'succeeded', jobName: this.target.jobName, message }));
    }
    const failure = activeCondition(job, ['Failed', 'FailureTarget']);
    if (failure) {
      const reason = failure.reason ?? failure.type;
      this.conclude(() => this.failure(reason, failure.message ?? `the Job has the condition ${failure.type}`));
    }
  }

  private onTimeout(): void {
    if (this.settled || this.concluding) return;
    const { timeoutMinutes } = this.target;
    const message = `the Job had not ended ${timeoutMinutes + 1} minutes after it was followed, past its own ${timeoutMinutes}-minute deadline; it is left as it is`;
    this.conclude(() => this.failure('Timeout', message));
  }

  /** The failure, with how the pod's container ended and its last log lines (or why there are none). */
  private async failure(reason: string, message: string, stuck?: Pod): Promise<MigrationOutcome> {
    const { cluster } = this.deps;
    const { namespace, jobName, container } = this.target;
    // The list is fresher than the watch; a pod gone from it (deleted with the Job) is still named.
    const listed = await cluster.listPods(namespace, jobPodSelector(jobName)).catch(() => []);
    for (const pod of listed) this.seen.set(pod.name, pod);
    const pod = stuck ?? podToQuote([...this.seen.values()]);
    const exit = pod && exitNote(pod, container);
    const log = await logTail(cluster, namespace, pod?.name, container);
    const full = [message, exit, log.note].filter((part) => part !== undefined).join('; ');
    return failed(this.target, reason, full, log.lines);
  }

  /** Stops following at once; the outcome follows when it is put together. */
  private conclude(outcome: () => Promise<MigrationOutcome>): void {
    this.concluding = true;
    this.stopWatches();
    outcome().then(
      (result) => this.finish(result),
      (error: unknown) => this.fail(error),
    );
  }

  /** Whichever of finish and fail comes first decides: a promise settles once. */
  private finish(outcome: MigrationOutcome): void {
    this.settle();
    this.resolve(outcome);
  }

  /** A watch that gave up, or the abort: rejects with that error or the abort's reason, as it is. */
  private fail(error: unknown): void {
    this.settle();
    this.reject(error);
  }

  private settle(): void {
    this.settled = true;
    this.ended.abort();
    this.stopWatches();
  }

  private stopWatches(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}

const activeCondition = (job: Job, types: string[]): JobCondition | undefined =>
  job.status.conditions.find((c) => types.includes(c.type) && c.status === 'True');

/** " after 42 s" from the Job's start to the condition, when both times are known. */
function durationOf(job: Job, condition: JobCondition): string {
  const seconds = Math.round((Date.parse(String(condition.at)) - Date.parse(String(job.status.startTime))) / 1000);
  // Unknown times make NaN; clocks of the API server's replicas may disagree by a second.
  return Number.isNaN(seconds) ? '' : ` after ${Math.max(0, seconds)} s`;
}
