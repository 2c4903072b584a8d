import { describe, expect, it } from 'vitest';
import { healthCheckCheck } from '../../../../src/domain/checks/ecs/health-check.js';
import { anEcsService, aTaskDefinition, ecsCheckContext } from '../../../support/ecs-builders.js';

const TARGET_GROUP = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-staging-api/6d0ecf831eec9f09';
const withoutHealthCheck = aTaskDefinition((_td, api) => delete api.healthCheck);

describe('ecs.health-check', () => {
  it('given a container health check, when run, then it passes quoting its command', async () => {
    // given
    const { context } = ecsCheckContext({ service: anEcsService((s) => (s.loadBalancers = [])) });
    // when / then
    expect(await healthCheckCheck.run(context)).toEqual({
      status: 'pass',
      finding: 'shop-staging-api:7 container api has a health check: CMD-SHELL wget -qO- http://127.0.0.1:8080/health || exit 1',
      fix: '',
    });
  });

  it('given no container health check but a target group for the container, when run, then it passes naming the target group', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: withoutHealthCheck });
    // when / then
    expect((await healthCheckCheck.run(context)).finding).toBe('shop-staging-api:7 container api is health-checked by target group shop-staging-api');
  });

  it('given a target group whose load balancer names no container, when run, then it counts for the container', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: withoutHealthCheck, service: anEcsService((s) => (s.loadBalancers = [{ targetGroupArn: TARGET_GROUP }])) });
    // when / then
    expect((await healthCheckCheck.run(context)).status).toBe('pass');
  });

  it('given neither, when run, then it fails with a healthCheck to add', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: withoutHealthCheck, service: anEcsService((s) => (s.loadBalancers = [])) });
    // when
    const outcome = await healthCheckCheck.run(context);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(
      'shop-staging-api:7 container api has neither a healthCheck nor a load balancer target group: a task counts as healthy once its process runs',
    );
    expect(outcome.fix).toMatch(/^add to container api: "healthCheck": \{ "command": \["CMD-SHELL", /);
  });

  it("given only another container's target group, when run, then it fails: that group checks the other container", async () => {
    // given
    const service = anEcsService((s) => (s.loadBalancers = [{ targetGroupArn: TARGET_GROUP, containerName: 'envoy', containerPort: 9901 }]));
    const { context } = ecsCheckContext({ taskDefinition: withoutHealthCheck, service });
    // when / then
    expect((await healthCheckCheck.run(context)).status).toBe('fail');
  });

  it('given a Classic Load Balancer (no target group), when run, then it fails', async () => {
    // given
    const service = anEcsService((s) => (s.loadBalancers = [{ containerName: 'api', containerPort: 8080 }]));
    const { context } = ecsCheckContext({ taskDefinition: withoutHealthCheck, service });
    // when / then
    expect((await healthCheckCheck.run(context)).status).toBe('fail');
  });

  it('given the task definition cannot be described, when run, then it skips pointing at ecs.service', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: undefined });
    // when / then
    expect((await healthCheckCheck.run(context)).finding).toMatch(/which ECS does not describe \(ecs\.service reports it\)$/);
  });
});
