import type { Service, Task, TaskDefinition } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { describeFailure, toEcsService, toEcsTask, toEcsTaskDefinition, toNetworkConfiguration } from '../../../src/adapters/aws/ecs-mapping.js';

/** SDK-shaped answers (field names and values as in the ECS API reference's DescribeServices / DescribeTasks / DescribeTaskDefinition examples). */

const TD = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-backend';

function serviceMidRollout(): Service {
  return {
    serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/backend',
    serviceName: 'backend',
    clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/shop-staging',
    loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/backend/0123456789abcdef', containerName: 'backend', containerPort: 8080 }],
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 3,
    pendingCount: 1,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    taskDefinition: `${TD}:8`,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
    deployments: [
      {
        id: 'ecs-svc/9223370000000000001',
        status: 'PRIMARY',
        taskDefinition: `${TD}:8`,
        desiredCount: 2,
        pendingCount: 1,
        runningCount: 1,
        failedTasks: 0,
        createdAt: new Date('2026-03-02T10:00:00Z'),
        updatedAt: new Date('2026-03-02T10:00:30Z'),
        launchType: 'FARGATE',
        platformVersion: '1.4.0',
        rolloutState: 'IN_PROGRESS',
        rolloutStateReason: 'ECS deployment ecs-svc/9223370000000000001 in progress.',
      },
      {
        id: 'ecs-svc/9223370000000000000',
        status: 'ACTIVE',
        taskDefinition: `${TD}:7`,
        desiredCount: 2,
        pendingCount: 0,
        runningCount: 2,
        failedTasks: 0,
        createdAt: new Date('2026-03-01T10:00:00Z'),
        updatedAt: new Date('2026-03-01T10:05:00Z'),
        rolloutState: 'COMPLETED',
        rolloutStateReason: 'ECS deployment ecs-svc/9223370000000000000 completed.',
      },
    ],
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0123abcd'], assignPublicIp: 'DISABLED' } },
    healthCheckGracePeriodSeconds: 60,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdAt: new Date('2026-01-01T00:00:00Z'),
  };
}

describe('toEcsService', () => {
  it('given a service mid-rollout, then its counts, both deployments, circuit breaker, load balancer and network, with the PRIMARY revision as its task definition', () => {
    expect(toEcsService(serviceMidRollout())).toEqual({
      serviceName: 'backend',
      serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/backend',
      clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/shop-staging',
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 3,
      pendingCount: 1,
      taskDefinition: `${TD}:8`,
      deployments: [
        {
          id: 'ecs-svc/9223370000000000001',
          status: 'PRIMARY',
          taskDefinition: `${TD}:8`,
          desiredCount: 2,
          runningCount: 1,
          pendingCount: 1,
          failedTasks: 0,
          rolloutState: 'IN_PROGRESS',
          rolloutStateReason: 'ECS deployment ecs-svc/9223370000000000001 in progress.',
          createdAt: new Date('2026-03-02T10:00:00Z'),
          updatedAt: new Date('2026-03-02T10:00:30Z'),
        },
        {
          id: 'ecs-svc/9223370000000000000',
          status: 'ACTIVE',
          taskDefinition: `${TD}:7`,
          desiredCount: 2,
          runningCount: 2,
          pendingCount: 0,
          failedTasks: 0,
          rolloutState: 'COMPLETED',
          rolloutStateReason: 'ECS deployment ecs-svc/9223370000000000000 completed.',
          createdAt: new Date('2026-03-01T10:00:00Z'),
          updatedAt: new Date('2026-03-01T10:05:00Z'),
        },
      ],
      circuitBreaker: { enable: true, rollback: true },
      loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/backend/0123456789abcdef', containerName: 'backend', containerPort: 8080 }],
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0123abcd'], assignPublicIp: 'DISABLED' } },
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
    });
  });

  it('given a service whose PRIMARY deployment runs another revision than its taskDefinition field, then the PRIMARY one is the service task definition', () => {
    const service = { ...serviceMidRollout(), taskDefinition: `${TD}:7` };
    expect(toEcsService(service).taskDefinition).toBe(`${TD}:8`);
  });

  it('given the API reference example (no deployment configuration, no load balancer, no network), then those are absent, not undefined keys', () => {
    // given: `aws ecs describe-services --services my-http-service`, as the SDK parses it
    const service: Service = {
      status: 'ACTIVE',
      taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/amazon-ecs-sample:1',
      pendingCount: 0,
      loadBalancers: [],
      desiredCount: 10,
      serviceName: 'my-http-service',
      clusterArn: 'arn:aws:ecs:us-west-2:123456789012:cluster/default',
      serviceArn: 'arn:aws:ecs:us-west-2:123456789012:service/my-http-service',
      deployments: [
        {
          status: 'PRIMARY',
          pendingCount: 0,
          desiredCount: 10,
          taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/amazon-ecs-sample:1',
          id: 'ecs-svc/1234567890123456789',
          runningCount: 10,
        },
      ],
      runningCount: 10,
    };
    // when
    const mapped = toEcsService(service);
    // then
    expect(Object.keys(mapped).sort()).toEqual(
      ['clusterArn', 'deployments', 'desiredCount', 'loadBalancers', 'pendingCount', 'runningCount', 'serviceArn', 'serviceName', 'status', 'taskDefinition'].sort(),
    );
    expect(mapped.deployments).toEqual([
      { id: 'ecs-svc/1234567890123456789', status: 'PRIMARY', taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/amazon-ecs-sample:1', desiredCount: 10, runningCount: 10, pendingCount: 0, failedTasks: 0 },
    ]);
  });

  it('given a circuit breaker turned off, then enable and rollback are false, which a check can tell from "not configured"', () => {
    const service = { ...serviceMidRollout(), deploymentConfiguration: { deploymentCircuitBreaker: { enable: false, rollback: false } } };
    expect(toEcsService(service).circuitBreaker).toEqual({ enable: false, rollback: false });
  });

  it('given a service on a capacity provider strategy, then the strategy and no launch type', () => {
    const { launchType: _none, ...rest } = serviceMidRollout();
    const service: Service = { ...rest, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0 }, { capacityProvider: 'FARGATE', weight: 1 }] };
    const mapped = toEcsService(service);
    expect(mapped.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0 }, { capacityProvider: 'FARGATE', weight: 1 }]);
    expect(mapped).not.toHaveProperty('launchType');
  });
});

describe('toEcsTask', () => {
  it('given a service task that could not pull its image, then the stop code, reasons and times are kept as ECS wrote them', () => {
    // given
    const reason = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop-backend:9.9.9: not found';
    const task: Task = {
      taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/shop-staging/74de0355a10a4f979ac495c14e0a1b2c',
      taskDefinitionArn: `${TD}:8`,
      clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/shop-staging',
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      startedBy: 'ecs-svc/9223370000000000001',
      group: 'service:backend',
      stopCode: 'TaskFailedToStart',
      stoppedReason: reason,
      launchType: 'FARGATE',
      containers: [{ name: 'backend', image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop-backend:9.9.9', lastStatus: 'STOPPED', reason, healthStatus: 'UNKNOWN', cpu: '0' }],
      createdAt: new Date('2026-03-02T10:00:01Z'),
      stoppedAt: new Date('2026-03-02T10:00:20Z'),
      tags: [],
      version: 4,
    };
    // then
    expect(toEcsTask(task)).toEqual({
      taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/shop-staging/74de0355a10a4f979ac495c14e0a1b2c',
      taskDefinitionArn: `${TD}:8`,
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      startedBy: 'ecs-svc/9223370000000000001',
      group: 'service:backend',
      stopCode: 'TaskFailedToStart',
      stoppedReason: reason,
      containers: [{ name: 'backend', image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop-backend:9.9.9', lastStatus: 'STOPPED', reason, healthStatus: 'UNKNOWN' }],
      createdAt: new Date('2026-03-02T10:00:01Z'),
      stoppedAt: new Date('2026-03-02T10:00:20Z'),
    });
  });

  it('given a container killed for its memory, then its exit code 137 and the OutOfMemoryError reason', () => {
    const task: Task = {
      taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/shop-staging/d789e94343414c25b9f6bd59e0a1b2c3',
      taskDefinitionArn: `${TD}:8`,
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'backend', lastStatus: 'STOPPED', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }],
      startedAt: new Date('2026-03-02T10:00:05Z'),
    };
    expect(toEcsTask(task).containers).toEqual([{ name: 'backend', lastStatus: 'STOPPED', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }]);
    expect(toEcsTask(task).startedAt).toEqual(new Date('2026-03-02T10:00:05Z'));
  });

  it('given a task without containers yet, then an empty list', () => {
    expect(toEcsTask({ taskArn: 't', lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING' }).containers).toEqual([]);
  });
});

describe('toEcsTaskDefinition', () => {
  it('given a Fargate task definition, then the containers with what the checks read, its platform, roles and network mode', () => {
    // given
    const definition: TaskDefinition = {
      taskDefinitionArn: `${TD}:7`,
      family: 'shop-backend',
      revision: 7,
      status: 'ACTIVE',
      networkMode: 'awsvpc',
      taskRoleArn: 'arn:aws:iam::111122223333:role/shop-backend-task',
      executionRoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
      requiresCompatibilities: ['FARGATE'],
      compatibilities: ['EC2', 'FARGATE'],
      runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'backend',
          image: 'shop-backend:1.3.0',
          essential: true,
          command: ['gunicorn', 'app:app'],
          user: '10001',
          readonlyRootFilesystem: true,
          privileged: false,
          healthCheck: { command: ['CMD-SHELL', 'curl -f localhost:8080/healthz'], interval: 30, retries: 3 },
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop-backend' }, secretOptions: [] },
          secrets: [{ name: 'DATABASE_URL', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/db-AbCdEf' }],
          environment: [{ name: 'PORT', value: '8080' }],
          portMappings: [{ containerPort: 8080 }],
        },
        { name: 'sidecar', image: 'busybox' },
      ],
    };
    // then
    expect(toEcsTaskDefinition(definition)).toEqual({
      taskDefinitionArn: `${TD}:7`,
      family: 'shop-backend',
      revision: 7,
      containerDefinitions: [
        {
          name: 'backend',
          image: 'shop-backend:1.3.0',
          essential: true,
          command: ['gunicorn', 'app:app'],
          user: '10001',
          readonlyRootFilesystem: true,
          privileged: false,
          healthCheck: { command: ['CMD-SHELL', 'curl -f localhost:8080/healthz'] },
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop-backend' } },
          secrets: [{ name: 'DATABASE_URL', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/db-AbCdEf' }],
          environment: [{ name: 'PORT', value: '8080' }],
        },
        { name: 'sidecar', image: 'busybox' },
      ],
      runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      executionRoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
      taskRoleArn: 'arn:aws:iam::111122223333:role/shop-backend-task',
    });
  });

  it('given a task definition without a runtime platform, then none (Fargate then runs it on X86_64)', () => {
    expect(toEcsTaskDefinition({ family: 'w', revision: 1, containerDefinitions: [] })).not.toHaveProperty('runtimePlatform');
  });
});

describe('toNetworkConfiguration and describeFailure', () => {
  it('given no awsvpc configuration, then no network configuration', () => {
    expect(toNetworkConfiguration(undefined)).toBeUndefined();
    expect(toNetworkConfiguration({})).toBeUndefined();
  });

  it('given failures as RunTask and DescribeServices report them, then the reason with its detail when there is one', () => {
    expect(describeFailure({ arn: 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/nope', reason: 'MISSING' })).toBe('MISSING');
    expect(describeFailure({ reason: 'RESOURCE:MEMORY', detail: 'no container instance met all of its requirements' })).toBe(
      'RESOURCE:MEMORY (no container instance met all of its requirements)',
    );
    expect(describeFailure({})).toBe('no reason given');
  });
});
