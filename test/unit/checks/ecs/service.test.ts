import { describe, expect, it } from 'vitest';
import { serviceCheck } from '../../../../src/domain/checks/ecs/service.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { anEcsService, aTaskDefinition, ecsCheckContext } from '../../../support/ecs-builders.js';
import { checkContext } from '../../../support/fake-ports.js';

describe('ecs.service', () => {
  it('given an ACTIVE service whose task definition has the container, when run, then it passes naming both', async () => {
    // given
    const { context } = ecsCheckContext();
    // when
    const outcome = await serviceCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'pass',
      finding: 'ECS service api in shop-staging is ACTIVE and runs shop-staging-api:7 container api',
      fix: '',
    });
  });

  it('given ECS reports the service MISSING, when run, then it fails pointing at the service name in the config', async () => {
    // given
    const { context } = ecsCheckContext({ service: undefined });
    // when
    const outcome = await serviceCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'ECS service api not found in cluster shop-staging',
      fix: 'set services.api.ecs.service to the service\'s name (aws ecs list-services --cluster shop-staging)',
    });
  });

  it('given an unknown cluster, when run, then it fails with ECS\'s words and the two places a cluster is configured', async () => {
    // given
    const { context } = ecsCheckContext({ service: new PortError('invalid', 'ECS DescribeServices: cluster shop-stagin not found') });
    // when
    const outcome = await serviceCheck.run(context);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('ECS DescribeServices: cluster shop-stagin not found');
    expect(outcome.fix).toBe('set services.api.ecs.cluster or environments.staging.ecs.cluster to an existing cluster (aws ecs list-clusters)');
  });

  it('given ECS cannot be reached, when run, then the port error propagates (the check reports error, not fail)', async () => {
    // given
    const { context } = ecsCheckContext({ service: new PortError('unreachable', 'ECS DescribeServices: connection refused') });
    // when / then
    await expect(serviceCheck.run(context)).rejects.toThrow('connection refused');
  });

  it.each(['DRAINING', 'INACTIVE'])('given a %s service, when run, then it fails: it is being deleted', async (status) => {
    // given
    const { context } = ecsCheckContext({ service: anEcsService((s) => (s.status = status)) });
    // when
    const outcome = await serviceCheck.run(context);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(`ECS service api in shop-staging is ${status}, not ACTIVE: it is being deleted or was`);
    expect(outcome.fix).toContain('services.api.ecs.service');
  });

  it('given a task definition ECS cannot describe, when run, then it fails naming the PRIMARY deployment\'s revision', async () => {
    // given
    const { context, calls } = ecsCheckContext({
      service: anEcsService((s) => (s.deployments[0]!.taskDefinition = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:9')),
      taskDefinition: undefined,
    });
    // when
    const outcome = await serviceCheck.run(context);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(
      'ECS service api in shop-staging runs task definition arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:9, which ECS does not describe',
    );
    expect(calls.describeTaskDefinition).toEqual(['arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:9']);
  });

  it('given a task definition without the configured container, when run, then it fails listing the containers it has', async () => {
    // given
    const { context } = ecsCheckContext({
      taskDefinition: aTaskDefinition((td, api) => {
        api.name = 'web';
        td.containerDefinitions.push({ name: 'envoy', image: 'envoyproxy/envoy:v1.31' });
      }),
    });
    // when
    const outcome = await serviceCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'task definition shop-staging-api:7 has no container named api; it has web, envoy',
      fix: 'set services.api.ecs.container to one of: web, envoy',
    });
  });

  it('given the container is configured under another name, when run, then it looks for that one', async () => {
    // given
    const { context } = ecsCheckContext({
      target: { ecs: { cluster: 'shop-staging', service: 'api', container: 'web' } },
      taskDefinition: aTaskDefinition((_td, api) => (api.name = 'web')),
    });
    // when
    const outcome = await serviceCheck.run(context);
    // then
    expect(outcome.finding).toBe('ECS service api in shop-staging is ACTIVE and runs shop-staging-api:7 container web');
  });

  it('given a task definition ECS cannot describe, when run, then the fix describes it and deploys anew', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: undefined });
    // when / then
    expect((await serviceCheck.run(context)).fix).toBe(
      'aws ecs describe-task-definition --task-definition arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:7; deploy a version to register a new revision',
    );
  });

  it('given a task definition with no container at all, when run, then it says it has none', async () => {
    // given
    const { context } = ecsCheckContext({ taskDefinition: aTaskDefinition((td) => (td.containerDefinitions = [])) });
    // when / then
    expect((await serviceCheck.run(context)).finding).toBe('task definition shop-staging-api:7 has no container named api; it has none');
  });

  it('given a Kubernetes service, when an ecs check is run on it anyway, then it refuses rather than read a Deployment as a service', async () => {
    // given: readiness never does this (a check runs only on services of its runtime)
    const context = checkContext();
    // when / then
    await expect(serviceCheck.run(context)).rejects.toThrow('backend runs on Kubernetes, not ECS');
  });
});
