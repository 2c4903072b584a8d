/**
 * Amazon ECS as shipmate uses it (SPEC §10): one service's description, its
 * task definitions, its tasks (running and stopped), a new task-definition
 * revision with one container's image changed, UpdateService, and RunTask for
 * migrations. Field names follow the ECS API reference; everything is plain
 * data (no SDK types). Errors: ClusterNotFoundException is
 * PortError('invalid', "cluster … not found"); throttling PortError('throttled');
 * access denied PortError('forbidden'); anything unreachable PortError('unreachable').
 */

export type EcsServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE' | (string & {});
export type EcsRolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface EcsDeployment {
  id: string;
  /** PRIMARY (the newest), ACTIVE (older ones still running tasks), INACTIVE. */
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE' | (string & {});
  taskDefinition: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  rolloutState?: EcsRolloutState;
  rolloutStateReason?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface EcsNetworkConfiguration {
  awsvpcConfiguration?: { subnets: string[]; securityGroups?: string[]; assignPublicIp?: 'ENABLED' | 'DISABLED' };
}

export interface EcsService {
  serviceName: string;
  serviceArn: string;
  clusterArn: string;
  status: EcsServiceStatus;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  /** The task definition ARN the service runs (its PRIMARY deployment's). */
  taskDefinition: string;
  deployments: EcsDeployment[];
  /** deploymentConfiguration.deploymentCircuitBreaker, when set. */
  circuitBreaker?: { enable: boolean; rollback: boolean };
  loadBalancers: { targetGroupArn?: string; containerName?: string; containerPort?: number }[];
  networkConfiguration?: EcsNetworkConfiguration;
  launchType?: 'FARGATE' | 'EC2' | 'EXTERNAL' | (string & {});
  capacityProviderStrategy?: { capacityProvider: string; weight?: number; base?: number }[];
  platformVersion?: string;
}

export interface EcsContainerDefinition {
  name: string;
  image: string;
  essential?: boolean;
  command?: string[];
  user?: string;
  readonlyRootFilesystem?: boolean;
  privileged?: boolean;
  /** The container's own health check (healthCheck.command …). */
  healthCheck?: { command: string[] };
  logConfiguration?: { logDriver: string; options?: Record<string, string> };
  secrets?: { name: string; valueFrom: string }[];
  environment?: { name: string; value: string }[];
}

export interface EcsTaskDefinition {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  containerDefinitions: EcsContainerDefinition[];
  runtimePlatform?: { cpuArchitecture?: 'X86_64' | 'ARM64' | (string & {}); operatingSystemFamily?: string };
  requiresCompatibilities?: string[];
  networkMode?: string;
  executionRoleArn?: string;
  taskRoleArn?: string;
}

export interface EcsContainerState {
  name: string;
  image?: string;
  lastStatus?: string;
  exitCode?: number;
  /** e.g. "OutOfMemoryError: Container killed due to memory usage", "CannotPullContainerError: …". */
  reason?: string;
  healthStatus?: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN' | (string & {});
}

export interface EcsTask {
  taskArn: string;
  taskDefinitionArn: string;
  lastStatus: string;
  desiredStatus: string;
  /** ecs-svc/<deployment id> for a service's tasks; what RunTask's startedBy was otherwise. */
  startedBy?: string;
  group?: string;
  /** TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, … */
  stopCode?: string;
  stoppedReason?: string;
  containers: EcsContainerState[];
  createdAt?: Date;
  startedAt?: Date;
  stoppedAt?: Date;
}

export interface RunTaskInput {
  cluster: string;
  taskDefinition: string;
  /** The container whose command is overridden. */
  container: string;
  command: string[];
  networkConfiguration?: EcsNetworkConfiguration;
  launchType?: string;
  capacityProviderStrategy?: { capacityProvider: string; weight?: number; base?: number }[];
  platformVersion?: string;
  /** Up to 128 characters; the task carries it, so a resumed run finds its task (ListTasks startedBy). */
  startedBy: string;
  /** RunTask's idempotency token (up to 64 characters): the same token within its window starts no second task. */
  clientToken: string;
}

export interface EcsPort {
  /** DescribeServices for one service; undefined when ECS reports it MISSING. A missing cluster is PortError('invalid'). */
  describeService(cluster: string, service: string): Promise<EcsService | undefined>;
  /** DescribeTaskDefinition; undefined when there is no such revision. */
  describeTaskDefinition(taskDefinition: string): Promise<EcsTaskDefinition | undefined>;
  /**
   * RegisterTaskDefinition: a new revision of `from`'s family, identical but
   * for `container`'s image (read-only fields dropped, everything else kept
   * as ECS described it). A container `from` does not have is PortError('invalid').
   */
  registerWithImage(from: string, container: string, image: string): Promise<EcsTaskDefinition>;
  /** UpdateService to a task definition revision; returns the service as ECS answers. */
  updateService(cluster: string, service: string, taskDefinition: string): Promise<EcsService>;
  /** ListTasks + DescribeTasks: the service's tasks of one desired status (STOPPED ones as long as ECS keeps them), or those started by `startedBy`. */
  listTasks(cluster: string, filter: { serviceName?: string; startedBy?: string; desiredStatus: 'RUNNING' | 'STOPPED' }): Promise<EcsTask[]>;
  /** DescribeTasks by ARN (unknown ones left out). */
  describeTasks(cluster: string, taskArns: readonly string[]): Promise<EcsTask[]>;
  /** RunTask of one task with the container's command overridden. A task ECS could not place is PortError('invalid') quoting its failures. */
  runTask(input: RunTaskInput): Promise<EcsTask>;
}

/** Where an ECS task definition's secrets live: Secrets Manager (DescribeSecret) — and SSM Parameter Store, which shipmate does not read. */
export interface SecretsPort {
  /** Whether the secret a `valueFrom` ARN (or name) points at exists; undefined for an SSM parameter, which is not checked. */
  secretExists(valueFrom: string): Promise<boolean | undefined>;
}
