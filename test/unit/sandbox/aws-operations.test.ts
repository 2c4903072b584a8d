import { BatchGetBuildsCommand, CodeBuildClient, ListBuildsCommand, ListBuildsForProjectCommand } from '@aws-sdk/client-codebuild';
import { BatchGetImageCommand, DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { ListServiceQuotasCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../../src/sandbox/scenarios.js';
import type { WorldBuild } from '../../../src/sandbox/world.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../../src/sandbox/sandbox-credentials.js';

let sandbox: Sandbox;
let codebuild: CodeBuildClient;
let ecr: ECRClient;
let quotas: ServiceQuotasClient;

/** 150 builds of backend-build, one a minute, plus the healthy world's three older ones. */
const manyBuilds: WorldBuild[] = Array.from({ length: 150 }, (_, i) => ({
  id: `backend-build:${String(i).padStart(3, '0')}`,
  projectName: 'backend-build',
  buildStatus: 'SUCCEEDED',
  startTime: new Date(Date.UTC(2026, 11, 1, 8, i)).toISOString(),
}));

beforeAll(async () => {
  const world = loadScenario('healthy').world;
  world.codebuild.builds.push(...manyBuilds);
  sandbox = await startSandbox({ world });
  const config = { region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 };
  codebuild = new CodeBuildClient(config);
  ecr = new ECRClient(config);
  quotas = new ServiceQuotasClient(config);
});

afterAll(async () => {
  codebuild.destroy();
  ecr.destroy();
  quotas.destroy();
  await sandbox.close();
});

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: Error) => e,
  );
}

describe('sandbox CodeBuild', () => {
  it('given more than 100 builds, when ListBuilds is followed to the end, then pages of 100 cover every build newest first', async () => {
    const first = await codebuild.send(new ListBuildsCommand({ sortOrder: 'DESCENDING' }));
    const second = await codebuild.send(new ListBuildsCommand({ sortOrder: 'DESCENDING', nextToken: first.nextToken }));

    expect(first.ids).toHaveLength(100);
    expect(first.ids?.[0]).toBe('backend-build:149');
    expect(second.ids).toHaveLength(53);
    expect(second.nextToken).toBeUndefined();
  });

  it('given ASCENDING, when all builds are listed, then the oldest come first', async () => {
    const asc = await codebuild.send(new ListBuildsCommand({ sortOrder: 'ASCENDING' }));

    expect(asc.ids?.slice(0, 3).every((id) => id.endsWith(':0b1f6c3e-0000-4000-8000-000000000001'))).toBe(true);
  });

  it('given a project with more than 100 builds, when a sort order is set on ListBuildsForProject, then it is refused as documented', async () => {
    const error = await rejection(codebuild.send(new ListBuildsForProjectCommand({ projectName: 'backend-build', sortOrder: 'ASCENDING' })));
    const unsorted = await codebuild.send(new ListBuildsForProjectCommand({ projectName: 'backend-build' }));

    expect(error.name).toBe('InvalidInputException');
    expect(unsorted.ids?.[0]).toBe('backend-build:149');
  });

  it('given a token from another listing, when used, then InvalidInputException', async () => {
    const { nextToken } = await codebuild.send(new ListBuildsCommand({}));

    const error = await rejection(codebuild.send(new ListBuildsForProjectCommand({ projectName: 'backend-build', nextToken })));

    expect(error.name).toBe('InvalidInputException');
  });

  it('given known and unknown ids, when BatchGetBuilds is asked, then builds are numbered per project and the unknown listed apart', async () => {
    const answer = await codebuild.send(new BatchGetBuildsCommand({ ids: ['backend-build:149', 'backend-build:nope'] }));

    expect(answer.builds?.[0]?.buildNumber).toBe(151);
    expect(answer.buildsNotFound).toEqual(['backend-build:nope']);
  });
});

describe('sandbox ECR', () => {
  it('given maxResults, when DescribeImages is followed to the end, then every manifest of the repository is listed once', async () => {
    const digests: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/backend', maxResults: 3, nextToken }));
      digests.push(...(page.imageDetails ?? []).map((d) => d.imageDigest ?? ''));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);

    // Two tagged indexes, each with two platform manifests and two attestation manifests.
    expect(digests).toHaveLength(10);
    expect(new Set(digests).size).toBe(10);
    expect(pages).toBe(4);
  });

  it('given the TAGGED filter, when images are listed, then only the tagged ones come back', async () => {
    const answer = await ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/backend', filter: { tagStatus: 'TAGGED' } }));

    expect(answer.imageDetails?.map((d) => d.imageTags)).toEqual([['1.1.0'], ['1.0.0']]);
  });

  it('given imageIds and maxResults together, when DescribeImages is asked, then InvalidParameterException', async () => {
    const error = await rejection(
      ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/backend', imageIds: [{ imageTag: '1.1.0' }], maxResults: 5 })),
    );

    expect(error.name).toBe('InvalidParameterException');
  });

  it('given a missing repository, when described, then RepositoryNotFoundException names it and the registry', async () => {
    const error = await rejection(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['shop/none'] })));

    expect(error.name).toBe('RepositoryNotFoundException');
    expect(error.message).toBe("The repository with name 'shop/none' does not exist in the registry with id '111122223333'");
  });

  it('given acceptedMediaTypes without the index types, when a multi-platform tag is asked, then it is not handed over', async () => {
    const answer = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'shop/backend',
        imageIds: [{ imageTag: '1.1.0' }],
        acceptedMediaTypes: ['application/vnd.docker.distribution.manifest.v2+json'],
      }),
    );

    expect(answer.images).toEqual([]);
    expect(answer.failures?.[0]?.failureCode).toBe('ImageNotFound');
    expect(answer.failures?.[0]?.failureReason).toContain("has media type 'application/vnd.oci.image.index.v1+json'");
  });

  it('given a missing tag, when BatchGetImage is asked, then a failure entry says ImageNotFound', async () => {
    const answer = await ecr.send(new BatchGetImageCommand({ repositoryName: 'shop/backend', imageIds: [{ imageTag: '0.0.0' }] }));

    expect(answer.failures).toEqual([{ imageId: { imageTag: '0.0.0' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }]);
  });
});

describe('sandbox Service Quotas', () => {
  it('given MaxResults 3, when the healthy quotas are followed to the end, then three pages hold all eight', async () => {
    const sizes: number[] = [];
    let NextToken: string | undefined;
    do {
      const page = await quotas.send(new ListServiceQuotasCommand({ ServiceCode: 'codebuild', MaxResults: 3, NextToken }));
      sizes.push(page.Quotas?.length ?? 0);
      NextToken = page.NextToken;
    } while (NextToken);

    expect(sizes).toEqual([3, 3, 2]);
  });

  it('given a quota, when listed, then it has the fields and ARN AWS gives it', async () => {
    const answer = await quotas.send(new ListServiceQuotasCommand({ ServiceCode: 'codebuild', QuotaCode: 'L-ACCF6C0D' }));

    expect(answer.Quotas).toEqual([
      {
        ServiceCode: 'codebuild',
        ServiceName: 'AWS CodeBuild',
        QuotaArn: 'arn:aws:servicequotas:eu-west-1:111122223333:codebuild/L-ACCF6C0D',
        QuotaCode: 'L-ACCF6C0D',
        QuotaName: 'Concurrently running builds for Linux/Small environment',
        Value: 20,
        Unit: 'None',
        Adjustable: true,
        GlobalQuota: false,
        QuotaAppliedAtLevel: 'ACCOUNT',
      },
    ]);
  });

  it('given MaxResults above 100, when asked, then IllegalArgumentException', async () => {
    const error = await rejection(quotas.send(new ListServiceQuotasCommand({ ServiceCode: 'codebuild', MaxResults: 101 })));

    expect(error.name).toBe('IllegalArgumentException');
  });

  it('given a forged token, when used, then InvalidPaginationTokenException', async () => {
    const error = await rejection(quotas.send(new ListServiceQuotasCommand({ ServiceCode: 'codebuild', NextToken: 'forged' })));

    expect(error.name).toBe('InvalidPaginationTokenException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});
