import { describe, expect, it } from 'vitest';
import { runEcsMigration, type EcsMigrationTarget } from '../../../../src/domain/releases/ecs-migration.js';
import type { Clock } from '../../../../src/ports/clock.port.js';
import type { EcsPort, EcsService, EcsTask, RunTaskInput } from '../../../../src/ports/ecs.port.js';

const TARGET: EcsMigrationTarget = {
  cluster: 'shop-staging', service: 'api', container: 'api', image: 'repo/shop/api:1.2.0@sha256:abc', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 10, runName: 'shipmate-migrate-b7k2q9', pollMs: 1_000,
};
const SERVICE: EcsService = {
  serviceName: 'api', serviceArn: 'arn:svc', clusterArn: 'arn:cluster', status: 'ACTIVE', desiredCount: 2, runningCount: 2, pendingCount: 0,
  taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/api:6', deployments: [], loadBalancers: [], launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } },
};
const task = (lastStatus: string, over: Partial<EcsTask> = {}): EcsTask => ({
  taskArn: 'arn:aws:ecs:eu-west-1:1:task/shop-staging/9a8b7c', taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/api:7', lastStatus, desiredStatus: 'RUNNING', containers: [{ name: 'api' }], startedBy: TARGET.runName, ...over,
});

function fake(states: EcsTask[], options: { earlier?: EcsTask; service?: EcsService | undefined } = {}) {
  let poll = 0;
  let now = 0;
  const runs: RunTaskInput[] = [];
  const registered: string[] = [];
  const ecs = {
    describeService: async () => ('service' in options ? options.service : SERVICE),
    listTasks: async (_: string, filter: { desiredStatus: string }) => (options.earlier && filter.desiredStatus === 'RUNNING' ? [options.earlier] : []),
    registerWithImage: async (from: string, container: string, image: string) => (registered.push(`${from} ${container} ${image}`), { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/api:7', family: 'api', revision: 7, containerDefinitions: [] }),
    runTask: async (input: RunTaskInput) => (runs.push(input), task('PROVISIONING')),
    describeTasks: async () => [states[Math.min(poll, states.length - 1)]!],
  } as unknown as EcsPort;
  const clock: Clock = { now: () => new Date(now), sleep: async (ms) => { now += ms; poll++; } };
  const lines: string[] = [];
  return { run: () => runEcsMigration(TARGET, { ecs, clock }, (l) => lines.push(l)), runs, registered, lines };
}

describe('runEcsMigration', () => {
  it('runs one task of a new revision with the release image, the command overridden, in the service\'s network; exit 0 succeeds', async () => {
    const f = fake([task('PENDING'), task('RUNNING'), task('STOPPED', { containers: [{ name: 'api', exitCode: 0 }], stopCode: 'EssentialContainerExited' })]);
    const outcome = await f.run();
    expect(outcome).toEqual({ kind: 'succeeded', jobName: '9a8b7c', message: 'the task 9a8b7c exited with code 0' });
    expect(f.registered).toEqual(['arn:aws:ecs:eu-west-1:1:task-definition/api:6 api repo/shop/api:1.2.0@sha256:abc']);
    expect(f.runs).toEqual([{
      cluster: 'shop-staging', taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/api:7', container: 'api', command: ['alembic', 'upgrade', 'head'],
      networkConfiguration: SERVICE.networkConfiguration, launchType: 'FARGATE', startedBy: 'shipmate-migrate-b7k2q9', clientToken: 'shipmate-migrate-b7k2q9',
    }]);
    expect(f.lines).toEqual(['Started the migration task 9a8b7c (api:7)', 'Migration task 9a8b7c: pending', 'Migration task 9a8b7c: running']);
  });

  it('fails with the exit code and ECS\'s reason when the container exits non-zero', async () => {
    const f = fake([task('STOPPED', { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', containers: [{ name: 'api', exitCode: 1 }] })]);
    const outcome = await f.run();
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'NonZeroExitCode', logTail: [] });
    expect(outcome.kind === 'failed' && outcome.message).toContain('container api exited with code 1 (Essential container in task exited)');
  });

  it('fails naming the stop when the task never ran its container (an unpullable image)', async () => {
    const f = fake([task('STOPPED', { stopCode: 'TaskFailedToStart', stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' })]);
    const outcome = await f.run();
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'TaskFailedToStart' });
    expect(outcome.kind === 'failed' && outcome.message).toContain('CannotPullContainerError');
  });

  it('follows the task a resumed release started before, registering and running nothing', async () => {
    const f = fake([task('STOPPED', { containers: [{ name: 'api', exitCode: 0 }] })], { earlier: task('RUNNING') });
    expect((await f.run()).kind).toBe('succeeded');
    expect(f.runs).toEqual([]);
    expect(f.registered).toEqual([]);
  });

  it('starts nothing for a service that does not exist, and gives up past its time limit', async () => {
    const none = fake([], { service: undefined });
    expect(await none.run()).toMatchObject({ kind: 'failed', reason: 'ServiceNotFound' });
    expect(none.runs).toEqual([]);
    const stuck = fake([task('RUNNING')]);
    expect(await stuck.run()).toMatchObject({ kind: 'failed', reason: 'DeadlineExceeded' });
  });
});
