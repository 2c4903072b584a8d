import { DescribeServicesCommand, ListTasksCommand, RegisterTaskDefinitionCommand, RunTaskCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_LEDGER_DIR_VARIABLE } from '../../src/sandbox/sandbox-state.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { CLUSTER, ecsSandbox, failureOf, FAMILY, NETWORK, SERVICE, type EcsSandbox } from './ecs-sandbox-support.js';

/**
 * Secrets Manager's DescribeSecret, and what both services answer when IAM
 * denies or throttles a call; the IAM permission each call needs, as the
 * permission ledger records it.
 */

let env: EcsSandbox;
beforeEach(() => {
  // These calls test the sandbox, not shipmate's grants: keep them out of the suite's permission ledger.
  vi.stubEnv(CALL_LEDGER_DIR_VARIABLE, '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await env?.sandbox.close();
});

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/staging/api/database-Xk3Lp9';
const SERVICE_ARN = 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/api';
const TASK_ROLE = 'arn:aws:iam::111122223333:role/shop-staging-api-task';
const EXECUTION_ROLE = 'arn:aws:iam::111122223333:role/shop-staging-api-execution';

function worldWith(faults: World['faults']): World {
  return { ...loadScenario('healthy').world, faults };
}

describe('Secrets Manager DescribeSecret', () => {
  it.each([
    ['its name', 'shop/staging/api/database'],
    ['its full ARN', SECRET_ARN],
    ['its ARN without the random suffix', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/staging/api/database'],
  ])('given a secret named by %s, when it is described, then its metadata comes back and never a value', async (_how, secretId) => {
    // given
    env = await ecsSandbox();
    // when
    const answer = await env.secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
    // then
    expect(answer).toMatchObject({ ARN: SECRET_ARN, Name: 'shop/staging/api/database', CreatedDate: new Date('2026-06-01T08:00:00Z') });
    expect(Object.values(answer.VersionIdsToStages ?? {})).toEqual([['AWSCURRENT']]);
    expect(JSON.stringify(answer)).not.toMatch(/SecretString|SecretBinary/);
  });

  it('given a secret that does not exist, when it is described, then Secrets Manager answers ResourceNotFoundException (HTTP 400)', async () => {
    // given
    env = await ecsSandbox();
    // when
    const failure = await failureOf(env.secrets.send(new DescribeSecretCommand({ SecretId: 'shop/staging/api/missing' })));
    // then
    expect(failure).toEqual({ name: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret.", status: 400 });
  });

  it('given a secret scheduled for deletion, when it is described, then it still answers, with its DeletedDate', async () => {
    // given
    const world = loadScenario('healthy').world;
    world.secretsManager!.secrets[0]!.deletedAt = '2026-11-30T12:00:00Z';
    env = await ecsSandbox(world);
    // when
    const answer = await env.secrets.send(new DescribeSecretCommand({ SecretId: 'shop/staging/api/database' }));
    // then
    expect(answer.DeletedDate).toEqual(new Date('2026-11-30T12:00:00Z'));
  });
});

describe('IAM denials and throttling', () => {
  it('given ecs:DescribeServices denied, when the service is described, then ECS answers AccessDeniedException naming the action and the service ARN', async () => {
    // given
    env = await ecsSandbox(worldWith({ deny: ['ecs:DescribeServices'] }));
    // when
    const failure = await failureOf(env.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })));
    // then
    expect(failure).toMatchObject({ name: 'AccessDeniedException', status: 403 });
    expect(failure.message).toBe(`User: arn:aws:iam::111122223333:user/sandbox is not authorized to perform: ecs:DescribeServices on resource: ${SERVICE_ARN} because no identity-based policy allows the ecs:DescribeServices action`);
  });

  it('given iam:PassRole denied, when a task is run, then it is refused naming the task role and no task starts', async () => {
    // given
    env = await ecsSandbox(worldWith({ deny: ['iam:PassRole'] }));
    // when
    const failure = await failureOf(env.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: FAMILY, launchType: 'FARGATE', networkConfiguration: NETWORK })));
    // then
    expect(failure.name).toBe('AccessDeniedException');
    expect(failure.message).toContain(`iam:PassRole on resource: ${TASK_ROLE}`);
    const listed = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER }));
    expect(listed.taskArns).toHaveLength(2);
  });

  it('given ecs:UpdateService and secretsmanager:DescribeSecret throttled, when they are called, then each answers ThrottlingException "Rate exceeded"', async () => {
    // given
    env = await ecsSandbox(worldWith({ throttle: ['ecs:UpdateService', 'secretsmanager:DescribeSecret'] }));
    // when
    const ecs = await failureOf(env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, forceNewDeployment: true })));
    const secrets = await failureOf(env.secrets.send(new DescribeSecretCommand({ SecretId: 'shop/staging/api/database' })));
    // then
    expect(ecs).toEqual({ name: 'ThrottlingException', message: 'Rate exceeded', status: 400 });
    expect(secrets).toEqual({ name: 'ThrottlingException', message: 'Rate exceeded', status: 400 });
  });
});

describe('the permissions each call needs', () => {
  it("given shipmate's calls, when they are answered, then the ledger holds each IAM action on its resource, and iam:PassRole for the task's roles", async () => {
    // given
    env = await ecsSandbox(undefined, { userAgent: 'shipmate/0.0.0-test' });
    // when
    await env.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }));
    await env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, forceNewDeployment: true }));
    await env.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: `${FAMILY}:7`, launchType: 'FARGATE', networkConfiguration: NETWORK }));
    await env.ecs.send(
      new RegisterTaskDefinitionCommand({ family: FAMILY, executionRoleArn: EXECUTION_ROLE, containerDefinitions: [{ name: 'api', image: 'nginx' }] }),
    );
    await env.secrets.send(new DescribeSecretCommand({ SecretId: 'shop/staging/api/database' }));
    // then
    expect(env.sandbox.state.permissions).toEqual([
      { system: 'aws', action: 'ecs:DescribeServices', resource: SERVICE_ARN },
      { system: 'aws', action: 'ecs:UpdateService', resource: SERVICE_ARN },
      { system: 'aws', action: 'ecs:RunTask', resource: `arn:aws:ecs:eu-west-1:111122223333:task-definition/${FAMILY}:7` },
      { system: 'aws', action: 'iam:PassRole', resource: TASK_ROLE },
      { system: 'aws', action: 'iam:PassRole', resource: EXECUTION_ROLE },
      { system: 'aws', action: 'ecs:RegisterTaskDefinition', resource: '*' },
      { system: 'aws', action: 'iam:PassRole', resource: EXECUTION_ROLE },
      { system: 'aws', action: 'secretsmanager:DescribeSecret', resource: SECRET_ARN },
    ]);
  });

  it('given a registration with tags, when it is answered, then the ledger also holds ecs:TagResource on the family', async () => {
    // given
    env = await ecsSandbox(undefined, { userAgent: 'shipmate/0.0.0-test' });
    // when
    await env.ecs.send(new RegisterTaskDefinitionCommand({ family: FAMILY, containerDefinitions: [{ name: 'api', image: 'nginx' }], tags: [{ key: 'team', value: 'shop' }] }));
    // then
    expect(env.sandbox.state.permissions).toEqual([
      { system: 'aws', action: 'ecs:RegisterTaskDefinition', resource: '*' },
      { system: 'aws', action: 'ecs:TagResource', resource: `arn:aws:ecs:eu-west-1:111122223333:task-definition/${FAMILY}:*` },
    ]);
  });
});
