import type {
  CapacityProviderStrategyItem,
  Container,
  ContainerDefinition,
  Deployment,
  Failure,
  NetworkConfiguration,
  Service,
  Task,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import type {
  EcsContainerDefinition,
  EcsContainerState,
  EcsDeployment,
  EcsNetworkConfiguration,
  EcsService,
  EcsTask,
  EcsTaskDefinition,
} from '../../ports/ecs.port.js';

/** ECS's answers as the port's plain data: SDK types stop here. Absent fields stay absent (no `undefined` keys). */

export function toEcsService(service: Service): EcsService {
  const deployments = (service.deployments ?? []).map(toEcsDeployment);
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
  return withoutUndefined({
    serviceName: service.serviceName ?? '',
    serviceArn: service.serviceArn ?? '',
    clusterArn: service.clusterArn ?? '',
    status: service.status ?? '',
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    // During a deployment the PRIMARY deployment's revision is the one the service is moving to.
    taskDefinition: primary?.taskDefinition ?? service.taskDefinition ?? '',
    deployments,
    circuitBreaker: breaker ? { enable: breaker.enable ?? false, rollback: breaker.rollback ?? false } : undefined,
    loadBalancers: (service.loadBalancers ?? []).map((lb) =>
      withoutUndefined({ targetGroupArn: lb.targetGroupArn, containerName: lb.containerName, containerPort: lb.containerPort }),
    ),
    networkConfiguration: toNetworkConfiguration(service.networkConfiguration),
    launchType: service.launchType,
    capacityProviderStrategy: toCapacityProviderStrategy(service.capacityProviderStrategy),
    platformVersion: service.platformVersion,
  });
}

export function toEcsDeployment(deployment: Deployment): EcsDeployment {
  return withoutUndefined({
    id: deployment.id ?? '',
    status: deployment.status ?? '',
    taskDefinition: deployment.taskDefinition ?? '',
    desiredCount: deployment.desiredCount ?? 0,
    runningCount: deployment.runningCount ?? 0,
    pendingCount: deployment.pendingCount ?? 0,
    failedTasks: deployment.failedTasks ?? 0,
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
    createdAt: deployment.createdAt,
    updatedAt: deployment.updatedAt,
  });
}

export function toEcsTaskDefinition(definition: TaskDefinition): EcsTaskDefinition {
  const platform = definition.runtimePlatform;
  return withoutUndefined({
    taskDefinitionArn: definition.taskDefinitionArn ?? '',
    family: definition.family ?? '',
    revision: definition.revision ?? 0,
    containerDefinitions: (definition.containerDefinitions ?? []).map(toEcsContainerDefinition),
    runtimePlatform: platform
      ? withoutUndefined({ cpuArchitecture: platform.cpuArchitecture, operatingSystemFamily: platform.operatingSystemFamily })
      : undefined,
    requiresCompatibilities: definition.requiresCompatibilities,
    networkMode: definition.networkMode,
    executionRoleArn: definition.executionRoleArn,
    taskRoleArn: definition.taskRoleArn,
  });
}

export function toEcsContainerDefinition(container: ContainerDefinition): EcsContainerDefinition {
  const log = container.logConfiguration;
  return withoutUndefined({
    name: container.name ?? '',
    image: container.image ?? '',
    essential: container.essential,
    command: container.command,
    user: container.user,
    readonlyRootFilesystem: container.readonlyRootFilesystem,
    privileged: container.privileged,
    healthCheck: container.healthCheck ? { command: container.healthCheck.command ?? [] } : undefined,
    logConfiguration: log?.logDriver ? withoutUndefined({ logDriver: log.logDriver, options: log.options }) : undefined,
    secrets: container.secrets?.map((s) => ({ name: s.name ?? '', valueFrom: s.valueFrom ?? '' })),
    environment: container.environment?.map((e) => ({ name: e.name ?? '', value: e.value ?? '' })),
  });
}

export function toEcsTask(task: Task): EcsTask {
  return withoutUndefined({
    taskArn: task.taskArn ?? '',
    taskDefinitionArn: task.taskDefinitionArn ?? '',
    lastStatus: task.lastStatus ?? '',
    desiredStatus: task.desiredStatus ?? '',
    startedBy: task.startedBy,
    group: task.group,
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    containers: (task.containers ?? []).map(toEcsContainerState),
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    stoppedAt: task.stoppedAt,
  });
}

function toEcsContainerState(container: Container): EcsContainerState {
  return withoutUndefined({
    name: container.name ?? '',
    image: container.image,
    lastStatus: container.lastStatus,
    exitCode: container.exitCode,
    reason: container.reason,
    healthStatus: container.healthStatus,
  });
}

export function toNetworkConfiguration(network: NetworkConfiguration | undefined): EcsNetworkConfiguration | undefined {
  const vpc = network?.awsvpcConfiguration;
  if (!vpc) return undefined;
  return {
    awsvpcConfiguration: withoutUndefined({ subnets: vpc.subnets ?? [], securityGroups: vpc.securityGroups, assignPublicIp: vpc.assignPublicIp }),
  };
}

function toCapacityProviderStrategy(items: CapacityProviderStrategyItem[] | undefined): EcsService['capacityProviderStrategy'] {
  if (!items || items.length === 0) return undefined;
  return items.map((item) => withoutUndefined({ capacityProvider: item.capacityProvider ?? '', weight: item.weight, base: item.base }));
}

/** "MISSING", or "<reason> (<detail>)": how ECS explains one entry of a failures[] list. */
export function describeFailure(failure: Failure): string {
  const reason = failure.reason ?? 'no reason given';
  return failure.detail ? `${reason} (${failure.detail})` : reason;
}

/** ECS's `failures[]` reason for "no such service/task". */
export const MISSING = 'MISSING';

function withoutUndefined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
