import type { WorldImageRun } from '../world.js';

/**
 * The ECS and Secrets Manager parts of the sandbox's world (World.ecs,
 * World.secretsManager). Field names are ECS's own, so a scenario reads like
 * `aws ecs describe-services` output.
 */

export interface WorldEcsService {
  name: string;
  /** family:revision of a task definition in `ecs.taskDefinitions`. */
  taskDefinition: string;
  desiredCount: number;
  /** Default ACTIVE. */
  status?: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  launchType?: 'FARGATE' | 'EC2' | 'EXTERNAL';
  platformVersion?: string;
  deploymentConfiguration?: {
    deploymentCircuitBreaker?: { enable: boolean; rollback: boolean };
    /** Default 200. */
    maximumPercent?: number;
    /** Default 100. */
    minimumHealthyPercent?: number;
  };
  loadBalancers?: { targetGroupArn?: string; loadBalancerName?: string; containerName?: string; containerPort?: number }[];
  networkConfiguration?: { awsvpcConfiguration?: { subnets: string[]; securityGroups?: string[]; assignPublicIp?: 'ENABLED' | 'DISABLED' } };
  healthCheckGracePeriodSeconds?: number;
  /** ISO 8601; default a day before the sandbox started. */
  createdAt?: string;
  /** Tasks running when the sandbox starts (default desiredCount); fewer with rolloutState IN_PROGRESS is a rollout under way. */
  runningCount?: number;
  /** The primary deployment's state when the sandbox starts (default COMPLETED). */
  rolloutState?: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
}

export interface WorldEcsCluster {
  name: string;
  services: WorldEcsService[];
}

/**
 * A task definition revision as RegisterTaskDefinition takes it, plus its
 * `revision` (and optionally `status`, `registeredAt`): containerDefinitions,
 * runtimePlatform, taskRoleArn, executionRoleArn, networkMode, cpu, memory, …
 * The ARN, compatibilities and requiresAttributes are worked out.
 */
export interface WorldEcsTaskDefinition {
  family: string;
  revision: number;
  status?: 'ACTIVE' | 'INACTIVE';
  registeredAt?: string;
  containerDefinitions: Record<string, unknown>[];
  [field: string]: unknown;
}

/**
 * How a container of an image behaves in an ECS task, keyed in
 * `ecs.behaviour.images` like `kubernetes.images`: by full image reference,
 * the reference without its digest, the digest, or the tag.
 * - `unpullable`: the task stops before it starts (TaskFailedToStart, CannotPullContainerError);
 * - `crash`: the container exits with `exitCode` (default 1) soon after it starts (EssentialContainerExited);
 * - `oom`: the container is killed for its memory (exit code 137, OutOfMemoryError);
 * - `unhealthy`: it runs but fails its health check, and the scheduler stops it.
 * Without a failure a service's container runs until stopped, and a task of
 * RunTask exits with `exitCode` (default 0) after `runMs` (default 200).
 * Images of the sandbox's own ECR that do not exist there, or lack the task's
 * platform, are unpullable without being listed.
 */
export interface WorldEcsImage extends WorldImageRun {
  failure?: 'unpullable' | 'crash' | 'oom' | 'unhealthy';
}

export interface WorldEcsBehaviour {
  /** Seconds from a task's creation to RUNNING (PROVISIONING a third, PENDING two thirds; default 0.3). Health checks pass half as long again later. */
  taskStartSeconds?: number;
  /** How long stopped tasks stay listable and describable (default 3600, as ECS's "at least one hour"). */
  stoppedTaskRetentionSeconds?: number;
  images?: Record<string, WorldEcsImage>;
}

export interface WorldEcs {
  clusters: WorldEcsCluster[];
  taskDefinitions: WorldEcsTaskDefinition[];
  behaviour?: WorldEcsBehaviour;
}

export interface WorldSecret {
  name: string;
  /** The six characters Secrets Manager appends to the ARN (default derived from the name). */
  arnSuffix?: string;
  description?: string;
  /** ISO 8601. */
  createdAt?: string;
  /** Set for a secret scheduled for deletion (DescribeSecret still answers, with DeletedDate). */
  deletedAt?: string;
}

export interface WorldSecretsManager {
  secrets: WorldSecret[];
}
