import { findConcurrencyQuota } from '../../domain/checks/codebuild/find-concurrency-quota.js';
import { quotaEnvironment } from '../../domain/checks/codebuild/quota-environment.js';
import type { World, WorldBuild, WorldProject } from '../world.js';
import { AwsError } from './aws-json.js';
import { timelineOf } from './codebuild-phases.js';
import type { SandboxRun } from './codebuild-runs.js';

type WorldQuota = World['quotas']['codebuild'][number];

/**
 * Documented (Working with builds): without a project limit, builds over the
 * running quota of their platform and compute type are queued, and "the
 * maximum number of builds in a queue is five times the concurrent build limit".
 */
const QUEUE_FACTOR = 5;

/**
 * The concurrent-build quota that governs builds of this environment and compute
 * type, found by name as the codebuild.quota check finds it; undefined when the
 * account lists none, and then nothing is limited.
 */
export function governingQuota(world: World, environmentType: string, computeType: string): WorldQuota | undefined {
  return findConcurrencyQuota(world.quotas.codebuild, quotaEnvironment(environmentType, computeType));
}

/** The world's own builds recorded as IN_PROGRESS hold a running slot for as long as the world says so. */
export function recordedBuildsInProgress(world: World, isSandboxRun: (id: string) => boolean): WorldBuild[] {
  return world.codebuild.builds.filter((b) => b.buildStatus === 'IN_PROGRESS' && !isSandboxRun(b.id));
}

function environmentOf(world: World, build: WorldBuild): { type: string; computeType: string } {
  const project = world.codebuild.projects.find((p) => p.name === build.projectName);
  return {
    type: build.environmentType ?? project?.environment.type ?? '',
    computeType: build.computeType ?? project?.environment.computeType ?? '',
  };
}

/**
 * When each build of one quota gets a running slot: first come, first served,
 * each slot held from the end of QUEUED until the build completes or is
 * stopped. A build stopped while it waited never takes one.
 */
export function assignSlots(world: World, runs: SandboxRun[], isSandboxRun: (id: string) => boolean): Map<string, number | undefined> {
  const slotAt = new Map<string, number | undefined>();
  const groups = new Map<string, { quota?: WorldQuota; runs: SandboxRun[] }>();
  for (const run of [...runs].sort((a, b) => a.submittedAt - b.submittedAt)) {
    const quota = governingQuota(world, run.environmentType, run.computeType);
    const key = quota?.code ?? '';
    const group = groups.get(key) ?? { ...(quota ? { quota } : {}), runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  const recorded = recordedBuildsInProgress(world, isSandboxRun);
  for (const { quota, runs: queue } of groups.values()) {
    if (!quota) {
      for (const run of queue) slotAt.set(run.id, run.submittedAt);
      continue;
    }
    const held = recorded.filter((b) => sameQuota(world, b, quota)).length;
    const releases: number[] = Array.from({ length: Math.max(0, quota.value - held) }, () => Number.NEGATIVE_INFINITY);
    for (const run of queue) slotAt.set(run.id, takeSlot(run, releases));
  }
  return slotAt;
}

function takeSlot(run: SandboxRun, releases: number[]): number | undefined {
  if (releases.length === 0) return undefined;
  const earliest = releases.indexOf(Math.min(...releases));
  const at = Math.max(run.submittedAt + 2 * run.phaseMs, releases[earliest]!);
  if (run.stoppedAt !== undefined && run.stoppedAt < at) return undefined;
  const { completedAt } = timelineOf({ ...courseOf(run), slotAt: at });
  releases[earliest] = completedAt ?? Number.POSITIVE_INFINITY;
  return at;
}

export function courseOf(run: SandboxRun) {
  return {
    submittedAt: run.submittedAt,
    phaseMs: run.phaseMs,
    ...(run.failInPhase ? { failInPhase: run.failInPhase } : {}),
    ...(run.failure ? { failure: run.failure } : {}),
    ...(run.stoppedAt !== undefined ? { stoppedAt: run.stoppedAt } : {}),
  };
}

function sameQuota(world: World, build: WorldBuild, quota: WorldQuota): boolean {
  const environment = environmentOf(world, build);
  return governingQuota(world, environment.type, environment.computeType)?.code === quota.code;
}

/**
 * Why StartBuild refuses a new build of `project`, if it does: the project's
 * own concurrentBuildLimit is reached (builds "return an error"), or the
 * queue of its quota is full — with a quota of 0 that is every build, which is
 * the "Cannot have more than 0 builds in queue for the account" new accounts see.
 */
export function startRefusal(world: World, project: WorldProject, runs: SandboxRun[]): AwsError | undefined {
  const isSandboxRun = (id: string) => runs.some((r) => r.id === id);
  const running = runs.filter((r) => r.state?.status === 'IN_PROGRESS');
  const recorded = recordedBuildsInProgress(world, isSandboxRun);
  const quota = governingQuota(world, project.environment.type, project.environment.computeType);
  if (quota) {
    const inQuota =
      running.filter((r) => governingQuota(world, r.environmentType, r.computeType)?.code === quota.code).length +
      recorded.filter((b) => sameQuota(world, b, quota)).length;
    const queueLimit = QUEUE_FACTOR * quota.value;
    if (inQuota >= quota.value + queueLimit) {
      return new AwsError('AccountLimitExceededException', `Cannot have more than ${queueLimit} builds in queue for the account`);
    }
  }
  const limit = project.concurrentBuildLimit;
  if (limit !== undefined && limit > 0) {
    const ofProject =
      running.filter((r) => r.projectName === project.name).length + recorded.filter((b) => b.projectName === project.name).length;
    if (ofProject >= limit) {
      // CodeBuild documents that the start "returns an error" here but not its text; this one names the limit and the project.
      const message = `Cannot have more than ${limit} concurrent builds for the project ${project.name}`;
      return new AwsError('AccountLimitExceededException', message);
    }
  }
  return undefined;
}
