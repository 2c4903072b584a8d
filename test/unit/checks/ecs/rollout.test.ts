import { describe, expect, it } from 'vitest';
import { rolloutCheck } from '../../../../src/domain/checks/ecs/rollout.js';
import type { EcsDeployment } from '../../../../src/ports/ecs.port.js';
import { anEcsService, ecsCheckContext } from '../../../support/ecs-builders.js';

const EVENTS = "aws ecs describe-services --cluster shop-staging --services api --query 'services[0].events[:5]'";
const STOPPED = 'aws ecs list-tasks --cluster shop-staging --service-name api --desired-status STOPPED';

const older: EcsDeployment = {
  id: 'ecs-svc/0',
  status: 'ACTIVE',
  taskDefinition: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:6',
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  failedTasks: 0,
};

describe('ecs.rollout', () => {
  it('given a COMPLETED primary deployment with every task running, when run, then it passes', async () => {
    // given
    const { context } = ecsCheckContext();
    // when / then
    expect(await rolloutCheck.run(context)).toEqual({ status: 'pass', finding: '2/2 tasks running, deployment complete', fix: '' });
  });

  it('given a FAILED primary deployment, when run, then it fails quoting ECS\'s reason', async () => {
    // given
    const service = anEcsService((s) => {
      s.deployments[0]!.rolloutState = 'FAILED';
      s.deployments[0]!.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
    });
    const { context } = ecsCheckContext({ service });
    // when
    const outcome = await rolloutCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'ECS service api in shop-staging: its deployment failed: "ECS deployment circuit breaker: tasks failed to start."',
      fix: `${EVENTS}; ${STOPPED}`,
    });
  });

  it('given fewer tasks running than desired, when run, then it fails counting the failed ones', async () => {
    // given
    const service = anEcsService((s) => {
      s.runningCount = 1;
      s.deployments[0]!.runningCount = 1;
      s.deployments[0]!.failedTasks = 3;
    });
    const { context } = ecsCheckContext({ service });
    // when
    const outcome = await rolloutCheck.run(context);
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('ECS service api in shop-staging: 1 of 2 tasks running; 3 tasks of the newest revision failed');
  });

  it('given one task short and none failed, when run, then it fails without a failure count', async () => {
    // given
    const { context } = ecsCheckContext({ service: anEcsService((s) => (s.runningCount = 1)) });
    // when / then
    expect((await rolloutCheck.run(context)).finding).toBe('ECS service api in shop-staging: 1 of 2 tasks running');
  });

  it('given a rollout IN_PROGRESS with the old revision still serving, when run, then it warns with the wait command', async () => {
    // given
    const service = anEcsService((s) => {
      s.deployments[0]!.rolloutState = 'IN_PROGRESS';
      s.deployments[0]!.runningCount = 1;
      s.deployments.push(older);
      s.runningCount = 3;
    });
    const { context } = ecsCheckContext({ service });
    // when
    const outcome = await rolloutCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'warn',
      finding: 'ECS service api in shop-staging: deployment in progress, 1 of 2 tasks on the newest revision, 1 older deployment still running',
      fix: 'aws ecs wait services-stable --cluster shop-staging --services api',
    });
  });

  it('given no rolloutState (a Classic Load Balancer) but an older deployment still ACTIVE, when run, then it warns', async () => {
    // given
    const service = anEcsService((s) => {
      delete s.deployments[0]!.rolloutState;
      s.deployments.push(older, { ...older, id: 'ecs-svc/00' });
    });
    const { context } = ecsCheckContext({ service });
    // when
    const outcome = await rolloutCheck.run(context);
    // then
    expect(outcome.status).toBe('warn');
    expect(outcome.finding).toContain('2 older deployments still running');
  });

  it('given an old deployment already INACTIVE, when run, then it does not count', async () => {
    // given
    const { context } = ecsCheckContext({ service: anEcsService((s) => s.deployments.push({ ...older, status: 'INACTIVE', runningCount: 0 })) });
    // when / then
    expect((await rolloutCheck.run(context)).status).toBe('pass');
  });

  it('given no PRIMARY deployment, when run, then it fails', async () => {
    // given
    const { context } = ecsCheckContext({ service: anEcsService((s) => (s.deployments = [])) });
    // when / then
    expect(await rolloutCheck.run(context)).toEqual({ status: 'fail', finding: 'ECS service api in shop-staging has no PRIMARY deployment', fix: EVENTS });
  });

  it('given the service is INACTIVE, when run, then it skips pointing at ecs.service', async () => {
    // given
    const { context, calls } = ecsCheckContext({ service: anEcsService((s) => (s.status = 'INACTIVE')) });
    // when
    const outcome = await rolloutCheck.run(context);
    // then
    expect(outcome.status).toBe('skip');
    expect(outcome.finding).toContain('(ecs.service reports it)');
    expect(calls.describeTaskDefinition).toEqual([]);
  });

  it('given a FAILED deployment without a reason, when run, then it says none was given', async () => {
    // given
    const { context } = ecsCheckContext({ service: anEcsService((s) => (s.deployments[0]!.rolloutState = 'FAILED')) });
    // when / then
    expect((await rolloutCheck.run(context)).finding).toBe('ECS service api in shop-staging: its deployment failed: "no reason given"');
  });

  it('given the PRIMARY deployment listed after an older one, when run, then the PRIMARY one is judged', async () => {
    // given
    const service = anEcsService((s) => {
      s.deployments[0]!.rolloutState = 'FAILED';
      s.deployments[0]!.rolloutStateReason = 'tasks failed to start';
      s.deployments.unshift({ ...older, rolloutState: 'COMPLETED' });
    });
    const { context } = ecsCheckContext({ service });
    // when / then
    expect((await rolloutCheck.run(context)).finding).toBe('ECS service api in shop-staging: its deployment failed: "tasks failed to start"');
  });

  it('given one task short and one failed, when run, then it fails with the events and the stopped tasks to look at', async () => {
    // given
    const service = anEcsService((s) => {
      s.runningCount = 1;
      s.deployments[0]!.failedTasks = 1;
    });
    const { context } = ecsCheckContext({ service });
    // when
    const outcome = await rolloutCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'ECS service api in shop-staging: 1 of 2 tasks running; 1 task of the newest revision failed',
      fix: `${EVENTS}; ${STOPPED}`,
    });
  });

  it('given a rollout IN_PROGRESS alone, every task already running, when run, then it still warns, naming no older deployment', async () => {
    // given
    const { context } = ecsCheckContext({ service: anEcsService((s) => (s.deployments[0]!.rolloutState = 'IN_PROGRESS')) });
    // when
    const outcome = await rolloutCheck.run(context);
    // then
    expect(outcome).toMatchObject({ status: 'warn', finding: 'ECS service api in shop-staging: deployment in progress, 2 of 2 tasks on the newest revision' });
  });
});
