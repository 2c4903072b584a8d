import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AwsAdapterOptions } from '../../src/adapters/aws/aws-client-options.js';
import { createCodeBuildPort } from '../../src/adapters/aws/codebuild-adapter.js';
import { createEcrPort } from '../../src/adapters/aws/ecr-adapter.js';
import { createQuotasPort } from '../../src/adapters/aws/quotas-adapter.js';
import { PortError } from '../../src/ports/port-error.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { WorldFaults } from '../../src/sandbox/world.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
let sandbox: Sandbox | undefined;

async function sandboxWith(faults: WorldFaults = {}): Promise<{ sandbox: Sandbox; options: AwsAdapterOptions }> {
  const world = loadScenario('healthy').world;
  world.faults = faults;
  sandbox = await startSandbox({ world });
  return { sandbox, options: { region: 'eu-west-1', endpoint: sandbox.url, credentials } };
}

async function failureOf(promise: Promise<unknown>): Promise<PortError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PortError);
  return error as PortError;
}

function expectOneCleanLine(error: PortError): void {
  expect(error.message).not.toContain('\n');
  expect(error.message).not.toMatch(/\bat .+:\d+:\d+/);
  expect(error.message).not.toContain(credentials.accessKeyId);
  expect(error.message).not.toContain(credentials.secretAccessKey);
}

/** A port nothing listens on: opened, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('AWS adapters when AWS says no', () => {
  it('given ecr:DescribeImages is denied, when an image is described, then a forbidden PortError quotes the IAM action', async () => {
    const { options } = await sandboxWith({ deny: ['ecr:DescribeImages'] });

    const error = await failureOf(createEcrPort(options).describeImage('shop/backend', '1.1.0'));

    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/^ECR DescribeImages: access denied: User: arn:aws:iam::111122223333:user\/sandbox is not authorized/);
    expect(error.message).toContain('ecr:DescribeImages');
    expectOneCleanLine(error);
  });

  it('given codebuild:BatchGetProjects is denied, when a project is read, then a forbidden PortError quotes the IAM action', async () => {
    const { options } = await sandboxWith({ deny: ['codebuild:BatchGetProjects'] });

    const error = await failureOf(createCodeBuildPort(options).getProject('backend-build'));

    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('codebuild:BatchGetProjects on resource: arn:aws:codebuild:eu-west-1:111122223333:project/backend-build');
  });

  it('given servicequotas:ListServiceQuotas is denied, when quotas are listed, then a forbidden PortError quotes the IAM action', async () => {
    const { options } = await sandboxWith({ deny: ['servicequotas:ListServiceQuotas'] });

    const error = await failureOf(createQuotasPort(options).listQuotas('codebuild'));

    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('servicequotas:ListServiceQuotas');
  });

  it('given ListBuilds is throttled, when builds in progress are asked, then the SDK retries and a throttled PortError follows', async () => {
    const { sandbox, options } = await sandboxWith({ throttle: ['codebuild:ListBuilds'] });

    const error = await failureOf(createCodeBuildPort({ ...options, maxAttempts: 2 }).buildsInProgress());

    expect(error.code).toBe('throttled');
    expect(error.message).toBe('CodeBuild ListBuilds: throttled by AWS after 2 attempts (ThrottlingException: Rate exceeded)');
    expect(sandbox.state.callsTo('codebuild').map((c) => c.operation)).toEqual(['ListBuilds', 'ListBuilds']);
  });

  it('given Service Quotas is throttled, when quotas are listed, then its TooManyRequestsException becomes a throttled PortError', async () => {
    const { options } = await sandboxWith({ throttle: ['servicequotas:ListServiceQuotas'] });

    const error = await failureOf(createQuotasPort({ ...options, maxAttempts: 1 }).listQuotas('codebuild'));

    expect(error.code).toBe('throttled');
    expect(error.message).toContain('TooManyRequestsException');
  });

  it('given credentials scoped to another region, when a call is made, then an unauthorized PortError names no key', async () => {
    const { options } = await sandboxWith();

    const error = await failureOf(createEcrPort({ ...options, region: 'us-east-1' }).getRepository('shop/backend'));

    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/^ECR DescribeRepositories: credentials rejected \(InvalidSignatureException: /);
    expectOneCleanLine(error);
  });

  it('given an endpoint nobody listens on, when each port is called, then an unreachable PortError names host and port', async () => {
    const port = await closedPort();
    const options = { region: 'eu-west-1', endpoint: `http://127.0.0.1:${port}`, credentials };

    const errors = [
      await failureOf(createCodeBuildPort(options).getProject('backend-build')),
      await failureOf(createEcrPort(options).getRepository('shop/backend')),
      await failureOf(createQuotasPort(options).listQuotas('codebuild')),
    ];

    expect(errors.map((e) => e.code)).toEqual(['unreachable', 'unreachable', 'unreachable']);
    expect(errors.map((e) => e.message)).toEqual([
      `CodeBuild BatchGetProjects: cannot reach 127.0.0.1:${port} (connection refused)`,
      `ECR DescribeRepositories: cannot reach 127.0.0.1:${port} (connection refused)`,
      `Service Quotas ListServiceQuotas: cannot reach 127.0.0.1:${port} (connection refused)`,
    ]);
    errors.forEach(expectOneCleanLine);
  });
});

describe('AWS adapters without an explicit endpoint', () => {
  const saved = process.env.AWS_ENDPOINT_URL;

  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = saved;
  });

  it('given AWS_ENDPOINT_URL points at the sandbox, when the adapters are built without an endpoint, then their calls reach it', async () => {
    const { sandbox } = await sandboxWith();
    process.env.AWS_ENDPOINT_URL = sandbox.url;

    const options = { region: 'eu-west-1', credentials };
    const repository = await createEcrPort(options).getRepository('shop/backend');
    const project = await createCodeBuildPort(options).getProject('backend-build');
    const quotas = await createQuotasPort(options).listQuotas('codebuild');

    expect(repository?.name).toBe('shop/backend');
    expect(project?.name).toBe('backend-build');
    expect(quotas).toHaveLength(8);
    expect(sandbox.state.calls.map((c) => `${c.system}:${c.operation}`)).toEqual([
      'ecr:DescribeRepositories',
      'codebuild:BatchGetProjects',
      'quotas:ListServiceQuotas',
    ]);
  });
});
