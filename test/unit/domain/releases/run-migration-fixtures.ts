import { runMigration, type MigrationOutcome, type MigrationTarget } from '../../../../src/domain/releases/run-migration.js';
import type { Job, JobCondition, JobRequest, PodLogOptions } from '../../../../src/ports/cluster-jobs.port.js';
import type { ClusterPort, ContainerStatus, Deployment, Pod } from '../../../../src/ports/cluster.port.js';
import { healthyDeployment } from '../../../support/k8s-builders.js';
import { ManualClock, flush, notUsed } from '../../../support/rollout-fixtures.js';

/** A migration target, the Jobs and pods of a fake cluster the test drives by hand, and a manual clock (test/unit/domain/releases). */
export const NS = 'shop-staging';
export const JOB = 'shipmate-migrate-r42';
export const LABELS = { 'app.kubernetes.io/managed-by': 'shipmate', 'shipmate/release': 'r42' };
export const IMAGE = `111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:2.0.0@sha256:${'b'.repeat(64)}`;
export const POD = `${JOB}-x7k2q`;

export const target = (overrides: Partial<MigrationTarget> = {}): MigrationTarget => ({
  namespace: NS,
  jobName: JOB,
  labels: { ...LABELS },
  service: 'backend',
  deployment: 'backend',
  container: 'backend',
  image: IMAGE,
  command: ['alembic', 'upgrade', 'head'],
  timeoutMinutes: 10,
  ...overrides,
});

export const condition = (type: string, reason: string, message?: string, at = '2025-01-01T12:00:42Z'): JobCondition => ({
  type,
  status: 'True',
  reason,
  ...(message ? { message } : {}),
  at,
});

/** The Job as the API server answers for a request (or with the labels given), with the status given. */
export function jobOf(name: string, labels: Record<string, string>, status: Partial<Job['status']> = {}): Job {
  return {
    name,
    namespace: NS,
    uid: `uid-${name}`,
    labels: { ...labels },
    annotations: {},
    spec: { completions: 1, parallelism: 1, backoffLimit: 0, activeDeadlineSeconds: 600, images: [IMAGE] },
    status: { active: 0, ready: 0, succeeded: 0, failed: 0, conditions: [], ...status },
  };
}

export const containerStatus = (state: ContainerStatus['state'], name = 'backend'): ContainerStatus => ({ name, image: IMAGE, ready: false, restartCount: 0, state, lastState: {} });

export const jobPod = (phase: string, state: ContainerStatus['state'], name = POD, createdAt = '2025-01-01T12:00:01Z'): Pod => ({
  name,
  namespace: NS,
  labels: { 'batch.kubernetes.io/job-name': JOB },
  phase,
  containerStatuses: [containerStatus(state)],
  initContainerStatuses: [],
  createdAt,
});

export const RUNNING = { running: { startedAt: '2025-01-01T12:00:02Z' } };
export const EXITED_1 = { terminated: { exitCode: 1, reason: 'Error' } };

/** A ClusterPort with a Deployment, Jobs by name, pods and logs; the test emits watch events. */
export class FakeJobsCluster implements ClusterPort {
  deployment: Deployment | undefined = healthyDeployment();
  jobs = new Map<string, Job>();
  requests: JobRequest[] = [];
  createFailure?: Error;
  pods: Pod[] = [];
  logs: Record<string, string[] | Error> = {};
  logReads: { pod: string; options?: PodLogOptions }[] = [];
  podSelector?: Record<string, string>;
  watchedJob?: string;
  stopped = { job: 0, pods: 0 };
  deleted: string[] = [];
  private jobListener?: (job: Job) => void;
  private podListener?: (pods: Pod[]) => void;
  private errorListener?: (error: Error) => void;

  get created(): number {
    return this.requests.length;
  }
  emitJob(status: Partial<Job['status']>): void {
    const job = { ...this.jobs.get(JOB)!, status: { ...this.jobs.get(JOB)!.status, ...status } };
    this.jobs.set(JOB, job);
    this.jobListener!(job);
  }
  emitPods(pods: Pod[]): void {
    this.pods = pods;
    this.podListener!(pods);
  }
  breakWatch(error: Error): void {
    this.errorListener!(error);
  }

  async getDeployment(): Promise<Deployment | undefined> {
    return this.deployment;
  }
  async getJob(_ns: string, name: string): Promise<Job | undefined> {
    return this.jobs.get(name);
  }
  async createJob(_ns: string, request: JobRequest): Promise<{ job: Job; created: boolean }> {
    if (this.createFailure) throw this.createFailure;
    this.requests.push(request);
    const job = jobOf(request.name, request.labels ?? {}, { active: 1 });
    this.jobs.set(request.name, job);
    return { job, created: true };
  }
  /** Like the adapter, delivers the current Job first. */
  async watchJob(_ns: string, name: string, onChange: (job: Job) => void, onError: (e: Error) => void) {
    this.watchedJob = name;
    this.jobListener = onChange;
    this.errorListener = onError;
    const current = this.jobs.get(name);
    if (current) onChange(current);
    return () => void (this.stopped.job += 1);
  }
  async watchPods(_ns: string, selector: Record<string, string>, onChange: (pods: Pod[]) => void, onError: (e: Error) => void) {
    this.podSelector = selector;
    this.podListener = onChange;
    this.errorListener = onError;
    onChange(this.pods);
    return () => void (this.stopped.pods += 1);
  }
  async listPods(): Promise<Pod[]> {
    return this.pods;
  }
  async readPodLog(_ns: string, pod: string, options?: PodLogOptions): Promise<string[] | undefined> {
    this.logReads.push({ pod, ...(options ? { options } : {}) });
    const log = this.logs[pod];
    if (log instanceof Error) throw log;
    return log?.slice(-(options?.tailLines ?? log.length));
  }
  async deleteJob(_ns: string, name: string): Promise<boolean> {
    this.deleted.push(name);
    return true;
  }
  secretExists = notUsed;
  listNetworkPolicies = notUsed;
  setContainerImage = notUsed;
  watchDeployment = notUsed;
  listReplicaSets = notUsed;
  listEvents = notUsed;
}

/** Starts a migration against the fake; its outcome, rejection and progress lines are read as they come. */
export async function startMigration(options: { cluster?: FakeJobsCluster; target?: MigrationTarget; signal?: AbortSignal; onLine?: (line: string) => void } = {}) {
  const cluster = options.cluster ?? new FakeJobsCluster();
  const clock = new ManualClock();
  const progress: string[] = [];
  let outcome: MigrationOutcome | undefined;
  let error: unknown;
  const done = runMigration(options.target ?? target(), { cluster, clock, ...(options.signal ? { signal: options.signal } : {}) }, (line) => {
    progress.push(line);
    options.onLine?.(line);
  }).then(
    (o) => void (outcome = o),
    (e: unknown) => void (error = e),
  );
  await flush();
  return { cluster, clock, progress, done, outcome: () => outcome, error: () => error };
}
