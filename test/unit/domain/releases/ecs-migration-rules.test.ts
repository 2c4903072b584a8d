import { describe, expect, it } from 'vitest';
import { runEcsMigration, type EcsMigrationTarget } from '../../../../src/domain/releases/ecs-migration.js';
import type { Clock } from '../../../../src/ports/clock.port.js';
import type { EcsPort, EcsService, EcsTask, RunTaskInput } from '../../../../src/ports/ecs.port.js';

const TASK_ARN = 'arn:aws:ecs:eu-west-1:1:task/shop-staging/9a8b7c';
const LOG_HINT = "; its log is in the container's log configuration (CloudWatch Logs)";
const TARGET: EcsMigrationTarget = {
  cluster: 'shop-staging', service: 'api', container: 'api', image: 'repo/shop/api:1.2.0@sha256:abc', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 10, runName: 'shipmate-migrate-b7k2q9', pollMs: 1_000,
};
const SERVICE: EcsService = {
  serviceName: 'api', serviceArn: 'arn:svc', clusterArn: 'arn:cluster', status: 'ACTIVE', desiredCount: 2, runningCount: 2, pendingCount: 0,
  taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/api:6', deployments: [], loadBalancers: [], launchType: 'FARGATE',
};
const task = (lastStatus: string, over: Partial<EcsTask> = {}): EcsTask => ({
  taskArn: TASK_ARN, taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/api:7', lastStatus, desiredStatus: 'RUNNING', containers: [{ name: 'api' }], startedBy: TARGET.runName, ...over,
});

/**
 * ECS for one migration: DescribeTasks answers only for the task's ARN, each
 * poll with the next state (the last repeats; `undefined`: ECS no longer
 * knows it); ListTasks by startedBy finds `earlier` under its desired status.
 */
function ecsWorld(states: Array<EcsTask | undefined>, options: { earlier?: { task: EcsTask; desiredStatus: 'RUNNING' | 'STOPPED' }; service?: EcsService | undefined } = {}) {
  let poll = 0;
  let now = 0;
  const runs: RunTaskInput[] = [];
  const polledAt: number[] = [];
  const sleeps: number[] = [];
  const ecs = {
    describeService: async () => ('service' in options ? options.service : SERVICE),
    listTasks: async (_: string, filter: { startedBy?: string; desiredStatus: string }) =>
      options.earlier && filter.startedBy === TARGET.runName && filter.desiredStatus === options.earlier.desiredStatus ? [options.earlier.task] : [],
    registerWithImage: async () => ({ taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/api:7', family: 'api', revision: 7, containerDefinitions: [] }),
    runTask: async (input: RunTaskInput) => (runs.push(input), task('PROVISIONING')),
    describeTasks: async (_: string, arns: readonly string[]) => {
      polledAt.push(now);
      const state = states[Math.min(poll, states.length - 1)];
      return state && arns.includes(state.taskArn) ? [state] : [];
    },
  } as unknown as EcsPort;
  const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (sleeps.push(ms), (now += ms), poll++) };
  const lines: string[] = [];
  const run = (target: EcsMigrationTarget = TARGET) => runEcsMigration(target, { ecs, clock }, (l) => lines.push(l));
  return { run, runs, lines, polledAt, sleeps };
}

describe('runEcsMigration: where and how the task runs', () => {
  it('given a service on capacity providers and a platform version, when the migration starts, then the task runs on the same, not on a launch type', async () => {
    // given
    const service: EcsService = { ...SERVICE, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], platformVersion: '1.4.0' };
    const world = ecsWorld([task('STOPPED', { containers: [{ name: 'api', exitCode: 0 }] })], { service });
    // when
    await world.run();
    // then
    expect(world.runs).toEqual([{
      cluster: 'shop-staging', taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/api:7', container: 'api', command: ['alembic', 'upgrade', 'head'],
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], platformVersion: '1.4.0', startedBy: TARGET.runName, clientToken: TARGET.runName,
    }]);
  });

  it('given a service with neither network configuration nor launch type, when the migration starts, then RunTask leaves both to ECS\'s defaults', async () => {
    // given
    const { launchType: _, ...bare } = SERVICE;
    const world = ecsWorld([task('STOPPED', { containers: [{ name: 'api', exitCode: 0 }] })], { service: bare });
    // when
    await world.run();
    // then
    expect(world.runs).toEqual([{ cluster: 'shop-staging', taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/api:7', container: 'api', command: ['alembic', 'upgrade', 'head'], startedBy: TARGET.runName, clientToken: TARGET.runName }]);
  });

  it('given a service that does not exist, when the migration starts, then it fails naming the service and the cluster, starting nothing', async () => {
    // given
    const world = ecsWorld([], { service: undefined });
    // when
    const outcome = await world.run();
    // then
    expect(outcome).toEqual({ kind: 'failed', jobName: TARGET.runName, reason: 'ServiceNotFound', message: 'ECS service api not found in cluster shop-staging: no task was started', logTail: [] });
    expect(world.runs).toEqual([]);
  });
});

describe('runEcsMigration: a resumed release follows its task', () => {
  it('given a task this run started that is still running, when resumed, then it is followed and the thread says so', async () => {
    // given
    const world = ecsWorld([task('STOPPED', { containers: [{ name: 'api', exitCode: 0 }] })], { earlier: { task: task('RUNNING'), desiredStatus: 'RUNNING' } });
    // when
    const outcome = await world.run();
    // then
    expect(outcome.kind).toBe('succeeded');
    expect(world.runs).toEqual([]);
    expect(world.lines).toEqual(['Found the migration task 9a8b7c started before a restart']);
  });

  it('given a task this run started that already stopped while shipmate restarted, when resumed, then its outcome is taken, running no second task', async () => {
    // given
    const done = task('STOPPED', { desiredStatus: 'STOPPED', containers: [{ name: 'api', exitCode: 0 }] });
    const world = ecsWorld([done], { earlier: { task: done, desiredStatus: 'STOPPED' } });
    // when
    const outcome = await world.run();
    // then
    expect(outcome).toEqual({ kind: 'succeeded', jobName: '9a8b7c', message: 'the task 9a8b7c exited with code 0' });
    expect(world.runs).toEqual([]);
  });
});

describe('runEcsMigration: following the task', () => {
  it('given a task that stays pending and running over several polls, when followed, then each state is told once, at the poll interval asked for', async () => {
    // given
    const world = ecsWorld([task('PENDING'), task('PENDING'), task('RUNNING'), task('RUNNING'), task('STOPPED', { containers: [{ name: 'api', exitCode: 0 }] })]);
    // when
    await world.run();
    // then
    expect(world.lines).toEqual(['Started the migration task 9a8b7c (api:7)', 'Migration task 9a8b7c: pending', 'Migration task 9a8b7c: running']);
    expect(world.sleeps).toEqual([1_000, 1_000, 1_000, 1_000]);
  });

  it('given no poll interval, when followed, then ECS is asked every 3 s', async () => {
    // given
    const { pollMs: _, ...target } = TARGET;
    const world = ecsWorld([task('RUNNING'), task('STOPPED', { containers: [{ name: 'api', exitCode: 0 }] })]);
    // when
    await world.run(target);
    // then
    expect(world.sleeps).toEqual([3_000]);
  });

  it('given ECS no longer knows the task, when followed, then the stage fails saying so', async () => {
    const world = ecsWorld([task('RUNNING'), undefined]);
    expect(await world.run()).toEqual({ kind: 'failed', jobName: '9a8b7c', reason: 'TaskGone', message: 'ECS no longer knows the task 9a8b7c', logTail: [] });
  });

  it('given a task still running, when its time limit and one minute more have passed, then it is left running and the stage fails at that poll, not before', async () => {
    // given: a 10-minute limit, ECS asked every second
    const world = ecsWorld([task('RUNNING')]);
    // when
    const outcome = await world.run();
    // then
    expect(outcome).toEqual({
      kind: 'failed', jobName: '9a8b7c', reason: 'DeadlineExceeded', logTail: [],
      message: 'the migration task 9a8b7c ran past its 10-minute limit and was left running: stop it in ECS if it is stuck',
    });
    expect(world.polledAt.at(-1)).toBe(11 * 60_000);
    expect(world.polledAt.at(-2)).toBe(11 * 60_000 - 1_000);
  });
});

describe('runEcsMigration: the outcome of a stopped task', () => {
  it('given a sidecar that exited 0 and the migration container 1, when the task stops, then the migration failed with its container\'s code and both reasons', async () => {
    // given
    const stopped = task('STOPPED', {
      stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'log-router', exitCode: 0 }, { name: 'api', exitCode: 1, reason: 'Error: relation "orders" already exists' }],
    });
    // when
    const outcome = await ecsWorld([stopped]).run();
    // then
    expect(outcome).toEqual({
      kind: 'failed', jobName: '9a8b7c', reason: 'NonZeroExitCode', logTail: [],
      message: `container api exited with code 1 (Essential container in task exited; Error: relation "orders" already exists)${LOG_HINT}`,
    });
  });

  it('given a task without the named container, when it stops, then its first container\'s exit code decides', async () => {
    const outcome = await ecsWorld([task('STOPPED', { containers: [{ name: 'migrate', exitCode: 0 }, { name: 'sidecar', exitCode: 2 }] })]).run();
    expect(outcome).toEqual({ kind: 'succeeded', jobName: '9a8b7c', message: 'the task 9a8b7c exited with code 0' });
  });

  it('given a task that stopped before its container ran, when judged, then it failed with ECS\'s stop code and reason, no exit code', async () => {
    // given
    const pull = 'CannotPullContainerError: pull image manifest has been retried 5 time(s)';
    // when
    const outcome = await ecsWorld([task('STOPPED', { stopCode: 'TaskFailedToStart', stoppedReason: pull })]).run();
    // then
    expect(outcome).toEqual({ kind: 'failed', jobName: '9a8b7c', reason: 'TaskFailedToStart', logTail: [], message: `it stopped before its container ran (${pull})${LOG_HINT}` });
  });

  it('given a task that stopped without containers, a stop code or a reason, when judged, then it failed as stopped, with no reason to quote', async () => {
    const outcome = await ecsWorld([task('STOPPED', { containers: [] })]).run();
    expect(outcome).toEqual({ kind: 'failed', jobName: '9a8b7c', reason: 'TaskStopped', logTail: [], message: `it stopped before its container ran${LOG_HINT}` });
  });
});
