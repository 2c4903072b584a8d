import { describe, expect, it } from 'vitest';
import { ecsChecks } from '../../../../src/domain/checks/ecs/index.js';
import { ecsCheckContext } from '../../../support/ecs-builders.js';

describe('ecs check registry', () => {
  it('given the catalog, when listing the ecs checks, then they come in catalog order with their severities', () => {
    expect(ecsChecks.map((c) => `${c.id}:${c.severity}`)).toEqual([
      'ecs.service:fail',
      'ecs.image-current:warn',
      'ecs.image-registry:fail',
      'ecs.platform:fail',
      'ecs.rollout:fail',
      'ecs.circuit-breaker:warn',
      'ecs.health-check:fail',
      'ecs.desired-count:warn',
      'ecs.secrets:fail',
      'ecs.security-context:fail',
      'ecs.logging:warn',
    ]);
  });

  it('given every ecs check, when reading its runtime and title, then it runs on ECS services only, with a short title', () => {
    for (const check of ecsChecks) {
      expect(check.runtime, check.id).toBe('ecs');
      expect(check.title.length, check.id).toBeGreaterThan(5);
      expect(check.title.length, check.id).toBeLessThanOrEqual(60);
    }
  });

  it('given the healthy service, when every ecs check runs on one context, then all pass with one DescribeServices and one DescribeTaskDefinition', async () => {
    // given
    const { context, calls } = ecsCheckContext();
    // when
    const outcomes = await Promise.all(ecsChecks.map((c) => c.run(context)));
    // then
    expect(outcomes.filter((o) => o.status !== 'pass')).toEqual([]);
    expect(calls.describeService).toEqual(['shop-staging/api']);
    expect(calls.describeTaskDefinition).toEqual(['arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:7']);
  });

  it('given a missing service, when every ecs check runs, then ecs.service fails and every other one skips', async () => {
    // given
    const { context } = ecsCheckContext({ service: undefined });
    // when
    const outcomes = await Promise.all(ecsChecks.map(async (c) => `${c.id}:${(await c.run(context)).status}`));
    // then
    expect(outcomes).toEqual(ecsChecks.map((c) => `${c.id}:${c.id === 'ecs.service' ? 'fail' : 'skip'}`));
  });
});
