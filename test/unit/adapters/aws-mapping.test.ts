import { describe, expect, it } from 'vitest';
import { toBuildSummary, toCodeBuildProject } from '../../../src/adapters/aws/codebuild-mapping.js';
import { toEcrImage } from '../../../src/adapters/aws/ecr-mapping.js';

describe('CodeBuild mapping', () => {
  it('given a project without privileged mode or limit, when mapped, then privileged is false and no limit is made up', () => {
    const project = toCodeBuildProject({ name: 'p', environment: { type: 'ARM_CONTAINER', computeType: 'BUILD_GENERAL1_LARGE', image: 'x' } } as never);

    expect(project).toEqual({ name: 'p', environmentType: 'ARM_CONTAINER', computeType: 'BUILD_GENERAL1_LARGE', privilegedMode: false });
  });

  it('given a build in a status this code does not know, when mapped, then it counts as still running', () => {
    expect(toBuildSummary({ id: 'p:1', projectName: 'p', buildStatus: 'QUEUED' } as never).status).toBe('IN_PROGRESS');
  });
});

describe('ECR mapping', () => {
  it('given finding counts with a severity the port does not know, when mapped, then only known severities are kept', () => {
    const image = toEcrImage({
      imageDigest: 'sha256:1',
      imageSizeInBytes: 10,
      imageScanFindingsSummary: { findingSeverityCounts: { HIGH: 1, SEVERE: 4 } as never },
    });

    expect(image).toEqual({ digest: 'sha256:1', tags: [], sizeBytes: 10, findingCounts: { HIGH: 1 } });
  });
});
