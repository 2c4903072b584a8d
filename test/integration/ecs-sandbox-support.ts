import { DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand, type RegisterTaskDefinitionCommandInput, type TaskDefinition } from '@aws-sdk/client-ecs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { useSandboxClock } from '../../src/sandbox/aws/codebuild-runs.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';

/** The ECS service of the healthy world the tests drive. */
export const CLUSTER = 'shop-staging';
export const SERVICE = 'api';
export const FAMILY = 'shop-staging-api';
export const REPOSITORY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api';
export const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60001'], securityGroups: ['sg-0a1b2c3d4e5f60001'] } };

export interface EcsSandbox {
  sandbox: Sandbox;
  ecs: ECSClient;
  secrets: SecretsManagerClient;
  /** Moves the sandbox's clock on (a manual clock, from a fixed start). */
  advance(ms: number): void;
}

/**
 * A sandbox on a manual clock, and the real ECS and Secrets Manager clients
 * pointed at it. `userAgent` makes the calls shipmate's (they then go in the
 * permission ledger); retries are off so that errors come back as answered.
 */
export async function ecsSandbox(world: World = loadScenario('healthy').world, options: { userAgent?: string } = {}): Promise<EcsSandbox> {
  const sandbox = await startSandbox({ world });
  let now = Date.parse('2026-12-01T10:00:00Z');
  useSandboxClock(sandbox.state, { now: () => new Date(now), sleep: async () => {} });
  const common = {
    region: 'eu-west-1',
    endpoint: sandbox.url,
    credentials: SANDBOX_AWS_CREDENTIALS,
    maxAttempts: 1,
    ...(options.userAgent ? { customUserAgent: options.userAgent } : {}),
  };
  return {
    sandbox,
    ecs: new ECSClient(common),
    secrets: new SecretsManagerClient(common),
    advance: (ms) => {
      now += ms;
    },
  };
}

/** The error a call failed with, or a failure of the test when it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail, and it succeeded');
}

/** A task definition as DescribeTaskDefinition shows it, less the members only ECS sets: what RegisterTaskDefinition takes. */
export function registrable(definition: TaskDefinition): RegisterTaskDefinitionCommandInput {
  const { taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt, registeredBy, ...request } = definition;
  return request as RegisterTaskDefinitionCommandInput;
}

/** Registers the family's latest revision again with the container's image at another tag, as a deploy does; the answer's task definition. */
export async function registerWithTag(ecs: ECSClient, tag: string): Promise<TaskDefinition> {
  const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: FAMILY }));
  const request = registrable(taskDefinition!);
  request.containerDefinitions![0]!.image = `${REPOSITORY}:${tag}`;
  return (await ecs.send(new RegisterTaskDefinitionCommand(request))).taskDefinition!;
}

/** RunTask of a migration, the api container's command overridden, as a release runs it. */
export function runMigration(startedBy: string, clientToken?: string): RunTaskCommand {
  return new RunTaskCommand({
    cluster: CLUSTER,
    taskDefinition: FAMILY,
    launchType: 'FARGATE',
    networkConfiguration: NETWORK,
    overrides: { containerOverrides: [{ name: 'api', command: ['alembic', 'upgrade', 'head'] }] },
    startedBy,
    ...(clientToken ? { clientToken } : {}),
  });
}
