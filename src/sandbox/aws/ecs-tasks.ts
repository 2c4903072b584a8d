/**
 * One ECS task of the sandbox and the course it runs. Like CodeBuild's builds,
 * its status is never stored: it is worked out from its creation time, its
 * start duration and its fate whenever it is looked at, so tasks move on
 * without timers and a fake clock makes them deterministic. Only a stop
 * request (the scheduler's, or a rollback's) is written into it.
 */

export type TaskFate =
  /** Runs until stopped (a service's task). */
  | { kind: 'runs' }
  /** An essential container exits `afterMs` after the task reaches RUNNING. */
  | { kind: 'exits'; container: string; afterMs: number; exitCode: number; reason?: string }
  /** The image cannot be pulled: the task stops before it starts. */
  | { kind: 'unpullable'; container: string; reason: string }
  /** Runs, fails its health checks, and is stopped by the scheduler. */
  | { kind: 'unhealthy'; reason: string };

export interface TaskContainer {
  name: string;
  image: string;
  id: string;
  hasHealthCheck: boolean;
}

export interface StopRequest {
  at: number;
  stopCode: string;
  reason: string;
}

export interface SandboxTask {
  id: string;
  arn: string;
  cluster: string;
  taskDefinitionArn: string;
  group: string;
  startedBy?: string;
  /** The service deployment whose task it is (ecs-svc/…); absent for RunTask's. */
  deploymentId?: string;
  launchType: string;
  platformVersion?: string;
  cpu?: string;
  memory?: string;
  containers: TaskContainer[];
  /** RunTask's containerOverrides, echoed in `overrides`. */
  containerOverrides: Record<string, unknown>[];
  /** Epoch ms. */
  createdAt: number;
  /** From creation to RUNNING (0 for tasks already running when the sandbox starts). */
  startMs: number;
  fate: TaskFate;
  stop?: StopRequest;
  /** Whether the service controller has seen it stop (and counted a failure). */
  settled?: boolean;
}

export interface ContainerStatus {
  lastStatus: string;
  exitCode?: number;
  reason?: string;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
}

export interface TaskStatus {
  lastStatus: 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'STOPPED';
  desiredStatus: 'RUNNING' | 'STOPPED';
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  /** The task is RUNNING and its health checks (if any) pass: what a deployment counts as healthy. */
  ready: boolean;
  /** It stopped for a reason of its own, not because it was told to. */
  failed: boolean;
  containers: ContainerStatus[];
}

export const ESSENTIAL_CONTAINER_EXITED = 'Essential container in task exited';

const pullStart = (task: SandboxTask) => task.createdAt + task.startMs / 3;
const pullEnd = (task: SandboxTask) => task.createdAt + (2 * task.startMs) / 3;
const runningAt = (task: SandboxTask) => task.createdAt + task.startMs;
const healthyAt = (task: SandboxTask) => runningAt(task) + task.startMs / 2;

/** When the task stops of its own accord, if it does. */
function naturalEnd(task: SandboxTask): number | undefined {
  switch (task.fate.kind) {
    case 'unpullable':
      return pullEnd(task);
    case 'exits':
      return runningAt(task) + task.fate.afterMs;
    case 'unhealthy':
      return healthyAt(task);
    default:
      return undefined;
  }
}

/** The moments its status changes, in order: what the service controller steps through. */
export function transitionsOf(task: SandboxTask): number[] {
  const end = endOf(task);
  const moments = [pullStart(task), runningAt(task), healthyAt(task), ...(end === undefined ? [] : [end])];
  return moments.filter((t) => end === undefined || t <= end);
}

export function endOf(task: SandboxTask): number | undefined {
  const natural = naturalEnd(task);
  if (task.stop && (natural === undefined || task.stop.at < natural)) return task.stop.at;
  return natural;
}

export function statusAt(task: SandboxTask, now: number): TaskStatus {
  const end = endOf(task);
  if (end !== undefined && now >= end) return stoppedStatus(task, end);
  const running = now >= runningAt(task);
  const healthy = running && now >= healthyAt(task);
  const containerHealth = (c: TaskContainer): ContainerStatus['healthStatus'] => (c.hasHealthCheck ? (healthy ? 'HEALTHY' : 'UNKNOWN') : 'UNKNOWN');
  const checked = task.containers.some((c) => c.hasHealthCheck);
  return {
    lastStatus: running ? 'RUNNING' : now >= pullStart(task) ? 'PENDING' : 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthStatus: checked ? (healthy ? 'HEALTHY' : 'UNKNOWN') : 'UNKNOWN',
    ...(now >= pullStart(task) ? { pullStartedAt: pullStart(task) } : {}),
    ...(now >= pullEnd(task) ? { pullStoppedAt: pullEnd(task) } : {}),
    ...(running ? { startedAt: runningAt(task) } : {}),
    ready: running && (!checked || healthy),
    failed: false,
    containers: task.containers.map((c) => ({ lastStatus: running ? 'RUNNING' : 'PENDING', healthStatus: containerHealth(c) })),
  };
}

function stoppedStatus(task: SandboxTask, end: number): TaskStatus {
  const { fate } = task;
  const byRequest = task.stop !== undefined && task.stop.at === end && (naturalEnd(task) === undefined || end < naturalEnd(task)!);
  const started = end >= runningAt(task) && !(fate.kind === 'unpullable' && !byRequest);
  const base = {
    lastStatus: 'STOPPED' as const,
    desiredStatus: 'STOPPED' as const,
    stoppedAt: end,
    ...(end >= pullStart(task) ? { pullStartedAt: pullStart(task) } : {}),
    ...(started ? { pullStoppedAt: pullEnd(task), startedAt: runningAt(task) } : {}),
    ready: false,
  };
  if (byRequest) {
    return {
      ...base,
      healthStatus: 'UNKNOWN',
      stopCode: task.stop!.stopCode,
      stoppedReason: task.stop!.reason,
      failed: false,
      containers: task.containers.map(() => ({ lastStatus: 'STOPPED', ...(started ? { exitCode: 0 } : {}), healthStatus: 'UNKNOWN' })),
    };
  }
  if (fate.kind === 'unpullable') {
    return {
      ...base,
      healthStatus: 'UNKNOWN',
      stopCode: 'TaskFailedToStart',
      stoppedReason: fate.reason,
      failed: true,
      containers: task.containers.map((c) => ({ lastStatus: 'STOPPED', ...(c.name === fate.container ? { reason: fate.reason } : {}), healthStatus: 'UNKNOWN' })),
    };
  }
  if (fate.kind === 'unhealthy') {
    return {
      ...base,
      healthStatus: 'UNHEALTHY',
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: fate.reason,
      failed: true,
      containers: task.containers.map((c) => ({ lastStatus: 'STOPPED', exitCode: 0, healthStatus: c.hasHealthCheck ? 'UNHEALTHY' : 'UNKNOWN' })),
    };
  }
  const exit = fate as Extract<TaskFate, { kind: 'exits' }>;
  return {
    ...base,
    healthStatus: 'UNKNOWN',
    stopCode: 'EssentialContainerExited',
    stoppedReason: ESSENTIAL_CONTAINER_EXITED,
    failed: exit.exitCode !== 0 || task.deploymentId !== undefined,
    containers: task.containers.map((c) => ({
      lastStatus: 'STOPPED',
      exitCode: c.name === exit.container ? exit.exitCode : 0,
      ...(c.name === exit.container && exit.reason ? { reason: exit.reason } : {}),
      healthStatus: 'UNKNOWN',
    })),
  };
}
