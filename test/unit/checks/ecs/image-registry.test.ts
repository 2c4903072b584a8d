import { describe, expect, it } from 'vitest';
import { imageRegistryCheck } from '../../../../src/domain/checks/ecs/image-registry.js';
import { API_REPOSITORY_URI, aTaskDefinition, ecsCheckContext } from '../../../support/ecs-builders.js';

describe('ecs.image-registry', () => {
  it('given the container runs an image of the configured repository, when run, then it passes', async () => {
    // given
    const { context } = ecsCheckContext();
    // when
    const outcome = await imageRegistryCheck.run(context);
    // then
    expect(outcome).toMatchObject({ status: 'pass', finding: `shop-staging-api:7 container api runs an image from ${API_REPOSITORY_URI}` });
  });

  it('given an image from Docker Hub, when run, then it fails naming both and how to redeploy from ECR', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: aTaskDefinition((_td, api) => (api.image = 'shop/api:1.1.0')) });
    // when
    const outcome = await imageRegistryCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: `shop-staging-api:7 container api runs shop/api, expected ${API_REPOSITORY_URI}`,
      fix: `/deploy api 1.1.0 staging (it registers a revision of shop-staging-api with api's image from ${API_REPOSITORY_URI})`,
    });
  });

  it('given another ECR repository pinned by digest, when run, then it fails', async () => {
    // given
    const other = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api-old';
    const { context } = ecsCheckContext({ taskDefinition: aTaskDefinition((_td, api) => (api.image = `${other}@sha256:1234`)) });
    // when
    const outcome = await imageRegistryCheck.run(context);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain(`runs ${other}, expected`);
  });

  it('given no version under review, when it fails, then the fix leaves a placeholder', async () => {
    // given
    const { context } = ecsCheckContext({
      target: { version: undefined, versionSource: 'unknown' },
      taskDefinition: aTaskDefinition((_td, api) => (api.image = 'nginx:1.27')),
    });
    // when
    const outcome = await imageRegistryCheck.run(context);
    // then
    expect(outcome.fix).toMatch(/^\/deploy api <version> staging /);
  });

  it('given the ECR repository does not exist, when run, then it skips pointing at ecr.repository', async () => {
    // given
    const { context } = ecsCheckContext({ repository: undefined });
    // when
    const outcome = await imageRegistryCheck.run(context);
    // then
    expect(outcome).toMatchObject({ status: 'skip', finding: 'ECR repository shop/api not found (ecr.repository reports it)' });
  });

  it('given the task definition lacks the container, when run, then it skips pointing at ecs.service', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: aTaskDefinition((_td, api) => (api.name = 'web')) });
    // when
    const outcome = await imageRegistryCheck.run(context);
    // then
    expect(outcome).toMatchObject({
      status: 'skip',
      finding: 'task definition shop-staging-api:7 has no container named api; it has web (ecs.service reports it)',
    });
  });
});
