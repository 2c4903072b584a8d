import { afterEach, describe, expect, it } from 'vitest';
import { createQuotasPort } from '../../src/adapters/aws/quotas-adapter.js';
import { PortError } from '../../src/ports/port-error.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';

const credentials = SANDBOX_AWS_CREDENTIALS;
let sandbox: Sandbox | undefined;

async function quotasAgainst(world: World) {
  sandbox = await startSandbox({ world });
  return { port: createQuotasPort({ region: 'eu-west-1', endpoint: sandbox.url, credentials }), sandbox };
}

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('Service Quotas adapter against the sandbox', () => {
  it('given the healthy account, when CodeBuild quotas are listed, then every quota comes back with its value', async () => {
    const { port } = await quotasAgainst(loadScenario('healthy').world);

    const quotas = await port.listQuotas('codebuild');

    expect(quotas).toHaveLength(8);
    expect(quotas).toContainEqual({ code: 'L-ACCF6C0D', name: 'Concurrently running builds for Linux/Small environment', value: 20 });
    expect(quotas).toContainEqual({ code: 'L-3E11F2A4', name: 'Concurrently running builds for Linux GPU/Large environment', value: 0 });
  });

  it('given more quotas than fit in a page, when they are listed, then the adapter follows NextToken to the end', async () => {
    const world = loadScenario('healthy').world;
    world.quotas.codebuild = Array.from({ length: 230 }, (_, i) => ({ code: `L-${String(i).padStart(8, '0')}`, name: `Quota ${i}`, value: i }));
    const { port, sandbox } = await quotasAgainst(world);

    const quotas = await port.listQuotas('codebuild');

    expect(quotas.map((q) => q.value)).toEqual(Array.from({ length: 230 }, (_, i) => i));
    expect(sandbox.state.callsTo('quotas').map((c) => c.operation)).toEqual(['ListServiceQuotas', 'ListServiceQuotas', 'ListServiceQuotas']);
  });

  it('given a service the account does not know, when its quotas are listed, then a PortError says so', async () => {
    const { port } = await quotasAgainst(loadScenario('healthy').world);

    const error = await port.listQuotas('no-such-service').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('remote');
    expect((error as PortError).message).toMatch(/^Service Quotas ListServiceQuotas: NoSuchResourceException: /);
  });
});
