import { DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AwsAdapterOptions } from '../../src/adapters/aws/aws-client-options.js';
import { createEcsPort } from '../../src/adapters/aws/ecs-adapter.js';
import type { EcsPort } from '../../src/ports/ecs.port.js';
import { useSandboxClock } from '../../src/sandbox/aws/codebuild-runs.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { portFailureOf } from '../support/port-failure.js';

/** shipmate's ECS adapter — the real @aws-sdk/client-ecs over HTTP — against the sandbox's ECS JSON protocol (scenarios/healthy.yml). */

const CLUSTER = 'shop-staging';
const ARN = 'arn:aws:ecs:eu-west-1:111122223333';
const REPOSITORY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api';
const REVISION_7 = `${ARN}:task-definition/shop-staging-api:7`;
const REVISION_8 = `${ARN}:task-definition/shop-staging-api:8`;
const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'], securityGroups: ['sg-0a1b2c3d4e5f60001'], assignPublicIp: 'DISABLED' as const } };

let sandbox: Sandbox | undefined;
/** The sandbox clock, moved by the tests: tasks start, run and stop as it passes their times. */
let now = Date.parse('2026-12-01T10:00:00Z');

async function ecsAgainst(change: (world: World) => void = () => undefined): Promise<{ port: EcsPort; sandbox: Sandbox }> {
  const world = loadScenario('healthy').world;
  change(world);
  sandbox = await startSandbox({ world });
  useSandboxClock(sandbox.state, { now: () => new Date(now), sleep: async () => {} });
  const options: AwsAdapterOptions = { region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 };
  return { port: createEcsPort(options), sandbox };
}

const operations = (s: Sandbox) => s.state.callsTo('ecs').map((c) => c.operation);

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('ECS adapter against the sandbox: services and task definitions', () => {
  it('given the healthy world, when the service is described, then ACTIVE with its counts, one COMPLETED deployment, circuit breaker, load balancer and network', async () => {
    const { port } = await ecsAgainst();
    const service = await port.describeService(CLUSTER, 'api');
    expect(service).toMatchObject({
      serviceName: 'api',
      serviceArn: `${ARN}:service/shop-staging/api`,
      clusterArn: `${ARN}:cluster/shop-staging`,
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
      taskDefinition: REVISION_7,
      circuitBreaker: { enable: true, rollback: true },
      loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-staging-api/6d0ecf831eec9f09', containerName: 'api', containerPort: 8080 }],
      networkConfiguration: NETWORK,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
    });
    expect(service?.deployments).toEqual([
      expect.objectContaining({ status: 'PRIMARY', taskDefinition: REVISION_7, desiredCount: 2, runningCount: 2, pendingCount: 0, failedTasks: 0, rolloutState: 'COMPLETED' }),
    ]);
  });

  it('given no such service, when it is described, then undefined (ECS reports it MISSING), not an error', async () => {
    const { port } = await ecsAgainst();
    expect(await port.describeService(CLUSTER, 'no-such-service')).toBeUndefined();
  });

  it('given no such cluster, when a service is described, then PortError invalid naming the cluster', async () => {
    const { port } = await ecsAgainst();
    const error = await portFailureOf(port.describeService('shop-stagin', 'api'));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: 'ECS cluster shop-stagin not found' });
  });

  it('given a revision, when it is described, then its containers as the checks read them; an unknown one is undefined', async () => {
    const { port } = await ecsAgainst();
    const definition = await port.describeTaskDefinition('shop-staging-api:7');
    expect(definition).toMatchObject({
      taskDefinitionArn: REVISION_7,
      family: 'shop-staging-api',
      revision: 7,
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      taskRoleArn: 'arn:aws:iam::111122223333:role/shop-staging-api-task',
      executionRoleArn: 'arn:aws:iam::111122223333:role/shop-staging-api-execution',
    });
    expect(definition?.containerDefinitions).toEqual([
      {
        name: 'api',
        image: `${REPOSITORY}:1.1.0`,
        essential: true,
        user: '10001',
        readonlyRootFilesystem: true,
        privileged: false,
        healthCheck: { command: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8080/health || exit 1'] },
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop-staging/api', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'api' } },
        secrets: [{ name: 'DATABASE_URL', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/staging/api/database-Xk3Lp9' }],
        environment: [{ name: 'PORT', value: '8080' }],
      },
    ]);
    expect(await port.describeTaskDefinition('shop-staging-api:99')).toBeUndefined();
    expect(await port.describeTaskDefinition('no-such-family')).toBeUndefined();
  });
});

describe('ECS adapter against the sandbox: a new revision with one image changed', () => {
  it('given revision 7, when the api container gets 1.2.0, then revision 8 is identical but for that image, registered passing the task roles', async () => {
    // given
    const { port, sandbox } = await ecsAgainst();
    const before = await port.describeTaskDefinition(REVISION_7);
    // when
    const registered = await port.registerWithImage(REVISION_7, 'api', `${REPOSITORY}:1.2.0`);
    // then
    expect(registered.taskDefinitionArn).toBe(REVISION_8);
    const { taskDefinitionArn: _a, revision: _r, containerDefinitions: oldContainers, ...oldRest } = before!;
    const { taskDefinitionArn: _b, revision: _s, containerDefinitions: newContainers, ...newRest } = registered;
    expect(newRest).toEqual(oldRest);
    expect(newContainers).toEqual([{ ...oldContainers[0], image: `${REPOSITORY}:1.2.0` }]);
    expect(await port.describeTaskDefinition('shop-staging-api')).toEqual(registered);
    expect(sandbox.state.permissions).toEqual(
      expect.arrayContaining([
        { system: 'aws', action: 'ecs:RegisterTaskDefinition', resource: '*' },
        { system: 'aws', action: 'iam:PassRole', resource: 'arn:aws:iam::111122223333:role/shop-staging-api-task' },
        { system: 'aws', action: 'iam:PassRole', resource: 'arn:aws:iam::111122223333:role/shop-staging-api-execution' },
      ]),
    );
  });

  it('given a tagged task definition, when a revision is registered, then it carries the same tags, which ECS authorizes with ecs:TagResource', async () => {
    // given
    const tags = [{ key: 'team', value: 'shop' }, { key: 'cost-centre', value: '42' }];
    const { port, sandbox } = await ecsAgainst((world) => (world.ecs!.taskDefinitions[0]!.tags = tags));
    // when
    await port.registerWithImage(REVISION_7, 'api', `${REPOSITORY}:1.2.0`);
    // then
    const ecs = new ECSClient({ region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS });
    const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'shop-staging-api:8', include: ['TAGS'] }));
    expect(described.tags).toEqual(tags);
    expect(sandbox.state.permissions).toContainEqual({ system: 'aws', action: 'ecs:TagResource', resource: `${ARN}:task-definition/shop-staging-api:*` });
    expect(sandbox.state.permissions.filter((p) => p.system === 'aws' && p.action === 'ecs:TagResource')).toHaveLength(1);
  });

  it('given a container the task definition does not have, when a revision is registered, then one line naming it and its containers, and nothing registered', async () => {
    const { port, sandbox } = await ecsAgainst();
    const error = await portFailureOf(port.registerWithImage(REVISION_7, 'web', `${REPOSITORY}:1.2.0`));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: 'ECS task definition shop-staging-api:7 has no container web (its containers: api)' });
    expect(operations(sandbox)).toEqual(['DescribeTaskDefinition']);
  });

  it('given a task definition that does not exist, when a revision is registered from it, then one line naming it, and nothing registered', async () => {
    const { port, sandbox } = await ecsAgainst();
    const error = await portFailureOf(port.registerWithImage('shop-staging-api:99', 'api', `${REPOSITORY}:1.2.0`));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: 'ECS task definition shop-staging-api:99 not found' });
    expect(operations(sandbox)).toEqual(['DescribeTaskDefinition']);
  });

  it('given iam:PassRole denied, when a revision is registered, then forbidden naming the action, and no revision 8', async () => {
    const { port } = await ecsAgainst((world) => (world.faults = { deny: ['iam:PassRole'] }));
    const error = await portFailureOf(port.registerWithImage(REVISION_7, 'api', `${REPOSITORY}:1.2.0`));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/^ECS RegisterTaskDefinition: access denied: .*iam:PassRole/);
    expect(await port.describeTaskDefinition('shop-staging-api:8')).toBeUndefined();
  });
});

describe('ECS adapter against the sandbox: UpdateService and the tasks it starts', () => {
  it('given revision 8 with 1.2.0, when the service is updated, then a new PRIMARY deployment IN_PROGRESS, COMPLETED once its tasks run, the old tasks stopped', async () => {
    // given
    const { port } = await ecsAgainst();
    const oldTasks = await port.listTasks(CLUSTER, { serviceName: 'api', desiredStatus: 'RUNNING' });
    const revision = await port.registerWithImage(REVISION_7, 'api', `${REPOSITORY}:1.2.0`);
    // when
    const updated = await port.updateService(CLUSTER, 'api', revision.taskDefinitionArn);
    now += 60_000;
    const settled = await port.describeService(CLUSTER, 'api');
    // then
    expect(updated.taskDefinition).toBe(REVISION_8);
    expect(updated.deployments[0]).toMatchObject({ status: 'PRIMARY', taskDefinition: REVISION_8, rolloutState: 'IN_PROGRESS' });
    expect(updated.deployments[1]).toMatchObject({ status: 'ACTIVE', taskDefinition: REVISION_7 });
    expect(settled?.deployments).toEqual([expect.objectContaining({ status: 'PRIMARY', taskDefinition: REVISION_8, rolloutState: 'COMPLETED', runningCount: 2 })]);
    const running = await port.listTasks(CLUSTER, { serviceName: 'api', desiredStatus: 'RUNNING' });
    // A service's tasks are started by their deployment: startedBy is its id (ecs-svc/…).
    const deploymentId = settled!.deployments[0]!.id;
    expect(deploymentId).toMatch(/^ecs-svc\/\d+$/);
    expect(running.map((t) => [t.taskDefinitionArn, t.lastStatus, t.group, t.startedBy])).toEqual([
      [REVISION_8, 'RUNNING', 'service:api', deploymentId],
      [REVISION_8, 'RUNNING', 'service:api', deploymentId],
    ]);
    const stopped = await port.listTasks(CLUSTER, { serviceName: 'api', desiredStatus: 'STOPPED' });
    expect(stopped.map((t) => t.taskArn).sort()).toEqual(oldTasks.map((t) => t.taskArn).sort());
    expect(stopped.every((t) => t.lastStatus === 'STOPPED' && t.stopCode === 'ServiceSchedulerInitiated')).toBe(true);
  });

  it('given an image that does not exist, when the service is updated to it, then its stopped tasks carry CannotPullContainerError', async () => {
    const { port } = await ecsAgainst();
    const revision = await port.registerWithImage(REVISION_7, 'api', `${REPOSITORY}:9.9.9`);
    await port.updateService(CLUSTER, 'api', revision.taskDefinitionArn);
    now += 5_000;
    const stopped = (await port.listTasks(CLUSTER, { serviceName: 'api', desiredStatus: 'STOPPED' })).filter((t) => t.taskDefinitionArn === REVISION_8);
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped[0]).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(stopped[0]!.stoppedReason).toMatch(/^CannotPullContainerError: /);
    expect(stopped[0]!.containers[0]).toMatchObject({ name: 'api', reason: expect.stringMatching(/^CannotPullContainerError: .*shop\/api:9\.9\.9/) });
  });

  it('given no such service, when it is updated, then one line naming it and its cluster', async () => {
    const { port } = await ecsAgainst();
    const error = await portFailureOf(port.updateService(CLUSTER, 'apii', REVISION_7));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: 'ECS service apii not found in cluster shop-staging' });
  });

  it('given UpdateService denied by IAM, when the service is updated, then forbidden and the service unchanged', async () => {
    const { port } = await ecsAgainst((world) => (world.faults = { deny: ['ecs:UpdateService'] }));
    const error = await portFailureOf(port.updateService(CLUSTER, 'api', REVISION_7));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/^ECS UpdateService: access denied: .*ecs:UpdateService/);
    expect((await port.describeService(CLUSTER, 'api'))?.deployments).toHaveLength(1);
  });

  it('given DescribeServices throttled, when the service is described, then throttled', async () => {
    const { port } = await ecsAgainst((world) => (world.faults = { throttle: ['ecs:DescribeServices'] }));
    const error = await portFailureOf(port.describeService(CLUSTER, 'api'));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'throttled', message: 'ECS DescribeServices: throttled by AWS (ThrottlingException: Rate exceeded)' });
  });
});

describe('ECS adapter against the sandbox: more tasks than one page', () => {
  it('given 150 running tasks, when they are listed, then every one, over two ListTasks pages and two DescribeTasks calls', async () => {
    // given
    const { port, sandbox } = await ecsAgainst((world) => (world.ecs!.clusters[0]!.services[0]!.desiredCount = 150));
    // when
    const tasks = await port.listTasks(CLUSTER, { serviceName: 'api', desiredStatus: 'RUNNING' });
    // then
    expect(tasks).toHaveLength(150);
    expect(new Set(tasks.map((t) => t.taskArn)).size).toBe(150);
    expect(operations(sandbox)).toEqual(['ListTasks', 'ListTasks', 'DescribeTasks', 'DescribeTasks']);
  });

  it('given no such service, when its tasks are listed, then one line naming it and its cluster', async () => {
    const { port } = await ecsAgainst();
    const error = await portFailureOf(port.listTasks(CLUSTER, { serviceName: 'apii', desiredStatus: 'STOPPED' }));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: 'ECS service apii not found in cluster shop-staging' });
  });

  it('given task ARNs some of which ECS does not know, when they are described, then the known ones in the order asked', async () => {
    const { port } = await ecsAgainst();
    const [first, second] = await port.listTasks(CLUSTER, { serviceName: 'api', desiredStatus: 'RUNNING' });
    const unknown = `${ARN}:task/shop-staging/0123456789abcdef0123456789abcdef`;
    const described = await port.describeTasks(CLUSTER, [second!.taskArn, unknown, first!.taskArn]);
    expect(described.map((t) => t.taskArn)).toEqual([second!.taskArn, first!.taskArn]);
  });
});

describe('ECS adapter against the sandbox: RunTask for a migration', () => {
  const migration = (overrides: Partial<Parameters<EcsPort['runTask']>[0]> = {}) => ({
    cluster: CLUSTER,
    taskDefinition: REVISION_7,
    container: 'api',
    command: ['alembic', 'upgrade', 'head'],
    networkConfiguration: NETWORK,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    startedBy: 'shipmate/release-42',
    clientToken: 'shipmate-release-42-migrate',
    ...overrides,
  });

  it('given the service network, when a migration task is run, then it runs the overridden command, is found by startedBy, and exits 0', async () => {
    // given
    const { port } = await ecsAgainst();
    // when
    const task = await port.runTask(migration());
    now += 10_000;
    // then
    expect(task).toMatchObject({ taskDefinitionArn: REVISION_7, startedBy: 'shipmate/release-42', group: 'family:shop-staging-api' });
    const found = await port.listTasks(CLUSTER, { startedBy: 'shipmate/release-42', desiredStatus: 'STOPPED' });
    expect(found.map((t) => t.taskArn)).toEqual([task.taskArn]);
    expect(found[0]).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    expect(found[0]!.containers[0]).toMatchObject({ name: 'api', exitCode: 0 });
  });

  it('given the same client token, when the task is run again (a resumed release), then the same task and no second one', async () => {
    const { port } = await ecsAgainst();
    const first = await port.runTask(migration());
    const again = await port.runTask(migration());
    expect(again.taskArn).toBe(first.taskArn);
    expect(await port.listTasks(CLUSTER, { startedBy: 'shipmate/release-42', desiredStatus: 'RUNNING' })).toHaveLength(1);
  });

  it('given a service task and a migration both running, when tasks are listed by startedBy and service together, then only the ones of that service', async () => {
    const { port } = await ecsAgainst();
    await port.runTask(migration());
    expect(await port.listTasks(CLUSTER, { startedBy: 'shipmate/release-42', serviceName: 'api', desiredStatus: 'RUNNING' })).toEqual([]);
    expect(await port.listTasks(CLUSTER, { startedBy: 'shipmate/release-42', desiredStatus: 'RUNNING' })).toHaveLength(1);
  });

  it('given a capacity provider strategy beside a launch type, when a task is run, then the strategy is sent alone and ECS accepts it', async () => {
    const { port } = await ecsAgainst();
    const task = await port.runTask(migration({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] }));
    expect(task.taskArn).toMatch(/^arn:aws:ecs:eu-west-1:111122223333:task\/shop-staging\//);
  });

  it('given a container the task definition does not have, when a task is run, then ECS refuses it and the port says invalid, quoting ECS', async () => {
    const { port } = await ecsAgainst();
    const error = await portFailureOf(port.runTask(migration({ container: 'migrate' })));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'invalid',
      message: 'ECS RunTask: request rejected (InvalidParameterException: Override for container named migrate is not a container in the TaskDefinition.)',
    });
  });

  it('given no such cluster, when a task is run, then one line naming the cluster', async () => {
    const { port } = await ecsAgainst();
    const error = await portFailureOf(port.runTask(migration({ cluster: 'nope' })));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: 'ECS cluster nope not found' });
  });
});
