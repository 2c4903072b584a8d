import { afterEach, describe, expect, it } from 'vitest';
import { createSecretsPort } from '../../src/adapters/aws/secrets-adapter.js';
import type { SecretsPort } from '../../src/ports/ecs.port.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { portFailureOf } from '../support/port-failure.js';

/** shipmate's Secrets Manager adapter — the real @aws-sdk/client-secrets-manager over HTTP — against the sandbox (scenarios/healthy.yml). */

const SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/staging/api/database-Xk3Lp9';

let sandbox: Sandbox | undefined;

async function secretsAgainst(change: (world: World) => void = () => undefined): Promise<{ port: SecretsPort; sandbox: Sandbox }> {
  const world = loadScenario('healthy').world;
  change(world);
  sandbox = await startSandbox({ world });
  return { port: createSecretsPort({ region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 }), sandbox };
}

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('Secrets adapter against the sandbox', () => {
  it('given the secret a task definition names, when it is checked, then it exists, asked by its ARN', async () => {
    const { port, sandbox } = await secretsAgainst();
    expect(await port.secretExists(SECRET)).toBe(true);
    expect(sandbox.state.callsTo('secretsmanager').map((c) => c.operation)).toEqual(['DescribeSecret']);
    expect(sandbox.state.permissions).toEqual([{ system: 'aws', action: 'secretsmanager:DescribeSecret', resource: SECRET }]);
  });

  it.each([`${SECRET}:password::`, `${SECRET}:url:AWSCURRENT:`])('given a valueFrom with a JSON key (%s), when it is checked, then the secret is found by its ARN part', async (valueFrom) => {
    const { port } = await secretsAgainst();
    expect(await port.secretExists(valueFrom)).toBe(true);
  });

  it('given a secret that does not exist, when it is checked, then false, not an error', async () => {
    const { port } = await secretsAgainst();
    expect(await port.secretExists('arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/staging/api/missing-Ab12Cd')).toBe(false);
  });

  it('given a secret scheduled for deletion, when it is checked, then false: ECS can no longer read it', async () => {
    const { port } = await secretsAgainst((world) => (world.secretsManager!.secrets[0]!.deletedAt = '2026-11-30T00:00:00Z'));
    expect(await port.secretExists(SECRET)).toBe(false);
  });

  it.each(['arn:aws:ssm:eu-west-1:111122223333:parameter/shop/staging/api/token', 'shop-staging-api-token'])(
    'given an SSM parameter (%s), when it is checked, then undefined and no call is made',
    async (valueFrom) => {
      const { port, sandbox } = await secretsAgainst();
      expect(await port.secretExists(valueFrom)).toBeUndefined();
      expect(sandbox.state.callsTo('secretsmanager')).toEqual([]);
    },
  );

  it('given DescribeSecret denied by IAM, when a secret is checked, then forbidden naming the action', async () => {
    const { port } = await secretsAgainst((world) => (world.faults = { deny: ['secretsmanager:DescribeSecret'] }));
    const error = await portFailureOf(port.secretExists(SECRET));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/^Secrets Manager DescribeSecret: access denied: .*secretsmanager:DescribeSecret/);
  });

  it('given DescribeSecret throttled, when a secret is checked, then throttled', async () => {
    const { port } = await secretsAgainst((world) => (world.faults = { throttle: ['secretsmanager:DescribeSecret'] }));
    const error = await portFailureOf(port.secretExists(SECRET));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'throttled', message: 'Secrets Manager DescribeSecret: throttled by AWS (ThrottlingException: Rate exceeded)' });
  });
});
