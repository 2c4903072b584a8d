import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxState } from '../sandbox-state.js';
import type { World } from '../world.js';
import { fateOf } from './ecs-images.js';
import { ecsArns } from './ecs-names.js';
import { TaskDefinitions, type TaskDefinitionRecord } from './ecs-task-definitions.js';
import type { SandboxTask, TaskFate } from './ecs-tasks.js';
import type { WorldEcsService } from './ecs-world.js';
import { epochSeconds } from './epoch-seconds.js';

export const DEFAULT_TASK_START_SECONDS = 0.3;
export const DEFAULT_STOPPED_RETENTION_SECONDS = 3600;
const DAY_MS = 86_400_000;
/** Events DescribeServices shows, newest first. */
const EVENTS_KEPT = 100;

export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface SandboxDeployment {
  id: string;
  status: 'PRIMARY' | 'ACTIVE';
  taskDefinition: string;
  desiredCount: number;
  failedTasks: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
  /** The circuit breaker failed it without a rollback: ECS starts no more of its tasks. */
  halted?: boolean;
}

export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
}

export interface SandboxService {
  name: string;
  arn: string;
  cluster: string;
  status: string;
  desiredCount: number;
  launchType: string;
  platformVersion?: string;
  deploymentConfiguration: {
    deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
    maximumPercent: number;
    minimumHealthyPercent: number;
  };
  loadBalancers: Record<string, unknown>[];
  networkConfiguration?: WorldEcsService['networkConfiguration'];
  healthCheckGracePeriodSeconds?: number;
  createdAt: number;
  /** PRIMARY first. */
  deployments: SandboxDeployment[];
  /** The task definition of the last deployment that completed: where a circuit breaker rolls back to. */
  lastCompleted?: string;
  events: ServiceEvent[];
}

export interface SandboxCluster {
  name: string;
  arn: string;
  services: Map<string, SandboxService>;
}

/**
 * The sandbox's ECS account as it runs: clusters and their services, every
 * deployment and task, the task definitions registered, and RunTask's client
 * tokens. Made from the world on first use; the world itself is not changed.
 */
export class EcsRuntime {
  readonly clusters = new Map<string, SandboxCluster>();
  readonly tasks = new Map<string, SandboxTask>();
  readonly taskDefinitions: TaskDefinitions;
  /** RunTask's clientToken → the ARNs of the tasks it started. */
  readonly clientTokens = new Map<string, string[]>();
  /** Up to when the controller has moved the services along (epoch ms). */
  settledUntil: number;

  constructor(
    readonly world: World,
    now: number,
  ) {
    this.taskDefinitions = new TaskDefinitions(world);
    this.settledUntil = now;
    for (const cluster of world.ecs?.clusters ?? []) {
      const services = new Map<string, SandboxService>();
      this.clusters.set(cluster.name, { name: cluster.name, arn: ecsArns.cluster(world, cluster.name), services });
      for (const service of cluster.services) services.set(service.name, this.serviceFromWorld(cluster.name, service, now));
    }
  }

  get taskStartMs(): number {
    return (this.world.ecs?.behaviour?.taskStartSeconds ?? DEFAULT_TASK_START_SECONDS) * 1000;
  }

  get stoppedRetentionMs(): number {
    return (this.world.ecs?.behaviour?.stoppedTaskRetentionSeconds ?? DEFAULT_STOPPED_RETENTION_SECONDS) * 1000;
  }

  /** A new deployment of the service to `taskDefinition` (ARN), made PRIMARY; the ones before it go on as ACTIVE until drained. */
  deploy(service: SandboxService, taskDefinition: string, now: number, reason?: string): SandboxDeployment {
    for (const older of service.deployments) older.status = 'ACTIVE';
    const deployment: SandboxDeployment = {
      id: deploymentId(),
      status: 'PRIMARY',
      taskDefinition,
      desiredCount: service.desiredCount,
      failedTasks: 0,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: reason ?? 'ECS deployment in progress.',
      createdAt: now,
      updatedAt: now,
    };
    deployment.rolloutStateReason = reason ?? `ECS deployment ${deployment.id} in progress.`;
    service.deployments.unshift(deployment);
    return deployment;
  }

  /** A new task of `definition` in `cluster`, PROVISIONING from `now`. */
  startTask(options: {
    cluster: string;
    definition: TaskDefinitionRecord;
    now: number;
    group: string;
    launchType: string;
    platformVersion?: string;
    startedBy?: string;
    deploymentId?: string;
    targetGroupArn?: string;
    containerOverrides?: Record<string, unknown>[];
    startMs?: number;
    fate?: TaskFate;
  }): SandboxTask {
    const { definition, now } = options;
    const id = randomBytes(16).toString('hex');
    const startMs = options.startMs ?? this.taskStartMs;
    const containers = definition.containerDefinitions.map((c) => ({
      name: String(c.name),
      image: String(c.image),
      essential: c.essential !== false,
      hasHealthCheck: c.healthCheck !== undefined,
      id: randomUUID(),
    }));
    const cpuArchitecture = (definition.runtimePlatform as { cpuArchitecture?: string } | undefined)?.cpuArchitecture ?? 'X86_64';
    const fate =
      options.fate ??
      fateOf({
        world: this.world,
        containers,
        cpuArchitecture,
        forService: options.deploymentId !== undefined,
        startMs,
        ...(options.targetGroupArn ? { targetGroupArn: options.targetGroupArn } : {}),
      });
    const task: SandboxTask = {
      id,
      arn: ecsArns.task(this.world, options.cluster, id),
      cluster: options.cluster,
      taskDefinitionArn: definition.taskDefinitionArn,
      group: options.group,
      launchType: options.launchType,
      containers: containers.map(({ name, image, id: containerId, hasHealthCheck }) => ({ name, image, id: containerId, hasHealthCheck })),
      containerOverrides: options.containerOverrides ?? [],
      createdAt: now,
      startMs,
      fate,
      ...(options.platformVersion ? { platformVersion: options.platformVersion } : {}),
      ...(options.startedBy ? { startedBy: options.startedBy } : {}),
      ...(options.deploymentId ? { deploymentId: options.deploymentId } : {}),
      ...(typeof definition.cpu === 'string' ? { cpu: definition.cpu } : {}),
      ...(typeof definition.memory === 'string' ? { memory: definition.memory } : {}),
    };
    this.tasks.set(task.arn, task);
    return task;
  }

  tasksOf(service: SandboxService): SandboxTask[] {
    const ids = new Set(service.deployments.map((d) => d.id));
    return [...this.tasks.values()].filter((t) => t.cluster === service.cluster && t.deploymentId !== undefined && ids.has(t.deploymentId));
  }

  note(service: SandboxService, now: number, message: string): void {
    service.events.unshift({ id: randomUUID(), createdAt: now, message: `(service ${service.name}) ${message}` });
    service.events.length = Math.min(service.events.length, EVENTS_KEPT);
  }

  private serviceFromWorld(cluster: string, service: WorldEcsService, now: number): SandboxService {
    const createdAt = service.createdAt ? epochSeconds(service.createdAt) * 1000 : now - DAY_MS;
    const config = service.deploymentConfiguration ?? {};
    const sandboxService: SandboxService = {
      name: service.name,
      arn: ecsArns.service(this.world, cluster, service.name),
      cluster,
      status: service.status ?? 'ACTIVE',
      desiredCount: service.desiredCount,
      launchType: service.launchType ?? 'FARGATE',
      deploymentConfiguration: {
        deploymentCircuitBreaker: config.deploymentCircuitBreaker ?? { enable: false, rollback: false },
        maximumPercent: config.maximumPercent ?? 200,
        minimumHealthyPercent: config.minimumHealthyPercent ?? 100,
      },
      loadBalancers: (service.loadBalancers ?? []) as Record<string, unknown>[],
      createdAt,
      deployments: [],
      events: [],
      ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
      ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
      ...(service.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds } : {}),
    };
    const definition = this.taskDefinitions.find(service.taskDefinition);
    if (!definition) throw new Error(`sandbox world: ECS service ${service.name} runs task definition ${service.taskDefinition}, which the world does not have`);
    const deployment = this.deploy(sandboxService, definition.taskDefinitionArn, createdAt);
    const rolloutState = service.rolloutState ?? 'COMPLETED';
    deployment.rolloutState = rolloutState;
    if (rolloutState === 'COMPLETED') {
      deployment.rolloutStateReason = `ECS deployment ${deployment.id} completed.`;
      sandboxService.lastCompleted = definition.taskDefinitionArn;
    }
    // The tasks already running: established long ago, whatever their image would do now.
    for (let i = 0; i < (service.runningCount ?? service.desiredCount); i += 1) {
      this.startTask({
        cluster,
        definition,
        now: createdAt,
        group: `service:${service.name}`,
        launchType: sandboxService.launchType,
        startedBy: deployment.id,
        deploymentId: deployment.id,
        startMs: 0,
        fate: { kind: 'runs' },
        ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
      });
    }
    if (rolloutState === 'COMPLETED') this.note(sandboxService, createdAt, 'has reached a steady state.');
    return sandboxService;
  }
}

/** ECS names deployments ecs-svc/ and 19 digits. */
function deploymentId(): string {
  const digits = [...randomBytes(19)].map((b) => String(b % 10)).join('');
  return `ecs-svc/${digits.replace(/^0/, '9')}`;
}

const runtimes = new WeakMap<SandboxState, EcsRuntime>();

export function ecsRuntimeOf(state: SandboxState, now: number): EcsRuntime {
  let runtime = runtimes.get(state);
  if (!runtime) {
    runtime = new EcsRuntime(state.world, now);
    runtimes.set(state, runtime);
  }
  return runtime;
}
