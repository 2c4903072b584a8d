import type { World } from '../world.js';
import { ecsArns } from './ecs-names.js';
import type { EcsRuntime, SandboxCluster, SandboxDeployment, SandboxService } from './ecs-runtime.js';
import { statusAt, type SandboxTask } from './ecs-tasks.js';

/** Epoch ms as the JSON protocol sends timestamps: seconds, fractions allowed. */
const seconds = (ms: number) => ms / 1000;
const AVAILABILITY_ZONE_SUFFIX = 'a';

function counts(runtime: EcsRuntime, service: SandboxService, now: number, deployment?: SandboxDeployment) {
  const tasks = runtime.tasksOf(service).filter((t) => deployment === undefined || t.deploymentId === deployment.id);
  const statuses = tasks.map((t) => statusAt(t, now).lastStatus);
  return {
    runningCount: statuses.filter((s) => s === 'RUNNING').length,
    pendingCount: statuses.filter((s) => s === 'PROVISIONING' || s === 'PENDING').length,
  };
}

/** A Service structure of DescribeServices and UpdateService. */
export function serviceView(runtime: EcsRuntime, service: SandboxService, now: number): Record<string, unknown> {
  const { world } = runtime;
  const primary = service.deployments[0]!;
  const network = service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {};
  return {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: ecsArns.cluster(world, service.cluster),
    loadBalancers: service.loadBalancers,
    serviceRegistries: [],
    status: service.status,
    desiredCount: service.desiredCount,
    ...counts(runtime, service, now),
    launchType: service.launchType,
    ...(service.platformVersion ? { platformVersion: service.platformVersion, platformFamily: 'Linux' } : {}),
    taskDefinition: primary.taskDefinition,
    deploymentConfiguration: service.deploymentConfiguration,
    deployments: service.deployments.map((d) => deploymentView(runtime, service, d, now)),
    events: service.events.map((e) => ({ id: e.id, createdAt: seconds(e.createdAt), message: e.message })),
    createdAt: seconds(service.createdAt),
    placementConstraints: [],
    placementStrategy: [],
    ...network,
    ...(service.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds } : {}),
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: `arn:aws:iam::${world.accountId}:role/terraform`,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
  };
}

function deploymentView(runtime: EcsRuntime, service: SandboxService, deployment: SandboxDeployment, now: number): Record<string, unknown> {
  return {
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinition,
    desiredCount: deployment.desiredCount,
    ...counts(runtime, service, now, deployment),
    failedTasks: deployment.failedTasks,
    createdAt: seconds(deployment.createdAt),
    updatedAt: seconds(deployment.updatedAt),
    launchType: service.launchType,
    ...(service.platformVersion ? { platformVersion: service.platformVersion, platformFamily: 'Linux' } : {}),
    ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
  };
}

/** A Task structure of DescribeTasks and RunTask. */
export function taskView(world: World, task: SandboxTask, now: number): Record<string, unknown> {
  const status = statusAt(task, now);
  const optional = (name: string, value: number | string | undefined) => (value === undefined ? {} : { [name]: value });
  const at = (name: string, ms: number | undefined) => optional(name, ms === undefined ? undefined : seconds(ms));
  return {
    attachments: [],
    attributes: [],
    availabilityZone: `${world.region}${AVAILABILITY_ZONE_SUFFIX}`,
    clusterArn: ecsArns.cluster(world, task.cluster),
    connectivity: 'CONNECTED',
    connectivityAt: seconds(task.createdAt),
    containers: task.containers.map((c, i) => {
      const state = status.containers[i]!;
      return {
        containerArn: ecsArns.container(world, task.cluster, task.id, c.id),
        taskArn: task.arn,
        name: c.name,
        image: c.image,
        ...(status.startedAt !== undefined ? { runtimeId: `${task.id}-${c.id.slice(0, 10)}` } : {}),
        lastStatus: state.lastStatus,
        ...optional('exitCode', state.exitCode),
        ...optional('reason', state.reason),
        networkBindings: [],
        networkInterfaces: [],
        healthStatus: state.healthStatus,
        cpu: '0',
      };
    }),
    ...optional('cpu', task.cpu),
    ...optional('memory', task.memory),
    createdAt: seconds(task.createdAt),
    desiredStatus: status.desiredStatus,
    enableExecuteCommand: false,
    group: task.group,
    healthStatus: status.healthStatus,
    lastStatus: status.lastStatus,
    launchType: task.launchType,
    overrides: { containerOverrides: task.containerOverrides, inferenceAcceleratorOverrides: [] },
    ...optional('platformVersion', task.platformVersion === 'LATEST' ? '1.4.0' : task.platformVersion),
    ...(task.launchType === 'FARGATE' ? { platformFamily: 'Linux' } : {}),
    ...at('pullStartedAt', status.pullStartedAt),
    ...at('pullStoppedAt', status.pullStoppedAt),
    ...at('startedAt', status.startedAt),
    ...optional('startedBy', task.startedBy),
    ...optional('stopCode', status.stopCode),
    ...at('stoppingAt', status.stoppedAt),
    ...at('executionStoppedAt', status.stoppedAt),
    ...at('stoppedAt', status.stoppedAt),
    ...optional('stoppedReason', status.stoppedReason),
    tags: [],
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: versionOf(status.lastStatus),
    ...(task.launchType === 'FARGATE' ? { ephemeralStorage: { sizeInGiB: 20 } } : {}),
  };
}

/** ECS bumps a task's version at each status change. */
const versionOf = (lastStatus: string) => ({ PROVISIONING: 1, PENDING: 2, RUNNING: 3, STOPPED: 4 })[lastStatus] ?? 1;

/** A Cluster structure of DescribeClusters. */
export function clusterView(runtime: EcsRuntime, cluster: SandboxCluster, now: number): Record<string, unknown> {
  const tasks = [...runtime.tasks.values()].filter((t) => t.cluster === cluster.name).map((t) => statusAt(t, now).lastStatus);
  return {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: 'ACTIVE',
    registeredContainerInstancesCount: 0,
    runningTasksCount: tasks.filter((s) => s === 'RUNNING').length,
    pendingTasksCount: tasks.filter((s) => s === 'PROVISIONING' || s === 'PENDING').length,
    activeServicesCount: [...cluster.services.values()].filter((s) => s.status === 'ACTIVE').length,
    statistics: [],
    tags: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [],
  };
}
