import { describe, expect, it } from 'vitest';
import { circuitBreakerThreshold } from '../../../src/sandbox/aws/ecs-controller.js';
import { unpullableReason } from '../../../src/sandbox/aws/ecs-images.js';
import { clusterNameOf, serviceNameOf, taskDefinitionRefOf, taskIdOf } from '../../../src/sandbox/aws/ecs-names.js';
import { statusAt, transitionsOf, type SandboxTask, type TaskFate } from '../../../src/sandbox/aws/ecs-tasks.js';
import { loadScenario } from '../../../src/sandbox/scenarios.js';

/** A service's task created at 0 that takes 300 ms to start, its container health-checked. */
function task(fate: TaskFate, extra: Partial<SandboxTask> = {}): SandboxTask {
  return {
    id: 't1',
    arn: 'arn:aws:ecs:eu-west-1:111122223333:task/shop-staging/t1',
    cluster: 'shop-staging',
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:1',
    group: 'service:api',
    deploymentId: 'ecs-svc/1',
    launchType: 'FARGATE',
    containers: [{ name: 'api', image: 'repo/api:1.2.0', id: 'c1', hasHealthCheck: true }],
    containerOverrides: [],
    createdAt: 0,
    startMs: 300,
    fate,
    ...extra,
  };
}

describe("an ECS task's course", () => {
  it('given a task that runs, when time passes, then it is PROVISIONING, PENDING, RUNNING, then HEALTHY and ready', () => {
    // given
    const running = task({ kind: 'runs' });
    // when
    const seen = [0, 100, 299, 300, 449, 450].map((t) => {
      const s = statusAt(running, t);
      return [s.lastStatus, s.healthStatus, s.ready];
    });
    // then
    expect(seen).toEqual([
      ['PROVISIONING', 'UNKNOWN', false],
      ['PENDING', 'UNKNOWN', false],
      ['PENDING', 'UNKNOWN', false],
      ['RUNNING', 'UNKNOWN', false],
      ['RUNNING', 'UNKNOWN', false],
      ['RUNNING', 'HEALTHY', true],
    ]);
    expect(transitionsOf(running)).toEqual([100, 300, 450]);
  });

  it('given no health check, when the task is RUNNING, then it is ready at once with health UNKNOWN', () => {
    // given
    const unchecked = task({ kind: 'runs' }, { containers: [{ name: 'api', image: 'x', id: 'c', hasHealthCheck: false }] });
    // when
    const status = statusAt(unchecked, 300);
    // then
    expect([status.lastStatus, status.healthStatus, status.ready]).toEqual(['RUNNING', 'UNKNOWN', true]);
  });

  it('given an unpullable image, when the pull ends, then the task is STOPPED TaskFailedToStart, never started, failed, with the reason on its container', () => {
    // given
    const unpullable = task({ kind: 'unpullable', container: 'api', reason: 'CannotPullContainerError: nope' });
    // when
    const before = statusAt(unpullable, 199);
    const after = statusAt(unpullable, 200);
    // then
    expect(before.lastStatus).toBe('PENDING');
    expect(after).toMatchObject({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: 'CannotPullContainerError: nope', stoppedAt: 200, failed: true });
    expect(after.startedAt).toBeUndefined();
    expect(after.containers).toEqual([{ lastStatus: 'STOPPED', reason: 'CannotPullContainerError: nope', healthStatus: 'UNKNOWN' }]);
  });

  it('given a container that exits 1 after 50 ms of running, when it has, then the task stopped EssentialContainerExited with exit code 1', () => {
    // given
    const crashing = task({ kind: 'exits', container: 'api', afterMs: 50, exitCode: 1 });
    // when
    const status = statusAt(crashing, 350);
    // then
    expect(status).toMatchObject({ stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', startedAt: 300, stoppedAt: 350, failed: true });
    expect(status.containers[0]).toMatchObject({ exitCode: 1 });
  });

  it('given a RunTask task that exits 0, when it has, then it did not fail; a service task that exits 0 did', () => {
    // given
    const finished = task({ kind: 'exits', container: 'api', afterMs: 10, exitCode: 0 }, { deploymentId: undefined, group: 'family:api' });
    const serviceExit = task({ kind: 'exits', container: 'api', afterMs: 10, exitCode: 0 });
    // when / then
    expect(statusAt(finished, 400).failed).toBe(false);
    expect(statusAt(serviceExit, 400).failed).toBe(true);
  });

  it('given a stop request before the task would end, when it comes, then the task is stopped with its code and reason and did not fail', () => {
    // given
    const stopped = task({ kind: 'runs' }, { stop: { at: 1_000, stopCode: 'ServiceSchedulerInitiated', reason: 'Scaling activity initiated by (deployment ecs-svc/2)' } });
    // when
    const status = statusAt(stopped, 1_000);
    // then
    expect(status).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/2)', failed: false });
    expect(status.containers[0]).toMatchObject({ exitCode: 0 });
    expect(transitionsOf(stopped)).toEqual([100, 300, 450, 1_000]);
  });
});

describe('the circuit breaker threshold', () => {
  it.each([
    [1, 3],
    [2, 3],
    [6, 3],
    [7, 4],
    [10, 5],
    [400, 200],
    [1_000, 200],
  ])('given %i desired tasks, then it trips at %i failed tasks: max(3, min(200, ceil(0.5 × desired)))', (desired, threshold) => {
    expect(circuitBreakerThreshold(desired)).toBe(threshold);
  });
});

describe('names ECS takes in place of ARNs', () => {
  it('given names and ARNs, when read, then the cluster, service, task id and task definition come out', () => {
    expect(clusterNameOf(undefined)).toBe('default');
    expect(clusterNameOf('arn:aws:ecs:eu-west-1:1:cluster/shop')).toBe('shop');
    expect(serviceNameOf('arn:aws:ecs:eu-west-1:1:service/shop/api')).toBe('api');
    expect(serviceNameOf('arn:aws:ecs:eu-west-1:1:service/api')).toBe('api');
    expect(taskIdOf('arn:aws:ecs:eu-west-1:1:task/shop/abc')).toBe('abc');
    expect(taskDefinitionRefOf('arn:aws:ecs:eu-west-1:1:task-definition/api:7')).toEqual({ family: 'api', revision: 7 });
    expect(taskDefinitionRefOf('api:3')).toEqual({ family: 'api', revision: 3 });
    expect(taskDefinitionRefOf('api')).toEqual({ family: 'api' });
  });
});

describe('whether an image of the sandbox ECR can be pulled', () => {
  const world = loadScenario('healthy').world;
  const repository = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api';

  it('given a multi-arch tag, then it pulls on X86_64 and ARM64; a missing tag or repository does not; another registry is assumed to', () => {
    expect(unpullableReason(world, `${repository}:1.1.0`, 'X86_64')).toBeUndefined();
    expect(unpullableReason(world, `${repository}:1.1.0`, 'ARM64')).toBeUndefined();
    expect(unpullableReason(world, `${repository}:0.0.1`, 'X86_64')).toMatch(/^CannotPullContainerError: .*: not found$/);
    expect(unpullableReason(world, '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/none:1', 'X86_64')).toMatch(/not found$/);
    expect(unpullableReason(world, 'public.ecr.aws/nginx/nginx:1.27', 'X86_64')).toBeUndefined();
  });

  it('given an arm64-only image, then an X86_64 task cannot pull it for linux/amd64', () => {
    // given
    const armOnly = structuredClone(world);
    armOnly.ecr.repositories[3]!.images[1] = { tags: ['1.1.0'], kind: 'manifest', platforms: ['linux/arm64'], sizeBytes: 1 };
    // when
    const reason = unpullableReason(armOnly, `${repository}:1.1.0`, 'X86_64');
    // then
    expect(reason).toBe("CannotPullContainerError: pull image manifest has been retried 7 time(s): image Manifest does not contain descriptor matching platform 'linux/amd64'");
  });

  it('given an amd64-only image, then an ARM64 (Graviton) task cannot pull it for linux/arm64', () => {
    // given
    const amdOnly = structuredClone(world);
    amdOnly.ecr.repositories[3]!.images[1]!.platforms = ['linux/amd64'];
    // when
    const reason = unpullableReason(amdOnly, `${repository}:1.1.0`, 'ARM64');
    // then
    expect(reason).toContain("matching platform 'linux/arm64'");
  });
});
