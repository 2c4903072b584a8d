import { describe, expect, it } from 'vitest';
import { quotaCheck } from '../../../../src/domain/checks/codebuild/quota.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { aBuild, aProject, aRunningBuild, codebuildContext, codebuildQuotas, quota } from '../../../support/codebuild-builders.js';

const linuxSmallRunning = (n: number) => Array.from({ length: n }, (_, i) => aRunningBuild(i, { environmentType: 'LINUX_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL' }));

describe('codebuild.quota', () => {
  it('given the Linux/Small quota is 20 and one build runs on it, when run, then it passes showing the headroom', async () => {
    const outcome = await quotaCheck.run(codebuildContext({ inProgress: linuxSmallRunning(1) }));
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toBe('Linux/Small quota 20, 1 running: 19 free');
  });

  it('given the applicable quota is 0, when run, then it fails explaining the AccountLimitExceededException and naming the quota code', async () => {
    const outcome = await quotaCheck.run(codebuildContext({ quotas: codebuildQuotas(0) }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('Concurrently running builds for Linux/Small environment');
    expect(outcome.finding).toContain('AccountLimitExceededException: Cannot have more than 0 builds in queue');
    expect(outcome.fix).toContain('aws service-quotas request-service-quota-increase --service-code codebuild --quota-code L-ACCF6C0D --desired-value 10');
  });

  it('given the project runs on ARM/Small, when run, then the ARM/Small quota applies, not the Linux one', async () => {
    const project = aProject({ environmentType: 'ARM_CONTAINER' });
    const outcome = await quotaCheck.run(codebuildContext({ project, inProgress: [aRunningBuild(1, { environmentType: 'ARM_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL' })] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('ARM/Small quota 1 is used up: 1 build running, a new build of backend-build waits in the queue');
    expect(outcome.fix).toContain('--quota-code L-9D66F2D6 --desired-value 10');
  });

  it('given builds on other environments run, when run, then only builds on the same environment and compute type count', async () => {
    const elsewhere = [
      aRunningBuild(1, { environmentType: 'LINUX_CONTAINER', computeType: 'BUILD_GENERAL1_MEDIUM' }),
      aRunningBuild(2, { environmentType: 'ARM_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL' }),
      aRunningBuild(3, { environmentType: undefined, computeType: undefined }),
    ];
    const outcome = await quotaCheck.run(codebuildContext({ quotas: codebuildQuotas(1), inProgress: elsewhere }));
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toBe('Linux/Small quota 1, 0 running: 1 free');
  });

  it("given the project's own build does not state its environment, when run, then it counts on the project's quota", async () => {
    const own = aBuild({ status: 'IN_PROGRESS', environmentType: undefined, computeType: undefined });
    const outcome = await quotaCheck.run(codebuildContext({ quotas: codebuildQuotas(1), inProgress: [own] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('Linux/Small quota 1 is used up');
  });

  it('given the project concurrentBuildLimit is reached by its own running builds, when run, then it fails saying a new build is refused', async () => {
    const project = aProject({ concurrentBuildLimit: 1 });
    const own = aBuild({ id: 'backend-build:running', status: 'IN_PROGRESS', environmentType: 'LINUX_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL' });
    const outcome = await quotaCheck.run(codebuildContext({ project, inProgress: [own] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('project backend-build allows 1 concurrent build and 1 is running (backend-build:running): a new build is refused');
    expect(outcome.fix).toContain('aws codebuild update-project --name backend-build --concurrent-build-limit 2');
  });

  it('given a project limit below the quota with room left, when run, then it passes and notes the lower limit', async () => {
    const outcome = await quotaCheck.run(codebuildContext({ project: aProject({ concurrentBuildLimit: 3 }) }));
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toBe('Linux/Small quota 20, 0 running: 20 free; project limit 3 is below it, 3 of its own free');
  });

  it('given builds fill the quota, when run, then it fails saying new builds queue', async () => {
    const outcome = await quotaCheck.run(codebuildContext({ quotas: codebuildQuotas(2), inProgress: linuxSmallRunning(2) }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('Linux/Small quota 2 is used up: 2 builds running, a new build of backend-build waits in the queue');
  });

  it('given only the account-wide quota some partitions have, when run, then it applies to every running build', async () => {
    const quotas = [quota('Concurrently running builds', 2, 'L-CN000001')];
    const running = [aRunningBuild(1, { environmentType: 'ARM_CONTAINER' }), aRunningBuild(2, { computeType: 'BUILD_GENERAL1_LARGE' })];
    const outcome = await quotaCheck.run(codebuildContext({ quotas, inProgress: running }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('account-wide quota 2 is used up: 2 builds running');
  });

  it('given no quota applies to the environment, when run, then it warns with a way to find it', async () => {
    const outcome = await quotaCheck.run(codebuildContext({ quotas: [quota('Build projects', 5000)] }));
    expect(outcome.status).toBe('warn');
    expect(outcome.finding).toContain('no concurrent-build quota for Linux/Small among the 1 CodeBuild quotas');
    expect(outcome.fix).toContain('list-aws-default-service-quotas --service-code codebuild');
  });

  it('given no quota applies but the project limit is reached, when run, then the limit failure wins over the warning', async () => {
    const project = aProject({ concurrentBuildLimit: 1 });
    const outcome = await quotaCheck.run(codebuildContext({ project, quotas: [], inProgress: [aBuild({ status: 'IN_PROGRESS' })] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('a new build is refused');
  });

  it('given the project does not exist or none is configured, when run, then it skips', async () => {
    expect((await quotaCheck.run(codebuildContext({ project: undefined }))).status).toBe('skip');
    const unconfigured = await quotaCheck.run(codebuildContext({}, { target: { codebuild: undefined } }));
    expect(unconfigured).toEqual({ status: 'skip', finding: 'no CodeBuild project configured', fix: '' });
  });

  it('given Service Quotas throttles, when run, then the port error propagates', async () => {
    const throttled = new PortError('throttled', 'Service Quotas ListServiceQuotas: rate exceeded');
    const context = codebuildContext({}, { ports: { quotas: { listQuotas: () => Promise.reject(throttled) } } });
    await expect(quotaCheck.run(context)).rejects.toBe(throttled);
  });
});
