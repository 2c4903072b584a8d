import { describe, expect, it } from 'vitest';
import { lastBuildCheck } from '../../../../src/domain/checks/codebuild/last-build.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { aBuild, codebuildContext } from '../../../support/codebuild-builders.js';

describe('codebuild.last-build', () => {
  it('given the last build succeeded, when run, then it passes naming the build, its source version and when it ended', async () => {
    const outcome = await lastBuildCheck.run(codebuildContext());
    expect(outcome).toEqual({
      status: 'pass',
      finding: 'last build backend-build:0b1f6c3e-0000-4000-8000-000000000001 of refs/tags/v1.1.0 succeeded at 2026-11-20 09:06 UTC',
      fix: '',
    });
  });

  it('given a build is in progress, when run, then it passes saying so with its phase', async () => {
    const build = aBuild({ status: 'IN_PROGRESS', currentPhase: 'BUILD', endTime: undefined });
    const outcome = await lastBuildCheck.run(codebuildContext({ lastBuild: build }));
    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toContain('in progress (phase BUILD), started at 2026-11-20 09:00 UTC');
  });

  it.each(['FAILED', 'FAULT', 'TIMED_OUT', 'STOPPED'] as const)('given the last build ended %s, when run, then it fails', async (status) => {
    const outcome = await lastBuildCheck.run(codebuildContext({ lastBuild: aBuild({ status }) }));
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain(`of refs/tags/v1.1.0 ${status} at 2026-11-20 09:06 UTC`);
  });

  it('given a failed build stopped in a phase and has a logs link, when run, then it names the phase and links the logs', async () => {
    const logsUrl = 'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/codebuild';
    const outcome = await lastBuildCheck.run(codebuildContext({ lastBuild: aBuild({ status: 'FAILED', currentPhase: 'BUILD', logsUrl }) }));
    expect(outcome.finding).toContain('FAILED in phase BUILD');
    expect(outcome.fix).toBe(`read the logs at ${logsUrl}, fix the cause and run /build again`);
  });

  it('given a failed build without a logs link, when run, then the fix says how to find the logs', async () => {
    const outcome = await lastBuildCheck.run(codebuildContext({ lastBuild: aBuild({ status: 'FAULT' }) }));
    expect(outcome.finding).not.toContain('in phase');
    expect(outcome.fix).toContain('aws codebuild batch-get-builds --ids backend-build:0b1f6c3e-0000-4000-8000-000000000001');
  });

  it('given a build in progress that states neither its phase, its source version nor its start, when run, then it passes with what it knows', async () => {
    const build = aBuild({ status: 'IN_PROGRESS', currentPhase: undefined, sourceVersion: undefined, startTime: undefined, endTime: undefined });
    const outcome = await lastBuildCheck.run(codebuildContext({ lastBuild: build }));
    expect(outcome).toEqual({ status: 'pass', finding: 'build backend-build:0b1f6c3e-0000-4000-8000-000000000001 in progress, started', fix: '' });
  });

  it('given the project has no builds, when run, then it skips', async () => {
    const outcome = await lastBuildCheck.run(codebuildContext({ lastBuild: undefined }));
    expect(outcome).toEqual({ status: 'skip', finding: 'backend-build has no builds yet', fix: '' });
  });

  it('given no project exists, when run, then it skips without asking for builds', async () => {
    const context = codebuildContext({ project: undefined }, { ports: { codebuild: { lastBuild: () => Promise.reject(new Error('must not be asked')) } } });
    expect((await lastBuildCheck.run(context)).status).toBe('skip');
  });

  it('given listing builds is denied, when run, then the port error propagates', async () => {
    const denied = new PortError('forbidden', 'CodeBuild ListBuildsForProject: access denied');
    const context = codebuildContext({}, { ports: { codebuild: { lastBuild: () => Promise.reject(denied) } } });
    await expect(lastBuildCheck.run(context)).rejects.toBe(denied);
  });
});
