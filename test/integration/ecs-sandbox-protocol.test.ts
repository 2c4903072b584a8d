import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER, ecsSandbox, failureOf, FAMILY, NETWORK, registrable, REPOSITORY, runMigration, SERVICE, type EcsSandbox } from './ecs-sandbox-support.js';

/**
 * The sandbox's ECS JSON protocol through the real @aws-sdk/client-ecs:
 * response shapes and errors as the API reference gives them.
 */

let env: EcsSandbox;
afterEach(async () => {
  await env?.sandbox.close();
});

const TASK_DEFINITION_ARN = `arn:aws:ecs:eu-west-1:111122223333:task-definition/${FAMILY}:7`;

describe('DescribeServices and DescribeClusters', () => {
  it('given the healthy world, when the service is described, then it comes back with its deployment, circuit breaker, load balancer and network', async () => {
    // given
    env = await ecsSandbox();
    // when
    const answer = await env.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }));
    // then
    expect(answer.failures).toEqual([]);
    const service = answer.services![0]!;
    expect(service).toMatchObject({
      serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/api',
      serviceName: 'api',
      clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/shop-staging',
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
      launchType: 'FARGATE',
      taskDefinition: TASK_DEFINITION_ARN,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
      loadBalancers: [{ containerName: 'api', containerPort: 8080 }],
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'], assignPublicIp: 'DISABLED' } },
      schedulingStrategy: 'REPLICA',
    });
    expect(service.createdAt).toEqual(new Date('2026-09-01T10:00:00Z'));
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0]).toMatchObject({ status: 'PRIMARY', taskDefinition: TASK_DEFINITION_ARN, desiredCount: 2, runningCount: 2, failedTasks: 0, rolloutState: 'COMPLETED' });
    expect(service.deployments![0]!.id).toMatch(/^ecs-svc\/\d{19}$/);
  });

  it('given a service that does not exist, when it is described, then it is a failure with reason MISSING beside the ones found', async () => {
    // given
    env = await ecsSandbox();
    // when
    const answer = await env.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE, 'nope'] }));
    // then
    expect(answer.services?.map((s) => s.serviceName)).toEqual(['api']);
    expect(answer.failures).toEqual([{ arn: 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/nope', reason: 'MISSING' }]);
  });

  it('given a cluster that does not exist, when a service of it is described, then ECS answers ClusterNotFoundException (HTTP 400)', async () => {
    // given
    env = await ecsSandbox();
    // when
    const failure = await failureOf(env.ecs.send(new DescribeServicesCommand({ cluster: 'nope', services: [SERVICE] })));
    // then
    expect(failure).toEqual({ name: 'ClusterNotFoundException', message: 'Cluster not found.', status: 400 });
  });

  it('given more than 10 services or none, when they are described, then ECS answers InvalidParameterException', async () => {
    // given
    env = await ecsSandbox();
    // when
    const tooMany = await failureOf(env.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: Array.from({ length: 11 }, (_, i) => `s${i}`) })));
    const none = await failureOf(env.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [] })));
    // then
    expect(tooMany).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(none).toMatchObject({ name: 'InvalidParameterException', status: 400 });
  });

  it('given a cluster name or ARN, when clusters are described, then the found ones come back and the others are MISSING', async () => {
    // given
    env = await ecsSandbox();
    // when
    const answer = await env.ecs.send(new DescribeClustersCommand({ clusters: ['arn:aws:ecs:eu-west-1:111122223333:cluster/shop-staging', 'gone'] }));
    // then
    expect(answer.clusters?.map((c) => [c.clusterName, c.status, c.runningTasksCount, c.activeServicesCount])).toEqual([['shop-staging', 'ACTIVE', 2, 1]]);
    expect(answer.failures).toEqual([{ arn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/gone', reason: 'MISSING' }]);
  });
});

describe('DescribeTaskDefinition and RegisterTaskDefinition', () => {
  it('given a family, when it is described, then its latest revision comes back with the members ECS fills in', async () => {
    // given
    env = await ecsSandbox();
    // when
    const { taskDefinition } = await env.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: FAMILY }));
    // then
    expect(taskDefinition).toMatchObject({
      taskDefinitionArn: TASK_DEFINITION_ARN,
      family: FAMILY,
      revision: 7,
      status: 'ACTIVE',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      compatibilities: ['EC2', 'FARGATE'],
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
      registeredBy: 'arn:aws:iam::111122223333:user/sandbox',
    });
    expect(taskDefinition!.registeredAt).toEqual(new Date('2026-11-20T09:10:00Z'));
    expect(taskDefinition!.containerDefinitions![0]).toMatchObject({
      name: 'api',
      image: `${REPOSITORY}:1.1.0`,
      essential: true,
      user: '10001',
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      secrets: [{ name: 'DATABASE_URL' }],
      logConfiguration: { logDriver: 'awslogs' },
      healthCheck: { retries: 3 },
    });
  });

  it('given a revision that does not exist, when it is described, then ECS answers ClientException "Unable to describe task definition."', async () => {
    // given
    env = await ecsSandbox();
    // when
    const failure = await failureOf(env.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${FAMILY}:99` })));
    // then
    expect(failure).toEqual({ name: 'ClientException', message: 'Unable to describe task definition.', status: 400 });
  });

  it('given a described definition without its read-only members, when it is registered with a new image, then it is the next revision of the family and the old one stays', async () => {
    // given
    env = await ecsSandbox();
    const { taskDefinition } = await env.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: FAMILY }));
    const request = registrable(taskDefinition!);
    request.containerDefinitions![0]!.image = `${REPOSITORY}:1.2.0`;
    // when
    const registered = await env.ecs.send(new RegisterTaskDefinitionCommand(request));
    // then
    expect(registered.taskDefinition).toMatchObject({ taskDefinitionArn: `arn:aws:ecs:eu-west-1:111122223333:task-definition/${FAMILY}:8`, revision: 8, status: 'ACTIVE' });
    expect(registered.taskDefinition!.containerDefinitions![0]!.image).toBe(`${REPOSITORY}:1.2.0`);
    expect(registered.taskDefinition!.registeredAt).toEqual(new Date('2026-12-01T10:00:00Z'));
    expect(registered.taskDefinition!.containerDefinitions).toEqual(taskDefinition!.containerDefinitions!.map((c) => ({ ...c, image: `${REPOSITORY}:1.2.0` })));
    const latest = await env.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: FAMILY }));
    const previous = await env.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: TASK_DEFINITION_ARN }));
    expect([latest.taskDefinition!.revision, previous.taskDefinition!.containerDefinitions![0]!.image]).toEqual([8, `${REPOSITORY}:1.1.0`]);
  });

  it('given tags on registration, when the revision is described with include TAGS, then they come back beside it; an aws: key is refused', async () => {
    // given
    env = await ecsSandbox();
    const request = { family: FAMILY, containerDefinitions: [{ name: 'api', image: `${REPOSITORY}:1.2.0` }] };
    await env.ecs.send(new RegisterTaskDefinitionCommand({ ...request, tags: [{ key: 'team', value: 'shop' }] }));
    // when
    const described = await env.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${FAMILY}:8`, include: ['TAGS'] }));
    const untagged = await env.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${FAMILY}:8` }));
    const reserved = await failureOf(env.ecs.send(new RegisterTaskDefinitionCommand({ ...request, tags: [{ key: 'aws:cloudformation:stack-name', value: 'x' }] })));
    // then
    expect(described.tags).toEqual([{ key: 'team', value: 'shop' }]);
    expect(untagged.tags).toBeUndefined();
    expect(reserved).toMatchObject({ name: 'InvalidParameterException', status: 400 });
  });

  it('given a request carrying read-only members, when it reaches ECS, then it is refused with ClientException and nothing is registered', async () => {
    // given: a raw request, as a client that does not drop unmodelled members would send it
    env = await ecsSandbox();
    const body = { family: FAMILY, revision: 7, taskDefinitionArn: TASK_DEFINITION_ARN, containerDefinitions: [{ name: 'api', image: `${REPOSITORY}:1.2.0` }] };
    // when
    const response = await fetch(env.sandbox.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDSANDBOX/20261201/eu-west-1/ecs/aws4_request, SignedHeaders=host, Signature=00',
      },
      body: JSON.stringify(body),
    });
    // then
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'ClientException', message: expect.stringContaining('taskDefinitionArn') });
    const latest = await env.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: FAMILY }));
    expect(latest.taskDefinition!.revision).toBe(7);
  });

  it('given a container without an image, or a Fargate definition outside awsvpc or without a task memory, when registered, then ECS answers ClientException', async () => {
    // given
    env = await ecsSandbox();
    // when
    const noImage = await failureOf(env.ecs.send(new RegisterTaskDefinitionCommand({ family: FAMILY, containerDefinitions: [{ name: 'api' }] })));
    const bridge = await failureOf(
      env.ecs.send(
        new RegisterTaskDefinitionCommand({ family: FAMILY, requiresCompatibilities: ['FARGATE'], networkMode: 'bridge', cpu: '256', memory: '512', containerDefinitions: [{ name: 'api', image: 'nginx' }] }),
      ),
    );
    const noMemory = await failureOf(
      env.ecs.send(new RegisterTaskDefinitionCommand({ family: FAMILY, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', containerDefinitions: [{ name: 'api', image: 'nginx' }] })),
    );
    // then
    expect(noImage).toEqual({ name: 'ClientException', message: 'Container.image should not be null or empty.', status: 400 });
    expect(noMemory).toEqual({ name: 'ClientException', message: "Fargate requires that 'memory' be defined at the task level.", status: 400 });
    expect(bridge).toMatchObject({ name: 'ClientException', message: expect.stringContaining('awsvpc') });
  });
});

describe('UpdateService', () => {
  it('given an unknown service or task definition, when the service is updated, then ECS answers ServiceNotFoundException or ClientException', async () => {
    // given
    env = await ecsSandbox();
    // when
    const noService = await failureOf(env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'nope', taskDefinition: FAMILY })));
    const noDefinition = await failureOf(env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: `${FAMILY}:99` })));
    const noCluster = await failureOf(env.ecs.send(new UpdateServiceCommand({ cluster: 'nope', service: SERVICE })));
    // then
    expect(noService).toEqual({ name: 'ServiceNotFoundException', message: 'Service not found.', status: 400 });
    expect(noDefinition).toEqual({ name: 'ClientException', message: 'TaskDefinition not found.', status: 400 });
    expect(noCluster).toMatchObject({ name: 'ClusterNotFoundException' });
  });

  it('given a new revision, when the service is updated to it, then the answer shows a new PRIMARY deployment IN_PROGRESS beside the old one, ACTIVE', async () => {
    // given
    env = await ecsSandbox();
    const registered = await env.ecs.send(new RegisterTaskDefinitionCommand({ family: FAMILY, networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '512', memory: '1024', containerDefinitions: [{ name: 'api', image: `${REPOSITORY}:1.2.0` }] }));
    // when
    const { service } = await env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: registered.taskDefinition!.taskDefinitionArn }));
    // then
    expect(service!.taskDefinition).toBe(registered.taskDefinition!.taskDefinitionArn);
    expect(service!.deployments!.map((d) => [d.status, d.taskDefinition, d.rolloutState])).toEqual([
      ['PRIMARY', registered.taskDefinition!.taskDefinitionArn, 'IN_PROGRESS'],
      ['ACTIVE', TASK_DEFINITION_ARN, 'COMPLETED'],
    ]);
    expect(service!.deployments![0]).toMatchObject({ desiredCount: 2, pendingCount: 2, runningCount: 0, failedTasks: 0 });
  });
});

describe('RunTask, ListTasks and DescribeTasks', () => {

  it('given a clientToken used before, when RunTask is called again with it, then the same task comes back and no second one is started', async () => {
    // given
    env = await ecsSandbox();
    const first = await env.ecs.send(runMigration('shipmate-release-42', 'release-42-migrate'));
    // when
    const again = await env.ecs.send(runMigration('shipmate-release-42', 'release-42-migrate'));
    // then
    expect(again.tasks!.map((t) => t.taskArn)).toEqual(first.tasks!.map((t) => t.taskArn));
    const listed = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, startedBy: 'shipmate-release-42' }));
    expect(listed.taskArns).toEqual(first.tasks!.map((t) => t.taskArn));
  });

  it('given RunTask with a command override, when it answers, then the task is PROVISIONING with its startedBy, group and overrides', async () => {
    // given
    env = await ecsSandbox();
    // when
    const { tasks, failures } = await env.ecs.send(runMigration('shipmate-release-42', 'token-a'));
    // then
    expect(failures).toEqual([]);
    expect(tasks![0]).toMatchObject({
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      startedBy: 'shipmate-release-42',
      group: `family:${FAMILY}`,
      launchType: 'FARGATE',
      taskDefinitionArn: TASK_DEFINITION_ARN,
      overrides: { containerOverrides: [{ name: 'api', command: ['alembic', 'upgrade', 'head'] }] },
    });
    expect(tasks![0]!.taskArn).toMatch(/^arn:aws:ecs:eu-west-1:111122223333:task\/shop-staging\/[0-9a-f]{32}$/);
  });

  it('given an awsvpc definition without a network, an unknown container override, or no Fargate, when RunTask is called, then ECS answers InvalidParameterException', async () => {
    // given
    env = await ecsSandbox();
    // when
    const noNetwork = await failureOf(env.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: FAMILY, launchType: 'FARGATE' })));
    const badOverride = await failureOf(
      env.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: FAMILY, launchType: 'FARGATE', networkConfiguration: NETWORK, overrides: { containerOverrides: [{ name: 'web', command: ['x'] }] } })),
    );
    const ec2 = await failureOf(env.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: FAMILY, launchType: 'EC2', networkConfiguration: NETWORK })));
    const noDefinition = await failureOf(env.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'nope:1', launchType: 'FARGATE', networkConfiguration: NETWORK })));
    // then
    expect(noNetwork).toEqual({ name: 'InvalidParameterException', message: "Network Configuration must be provided when networkMode 'awsvpc' is specified.", status: 400 });
    expect(badOverride).toEqual({ name: 'InvalidParameterException', message: 'Override for container named web is not a container in the TaskDefinition.', status: 400 });
    expect(ec2).toMatchObject({ name: 'InvalidParameterException', message: 'No Container Instances were found in your cluster.' });
    expect(noDefinition).toMatchObject({ name: 'ClientException' });
  });

  it('given the service and a migration task, when tasks are listed by serviceName, startedBy and desiredStatus, then each filter holds', async () => {
    // given
    env = await ecsSandbox();
    const { tasks } = await env.ecs.send(runMigration('migration-1', 'token-b'));
    // when
    const ofService = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE }));
    const ofMigration = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, startedBy: 'migration-1' }));
    const all = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER }));
    const stopped = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus: 'STOPPED' }));
    // then
    expect(ofService.taskArns).toHaveLength(2);
    expect(ofService.taskArns).not.toContain(tasks![0]!.taskArn);
    expect(ofMigration.taskArns).toEqual([tasks![0]!.taskArn]);
    expect(all.taskArns).toHaveLength(3);
    expect(stopped.taskArns).toEqual([]);
  });

  it('given startedBy with serviceName, an unknown service, or a page size of 101, when tasks are listed, then ECS refuses', async () => {
    // given
    env = await ecsSandbox();
    // when
    const combined = await failureOf(env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, startedBy: 'x' })));
    const unknown = await failureOf(env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: 'nope' })));
    const tooBig = await failureOf(env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, maxResults: 101 })));
    // then
    expect(combined).toMatchObject({ name: 'InvalidParameterException' });
    expect(unknown).toEqual({ name: 'ServiceNotFoundException', message: 'Service not found.', status: 400 });
    expect(tooBig).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('given one page size, when tasks are listed page by page, then nextToken walks every task once', async () => {
    // given
    env = await ecsSandbox();
    // when
    const first = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, maxResults: 1 }));
    const second = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, maxResults: 1, nextToken: first.nextToken }));
    // then
    expect(first.nextToken).toBeDefined();
    expect(second.nextToken).toBeUndefined();
    expect(new Set([...first.taskArns!, ...second.taskArns!]).size).toBe(2);
  });

  it('given a task ARN, an ID and an unknown ID, when tasks are described, then the two known come back and the unknown is MISSING', async () => {
    // given
    env = await ecsSandbox();
    const [arn1, arn2] = (await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE }))).taskArns!;
    const id2 = arn2!.slice(arn2!.lastIndexOf('/') + 1);
    // when
    const answer = await env.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn1!, id2, '0123456789abcdef0123456789abcdef'] }));
    // then
    expect(answer.tasks!.map((t) => t.taskArn)).toEqual([arn1, arn2]);
    expect(answer.tasks![0]).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING', healthStatus: 'HEALTHY', group: 'service:api' });
    expect(answer.tasks![0]!.startedBy).toMatch(/^ecs-svc\/\d{19}$/);
    expect(answer.failures).toEqual([{ arn: 'arn:aws:ecs:eu-west-1:111122223333:task/shop-staging/0123456789abcdef0123456789abcdef', reason: 'MISSING' }]);
  });
});
