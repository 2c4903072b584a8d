import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { CLUSTER, ecsSandbox, registerWithTag, REPOSITORY, runMigration, SERVICE, type EcsSandbox } from './ecs-sandbox-support.js';

/**
 * The sandbox's ECS deployment controller, through the real SDK on a manual
 * clock (tasks take 0.3 s to start in the healthy world, health checks pass
 * 0.15 s later): rollouts, stopped tasks and their reasons, the circuit breaker.
 */

let env: EcsSandbox;
afterEach(async () => {
  await env?.sandbox.close();
});

const REVISION_7 = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:7';
const REVISION_8 = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:8';

/** Registers the current definition again with another image, as a deploy does, and updates the service to it. */
async function deploy(tag: string): Promise<void> {
  const registered = await registerWithTag(env.ecs, tag);
  await env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: registered.taskDefinitionArn }));
}

async function service() {
  const answer = await env.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }));
  return answer.services![0]!;
}

async function tasks(desiredStatus: 'RUNNING' | 'STOPPED', filter: { serviceName?: string; startedBy?: string } = { serviceName: SERVICE }) {
  const listed = await env.ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus, ...filter }));
  if (listed.taskArns!.length === 0) return [];
  return (await env.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: listed.taskArns! }))).tasks!;
}

const scenarioWorld = (name: string): World => loadScenario(name).world;
const withImage = (behaviour: Record<string, unknown>): World =>
  applyPatch(loadScenario('healthy').world, [{ op: 'add', path: '/ecs/behaviour/images', value: { '1.2.0': behaviour } }]);
const withoutBreaker = (rollback: boolean, enable: boolean): World =>
  applyPatch(scenarioWorld('ecs-unpullable'), [
    { op: 'replace', path: '/ecs/clusters/0/services/0/deploymentConfiguration/deploymentCircuitBreaker', value: { enable, rollback } },
  ]);

describe('a rollout', () => {
  it('given a healthy image, when the service is updated, then tasks go PROVISIONING → PENDING → RUNNING → HEALTHY, the old ones stop, and the deployment is COMPLETED', async () => {
    // given
    env = await ecsSandbox();
    await deploy('1.2.0');
    // when / then: step by step
    expect((await tasks('RUNNING')).map((t) => t.lastStatus).sort()).toEqual(['PROVISIONING', 'PROVISIONING', 'RUNNING', 'RUNNING']);
    env.advance(150);
    expect((await tasks('RUNNING')).filter((t) => t.taskDefinitionArn === REVISION_8).map((t) => t.lastStatus)).toEqual(['PENDING', 'PENDING']);
    env.advance(200);
    const fresh = (await tasks('RUNNING')).filter((t) => t.taskDefinitionArn === REVISION_8);
    expect(fresh.map((t) => [t.lastStatus, t.healthStatus])).toEqual([['RUNNING', 'UNKNOWN'], ['RUNNING', 'UNKNOWN']]);
    expect((await service()).deployments![0]).toMatchObject({ runningCount: 2, rolloutState: 'IN_PROGRESS' });
    env.advance(200);
    const done = await service();
    expect(done.deployments!.map((d) => [d.status, d.taskDefinition, d.rolloutState, d.runningCount])).toEqual([['PRIMARY', REVISION_8, 'COMPLETED', 2]]);
    expect(done).toMatchObject({ taskDefinition: REVISION_8, runningCount: 2, pendingCount: 0 });
    expect(done.events![0]!.message).toBe('(service api) has reached a steady state.');
    const running = await tasks('RUNNING');
    expect(running.map((t) => [t.taskDefinitionArn, t.healthStatus])).toEqual([[REVISION_8, 'HEALTHY'], [REVISION_8, 'HEALTHY']]);
    const stopped = await tasks('STOPPED');
    expect(stopped.map((t) => [t.taskDefinitionArn, t.stopCode, t.desiredStatus, t.lastStatus])).toEqual([
      [REVISION_7, 'ServiceSchedulerInitiated', 'STOPPED', 'STOPPED'],
      [REVISION_7, 'ServiceSchedulerInitiated', 'STOPPED', 'STOPPED'],
    ]);
  });

  it('given stopped tasks, when more than the retention time has passed, then they are no longer listed', async () => {
    // given
    env = await ecsSandbox();
    await deploy('1.2.0');
    env.advance(1_000);
    expect(await tasks('STOPPED')).toHaveLength(2);
    // when
    env.advance(3_600_000);
    // then
    expect(await tasks('STOPPED')).toEqual([]);
    expect(await tasks('RUNNING')).toHaveLength(2);
  });

  it('given only a new desiredCount, when the service is updated, then no new deployment is made and the count is reached', async () => {
    // given
    env = await ecsSandbox();
    // when
    await env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, desiredCount: 3 }));
    env.advance(1_000);
    // then
    const updated = await service();
    expect(updated.deployments!.map((d) => [d.taskDefinition, d.desiredCount, d.runningCount, d.rolloutState])).toEqual([[REVISION_7, 3, 3, 'COMPLETED']]);
  });
});

describe('tasks that fail', () => {
  it('given an unpullable image, when it is deployed, then its tasks stop TaskFailedToStart with the CannotPullContainerError, counted in failedTasks', async () => {
    // given
    env = await ecsSandbox(scenarioWorld('ecs-unpullable'));
    await deploy('1.2.0');
    // when
    env.advance(250);
    // then
    const stopped = await tasks('STOPPED');
    expect(stopped).toHaveLength(2);
    for (const task of stopped) {
      expect(task).toMatchObject({ stopCode: 'TaskFailedToStart', lastStatus: 'STOPPED', desiredStatus: 'STOPPED', taskDefinitionArn: REVISION_8 });
      expect(task.stoppedReason).toMatch(/^CannotPullContainerError: pull image manifest has been retried 7 time\(s\): failed to resolve ref .*shop\/api:1\.2\.0: pull access denied/);
      expect(task.containers![0]!.reason).toBe(task.stoppedReason);
      expect(task.startedAt).toBeUndefined();
      expect(task.startedBy).toBe((await service()).deployments![0]!.id);
    }
    expect((await service()).deployments![0]).toMatchObject({ failedTasks: 2, rolloutState: 'IN_PROGRESS' });
  });

  it('given an image that crashes on start, when it is deployed, then its tasks stop EssentialContainerExited with exit code 1', async () => {
    // given
    env = await ecsSandbox(scenarioWorld('ecs-crash'));
    await deploy('1.2.0');
    // when
    env.advance(460);
    // then
    const [task] = await tasks('STOPPED');
    expect(task).toMatchObject({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', taskDefinitionArn: REVISION_8 });
    expect(task!.startedAt).toBeDefined();
    expect(task!.containers![0]).toMatchObject({ name: 'api', lastStatus: 'STOPPED', exitCode: 1 });
  });

  it('given an image killed for its memory, when it is deployed, then the container says OutOfMemoryError with exit code 137', async () => {
    // given
    env = await ecsSandbox(withImage({ failure: 'oom' }));
    await deploy('1.2.0');
    // when
    env.advance(460);
    // then
    const [task] = await tasks('STOPPED');
    expect(task).toMatchObject({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(task!.containers![0]).toMatchObject({ exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' });
  });

  it('given an image that fails its health check, when it is deployed, then the scheduler stops its tasks for failed container health checks', async () => {
    // given
    env = await ecsSandbox(withImage({ failure: 'unhealthy' }));
    await deploy('1.2.0');
    // when
    env.advance(460);
    // then
    const [task] = await tasks('STOPPED');
    expect(task).toMatchObject({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed container health checks', healthStatus: 'UNHEALTHY' });
  });

  it('given an arm64-only image in ECR and an X86_64 task, when it is deployed, then its tasks cannot pull a manifest for linux/amd64', async () => {
    // given
    const world = applyPatch(scenarioWorld('healthy'), [
      { op: 'replace', path: '/ecr/repositories/3/images/0', value: { tags: ['1.2.0'], kind: 'manifest', platforms: ['linux/arm64'], sizeBytes: 1 } },
    ]);
    env = await ecsSandbox(world);
    await deploy('1.2.0');
    // when
    env.advance(250);
    // then
    const [task] = await tasks('STOPPED');
    expect(task).toMatchObject({ stopCode: 'TaskFailedToStart' });
    expect(task!.stoppedReason).toContain("CannotPullContainerError: pull image manifest has been retried 7 time(s): image Manifest does not contain descriptor matching platform 'linux/amd64'");
  });

  it('given a tag that is not in ECR, when it is deployed, then its tasks cannot pull it: not found', async () => {
    // given
    env = await ecsSandbox();
    await deploy('9.9.9');
    // when
    env.advance(250);
    // then
    const [task] = await tasks('STOPPED');
    expect(task!.stoppedReason).toBe(`CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${REPOSITORY}:9.9.9: ${REPOSITORY}:9.9.9: not found`);
  });
});

describe('the deployment circuit breaker', () => {
  it('given the breaker with rollback, when 3 tasks have failed, then the deployment is FAILED and the service rolls back to the previous revision', async () => {
    // given
    env = await ecsSandbox(scenarioWorld('ecs-unpullable'));
    await deploy('1.2.0');
    // when: two waves of two failed tasks
    env.advance(420);
    // then
    const rollingBack = await service();
    expect(rollingBack.deployments!.map((d) => [d.status, d.taskDefinition, d.rolloutState])).toEqual([
      ['PRIMARY', REVISION_7, 'IN_PROGRESS'],
      ['ACTIVE', REVISION_8, 'FAILED'],
      ['ACTIVE', REVISION_7, 'COMPLETED'],
    ]);
    expect(rollingBack.deployments![1]).toMatchObject({ failedTasks: 4, rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' });
    expect(rollingBack.taskDefinition).toBe(REVISION_7);
    // and the rollback completes
    env.advance(1_000);
    const rolledBack = await service();
    expect(rolledBack.deployments!.map((d) => [d.status, d.taskDefinition, d.rolloutState, d.runningCount])).toEqual([['PRIMARY', REVISION_7, 'COMPLETED', 2]]);
  });

  it('given the breaker without rollback, when it trips, then the deployment is FAILED, no more tasks start, and the old ones keep running', async () => {
    // given
    env = await ecsSandbox(withoutBreaker(false, true));
    await deploy('1.2.0');
    // when
    env.advance(5_000);
    // then
    const failed = await service();
    expect(failed.deployments![0]).toMatchObject({ status: 'PRIMARY', taskDefinition: REVISION_8, rolloutState: 'FAILED', failedTasks: 4 });
    expect((await tasks('RUNNING')).map((t) => t.taskDefinitionArn)).toEqual([REVISION_7, REVISION_7]);
  });

  it('given no breaker, when the tasks keep failing, then ECS keeps replacing them and the deployment stays IN_PROGRESS', async () => {
    // given
    env = await ecsSandbox(withoutBreaker(false, false));
    await deploy('1.2.0');
    // when
    env.advance(5_000);
    // then
    const trying = await service();
    expect(trying.deployments![0]).toMatchObject({ taskDefinition: REVISION_8, rolloutState: 'IN_PROGRESS' });
    expect(trying.deployments![0]!.failedTasks).toBeGreaterThan(20);
    expect(trying.deployments![1]).toMatchObject({ taskDefinition: REVISION_7, runningCount: 2 });
  });
});

describe('a rollback by UpdateService', () => {
  it('given a deploy whose tasks cannot start and no breaker, when the service is updated back to the previous revision, then that rollout completes alone', async () => {
    // given
    env = await ecsSandbox(withoutBreaker(false, false));
    await deploy('1.2.0');
    env.advance(250);
    // when
    await env.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, taskDefinition: REVISION_7 }));
    env.advance(1_000);
    // then
    const rolledBack = await service();
    expect(rolledBack.deployments!.map((d) => [d.status, d.taskDefinition, d.rolloutState, d.runningCount])).toEqual([['PRIMARY', REVISION_7, 'COMPLETED', 2]]);
    expect((await tasks('RUNNING')).map((t) => t.taskDefinitionArn)).toEqual([REVISION_7, REVISION_7]);
  });
});

describe('a migration task (RunTask)', () => {
  it('given a working image, when the task has run, then it is STOPPED with EssentialContainerExited and exit code 0', async () => {
    // given
    env = await ecsSandbox();
    await env.ecs.send(runMigration('migration-ok'));
    // when
    env.advance(600);
    // then
    const [task] = await tasks('STOPPED', { startedBy: 'migration-ok' });
    expect(task).toMatchObject({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', lastStatus: 'STOPPED' });
    expect(task!.containers![0]!.exitCode).toBe(0);
  });

  it('given an image whose migration fails, when the task has run, then its container exited 1', async () => {
    // given
    env = await ecsSandbox(withImage({ exitCode: 1, runMs: 100 }));
    await registerWithTag(env.ecs, '1.2.0');
    await env.ecs.send(runMigration('migration-bad'));
    // when: still running at first, then stopped
    env.advance(350);
    expect((await tasks('RUNNING', { startedBy: 'migration-bad' })).map((t) => t.lastStatus)).toEqual(['RUNNING']);
    env.advance(100);
    // then
    const [task] = await tasks('STOPPED', { startedBy: 'migration-bad' });
    expect(task).toMatchObject({ stopCode: 'EssentialContainerExited', taskDefinitionArn: REVISION_8 });
    expect(task!.containers![0]!.exitCode).toBe(1);
  });
});
