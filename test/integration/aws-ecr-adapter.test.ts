import { afterEach, describe, expect, it } from 'vitest';
import { createEcrPort } from '../../src/adapters/aws/ecr-adapter.js';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';

const credentials = SANDBOX_AWS_CREDENTIALS;
let sandbox: Sandbox | undefined;

async function ecrAgainst(world: World) {
  sandbox = await startSandbox({ world });
  return { port: createEcrPort({ region: 'eu-west-1', endpoint: sandbox.url, credentials }), sandbox };
}

function healthyWorld(): World {
  return loadScenario('healthy').world;
}

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('ECR adapter against the sandbox', () => {
  it('given an existing repository, when it is read, then its URI and scan-on-push setting come back', async () => {
    const { port } = await ecrAgainst(healthyWorld());

    expect(await port.getRepository('shop/backend')).toEqual({
      name: 'shop/backend',
      uri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend',
      scanOnPush: true,
    });
  });

  it('given a repository without scan on push, when it is read, then scanOnPush is false', async () => {
    const world = applyPatch(healthyWorld(), [{ op: 'replace', path: '/ecr/repositories/1/scanOnPush', value: false }]);
    const { port } = await ecrAgainst(world);

    expect((await port.getRepository('shop/frontend'))?.scanOnPush).toBe(false);
  });

  it('given no such repository, when it is read, then the answer is undefined', async () => {
    const { port } = await ecrAgainst(healthyWorld());

    expect(await port.getRepository('shop/nothing')).toBeUndefined();
  });

  it('given a scanned image, when its tag is described, then digest, size, push time and finding counts come back', async () => {
    const { port, sandbox } = await ecrAgainst(healthyWorld());

    const image = await port.describeImage('shop/backend', '1.1.0');

    expect(image?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(image).toMatchObject({
      tags: ['1.1.0'],
      sizeBytes: 187_000_000,
      pushedAt: new Date('2026-11-20T09:06:00Z'),
      scanStatus: 'COMPLETE',
      findingCounts: { MEDIUM: 2, LOW: 5 },
    });
    expect(sandbox.state.callsTo('ecr').map((c) => c.operation)).toEqual(['DescribeImages']);
  });

  it('given an image with critical findings, when it is described, then the counts say so', async () => {
    const world = applyPatch(healthyWorld(), [
      { op: 'replace', path: '/ecr/repositories/0/images/0/scan', value: { status: 'COMPLETE', findings: { CRITICAL: 1, HIGH: 3 } } },
    ]);
    const { port } = await ecrAgainst(world);

    expect((await port.describeImage('shop/backend', '1.1.0'))?.findingCounts).toEqual({ CRITICAL: 1, HIGH: 3 });
  });

  it('given an image never scanned, when it is described, then it has no scan status and no counts', async () => {
    const world = applyPatch(healthyWorld(), [{ op: 'remove', path: '/ecr/repositories/0/images/0/scan' }]);
    const { port } = await ecrAgainst(world);

    const image = await port.describeImage('shop/backend', '1.1.0');

    expect(image?.scanStatus).toBeUndefined();
    expect(image?.findingCounts).toEqual({});
  });

  it('given a missing tag or a missing repository, when the image is described, then the answer is undefined', async () => {
    const { port } = await ecrAgainst(healthyWorld());

    expect(await port.describeImage('shop/backend', '9.9.9')).toBeUndefined();
    expect(await port.describeImage('shop/nothing', '1.1.0')).toBeUndefined();
  });

  it('given a multi-platform index with attestations, when its platforms are asked, then the attestation entries are left out', async () => {
    const { port, sandbox } = await ecrAgainst(healthyWorld());

    expect(await port.imagePlatforms('shop/backend', '1.1.0')).toEqual(['linux/amd64', 'linux/arm64']);
    expect(sandbox.state.callsTo('ecr').map((c) => c.operation)).toEqual(['BatchGetImage']);
  });

  it('given a single arm64 image, when its platforms are asked, then they are read from its config blob', async () => {
    const world = applyPatch(healthyWorld(), [
      {
        op: 'replace',
        path: '/ecr/repositories/2/images/0',
        value: { tags: ['1.1.0'], kind: 'manifest', platforms: ['linux/arm64'], sizeBytes: 912_000_000, pushedAt: '2026-11-20T09:06:00Z' },
      },
    ]);
    const { port, sandbox } = await ecrAgainst(world);

    const platforms = await port.imagePlatforms('shop/ml', '1.1.0');

    expect(platforms).toEqual(['linux/arm64']);
    const operations = sandbox.state.callsTo('ecr').map((c) => c.operation);
    expect(operations.slice(0, 2)).toEqual(['BatchGetImage', 'GetDownloadUrlForLayer']);
    expect(operations[2]).toMatch(/^GET \/ecr-blobs\/shop\/ml\/sha256:[0-9a-f]{64}$/);
  });

  it('given a single image with a platform variant, when its platforms are asked, then the variant is kept', async () => {
    const world = applyPatch(healthyWorld(), [
      { op: 'add', path: '/ecr/repositories/0/images/-', value: { tags: ['pi'], kind: 'manifest', platforms: ['linux/arm/v7'], sizeBytes: 1 } },
    ]);
    const { port } = await ecrAgainst(world);

    expect(await port.imagePlatforms('shop/backend', 'pi')).toEqual(['linux/arm/v7']);
  });

  it('given a missing tag or a missing repository, when platforms are asked, then there are none', async () => {
    const { port } = await ecrAgainst(healthyWorld());

    expect(await port.imagePlatforms('shop/backend', '9.9.9')).toEqual([]);
    expect(await port.imagePlatforms('shop/nothing', '1.1.0')).toEqual([]);
  });
});
