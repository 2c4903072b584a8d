import type { RegisterTaskDefinitionRequest, TaskDefinition } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { registerRequestWithImage, revisionName } from '../../../src/adapters/aws/ecs-register.js';
import { PortError } from '../../../src/ports/port-error.js';

/**
 * A Fargate task definition as DescribeTaskDefinition answers it (API reference
 * field names; read-only fields included), with a sidecar beside the app container.
 */
function described(): TaskDefinition {
  return {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-backend:7',
    family: 'shop-backend',
    revision: 7,
    status: 'ACTIVE',
    taskRoleArn: 'arn:aws:iam::111122223333:role/shop-backend-task',
    executionRoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
    networkMode: 'awsvpc',
    containerDefinitions: [
      {
        name: 'backend',
        image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop-backend:1.3.0',
        cpu: 0,
        portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
        essential: true,
        environment: [{ name: 'PORT', value: '8080' }],
        mountPoints: [],
        volumesFrom: [],
        secrets: [{ name: 'DATABASE_URL', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/db-AbCdEf' }],
        user: '10001',
        readonlyRootFilesystem: true,
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop-backend', 'awslogs-region': 'eu-west-1' } },
        healthCheck: { command: ['CMD-SHELL', 'wget -qO- localhost:8080/healthz || exit 1'], interval: 30, timeout: 5, retries: 3 },
        systemControls: [],
      },
      { name: 'log-router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0', essential: false, firelensConfiguration: { type: 'fluentbit' } },
    ],
    volumes: [{ name: 'tmp', host: {} }],
    requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }, { name: 'ecs.capability.execution-role-awslogs' }],
    placementConstraints: [],
    compatibilities: ['EC2', 'FARGATE'],
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    ephemeralStorage: { sizeInGiB: 30 },
    proxyConfiguration: { type: 'APPMESH', containerName: 'envoy', properties: [{ name: 'AppPorts', value: '8080' }] },
    inferenceAccelerators: [],
    pidMode: 'task',
    ipcMode: 'none',
    registeredAt: new Date('2026-03-01T09:00:00Z'),
    registeredBy: 'arn:aws:sts::111122223333:assumed-role/deployer/ci',
    deregisteredAt: new Date('2026-03-02T09:00:00Z'),
    enableFaultInjection: false,
  };
}

const NEW_IMAGE = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop-backend:1.4.0@sha256:' + 'a'.repeat(64);

describe('registerRequestWithImage', () => {
  it('given a described task definition, when the app container gets a new image, then every registrable field is kept as ECS described it and only that image changes', () => {
    // given
    const definition = described();
    // when
    const request = registerRequestWithImage(definition, [{ key: 'team', value: 'shop' }], 'backend', NEW_IMAGE);
    // then
    const { containerDefinitions, ...rest } = request;
    expect(rest).toEqual({
      family: 'shop-backend',
      taskRoleArn: 'arn:aws:iam::111122223333:role/shop-backend-task',
      executionRoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
      networkMode: 'awsvpc',
      volumes: [{ name: 'tmp', host: {} }],
      placementConstraints: [],
      requiresCompatibilities: ['FARGATE'],
      cpu: '512',
      memory: '1024',
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
      ephemeralStorage: { sizeInGiB: 30 },
      proxyConfiguration: { type: 'APPMESH', containerName: 'envoy', properties: [{ name: 'AppPorts', value: '8080' }] },
      inferenceAccelerators: [],
      pidMode: 'task',
      ipcMode: 'none',
      enableFaultInjection: false,
      tags: [{ key: 'team', value: 'shop' }],
    } satisfies Omit<RegisterTaskDefinitionRequest, 'containerDefinitions'>);
    expect(containerDefinitions).toEqual([{ ...definition.containerDefinitions![0], image: NEW_IMAGE }, definition.containerDefinitions![1]]);
  });

  it('given a described task definition, when its request is built, then none of the read-only fields RegisterTaskDefinition rejects is in it', () => {
    const request = registerRequestWithImage(described(), undefined, 'backend', NEW_IMAGE);
    for (const readOnly of ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt']) {
      expect(request).not.toHaveProperty(readOnly);
    }
  });

  it('given a field ECS might add to its answers later, when the request is built, then it is not copied', () => {
    const definition = { ...described(), deleteRequestedAt: new Date('2026-03-03T00:00:00Z'), someFutureField: 'x' } as TaskDefinition;
    const request = registerRequestWithImage(definition, undefined, 'backend', NEW_IMAGE);
    expect(request).not.toHaveProperty('deleteRequestedAt');
    expect(request).not.toHaveProperty('someFutureField');
  });

  it('given the described task definition, when its request is built, then the description itself is left as it was', () => {
    const definition = described();
    registerRequestWithImage(definition, undefined, 'backend', NEW_IMAGE);
    expect(definition).toEqual(described());
  });

  it('given no tags, or only AWS-reserved ones, when the request is built, then it carries no tags (RegisterTaskDefinition refuses aws: keys)', () => {
    expect(registerRequestWithImage(described(), undefined, 'backend', NEW_IMAGE)).not.toHaveProperty('tags');
    expect(registerRequestWithImage(described(), [], 'backend', NEW_IMAGE)).not.toHaveProperty('tags');
    const reserved = registerRequestWithImage(described(), [{ key: 'aws:cloudformation:stack-name', value: 'shop' }, { key: 'owner', value: 'ops' }], 'backend', NEW_IMAGE);
    expect(reserved.tags).toEqual([{ key: 'owner', value: 'ops' }]);
  });

  it('given a minimal EC2 task definition, when the request is built, then only the fields it has are sent', () => {
    const minimal: TaskDefinition = {
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/worker:1',
      family: 'worker',
      revision: 1,
      containerDefinitions: [{ name: 'worker', image: 'busybox', memory: 128 }],
      status: 'ACTIVE',
    };
    expect(registerRequestWithImage(minimal, undefined, 'worker', 'busybox:1.36')).toEqual({
      family: 'worker',
      containerDefinitions: [{ name: 'worker', image: 'busybox:1.36', memory: 128 }],
    });
  });

  it('given a container the task definition does not have, when the request is built, then PortError invalid naming it and the containers it has', () => {
    // when
    const error = captured(() => registerRequestWithImage(described(), undefined, 'frontend', NEW_IMAGE));
    // then
    expect(error).toBeInstanceOf(PortError);
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'invalid',
      message: 'ECS task definition shop-backend:7 has no container frontend (its containers: backend, log-router)',
    });
  });

  it('given a task definition without containers, when the request is built, then the refusal says it has none', () => {
    const error = captured(() => registerRequestWithImage({ ...described(), containerDefinitions: [] }, undefined, 'backend', NEW_IMAGE));
    expect(error.message).toBe('ECS task definition shop-backend:7 has no container backend (it has no containers)');
  });
});

describe('revisionName', () => {
  it('given a family and revision, then family:revision; without them, the ARN', () => {
    expect(revisionName(described())).toBe('shop-backend:7');
    expect(revisionName({ taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/x:3' })).toBe('arn:aws:ecs:eu-west-1:111122223333:task-definition/x:3');
    expect(revisionName({})).toBe('unknown');
  });
});

function captured(action: () => unknown): PortError {
  try {
    action();
  } catch (error) {
    return error as PortError;
  }
  throw new Error('expected a PortError');
}
