import { describe, expect, it } from 'vitest';
import { watchEcsDeployment, type EcsRolloutTarget } from '../../../../src/domain/deploys/ecs/watch-ecs-deployment.js';
import type { RolloutProgress } from '../../../../src/domain/deploys/watch-rollout.js';
import type { Clock } from '../../../../src/ports/clock.port.js';
import type { EcsDeployment, EcsPort, EcsService, EcsTask } from '../../../../src/ports/ecs.port.js';

const OLD = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:6';
const NEW = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:7';
const T0 = new Date('2026-12-06T10:00:00Z');
const TARGET: EcsRolloutTarget = { cluster: 'shop-staging', service: 'api', taskDefinition: NEW, timeoutMs: 60_000, pollMs: 3_000 };

const deployment = (over: Partial<EcsDeployment> = {}): EcsDeployment => ({
  id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: NEW, desiredCount: 2, runningCount: 0, pendingCount: 2, failedTasks: 0, rolloutState: 'IN_PROGRESS', createdAt: T0, ...over,
});
const oldDeployment = (running = 2): EcsDeployment => ({ id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: OLD, desiredCount: 2, runningCount: running, pendingCount: 0, failedTasks: 0, rolloutState: 'COMPLETED', createdAt: new Date('2026-12-01T00:00:00Z') });
const service = (deployments: EcsDeployment[]): EcsService => ({
  serviceName: 'api', serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/api', clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/shop-staging',
  status: 'ACTIVE', desiredCount: 2, runningCount: 2, pendingCount: 0, taskDefinition: deployments.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? OLD, deployments, loadBalancers: [],
});
const stopped = (over: Partial<EcsTask>): EcsTask => ({
  taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/shop-staging/0f1e2d3c', taskDefinitionArn: NEW, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', containers: [{ name: 'api' }], createdAt: new Date(T0.getTime() + 5_000), ...over,
});

/** ECS as a script: each poll reads the next state (the last one repeats). */
function world(states: Array<{ service: EcsService | undefined; stopped?: EcsTask[] }>) {
  let poll = 0;
  let now = T0.getTime();
  const calls: string[] = [];
  const sleeps: number[] = [];
  const state = () => states[Math.min(poll, states.length - 1)]!;
  const ecs = {
    describeService: async () => (calls.push('DescribeServices'), state().service),
    listTasks: async () => (calls.push('ListTasks'), state().stopped ?? []),
  } as unknown as EcsPort;
  const clock: Clock = { now: () => new Date(now), sleep: async (ms) => { sleeps.push(ms); now += ms; poll++; } };
  const progress: RolloutProgress[] = [];
  return { run: (target = TARGET) => watchEcsDeployment({ ecs, clock }, target, (p) => progress.push(p)), calls, sleeps, progress };
}

describe('watchEcsDeployment', () => {
  it('succeeds when the new deployment is PRIMARY and COMPLETED, reporting each change of progress once', async () => {
    // given
    const w = world([
      { service: service([deployment(), oldDeployment()]) },
      { service: service([deployment(), oldDeployment()]) },
      { service: service([deployment({ runningCount: 1, pendingCount: 1 }), oldDeployment(1)]) },
      { service: service([deployment({ runningCount: 2, pendingCount: 0, rolloutState: 'COMPLETED' })]) },
    ]);
    // when
    const outcome = await w.run();
    // then
    expect(outcome).toEqual({ kind: 'succeeded', message: 'service api runs api:7: 2 of 2 tasks running' });
    expect(w.progress.map((p) => p.message)).toEqual([
      'Waiting for service api to run api:7: 0 of 2 new tasks running, 2 pending, 2 old still running',
      'Waiting for service api to run api:7: 1 of 2 new tasks running, 1 pending, 1 old still running',
    ]);
    expect(w.sleeps).toEqual([3_000, 3_000, 3_000]);
  });

  it('fails at the first poll that sees a task of the new revision stopped with CannotPullContainerError, quoting ECS', async () => {
    // given
    const pull = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api:9.9.9: not found';
    const w = world([
      { service: service([deployment(), oldDeployment()]) },
      { service: service([deployment({ pendingCount: 1, failedTasks: 1 }), oldDeployment()]), stopped: [stopped({ stopCode: 'TaskFailedToStart', stoppedReason: pull })] },
    ]);
    // when
    const outcome = await w.run();
    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'CannotPullContainerError' });
    expect(outcome.kind === 'failed' && outcome.message).toBe(`task 0f1e2d3c stopped: ${pull}`);
    expect(w.sleeps).toHaveLength(1);
  });

  it.each([
    [{ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'api', exitCode: 1 }] }, 'EssentialContainerExited', 'Essential container in task exited: container api exited with code 1'],
    [{ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'api', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }] }, 'OutOfMemoryError', 'container api: OutOfMemoryError: Container killed due to memory usage'],
    [{ stopCode: 'TaskFailedToStart', stoppedReason: 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed' }, 'ResourceInitializationError', 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed'],
  ] as const)('fails fast on a stopped task: %j is %s', async (task, reason, message) => {
    const w = world([{ service: service([deployment({ runningCount: 1, pendingCount: 0, failedTasks: 1 }), oldDeployment()]), stopped: [stopped(task as Partial<EcsTask>)] }]);
    const outcome = await w.run();
    expect(outcome).toEqual({ kind: 'failed', reason, message: `task 0f1e2d3c stopped: ${message}`, events: [] });
  });

  it('ignores tasks stopped on purpose, of the old revision, or from before this deployment', async () => {
    // given: a scale-in, an old revision's crash, a crash of this revision from an earlier deployment
    const w = world([
      {
        service: service([deployment({ runningCount: 1, pendingCount: 0, failedTasks: 1 }), oldDeployment()]),
        stopped: [
          stopped({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/2)' }),
          stopped({ taskDefinitionArn: OLD, stopCode: 'EssentialContainerExited', containers: [{ name: 'api', exitCode: 1 }] }),
          stopped({ createdAt: new Date(T0.getTime() - 3_600_000), stopCode: 'EssentialContainerExited', containers: [{ name: 'api', exitCode: 1 }] }),
        ],
      },
      { service: service([deployment({ runningCount: 2, pendingCount: 0, rolloutState: 'COMPLETED' })]) },
    ]);
    // when / then
    expect((await w.run()).kind).toBe('succeeded');
  });

  it('does not list stopped tasks while every task of the deployment is running or pending and none failed', async () => {
    const w = world([{ service: service([deployment({ runningCount: 2, pendingCount: 0, rolloutState: 'COMPLETED' })]) }]);
    await w.run();
    expect(w.calls).toEqual(['DescribeServices']);
  });

  it('fails when ECS marks the deployment FAILED, and when the revision is no longer deployed (the circuit breaker rolled back)', async () => {
    const failed = world([{ service: service([deployment({ rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' }), oldDeployment()]) }]);
    expect(await failed.run()).toEqual({ kind: 'failed', reason: 'DeploymentFailed', message: 'ECS marked the deployment FAILED: ECS deployment circuit breaker: tasks failed to start.', events: [] });
    const back = world([{ service: service([{ ...oldDeployment(), status: 'PRIMARY' }]) }]);
    const outcome = await back.run();
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'DeploymentReplaced' });
    expect(outcome.kind === 'failed' && outcome.message).toContain('it runs api:6');
  });

  it('times out with the last progress, and throws when the service is gone', async () => {
    const stuck = world([{ service: service([deployment(), oldDeployment()]) }]);
    const outcome = await stuck.run({ ...TARGET, timeoutMs: 9_000 });
    expect(outcome).toEqual({ kind: 'timeout', message: 'gave up after 9 s: Waiting for service api to run api:7: 0 of 2 new tasks running, 2 pending, 2 old still running' });
    await expect(world([{ service: undefined }]).run()).rejects.toThrow('ECS service api in cluster shop-staging is gone');
  });

  it('rejects with the signal\'s reason once aborted, asking ECS nothing more', async () => {
    const controller = new AbortController();
    controller.abort(new Error('handed over'));
    const w = world([{ service: service([deployment()]) }]);
    await expect(watchEcsDeployment({ ecs: {} as EcsPort, clock: { now: () => T0, sleep: async () => undefined }, signal: controller.signal }, TARGET, () => undefined)).rejects.toThrow('handed over');
    expect(w.calls).toEqual([]);
  });
});
