import { describe, expect, it } from 'vitest';
import { watchEcsDeployment, type EcsRolloutTarget } from '../../../../src/domain/deploys/ecs/watch-ecs-deployment.js';
import type { RolloutProgress } from '../../../../src/domain/deploys/watch-rollout.js';
import type { Clock } from '../../../../src/ports/clock.port.js';
import type { EcsDeployment, EcsPort, EcsService, EcsTask } from '../../../../src/ports/ecs.port.js';

const OLD = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:6';
const NEW = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:7';
const NEWER = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:8';
const T0 = Date.parse('2026-12-06T10:00:00Z');
const TARGET: EcsRolloutTarget = { cluster: 'shop-staging', service: 'api', taskDefinition: NEW, timeoutMs: 60_000, pollMs: 3_000 };
const CRASH = { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'api', exitCode: 1 }] };
const CRASHED = 'task 0f1e2d3c stopped: Essential container in task exited: container api exited with code 1';

/** The deployment of `taskDefinition` (the new revision unless said), rolling out two tasks. */
const rollout = (over: Partial<EcsDeployment> = {}): EcsDeployment => ({
  id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: NEW, desiredCount: 2, runningCount: 0, pendingCount: 2, failedTasks: 0, rolloutState: 'IN_PROGRESS', createdAt: new Date(T0), ...over,
});
const previous = (over: Partial<EcsDeployment> = {}): EcsDeployment => rollout({ id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: OLD, runningCount: 2, pendingCount: 0, rolloutState: 'COMPLETED', createdAt: new Date(T0 - 86_400_000), ...over });
/** The service as DescribeServices answers: its task definition is its PRIMARY deployment's. */
const service = (...deployments: EcsDeployment[]): EcsService => ({
  serviceName: 'api', serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/api', clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/shop-staging',
  status: 'ACTIVE', desiredCount: 2, runningCount: 2, pendingCount: 0, taskDefinition: deployments.find((d) => d.status === 'PRIMARY')!.taskDefinition, deployments, loadBalancers: [],
});
const stopped = (over: Partial<EcsTask> = {}): EcsTask => ({
  taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/shop-staging/0f1e2d3c', taskDefinitionArn: NEW, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', createdAt: new Date(T0 + 5_000), ...CRASH, ...over,
});

/** ECS as a script: each poll reads the next state (the last one repeats); ListTasks answers the service's STOPPED tasks only. */
function ecsScript(states: Array<{ service: EcsService; stopped?: EcsTask[] }>) {
  let poll = 0;
  let now = T0;
  const calls: string[] = [];
  const polledAt: number[] = [];
  const state = () => states[Math.min(poll, states.length - 1)]!;
  const ecs = {
    describeService: async (cluster: string, name: string) => (calls.push(`DescribeServices ${cluster} ${name}`), polledAt.push(now), state().service),
    listTasks: async (cluster: string, filter: { serviceName?: string; desiredStatus: string }) => {
      calls.push(`ListTasks ${cluster} ${filter.serviceName} ${filter.desiredStatus}`);
      return filter.serviceName === 'api' && filter.desiredStatus === 'STOPPED' ? (state().stopped ?? []) : [];
    },
  } as unknown as EcsPort;
  const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void ((now += ms), poll++) };
  const progress: RolloutProgress[] = [];
  const run = (target = TARGET) => watchEcsDeployment({ ecs, clock }, target, (p) => progress.push(p));
  return { run, calls, polledAt, progress };
}

describe('watchEcsDeployment: when a rollout is done', () => {
  it('given ECS still says IN_PROGRESS while every new task runs alone, when followed, then it waits for COMPLETED (ECS is still checking their health)', async () => {
    // given
    const ecs = ecsScript([{ service: service(rollout({ runningCount: 2, pendingCount: 0 })) }, { service: service(rollout({ runningCount: 2, pendingCount: 0, rolloutState: 'COMPLETED' })) }]);
    // when
    const outcome = await ecs.run();
    // then
    expect(outcome.kind).toBe('succeeded');
    expect(ecs.polledAt).toEqual([T0, T0 + 3_000]);
    expect(ecs.progress).toEqual([{ message: 'Waiting for service api to run api:7: 2 of 2 new tasks running', updated: 2, available: 2, desired: 2 }]);
  });

  it('given a deployment without rollout state (the old ECS controller), when followed, then it is done once it alone runs every desired task', async () => {
    // given
    const bare = (over: Partial<EcsDeployment>) => rollout({ rolloutState: undefined, ...over });
    const ecs = ecsScript([
      { service: service(bare({ runningCount: 1, pendingCount: 1 }), previous({ runningCount: 1 })) },
      { service: service(bare({ runningCount: 2, pendingCount: 0 }), previous({ runningCount: 1 })) },
      { service: service(bare({ runningCount: 2, pendingCount: 0 }), previous({ status: 'INACTIVE', runningCount: 0 })) },
    ]);
    // when
    const outcome = await ecs.run();
    // then
    expect(outcome).toEqual({ kind: 'succeeded', message: 'service api runs api:7: 2 of 2 tasks running' });
    expect(ecs.progress.map((p) => p.message)).toEqual([
      'Waiting for service api to run api:7: 1 of 2 new tasks running, 1 pending, 1 old still running',
      'Waiting for service api to run api:7: 2 of 2 new tasks running, 1 old still running',
    ]);
  });

  it('given a lone deployment without rollout state, when followed, then it is done at the first look once it runs every desired task, and not before', async () => {
    const done = ecsScript([{ service: service(rollout({ rolloutState: undefined, runningCount: 2, pendingCount: 0 })) }]);
    expect(await done.run({ ...TARGET, timeoutMs: 0 })).toMatchObject({ kind: 'succeeded' });
    const short = ecsScript([{ service: service(rollout({ rolloutState: undefined, runningCount: 1, pendingCount: 1 })) }]);
    expect(await short.run({ ...TARGET, timeoutMs: 3_000 })).toMatchObject({ kind: 'timeout' });
  });

  it('given the revision\'s deployment completed but someone deployed a newer one on top, when followed, then it is not taken for success, and fails once replaced', async () => {
    // given
    const ecs = ecsScript([
      { service: service(rollout({ status: 'PRIMARY', taskDefinition: NEWER }), rollout({ status: 'ACTIVE', runningCount: 2, pendingCount: 0, rolloutState: 'COMPLETED' })) },
      { service: service(rollout({ taskDefinition: NEWER, runningCount: 2, pendingCount: 0 }), rollout({ status: 'INACTIVE', runningCount: 0, pendingCount: 0, rolloutState: 'COMPLETED' })) },
    ]);
    // when
    const outcome = await ecs.run();
    // then
    expect(outcome).toEqual({
      kind: 'failed', reason: 'DeploymentReplaced', events: [],
      message: "the service no longer rolls out api:7: it runs api:8 (rolled back by ECS's circuit breaker, or deployed by someone else)",
    });
    expect(ecs.polledAt).toEqual([T0, T0 + 3_000]);
  });

  it('given ECS gives no reason for a FAILED deployment, when followed, then the failure says so', async () => {
    const ecs = ecsScript([{ service: service(rollout({ rolloutState: 'FAILED' }), previous()) }]);
    expect(await ecs.run()).toEqual({ kind: 'failed', reason: 'DeploymentFailed', message: 'ECS marked the deployment FAILED: no reason given', events: [] });
  });

  it('given a rollout that never finishes, when followed, then it gives up at the poll that reaches the time limit, not one later', async () => {
    // given: 9 s, a poll every 3 s
    const ecs = ecsScript([{ service: service(rollout(), previous()) }]);
    // when
    const outcome = await ecs.run({ ...TARGET, timeoutMs: 9_000 });
    // then
    expect(outcome.kind).toBe('timeout');
    expect(ecs.polledAt).toEqual([T0, T0 + 3_000, T0 + 6_000, T0 + 9_000]);
  });
});

describe('watchEcsDeployment: which stopped tasks fail the rollout', () => {
  it('given tasks all running or pending and none failed, when followed, then no stopped task is listed', async () => {
    const ecs = ecsScript([{ service: service(rollout({ runningCount: 0, pendingCount: 2 })) }]);
    await ecs.run({ ...TARGET, timeoutMs: 0 });
    expect(ecs.calls).toEqual(['DescribeServices shop-staging api']);
  });

  it('given a failed task ECS already replaced (its replacement pending), when followed, then the stopped task still fails the rollout', async () => {
    // given
    const ecs = ecsScript([{ service: service(rollout({ runningCount: 1, pendingCount: 1, failedTasks: 1 }), previous()), stopped: [stopped()] }]);
    // when
    const outcome = await ecs.run();
    // then
    expect(outcome).toEqual({ kind: 'failed', reason: 'EssentialContainerExited', message: CRASHED, events: [] });
    expect(ecs.calls).toEqual(['DescribeServices shop-staging api', 'ListTasks shop-staging api STOPPED']);
  });

  it('given a task missing before ECS counted it failed, when followed, then the stopped task fails the rollout', async () => {
    const ecs = ecsScript([{ service: service(rollout({ runningCount: 1, pendingCount: 0, failedTasks: 0 }), previous()), stopped: [stopped()] }]);
    expect(await ecs.run()).toMatchObject({ kind: 'failed', message: CRASHED });
  });

  it('given a scale-in listed before a crash, when followed, then the crash fails the rollout', async () => {
    // given
    const scaleIn = stopped({ taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/shop-staging/aaaa', stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/2)' });
    const ecs = ecsScript([{ service: service(rollout({ runningCount: 1, pendingCount: 0, failedTasks: 1 })), stopped: [scaleIn, stopped()] }]);
    // when / then
    expect(await ecs.run()).toMatchObject({ kind: 'failed', message: CRASHED });
  });

  it('given crashes a minute and a minute and a millisecond before the deployment\'s timestamp, when followed, then only the first counts (clocks may differ by a minute)', async () => {
    const within = ecsScript([{ service: service(rollout({ runningCount: 1, pendingCount: 0, failedTasks: 1 })), stopped: [stopped({ createdAt: new Date(T0 - 60_000) })] }]);
    expect(await within.run()).toMatchObject({ kind: 'failed', message: CRASHED });
    const before = ecsScript([{ service: service(rollout({ runningCount: 1, pendingCount: 0, failedTasks: 1 })), stopped: [stopped({ createdAt: new Date(T0 - 60_001) })] }]);
    expect(await before.run({ ...TARGET, timeoutMs: 0 })).toMatchObject({ kind: 'timeout' });
  });

  it('given a deployment or a stopped task without a creation time, when followed, then the stopped task is judged all the same', async () => {
    const ecs = ecsScript([{ service: service(rollout({ runningCount: 1, pendingCount: 0, failedTasks: 1, createdAt: undefined })), stopped: [stopped({ createdAt: undefined })] }]);
    expect(await ecs.run()).toMatchObject({ kind: 'failed', message: CRASHED });
  });
});

describe('watchEcsDeployment: a deployment ECS gave up on is told by its stopped tasks', () => {
  it('given the circuit breaker rolled back after a crash of the new revision, when followed, then the crash is the reason, not the rollback', async () => {
    // given
    const ecs = ecsScript([
      { service: service(rollout(), previous()) },
      { service: service(previous({ status: 'PRIMARY' })), stopped: [stopped()] },
    ]);
    // when / then
    expect(await ecs.run()).toEqual({ kind: 'failed', reason: 'EssentialContainerExited', message: CRASHED, events: [] });
  });

  it('given ECS marked the deployment FAILED after tasks could not pull the image, when followed, then the pull error is the reason', async () => {
    // given
    const pull = 'CannotPullContainerError: pull image manifest has been retried 5 time(s)';
    const ecs = ecsScript([{ service: service(rollout({ rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' }), previous()), stopped: [stopped({ stopCode: 'TaskFailedToStart', stoppedReason: pull, containers: [{ name: 'api' }] })] }]);
    // when / then
    expect(await ecs.run()).toEqual({ kind: 'failed', reason: 'CannotPullContainerError', message: `task 0f1e2d3c stopped: ${pull}`, events: [] });
  });

  it('given the revision replaced and only a crash from before its deployment (as first seen), when followed, then it was replaced, the old crash not blamed', async () => {
    // given
    const ecs = ecsScript([
      { service: service(rollout(), previous()) },
      { service: service(previous({ status: 'PRIMARY' })), stopped: [stopped({ createdAt: new Date(T0 - 120_000) })] },
    ]);
    // when / then
    expect(await ecs.run()).toMatchObject({ kind: 'failed', reason: 'DeploymentReplaced' });
  });
});

describe('watchEcsDeployment: progress', () => {
  it('given an old deployment already INACTIVE still listing tasks, when followed, then they are not counted as old still running', async () => {
    // given
    const ecs = ecsScript([{ service: service(rollout({ runningCount: 1, pendingCount: 0 }), previous({ status: 'INACTIVE', runningCount: 1 })) }]);
    // when
    await ecs.run({ ...TARGET, timeoutMs: 0 });
    // then
    expect(ecs.progress).toEqual([{ message: 'Waiting for service api to run api:7: 1 of 2 new tasks running', updated: 1, available: 1, desired: 2 }]);
  });

  it('given new tasks running and pending, when followed, then updated counts both and available the running ones', async () => {
    const ecs = ecsScript([{ service: service(rollout({ runningCount: 1, pendingCount: 1 }), previous()) }]);
    await ecs.run({ ...TARGET, timeoutMs: 0 });
    expect(ecs.progress).toEqual([{ message: 'Waiting for service api to run api:7: 1 of 2 new tasks running, 1 pending, 2 old still running', updated: 2, available: 1, desired: 2 }]);
  });
});
