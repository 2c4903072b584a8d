import type { Clock } from '../../../ports/clock.port.js';
import type { EcsDeployment, EcsPort, EcsService } from '../../../ports/ecs.port.js';
import type { RolloutOutcome, RolloutProgress } from '../watch-rollout.js';
import { ecsTaskFailure } from './ecs-task-failure.js';

export interface EcsRolloutTarget {
  cluster: string;
  service: string;
  /** The task definition revision the deployment rolls out (the new one, or the previous one for a rollback). */
  taskDefinition: string;
  timeoutMs: number;
  /** How often ECS is asked (DescribeServices and the stopped tasks): ECS has no watch API. */
  pollMs: number;
}

export interface WatchEcsDeps {
  ecs: EcsPort;
  clock: Clock;
  /** Aborted when this process stops following: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Tasks created this long before the deployment's own timestamp still count as its (ECS's clock and ours may differ). */
const CLOCK_MARGIN_MS = 60_000;

/**
 * Follows an ECS service deployment the way `aws ecs wait services-stable`
 * would, and beyond it fails fast: a task of the new revision that stopped
 * because its image cannot be pulled, its secrets or logs could not be set
 * up, its essential container exited or ran out of memory ends the follow at
 * the next poll, with ECS's reason — not after the circuit breaker's
 * threshold. A deployment ECS itself marks FAILED (the circuit breaker) or
 * replaces ends it too.
 */
export async function watchEcsDeployment(deps: WatchEcsDeps, target: EcsRolloutTarget, onProgress: (progress: RolloutProgress) => void): Promise<RolloutOutcome> {
  const deadline = deps.clock.now().getTime() + target.timeoutMs;
  /** When ECS created the deployment: older stopped tasks of the revision are not this rollout's. */
  let since: number | undefined;
  let last: string | undefined;
  for (;;) {
    deps.signal?.throwIfAborted();
    const service = await deps.ecs.describeService(target.cluster, target.service);
    if (!service) throw new Error(`ECS service ${target.service} in cluster ${target.cluster} is gone`);
    const deployment = service.deployments.find((d) => d.taskDefinition === target.taskDefinition && d.status !== 'INACTIVE');
    since ??= deployment?.createdAt?.getTime();
    if (!deployment || deployment.rolloutState === 'FAILED') {
      // ECS gave up on it (its circuit breaker may have rolled back already): the stopped tasks still say why.
      const cause = await stoppedTaskFailure(deps, target, since);
      if (cause) return { kind: 'failed', reason: cause.reason, message: `task ${cause.task} stopped: ${cause.message}`, events: [] };
      if (!deployment) return replaced(service, target);
      return { kind: 'failed', reason: 'DeploymentFailed', message: `ECS marked the deployment FAILED: ${deployment.rolloutStateReason ?? 'no reason given'}`, events: [] };
    }
    const healthy = deployment.failedTasks === 0 && deployment.runningCount + deployment.pendingCount >= deployment.desiredCount;
    const failure = healthy ? undefined : await stoppedTaskFailure(deps, target, since);
    if (failure) return { kind: 'failed', reason: failure.reason, message: `task ${failure.task} stopped: ${failure.message}`, events: [] };
    if (isComplete(service, deployment)) {
      return { kind: 'succeeded', message: `service ${target.service} runs ${revisionOf(target.taskDefinition)}: ${deployment.runningCount} of ${deployment.desiredCount} tasks running` };
    }
    const progress = progressOf(target, service, deployment);
    if (progress.message !== last) {
      last = progress.message;
      onProgress(progress);
    }
    if (deps.clock.now().getTime() >= deadline) {
      return { kind: 'timeout', message: `gave up after ${Math.round(target.timeoutMs / 1000)} s: ${progress.message}` };
    }
    await deps.clock.sleep(target.pollMs, deps.signal);
  }
}

function isComplete(service: EcsService, deployment: EcsDeployment): boolean {
  if (deployment.status !== 'PRIMARY') return false;
  if (deployment.rolloutState !== undefined) return deployment.rolloutState === 'COMPLETED';
  // Without rollout state (the ECS deployment controller of old): stable when it alone runs every task.
  return service.deployments.filter((d) => d.status !== 'INACTIVE').length === 1 && deployment.runningCount === deployment.desiredCount;
}

function replaced(service: EcsService, target: EcsRolloutTarget): RolloutOutcome {
  return {
    kind: 'failed',
    reason: 'DeploymentReplaced',
    message: `the service no longer rolls out ${revisionOf(target.taskDefinition)}: it runs ${revisionOf(service.taskDefinition)} (rolled back by ECS's circuit breaker, or deployed by someone else)`,
    events: [],
  };
}

async function stoppedTaskFailure(deps: WatchEcsDeps, target: EcsRolloutTarget, createdAt: number | undefined) {
  const since = (createdAt ?? 0) - CLOCK_MARGIN_MS;
  const stopped = await deps.ecs.listTasks(target.cluster, { serviceName: target.service, desiredStatus: 'STOPPED' });
  for (const task of stopped) {
    if (task.taskDefinitionArn !== target.taskDefinition) continue;
    if ((task.createdAt?.getTime() ?? Number.POSITIVE_INFINITY) < since) continue;
    const failure = ecsTaskFailure(task);
    if (failure) return failure;
  }
  return undefined;
}

function progressOf(target: EcsRolloutTarget, service: EcsService, deployment: EcsDeployment): RolloutProgress {
  const others = service.deployments.filter((d) => d !== deployment && d.status !== 'INACTIVE').reduce((n, d) => n + d.runningCount, 0);
  const message =
    `Waiting for service ${target.service} to run ${revisionOf(target.taskDefinition)}: ${deployment.runningCount} of ${deployment.desiredCount} new tasks running` +
    `${deployment.pendingCount ? `, ${deployment.pendingCount} pending` : ''}${others ? `, ${others} old still running` : ''}`;
  return { message, updated: deployment.runningCount + deployment.pendingCount, available: deployment.runningCount, desired: deployment.desiredCount };
}

/** "api:7" from arn:aws:ecs:…:task-definition/api:7. */
export const revisionOf = (taskDefinitionArn: string): string => taskDefinitionArn.slice(taskDefinitionArn.lastIndexOf('/') + 1);
