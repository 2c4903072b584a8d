import { describe, expect, it } from 'vitest';
import { explainLimit } from '../../../src/domain/builds/explain-limit.js';
import type { BuildSummary, CodeBuildProject } from '../../../src/ports/codebuild.port.js';
import { PortError } from '../../../src/ports/port-error.js';
import type { ServiceQuota } from '../../../src/ports/quotas.port.js';
import { aProject, aRunningBuild, codebuildQuotas } from '../../support/codebuild-builders.js';
import { fakePorts } from '../../support/fake-ports.js';

const CODEBUILD_SAYS = 'Cannot have more than 2 active builds for the project backend-build';
const LINUX_SMALL = { name: 'Concurrently running builds for Linux/Small environment', code: 'L-ACCF6C0D', value: 20 };

interface Account {
  projects?: Record<string, CodeBuildProject>;
  inProgress?: BuildSummary[];
  quotas?: Record<string, ServiceQuota[]>;
}

/** CodeBuild and Service Quotas of one account: projects by name, quotas by service code. */
function account({ projects = { 'backend-build': aProject() }, inProgress = [], quotas = { codebuild: codebuildQuotas() } }: Account = {}) {
  return fakePorts({
    codebuild: { getProject: async (name) => projects[name], buildsInProgress: async () => inProgress },
    quotas: { listQuotas: async (serviceCode) => quotas[serviceCode] ?? [] },
  });
}

const running = (project: string, count: number) => Array.from({ length: count }, (_, i) => aRunningBuild(i, { projectName: project }));

describe('explainLimit', () => {
  it('names the project\'s own limit when as many of its builds run as it allows', async () => {
    // given a project capped at 2 with 2 of its builds running (and others of other projects)
    const ports = account({
      projects: { 'backend-build': aProject({ concurrentBuildLimit: 2 }) },
      inProgress: [...running('backend-build', 2), ...running('frontend-build', 3)],
    });
    // when
    const refusal = await explainLimit(ports, 'backend-build', CODEBUILD_SAYS, 'eu-west-1');
    // then
    expect(refusal).toEqual({ message: CODEBUILD_SAYS, region: 'eu-west-1', projectLimit: 2 });
  });

  it('does not count other projects\' builds against the project\'s own limit, and names the account quota instead', async () => {
    // given a project capped at 2 with 1 of its builds and 3 of another project's running
    const ports = account({
      projects: { 'backend-build': aProject({ concurrentBuildLimit: 2 }) },
      inProgress: [...running('backend-build', 1), ...running('frontend-build', 3)],
    });
    // when
    const refusal = await explainLimit(ports, 'backend-build', CODEBUILD_SAYS, 'eu-west-1');
    // then
    expect(refusal).toEqual({ message: CODEBUILD_SAYS, region: 'eu-west-1', quota: LINUX_SMALL });
  });

  it('names the concurrent-build quota of the project\'s environment and compute type when it has no limit of its own', async () => {
    // given an ARM project with no concurrentBuildLimit, in an account whose running builds cannot be listed
    const ports = fakePorts({
      codebuild: {
        getProject: async () => aProject({ environmentType: 'ARM_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL' }),
        buildsInProgress: async () => Promise.reject(new PortError('forbidden', 'CodeBuild ListBuilds: not authorized')),
      },
      quotas: { listQuotas: async (serviceCode) => (serviceCode === 'codebuild' ? codebuildQuotas() : []) },
    });
    // when
    const refusal = await explainLimit(ports, 'backend-build', CODEBUILD_SAYS);
    // then
    expect(refusal).toEqual({ message: CODEBUILD_SAYS, quota: { name: 'Concurrently running builds for ARM/Small environment', code: 'L-9D66F2D6', value: 1 } });
  });

  it('gives CodeBuild\'s own words alone when no quota matches the environment', async () => {
    const ports = account({ quotas: { codebuild: [{ name: 'Build projects', code: 'L-2DC20C30', value: 5000 }] } });
    expect(await explainLimit(ports, 'backend-build', CODEBUILD_SAYS, 'eu-west-1')).toEqual({ message: CODEBUILD_SAYS, region: 'eu-west-1' });
  });

  it('gives CodeBuild\'s own words alone for a project that does not exist', async () => {
    expect(await explainLimit(account(), 'gone-build', CODEBUILD_SAYS, 'eu-west-1')).toEqual({ message: CODEBUILD_SAYS, region: 'eu-west-1' });
  });

  it('gives CodeBuild\'s own words alone when looking the limit up fails', async () => {
    // given the quotas cannot be read
    const ports = fakePorts({
      codebuild: { getProject: async () => aProject() },
      quotas: { listQuotas: async () => Promise.reject(new PortError('forbidden', 'Service Quotas ListServiceQuotas: not authorized')) },
    });
    // when / then
    expect(await explainLimit(ports, 'backend-build', CODEBUILD_SAYS)).toEqual({ message: CODEBUILD_SAYS });
  });
});
