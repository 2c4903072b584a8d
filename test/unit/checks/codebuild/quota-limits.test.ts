import { describe, expect, it } from 'vitest';
import { quotaCheck } from '../../../../src/domain/checks/codebuild/quota.js';
import { aBuild, aProject, aRunningBuild, codebuildContext, codebuildQuotas, quota } from '../../../support/codebuild-builders.js';

const LINUX_SMALL = { environmentType: 'LINUX_CONTAINER', computeType: 'BUILD_GENERAL1_SMALL' };
const ownRunning = (n: number) => aBuild({ id: `backend-build:${n}`, status: 'IN_PROGRESS', ...LINUX_SMALL });

describe("codebuild.quota: the project's own concurrentBuildLimit", () => {
  it("given other projects' builds run on the same quota, when run, then they do not count against this project's own limit", async () => {
    // given: a limit of 2, one build of its own and two of another project
    const project = aProject({ concurrentBuildLimit: 2 });
    const running = [ownRunning(1), aRunningBuild(1, LINUX_SMALL), aRunningBuild(2, LINUX_SMALL)];
    // when
    const outcome = await quotaCheck.run(codebuildContext({ project, inProgress: running }));
    // then
    expect(outcome).toEqual({ status: 'pass', finding: 'Linux/Small quota 20, 3 running: 17 free; project limit 2 is below it, 1 of its own free', fix: '' });
  });

  it('given two of its own builds fill a limit of 2, when run, then it fails naming both and suggesting a limit of 3', async () => {
    // given
    const project = aProject({ concurrentBuildLimit: 2 });
    // when
    const outcome = await quotaCheck.run(codebuildContext({ project, inProgress: [ownRunning(1), ownRunning(2)] }));
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('project backend-build allows 2 concurrent builds and 2 are running (backend-build:1, backend-build:2): a new build is refused');
    expect(outcome.fix).toContain('--concurrent-build-limit 3');
  });

  it('given a project limit equal to or above the quota, when run, then the pass says nothing about the project limit', async () => {
    for (const concurrentBuildLimit of [20, 30]) {
      const outcome = await quotaCheck.run(codebuildContext({ project: aProject({ concurrentBuildLimit }) }));
      expect(outcome.finding).toBe('Linux/Small quota 20, 0 running: 20 free');
    }
  });

  it('given the quota of 8 is used up, when run, then the fix asks for twice the quota', async () => {
    // given
    const running = Array.from({ length: 8 }, (_, i) => aRunningBuild(i, LINUX_SMALL));
    // when
    const outcome = await quotaCheck.run(codebuildContext({ quotas: codebuildQuotas(8), inProgress: running }));
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.fix).toContain('--quota-code L-ACCF6C0D --desired-value 16');
  });

  it('given an account-wide quota and a project limit, when run, then builds of every environment count against the quota', async () => {
    // given
    const quotas = [quota('Concurrently running builds', 60, 'L-ALL')];
    const running = [ownRunning(1), aRunningBuild(1, { environmentType: 'ARM_CONTAINER' })];
    // when
    const outcome = await quotaCheck.run(codebuildContext({ project: aProject({ concurrentBuildLimit: 5 }), quotas, inProgress: running }));
    // then
    expect(outcome.finding).toBe('account-wide quota 60, 2 running: 58 free; project limit 5 is below it, 4 of its own free');
  });
});
