import type { ReleaseStage } from '../../../../src/config/release-schema.js';
import type { ReleaseDeps, ReleaseRequestPayload } from '../../../../src/app/releases/release-deps.js';
import { continueRelease, recordReleaseRun } from '../../../../src/app/releases/run-release.js';
import type { ReleaseProgress } from '../../../../src/app/releases/release-progress.js';
import type { ReleaseServiceTarget } from '../../../../src/domain/releases/release-payload.js';
import type { ReleasePorts } from '../../../../src/domain/releases/release-ports.js';
import type { Clock } from '../../../../src/ports/clock.port.js';
import type { BuildSummary, StartBuildInput } from '../../../../src/ports/codebuild.port.js';
import type { ClusterPort, Deployment, Pod, StopWatching } from '../../../../src/ports/cluster.port.js';
import type { DatabaseSnapshotsPort } from '../../../../src/ports/database-snapshots.port.js';
import type { EcrPort } from '../../../../src/ports/ecr.port.js';
import type { HttpClientPort } from '../../../../src/ports/http-client.port.js';
import type { ApprovalRequest, Run } from '../../../../src/ports/store.port.js';
import { aRepository, anImage } from '../../../support/ecr-builders.js';
import { fakePorts } from '../../../support/fake-ports.js';
import { plannedTarget, SANDBOX_REGISTRY } from '../../../support/release-plan-world.js';
import { InMemoryDeployStore, recordingNotifier } from '../../deploys/deploy-fakes.js';
import { exampleConfig } from '../policy-fixtures.js';
import { digestOf } from './release-plan-fixtures.js';

/** A release of 1.2.0 to staging, approved at NOW by U0BOB, its run followed by fakes (test/unit/app/releases). */
export const NOW = new Date('2026-11-22T10:00:00.000Z');
export const VERSION = '1.2.0';
export const REQUEST_ID = 'r3l3as';
export const RUN_ID = `${REQUEST_ID}-release`;
export const OWN_HOLDER = `release ${REQUEST_ID}`;
/** The digest CodeBuild's image lands with in ECR, distinct from the one the plan would have pinned. */
export const BUILT_DIGEST = `sha256:${'b'.repeat(64)}`;

export const releaseImage = (service: string, digest = digestOf(service)) => `${SANDBOX_REGISTRY}/shop/${service}:${VERSION}@${digest}`;
export const previousImage = (service: string) => `${SANDBOX_REGISTRY}/shop/${service}:1.1.0`;

export const build = (...services: string[]): ReleaseStage => ({ type: 'build', services });
export const deploy = (...services: string[]): ReleaseStage => ({ type: 'deploy', services });
export const snapshot: ReleaseStage = { type: 'snapshot', kind: 'instance', identifier: 'shop-staging-db' };
export const migrate: ReleaseStage = { type: 'migrate', service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 10 };

/** What the plan says of each service the stages name: built ones have no digest yet, deployed ones run 1.1.0 now. */
function targetsOf(stages: readonly ReleaseStage[], from: number): ReleaseServiceTarget[] {
  const named = (type: 'build' | 'deploy') => stages.slice(from).flatMap((s) => (s.type === type ? s.services : []));
  const all = [...new Set(stages.flatMap((s) => (s.type === 'build' || s.type === 'deploy' ? s.services : s.type === 'migrate' ? [s.service] : [])))];
  return all.map((service) => {
    const { digest: _digest, image: _image, ...noDigest } = plannedTarget(service, VERSION, digestOf(service));
    const built = named('build').includes(service);
    return { ...(built ? noDigest : plannedTarget(service, VERSION, digestOf(service))), built, deployed: named('deploy').includes(service) };
  });
}

/** An approved release request of `stages` (from stage `from`), with `edit` applied to its plan. */
export function releaseRequest(stages: ReleaseStage[], options: { from?: number; edit?: (plan: ReleaseRequestPayload) => void } = {}): ApprovalRequest {
  const from = options.from ?? 0;
  const plan: ReleaseRequestPayload = {
    environment: 'staging',
    version: VERSION,
    stages,
    from,
    services: targetsOf(stages, from),
    preflight: [],
    blockers: [],
    override: false,
    card: { title: `Release ${VERSION} to staging`, changes: [], preflight: [], policyLine: '', protected: false },
  };
  options.edit?.(plan);
  return {
    id: REQUEST_ID,
    action: 'release',
    environment: 'staging',
    requestedBy: 'U0ALICE',
    requestedAt: NOW,
    expiresAt: new Date(NOW.getTime() + 30 * 60_000),
    status: 'approved',
    requiredApprovals: 1,
    approvals: [{ userId: 'U0BOB', at: NOW }],
    decidedAt: NOW,
    payload: plan as unknown as Record<string, unknown>,
    channelId: 'C0RELEASES',
    messageTs: '1700000000.000100',
    version: 2,
  };
}

/** Polls and the card's interval pass at once; a time limit (a minute or more) never comes, its sleep ends only when aborted. */
export class ReleaseClock implements Clock {
  ms = NOW.getTime();
  now = () => new Date(this.ms);
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms >= 60_000) {
      return new Promise((resolve) => (signal?.aborted ? resolve() : signal?.addEventListener('abort', () => resolve(), { once: true })));
    }
    this.ms += ms;
    return new Promise((resolve) => setImmediate(resolve));
  }
}

const notUsed = () => Promise.reject(new Error('not used by the release run'));

/**
 * Deployments named after their services in shop-staging, each running <service>:1.1.0 until patched. A rollout of an
 * image in `failing` ends past its progress deadline, one in `hanging` never ends; any other rolls out at once.
 */
export class FakeReleaseCluster implements Partial<ClusterPort> {
  readonly images = new Map<string, string>([
    ['backend', previousImage('backend')],
    ['frontend', previousImage('frontend')],
  ]);
  readonly generations = new Map<string, number>();
  /** "<deployment> <image>", in the order patched. */
  readonly patches: string[] = [];
  readonly failing = new Set<string>();
  readonly hanging = new Set<string>();
  /** "<deployment> opened|stopped", in order. */
  readonly watches: string[] = [];
  private held: (() => void)[] = [];

  /** Every hanging rollout being watched now finishes. */
  finishHanging(): void {
    this.hanging.clear();
    for (const finish of this.held.splice(0)) finish();
  }

  async getDeployment(_ns: string, name: string): Promise<Deployment | undefined> {
    return this.deployment(name, false);
  }

  async setContainerImage(_ns: string, name: string, _container: string, image: string): Promise<Deployment> {
    this.patches.push(`${name} ${image}`);
    this.images.set(name, image);
    this.generations.set(name, this.generationOf(name) + 1);
    return this.deployment(name, false);
  }

  async watchPods(_ns: string, _selector: Record<string, string>, onChange: (pods: Pod[]) => void): Promise<StopWatching> {
    onChange([]);
    return () => undefined;
  }

  async watchDeployment(_ns: string, name: string, onChange: (d: Deployment) => void): Promise<StopWatching> {
    this.watches.push(`${name} opened`);
    const image = this.images.get(name)!;
    const finish = () => onChange(this.deployment(name, true));
    if (this.hanging.has(image)) this.held.push(finish);
    else setImmediate(finish);
    return () => void this.watches.push(`${name} stopped`);
  }

  listReplicaSets = async () => [];
  listEvents = async () => [];
  createJob = notUsed;
  getJob = notUsed;

  private generationOf(name: string): number {
    return this.generations.get(name) ?? 1;
  }

  private deployment(name: string, observed: boolean): Deployment {
    const generation = this.generationOf(name);
    const image = this.images.get(name);
    const deadline = observed && image !== undefined && this.failing.has(image);
    return {
      name,
      namespace: 'shop-staging',
      generation,
      labels: { app: name },
      annotations: { 'deployment.kubernetes.io/revision': String(generation) },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: { labels: { app: name }, spec: { containers: image ? [{ name, image }] : [] } },
      },
      status: {
        observedGeneration: observed ? generation : generation - 1,
        replicas: 2,
        updatedReplicas: observed ? 2 : 0,
        availableReplicas: 2,
        conditions: [{ type: 'Progressing', status: deadline ? 'False' : 'True', reason: deadline ? 'ProgressDeadlineExceeded' : 'NewReplicaSetAvailable' }],
      },
    };
  }
}

/** ECR holding shop/<service>:1.2.0 under digestOf(service) unless `tags` says otherwise; `failWith` makes every call fail. */
export class FakeReleaseEcr implements Partial<EcrPort> {
  readonly tags = new Map<string, string>();
  readonly looked: string[] = [];
  failWith: Error | undefined;

  describeImage = async (repository: string, tag: string) => {
    this.looked.push(`${repository}:${tag}`);
    if (this.failWith) throw this.failWith;
    const key = `${repository}:${tag}`;
    const digest = this.tags.has(key) ? this.tags.get(key) : tag === VERSION ? digestOf(repository.replace('shop/', '')) : undefined;
    return digest ? anImage({ digest, tags: [tag] }) : undefined;
  };

  getRepository = async (name: string) => aRepository({ name, uri: `${SANDBOX_REGISTRY}/${name}` });
}

/** CodeBuild whose builds end at their first look with `outcome[project]` (SUCCEEDED by default). */
export class FakeReleaseCodeBuild {
  readonly started: StartBuildInput[] = [];
  readonly builds: BuildSummary[] = [];
  readonly outcome: Record<string, Partial<BuildSummary>> = {};
  readonly listed: string[] = [];

  constructor(private readonly clock: Clock) {}

  startBuild = async (input: StartBuildInput): Promise<BuildSummary> => {
    this.started.push(input);
    const build: BuildSummary = { id: `${input.projectName}:${this.builds.length + 1}`, projectName: input.projectName, status: 'IN_PROGRESS', runId: input.runId, startTime: this.clock.now() };
    this.builds.push(build);
    return build;
  };

  getBuilds = async (ids: readonly string[]): Promise<BuildSummary[]> =>
    this.builds.filter((b) => ids.includes(b.id)).map((b) => ({ ...b, status: 'SUCCEEDED' as const, ...this.outcome[b.projectName] }));

  listBuildIds = async (project: string) => {
    this.listed.push(project);
    return { ids: this.builds.filter((b) => b.projectName === project).map((b) => b.id).reverse() };
  };
}

/** Everything a release run is given, as fakes; a test changes what it needs before running. */
export function releaseWorld() {
  const store = new InMemoryDeployStore();
  const clock = new ReleaseClock();
  const cluster = new FakeReleaseCluster();
  const ecr = new FakeReleaseEcr();
  const codebuild = new FakeReleaseCodeBuild(clock);
  const { notifier, sent } = recordingNotifier();
  const logged: string[] = [];
  const ports: ReleasePorts = {
    ...fakePorts({ cluster: cluster as Partial<ClusterPort>, ecr, codebuild }),
    snapshots: { databaseStatus: notUsed, createSnapshot: notUsed, getSnapshot: notUsed } as DatabaseSnapshotsPort,
  };
  const deps: ReleaseDeps = {
    config: exampleConfig(),
    store,
    clock,
    portsFor: () => ports,
    notifier,
    http: { request: notUsed } as unknown as HttpClientPort,
    log: (message) => void logged.push(message),
    rolloutTimeoutMs: 10 * 60_000,
    checklistEditMs: 3_000,
  };
  return { store, clock, cluster, ecr, codebuild, sent, logged, deps };
}

export type ReleaseWorld = ReturnType<typeof releaseWorld>;

/** Records the release's run (as the approval does) and follows it to its end; the stored run after. */
export async function runRelease(world: ReleaseWorld, request: ApprovalRequest): Promise<Run> {
  const run = await recordReleaseRun(request, world.deps);
  await continueRelease(request, run, world.deps);
  return world.store.runs.get(RUN_ID)!;
}

/** A run stored as a replica left it (status running), at `progress`: what a restart continues. */
export async function storedRun(world: ReleaseWorld, request: ApprovalRequest, progress: Partial<ReleaseProgress>): Promise<Run> {
  const run = await recordReleaseRun(request, world.deps);
  const resumed: Run = { ...run, status: 'running', detail: { ...run.detail, ...progress } };
  world.store.runs.set(run.id, structuredClone(resumed));
  return resumed;
}

export const progressOfRun = (run: Run) => run.detail as unknown as ReleaseProgress;

/** Lets the release run (no timers: only its queued callbacks) until `condition` holds; fails if it never does. */
export async function runUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('the release never got there');
}

/** The audit actions written, with their details, in order. */
export const auditLines = (world: ReleaseWorld) => world.store.audit.map((a) => `${a.action} ${a.detail}`);
