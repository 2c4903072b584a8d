import { describe, expect, it } from 'vitest';
import { platformCheck } from '../../../../src/domain/checks/ecs/platform.js';
import { API_REPOSITORY_URI, aTaskDefinition, ecsCheckContext } from '../../../support/ecs-builders.js';

const onArchitecture = (cpuArchitecture: string | undefined) =>
  aTaskDefinition((td) => {
    td.runtimePlatform = cpuArchitecture ? { cpuArchitecture, operatingSystemFamily: 'LINUX' } : undefined;
  });

describe('ecs.platform', () => {
  it('given an X86_64 task and a multi-arch image, when run, then it passes naming both', async () => {
    // given
    const { context } = ecsCheckContext();
    // when
    const outcome = await platformCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'pass',
      finding: 'shop-staging-api:7 runs on X86_64 (linux/amd64); tag 1.1.0 has it (linux/amd64, linux/arm64)',
      fix: '',
    });
  });

  it('given the arm64 trap — an X86_64 task and an image built on an arm64 laptop — when run, then it fails with both ways out', async () => {
    // given
    const { context } = ecsCheckContext({ platforms: ['linux/arm64'] });
    // when
    const outcome = await platformCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding:
        'shop-staging-api:7 runs on X86_64 (linux/amd64) but tag 1.1.0 is linux/arm64 only: its tasks stop with CannotPullContainerError (no matching manifest) or exec format error',
      fix: `rebuild and push: \`docker buildx build --platform linux/amd64 -t ${API_REPOSITORY_URI}:1.1.0 --push .\` — or run the task on ARM64: runtimePlatform: { cpuArchitecture: ARM64, operatingSystemFamily: LINUX }`,
    });
  });

  it('given a task definition without runtimePlatform, when the image is arm64 only, then it fails: Fargate defaults to X86_64', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: onArchitecture(undefined), platforms: ['linux/arm64/v8'] });
    // when
    const outcome = await platformCheck.run(context);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toMatch(/^shop-staging-api:7 runs on X86_64 \(linux\/amd64\) but tag 1\.1\.0 is linux\/arm64\/v8 only/);
  });

  it('given an ARM64 task and an amd64-only image, when run, then it fails offering X86_64', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: onArchitecture('ARM64'), platforms: ['linux/amd64'] });
    // when
    const outcome = await platformCheck.run(context);
    // then
    expect(outcome.finding).toContain('runs on ARM64 (linux/arm64) but tag 1.1.0 is linux/amd64 only');
    expect(outcome.fix).toContain('--platform linux/arm64 ');
    expect(outcome.fix).toContain('or run the task on X86_64');
  });

  it('given an ARM64 task, when the image has linux/arm64 among others, then it passes', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: onArchitecture('ARM64'), platforms: ['linux/amd64', 'linux/arm64'] });
    // when / then
    expect((await platformCheck.run(context)).status).toBe('pass');
  });

  it('given an image with neither architecture, when run, then it fails without offering a switch', async () => {
    // given
    const { context } = ecsCheckContext({ platforms: ['linux/s390x', 'linux/ppc64le'] });
    // when
    const outcome = await platformCheck.run(context);
    // then
    expect(outcome.finding).toContain('but tag 1.1.0 is linux/s390x, linux/ppc64le, not linux/amd64');
    expect(outcome.fix).not.toContain('or run the task on');
  });

  it('given a Windows task, when the image is Linux only, then it fails wanting windows/amd64', async () => {
    // given
    const { context } = ecsCheckContext({
      taskDefinition: aTaskDefinition((td) => (td.runtimePlatform = { cpuArchitecture: 'X86_64', operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' })),
    });
    // when
    const outcome = await platformCheck.run(context);
    // then
    expect(outcome.finding).toContain('runs on X86_64 (windows/amd64)');
    expect(outcome.status).toBe('fail');
  });

  it('given the image names no platform, when run, then it skips: ecr.platform reports it', async () => {
    // given
    const { context } = ecsCheckContext({ platforms: [] });
    // when / then
    expect(await platformCheck.run(context)).toEqual({ status: 'skip', finding: 'tag 1.1.0 names no platform (ecr.platform reports it)', fix: '' });
  });

  it('given the tag under review is not in ECR, when run, then it skips pointing at ecr.tag', async () => {
    // given
    const { context } = ecsCheckContext({ image: undefined });
    // when / then
    expect(await platformCheck.run(context)).toMatchObject({ status: 'skip', finding: 'tag 1.1.0 is not in shop/api (see ecr.tag)' });
  });

  it('given the service is missing, when run, then it skips pointing at ecs.service', async () => {
    // given
    const { context } = ecsCheckContext({ service: undefined });
    // when / then
    expect((await platformCheck.run(context)).finding).toContain('(ecs.service reports it)');
  });

  it('given an X86_64 task and an image for arm64 and s390x, when run, then it offers ARM64, the architecture the image has', async () => {
    // given
    const { context } = ecsCheckContext({ platforms: ['linux/s390x', 'linux/arm64'] });
    // when
    const outcome = await platformCheck.run(context);
    // then
    expect(outcome.fix).toBe(
      `rebuild and push: \`docker buildx build --platform linux/amd64 -t ${API_REPOSITORY_URI}:1.1.0 --push .\` — or run the task on ARM64: runtimePlatform: { cpuArchitecture: ARM64, operatingSystemFamily: LINUX }`,
    );
  });

  it('given an image with neither architecture, when it fails, then the fix is the rebuild alone', async () => {
    // given
    const { context } = ecsCheckContext({ platforms: ['linux/s390x'] });
    // when / then
    expect((await platformCheck.run(context)).fix).toBe(`rebuild and push: \`docker buildx build --platform linux/amd64 -t ${API_REPOSITORY_URI}:1.1.0 --push .\``);
  });

  it('given an architecture shipmate has no name for, when run, then it asks for it in lower case', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: onArchitecture('RISCV64'), platforms: ['linux/riscv64'] });
    // when / then
    expect(await platformCheck.run(context)).toMatchObject({ status: 'pass', finding: 'shop-staging-api:7 runs on RISCV64 (linux/riscv64); tag 1.1.0 has it (linux/riscv64)' });
  });

  it('given a runtimePlatform naming only its architecture, when run, then the task is Linux', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: aTaskDefinition((td) => (td.runtimePlatform = { cpuArchitecture: 'ARM64' })) });
    // when / then
    expect((await platformCheck.run(context)).finding).toBe('shop-staging-api:7 runs on ARM64 (linux/arm64); tag 1.1.0 has it (linux/amd64, linux/arm64)');
  });
});
