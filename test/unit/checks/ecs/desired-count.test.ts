import { describe, expect, it } from 'vitest';
import { desiredCountCheck } from '../../../../src/domain/checks/ecs/desired-count.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { anEcsService, ecsCheckContext } from '../../../support/ecs-builders.js';

const wanting = (desiredCount: number) => ecsCheckContext({ service: anEcsService((s) => (s.desiredCount = desiredCount)) }).context;

describe('ecs.desired-count', () => {
  it.each([2, 6])('given %i desired tasks, when run, then it passes', async (count) => {
    expect(await desiredCountCheck.run(wanting(count))).toEqual({ status: 'pass', finding: `ECS service api in shop-staging wants ${count} tasks`, fix: '' });
  });

  it('given one desired task, when run, then it fails with the update-service command', async () => {
    // when
    const outcome = await desiredCountCheck.run(wanting(1));
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'ECS service api in shop-staging wants 1 task: a task replaced or an Availability Zone lost is an outage',
      fix: 'aws ecs update-service --cluster shop-staging --service api --desired-count 2 (and desired_count = 2 where the service is defined, with subnets in two Availability Zones)',
    });
  });

  it('given a service scaled to zero, when run, then it fails saying 0 tasks', async () => {
    expect((await desiredCountCheck.run(wanting(0))).finding).toMatch(/wants 0 tasks:/);
  });

  it('given the cluster is unknown, when run, then it skips pointing at ecs.service', async () => {
    // given
    const { context } = ecsCheckContext({ service: new PortError('invalid', 'ECS DescribeServices: cluster shop-stagin not found') });
    // when / then
    expect(await desiredCountCheck.run(context)).toEqual({
      status: 'skip',
      finding: 'ECS DescribeServices: cluster shop-stagin not found (ecs.service reports it)',
      fix: '',
    });
  });
});
