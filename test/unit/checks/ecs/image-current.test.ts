import { describe, expect, it } from 'vitest';
import { imageCurrentCheck } from '../../../../src/domain/checks/ecs/image-current.js';
import { API_DIGEST, API_REPOSITORY_URI, aTaskDefinition, ecsCheckContext } from '../../../support/ecs-builders.js';

const running = (image: string) => aTaskDefinition((_td, api) => (api.image = image));

describe('ecs.image-current', () => {
  it('given the version was taken from the service, when run, then it passes saying what is reviewed', async () => {
    // given
    const { context } = ecsCheckContext({ target: { versionSource: 'deployed' } });
    // when
    const outcome = await imageCurrentCheck.run(context);
    // then
    expect(outcome).toMatchObject({ status: 'pass', finding: 'reviewing what runs: 1.1.0' });
  });

  it('given the requested version is the tag the PRIMARY task definition runs, when run, then it passes', async () => {
    // given
    const { context } = ecsCheckContext();
    // when
    const outcome = await imageCurrentCheck.run(context);
    // then
    expect(outcome).toMatchObject({ status: 'pass', finding: 'shop-staging-api:7 container api runs 1.1.0, the version under review' });
  });

  it('given another tag runs, when run, then it fails with the deploy command', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: running(`${API_REPOSITORY_URI}:1.0.0`) });
    // when
    const outcome = await imageCurrentCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'shop-staging-api:7 container api runs 1.0.0; under review: 1.1.0',
      fix: '/deploy api 1.1.0 staging',
    });
  });

  it('given an image tag template, when the running tag is the filled template, then it passes', async () => {
    // given
    const { context } = ecsCheckContext({
      target: { ecr: { repository: 'shop/api', platform: 'linux/amd64', tag: 'v1.1.0' } },
      taskDefinition: running(`${API_REPOSITORY_URI}:v1.1.0`),
    });
    // when / then
    expect((await imageCurrentCheck.run(context)).status).toBe('pass');
  });

  it('given a deploy pinned it as REPO:TAG@DIGEST, when the tag matches, then it passes', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: running(`${API_REPOSITORY_URI}:1.1.0@${API_DIGEST}`) });
    // when / then
    expect((await imageCurrentCheck.run(context)).status).toBe('pass');
  });

  it('given an image pinned by digest only, when it is the digest of the tag under review, then it passes naming the digest', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: running(`${API_REPOSITORY_URI}@${API_DIGEST}`) });
    // when
    const outcome = await imageCurrentCheck.run(context);
    // then
    expect(outcome).toMatchObject({ status: 'pass', finding: `shop-staging-api:7 container api runs ${API_DIGEST}, the digest of 1.1.0` });
  });

  it('given an image pinned by digest only, when the tag under review has another digest, then it warns with both digests', async () => {
    // given
    const { context } = ecsCheckContext({
      taskDefinition: running(`${API_REPOSITORY_URI}@${API_DIGEST}`),
      image: { digest: 'sha256:0000', tags: ['1.1.0'], sizeBytes: 1, findingCounts: {} },
    });
    // when
    const outcome = await imageCurrentCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'warn',
      finding: `shop-staging-api:7 container api is pinned by digest only (${API_DIGEST}), which is not tag 1.1.0 (sha256:0000)`,
      fix: '/deploy api 1.1.0 staging',
    });
  });

  it('given an image pinned by digest only, when the tag under review is not in ECR, then it warns without a digest to compare', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: running(`${API_REPOSITORY_URI}@${API_DIGEST}`), image: undefined });
    // when
    const outcome = await imageCurrentCheck.run(context);
    // then
    expect(outcome.finding).toBe(`shop-staging-api:7 container api is pinned by digest only (${API_DIGEST}), which is not tag 1.1.0`);
  });

  it('given no version under review, when run, then it skips without asking ECS', async () => {
    // given
    const { context, calls } = ecsCheckContext({ target: { version: undefined, versionSource: 'unknown' } });
    // when
    const outcome = await imageCurrentCheck.run(context);
    // then
    expect(outcome).toMatchObject({ status: 'skip', finding: 'no version under review: none was asked for and the ECS service gave none' });
    expect(calls.describeService).toEqual([]);
  });

  it('given the service is missing, when run, then it skips pointing at ecs.service', async () => {
    // given
    const { context } = ecsCheckContext({ service: undefined });
    // when
    const outcome = await imageCurrentCheck.run(context);
    // then
    expect(outcome).toEqual({ status: 'skip', finding: 'ECS service api not found in cluster shop-staging (ecs.service reports it)', fix: '' });
  });
});
