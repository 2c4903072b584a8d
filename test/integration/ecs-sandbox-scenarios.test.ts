import { DescribeTaskDefinitionCommand, DescribeTasksCommand, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { ECSClient, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { waitUntil } from '../support/wait-until.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { CLUSTER, ecsSandbox, FAMILY, registerWithTag, SERVICE, type EcsSandbox } from './ecs-sandbox-support.js';

/**
 * The ECS deploy scenarios' worlds behave the way they say, as the real SDK
 * sees them — what the deploys and releases on ECS are tested against.
 */

let env: EcsSandbox;
afterEach(async () => {
  await env?.sandbox.close();
});

/** Forces a new deployment of the service's current revision and lets its first tasks run their course. */
async function stoppedTasksOfANewDeployment() {
  await env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, forceNewDeployment: true }));
  env.advance(250);
  const listed = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, desiredStatus: 'STOPPED' }));
  return listed.taskArns!.length === 0 ? [] : (await env.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: listed.taskArns! }))).tasks!;
}

describe('the ECS scenarios', () => {
  it('given the healthy world, when the api service is redeployed, then no task stops of its own accord and every secret it names exists', async () => {
    // given
    env = await ecsSandbox(loadScenario('healthy').world);
    // when
    const stopped = await stoppedTasksOfANewDeployment();
    const { taskDefinition } = await env.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: FAMILY }));
    const secret = taskDefinition!.containerDefinitions![0]!.secrets![0]!.valueFrom!;
    // then
    expect(stopped).toEqual([]);
    expect((await env.secrets.send(new DescribeSecretCommand({ SecretId: secret }))).ARN).toBe(secret);
  });

  it.each([
    ['ecs-unpullable', 'TaskFailedToStart', /^CannotPullContainerError: .*pull access denied/],
    ['ecs-crash', 'EssentialContainerExited', /^Essential container in task exited$/],
  ])('given %s, when 1.2.0 is deployed, then its tasks stop with %s, while 1.1.0 runs', async (name, stopCode, reason) => {
    // given: the service runs 1.1.0, which redeploys fine
    env = await ecsSandbox(loadScenario(name).world);
    expect(await stoppedTasksOfANewDeployment()).toEqual([]);
    env.advance(1_000);
    // when
    const registered = await registerWithTag(env.ecs, '1.2.0');
    await env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: registered.taskDefinitionArn }));
    env.advance(460);
    // then
    const listed = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, desiredStatus: 'STOPPED' }));
    const stopped = (await env.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: listed.taskArns! }))).tasks!;
    const failed = stopped.filter((t) => t.taskDefinitionArn === registered.taskDefinitionArn);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    for (const task of failed) {
      expect(task.stopCode).toBe(stopCode);
      expect(task.stoppedReason).toMatch(reason);
    }
  });
});

describe('on the wall clock', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
  });

  it('given a sandbox on its own clock, as the compiled bot meets it, when the service is updated, then its deployment reaches COMPLETED by itself', async () => {
    // given
    sandbox = await startSandbox({ world: loadScenario('healthy').world });
    const ecs = new ECSClient({ region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS });
    const registered = await registerWithTag(ecs, '1.2.0');
    // when
    await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: registered.taskDefinitionArn }));
    // then
    const deployments = async () => (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }))).services![0]!.deployments!;
    await waitUntil(async () => (await deployments()).length === 1 && (await deployments())[0]!.rolloutState === 'COMPLETED', 20_000, 'the deployment to complete');
    expect((await deployments())[0]).toMatchObject({ taskDefinition: registered.taskDefinitionArn, runningCount: 2 });
  });
});
