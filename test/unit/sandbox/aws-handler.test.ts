import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../../src/sandbox/scenarios.js';

/** The sandbox checks the header's shape and scope, not the signature. */
const authorization = (service: string, region = 'eu-west-1') =>
  `AWS4-HMAC-SHA256 Credential=sandbox/20261201/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00ff`;

let sandbox: Sandbox;

beforeAll(async () => {
  const world = loadScenario('healthy').world;
  world.faults = { deny: ['ecr:DescribeRepositories'], throttle: ['codebuild:ListBuilds'] };
  sandbox = await startSandbox({ world });
});

afterAll(async () => {
  await sandbox.close();
});

async function awsCall(target: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(sandbox.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('AWS JSON protocol of the sandbox', () => {
  it('given an unsigned request, when it arrives, then it is refused as AWS refuses it', async () => {
    const answer = await awsCall('AmazonEC2ContainerRegistry_V20150921.DescribeImages', { repositoryName: 'shop/backend' });

    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });
  });

  it('given a signature scoped to another region or service, when it arrives, then it is an InvalidSignatureException', async () => {
    const target = 'AmazonEC2ContainerRegistry_V20150921.DescribeImages';

    const otherRegion = await awsCall(target, {}, { authorization: authorization('ecr', 'us-east-1') });
    const otherService = await awsCall(target, {}, { authorization: authorization('codebuild') });

    expect(otherRegion.body.__type).toBe('InvalidSignatureException');
    expect(otherRegion.body.message).toContain("not 'us-east-1'");
    expect(otherService.body).toEqual({ __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'ecr'." });
  });

  it('given an operation the service does not have, when called, then it is an UnknownOperationException', async () => {
    const answer = await awsCall('CodeBuild_20161006.DeleteEverything', {}, { authorization: authorization('codebuild') });

    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('UnknownOperationException');
  });

  it('given a body that is not JSON, when it arrives, then it is a SerializationException', async () => {
    const answer = await awsCall('CodeBuild_20161006.BatchGetProjects', '{names:', { authorization: authorization('codebuild') });

    expect(answer.body.__type).toBe('SerializationException');
  });

  it('given a required member left out, when called, then the service validation exception says which', async () => {
    const answer = await awsCall('CodeBuild_20161006.BatchGetProjects', {}, { authorization: authorization('codebuild') });

    expect(answer.body).toEqual({
      __type: 'InvalidInputException',
      message: "1 validation error detected: Value null at 'names' failed to satisfy constraint: Member must not be null",
    });
  });

  it('given a denied action, when called, then AccessDeniedException names the user, action and resource', async () => {
    const answer = await awsCall(
      'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories',
      { repositoryNames: ['shop/ml'] },
      { authorization: authorization('ecr') },
    );

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'AccessDeniedException',
      message:
        'User: arn:aws:iam::111122223333:user/sandbox is not authorized to perform: ecr:DescribeRepositories on resource: arn:aws:ecr:eu-west-1:111122223333:repository/shop/ml because no identity-based policy allows the ecr:DescribeRepositories action',
    });
  });

  it('given a throttled action, when called, then ThrottlingException says Rate exceeded', async () => {
    const answer = await awsCall('CodeBuild_20161006.ListBuilds', {}, { authorization: authorization('codebuild') });

    expect(answer.body).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' });
  });

  it('given a Service Quotas error, when answered, then the message member is spelt Message and the modelled status is used', async () => {
    const answer = await awsCall(
      'ServiceQuotasV20190624.GetServiceQuota',
      { ServiceCode: 'codebuild', QuotaCode: 'L-NOPE' },
      { authorization: authorization('servicequotas') },
    );

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ __type: 'NoSuchResourceException', Message: 'The quota L-NOPE does not exist for the service codebuild.' });
  });

  it('given every call, when answered, then the sandbox recorded it under its system', async () => {
    // given
    const before = sandbox.state.calls.length;
    // when: one call to each service, answered or refused
    await awsCall('AmazonEC2ContainerRegistry_V20150921.DescribeRepositories', { repositoryNames: ['shop/ml'] }, { authorization: authorization('ecr') });
    await awsCall('CodeBuild_20161006.ListBuilds', {}, { authorization: authorization('codebuild') });
    await awsCall('ServiceQuotasV20190624.GetServiceQuota', { ServiceCode: 'codebuild', QuotaCode: 'L-NOPE' }, { authorization: authorization('servicequotas') });
    // then
    const recorded = sandbox.state.calls.slice(before).map((c) => `${c.system}:${c.operation}`);
    expect(recorded).toEqual(['ecr:DescribeRepositories', 'codebuild:ListBuilds', 'quotas:GetServiceQuota']);
  });

  it('given a request without X-Amz-Target, when it arrives, then the AWS handler leaves it alone', async () => {
    const response = await fetch(`${sandbox.url}/not-aws`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toContain('nothing at POST /not-aws');
  });
});

describe('ECR layer downloads of the sandbox', () => {
  it('given the URL GetDownloadUrlForLayer hands out, when fetched, then the blob with that digest comes back', async () => {
    const manifests = await awsCall(
      'AmazonEC2ContainerRegistry_V20150921.BatchGetImage',
      { repositoryName: 'shop/backend', imageIds: [{ imageTag: '1.1.0' }] },
      { authorization: authorization('ecr') },
    );
    const index = JSON.parse((manifests.body.images as { imageManifest: string }[])[0]?.imageManifest ?? '{}');
    const child = await awsCall(
      'AmazonEC2ContainerRegistry_V20150921.BatchGetImage',
      { repositoryName: 'shop/backend', imageIds: [{ imageDigest: index.manifests[0].digest }] },
      { authorization: authorization('ecr') },
    );
    const configDigest = JSON.parse((child.body.images as { imageManifest: string }[])[0]?.imageManifest ?? '{}').config.digest as string;
    const location = await awsCall(
      'AmazonEC2ContainerRegistry_V20150921.GetDownloadUrlForLayer',
      { repositoryName: 'shop/backend', layerDigest: configDigest },
      { authorization: authorization('ecr') },
    );

    const response = await fetch(location.body.downloadUrl as string);
    const bytes = Buffer.from(await response.arrayBuffer());

    expect(location.body.downloadUrl).toBe(`${sandbox.url}/ecr-blobs/shop/backend/${configDigest}`);
    expect(response.status).toBe(200);
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(configDigest);
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ architecture: 'amd64', os: 'linux' });
  });

  it('given an unknown digest, when its download URL is asked, then LayersNotFoundException', async () => {
    const answer = await awsCall(
      'AmazonEC2ContainerRegistry_V20150921.GetDownloadUrlForLayer',
      { repositoryName: 'shop/backend', layerDigest: `sha256:${'0'.repeat(64)}` },
      { authorization: authorization('ecr') },
    );

    expect(answer.body.__type).toBe('LayersNotFoundException');
  });

  it('given a blob URL for an unknown digest, when fetched, then S3 answers NoSuchKey', async () => {
    const response = await fetch(`${sandbox.url}/ecr-blobs/shop/backend/sha256:${'0'.repeat(64)}`);

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<Code>NoSuchKey</Code>');
  });
});
