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

describe('CodeBuild build failures', () => {
  const phase = (phaseType: string, phaseStatus?: string, contexts?: { statusCode?: string; message?: string }[]) => ({
    phaseType,
    ...(phaseStatus ? { phaseStatus } : {}),
    ...(contexts ? { contexts } : {}),
  });

  it('given a build whose BUILD phase failed, when mapped, then failedPhase is BUILD and the message is CodeBuild’s context', () => {
    const build = toBuildSummary({
      id: 'p:1',
      projectName: 'p',
      buildStatus: 'FAILED',
      phases: [
        phase('PRE_BUILD', 'SUCCEEDED', [{ statusCode: '', message: '' }]),
        phase('BUILD', 'FAILED', [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: make. Reason: exit status 2' }]),
        phase('POST_BUILD', 'SUCCEEDED', [{ statusCode: '', message: '' }]),
        phase('COMPLETED'),
      ],
    } as never);

    expect(build.failedPhase).toBe('BUILD');
    expect(build.failureMessage).toBe('COMMAND_EXECUTION_ERROR: Error while executing command: make. Reason: exit status 2');
  });

  it.each(['FAULT', 'TIMED_OUT', 'STOPPED', 'CLIENT_ERROR'])('given a phase that ended %s, when mapped, then it is the failed phase', (status) => {
    const build = toBuildSummary({ id: 'p:1', projectName: 'p', phases: [phase('SUBMITTED', 'SUCCEEDED'), phase('QUEUED', status)] } as never);

    expect(build.failedPhase).toBe('QUEUED');
    expect(build.failureMessage).toBeUndefined();
  });

  it('given a build whose phases all succeeded or are running, when mapped, then there is no failed phase', () => {
    const build = toBuildSummary({ id: 'p:1', projectName: 'p', phases: [phase('SUBMITTED', 'SUCCEEDED'), phase('QUEUED')] } as never);

    expect(build).not.toHaveProperty('failedPhase');
    expect(build).not.toHaveProperty('failureMessage');
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

  it('given no imageSizeInBytes, when mapped, then the size is left unknown rather than 0', () => {
    const image = toEcrImage({ imageDigest: 'sha256:1' });

    expect(image).not.toHaveProperty('sizeBytes');
  });
});
