import type { EcsRuntime, SandboxDeployment, SandboxService } from './ecs-runtime.js';
import { endOf, statusAt, transitionsOf, type SandboxTask } from './ecs-tasks.js';

/** A bound on the steps of one settle, should a fake clock jump days ahead over a service that never stops failing. */
const MAX_STEPS = 20_000;

/**
 * ECS's deployment controller (the rolling-update kind): brings every service
 * up to `now`, stepping from one task transition to the next. At each step a
 * service's PRIMARY deployment gets tasks up to its desired count (within
 * maximumPercent), older deployments' tasks are stopped as far as
 * minimumHealthyPercent allows, tasks that stopped of their own accord count
 * as failed, the circuit breaker fails the deployment once they reach its
 * threshold (rolling back when asked to), and a deployment whose tasks all
 * run healthy, alone, is COMPLETED. Stopped tasks are forgotten after the
 * retention time.
 */
export function settleEcs(runtime: EcsRuntime, now: number): void {
  let cursor = runtime.settledUntil;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    for (const service of services(runtime)) reconcile(runtime, service, cursor);
    const next = nextTransition(runtime, cursor);
    if (next === undefined || next > now) break;
    cursor = next;
  }
  runtime.settledUntil = Math.max(runtime.settledUntil, now);
  forgetOldTasks(runtime, now);
}

/** ECS's rule: failed tasks ≥ max(3, min(200, ⌈0.5 × desired⌉)). */
export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.max(3, Math.min(200, Math.ceil(0.5 * desiredCount)));
}

const services = (runtime: EcsRuntime) => [...runtime.clusters.values()].flatMap((c) => [...c.services.values()]);

function nextTransition(runtime: EcsRuntime, after: number): number | undefined {
  let next: number | undefined;
  for (const task of runtime.tasks.values()) {
    const end = endOf(task);
    if (end !== undefined && end <= after) continue;
    const moment = transitionsOf(task).find((t) => t > after);
    if (moment !== undefined && (next === undefined || moment < next)) next = moment;
  }
  return next;
}

function reconcile(runtime: EcsRuntime, service: SandboxService, now: number): void {
  if (service.status !== 'ACTIVE') return;
  const tasks = runtime.tasksOf(service);
  countStopped(runtime, service, tasks, now);
  breakCircuit(runtime, service, tasks, now);
  launch(runtime, service, now);
  drain(runtime, service, now);
  complete(runtime, service, now);
}

const live = (task: SandboxTask, now: number) => statusAt(task, now).lastStatus !== 'STOPPED';
const primaryOf = (service: SandboxService) => service.deployments[0]!;

function countStopped(runtime: EcsRuntime, service: SandboxService, tasks: SandboxTask[], now: number): void {
  for (const task of tasks) {
    if (task.settled || live(task, now)) continue;
    task.settled = true;
    const status = statusAt(task, now);
    const deployment = service.deployments.find((d) => d.id === task.deploymentId);
    if (!status.failed || !deployment) continue;
    deployment.failedTasks += 1;
    deployment.updatedAt = now;
    runtime.note(service, now, `has stopped 1 running tasks: (task ${task.id}).`);
  }
}

function breakCircuit(runtime: EcsRuntime, service: SandboxService, tasks: SandboxTask[], now: number): void {
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  const primary = primaryOf(service);
  if (!breaker.enable || primary.rolloutState !== 'IN_PROGRESS') return;
  if (primary.failedTasks < circuitBreakerThreshold(primary.desiredCount)) return;
  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
  primary.updatedAt = now;
  runtime.note(service, now, `(deployment ${primary.id}) deployment failed: tasks failed to start.`);
  const target = service.lastCompleted;
  if (!breaker.rollback || target === undefined || target === primary.taskDefinition) {
    primary.halted = true;
    return;
  }
  for (const task of tasks.filter((t) => t.deploymentId === primary.id && live(t, now))) {
    task.stop = { at: now, stopCode: 'ServiceSchedulerInitiated', reason: `Scaling activity initiated by (deployment ${primary.id})` };
    task.settled = true;
  }
  const rollback = runtime.deploy(service, target, now);
  rollback.rolloutStateReason = `ECS deployment circuit breaker: rolling back to deploymentId ${rollback.id}.`;
  runtime.note(service, now, `rolling back to deployment ${rollback.id}.`);
}

function launch(runtime: EcsRuntime, service: SandboxService, now: number): void {
  const primary = primaryOf(service);
  if (primary.halted) return;
  const definition = runtime.taskDefinitions.find(primary.taskDefinition);
  if (!definition) return;
  const liveTasks = runtime.tasksOf(service).filter((t) => live(t, now));
  const ofPrimary = liveTasks.filter((t) => t.deploymentId === primary.id).length;
  const ceiling = Math.floor((service.desiredCount * service.deploymentConfiguration.maximumPercent) / 100);
  const room = Math.max(0, ceiling - liveTasks.length);
  const count = Math.min(primary.desiredCount - ofPrimary, room);
  const started: SandboxTask[] = [];
  const targetGroupArn = service.loadBalancers.find((lb) => typeof lb.targetGroupArn === 'string')?.targetGroupArn as string | undefined;
  for (let i = 0; i < count; i += 1) {
    started.push(
      runtime.startTask({
        cluster: service.cluster,
        definition,
        now,
        group: `service:${service.name}`,
        launchType: service.launchType,
        startedBy: primary.id,
        deploymentId: primary.id,
        ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
        ...(targetGroupArn ? { targetGroupArn } : {}),
      }),
    );
  }
  if (started.length > 0) runtime.note(service, now, `has started ${started.length} tasks: ${started.map((t) => `(task ${t.id})`).join(' ')}.`);
}

/** Stops older deployments' tasks (and the primary's beyond its count) while enough healthy ones stay up. */
function drain(runtime: EcsRuntime, service: SandboxService, now: number): void {
  const primary = primaryOf(service);
  const liveTasks = runtime.tasksOf(service).filter((t) => live(t, now));
  const floor = Math.ceil((service.desiredCount * service.deploymentConfiguration.minimumHealthyPercent) / 100);
  let healthy = liveTasks.filter((t) => statusAt(t, now).ready).length;
  const surplus = liveTasks.filter((t) => t.deploymentId === primary.id).slice(primary.desiredCount);
  const candidates = [...liveTasks.filter((t) => t.deploymentId !== primary.id), ...surplus]
    // Tasks not yet healthy go first: stopping them costs no capacity.
    .sort((a, b) => Number(statusAt(a, now).ready) - Number(statusAt(b, now).ready));
  const stopped: SandboxTask[] = [];
  for (const task of candidates) {
    const ready = statusAt(task, now).ready;
    if (ready && healthy - 1 < floor) continue;
    if (ready) healthy -= 1;
    task.stop = { at: now, stopCode: 'ServiceSchedulerInitiated', reason: `Scaling activity initiated by (deployment ${primary.id})` };
    task.settled = true;
    stopped.push(task);
  }
  if (stopped.length > 0) runtime.note(service, now, `has stopped ${stopped.length} running tasks: ${stopped.map((t) => `(task ${t.id})`).join(' ')}.`);
  // A deployment with no task left is done with: ECS drops it from the list (a failed one stays in sight until the rollback completes).
  const stillRunning = deploymentsRunning(runtime, service, now);
  service.deployments = service.deployments.filter((d: SandboxDeployment) => d === primary || stillRunning.has(d.id) || d.rolloutState === 'FAILED');
}

function deploymentsRunning(runtime: EcsRuntime, service: SandboxService, now: number): Set<string | undefined> {
  return new Set(runtime.tasksOf(service).filter((t) => endOf(t) === undefined || endOf(t)! > now).map((t) => t.deploymentId));
}

function complete(runtime: EcsRuntime, service: SandboxService, now: number): void {
  const primary = primaryOf(service);
  if (primary.rolloutState !== 'IN_PROGRESS') return;
  const running = deploymentsRunning(runtime, service, now);
  if (service.deployments.some((d) => d !== primary && running.has(d.id))) return;
  const ready = runtime.tasksOf(service).filter((t) => t.deploymentId === primary.id && statusAt(t, now).ready).length;
  if (ready < primary.desiredCount) return;
  primary.rolloutState = 'COMPLETED';
  primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
  primary.updatedAt = now;
  service.lastCompleted = primary.taskDefinition;
  service.deployments = [primary];
  runtime.note(service, now, 'has reached a steady state.');
}

function forgetOldTasks(runtime: EcsRuntime, now: number): void {
  for (const [arn, task] of runtime.tasks) {
    const end = endOf(task);
    if (end !== undefined && now - end > runtime.stoppedRetentionMs && (task.settled || task.deploymentId === undefined)) runtime.tasks.delete(arn);
  }
}
