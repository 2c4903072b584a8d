import { describe, expect, it } from 'vitest';
import { ecsTaskFailure } from '../../../../src/domain/deploys/ecs/ecs-task-failure.js';
import type { EcsTask } from '../../../../src/ports/ecs.port.js';

const PULL = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref shop/api:9.9.9: not found';
const stopped = (over: Partial<EcsTask>): EcsTask => ({
  taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/shop-staging/0f1e2d3c',
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:7',
  lastStatus: 'STOPPED',
  desiredStatus: 'STOPPED',
  containers: [{ name: 'api' }],
  ...over,
});

describe('ecsTaskFailure: why a stopped task of the new revision means the rollout fails', () => {
  it.each(['ServiceSchedulerInitiated', 'UserInitiated', 'SpotInterruption', 'TerminationNotice'])(
    'given a task stopped on purpose (%s), even with a crashed container, when judged, then it is no failure of the rollout',
    (stopCode) => {
      // given
      const task = stopped({ stopCode, stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/2)', containers: [{ name: 'api', exitCode: 1, reason: 'OutOfMemoryError: Container killed due to memory usage' }] });
      // when / then
      expect(ecsTaskFailure(task)).toBeUndefined();
    },
  );

  it('given a task without a stop code or a known reason, when judged, then it says nothing about the rollout', () => {
    expect(ecsTaskFailure(stopped({}))).toBeUndefined();
    expect(ecsTaskFailure(stopped({ stopCode: 'SomethingNew', stoppedReason: 'Task stopped for a reason ECS added later' }))).toBeUndefined();
  });

  it('given a container killed for memory, when judged, then OutOfMemoryError naming that container in ECS\'s words, whatever the stop code', () => {
    // given
    const task = stopped({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'sidecar', exitCode: 0 }, { name: 'api', exitCode: 137, reason: 'outofmemory: container killed' }],
    });
    // when / then
    expect(ecsTaskFailure(task)).toEqual({ task: '0f1e2d3c', reason: 'OutOfMemoryError', message: 'container api: outofmemory: container killed' });
  });

  it('given an unpullable image in the stopped reason, when judged, then CannotPullContainerError quoting it', () => {
    expect(ecsTaskFailure(stopped({ stopCode: 'TaskFailedToStart', stoppedReason: PULL }))).toEqual({ task: '0f1e2d3c', reason: 'CannotPullContainerError', message: PULL });
  });

  it('given the pull error only on a container (no stopped reason), when judged, then CannotPullContainerError quoting the container', () => {
    // given
    const task = stopped({ stopCode: 'TaskFailedToStart', containers: [{ name: 'init' }, { name: 'api', reason: PULL }] });
    // when / then
    expect(ecsTaskFailure(task)).toEqual({ task: '0f1e2d3c', reason: 'CannotPullContainerError', message: PULL });
  });

  it('given a reason that only mentions a pull error further in, when judged, then it is not taken for one (ECS starts the reason with the error)', () => {
    // given
    const task = stopped({ stopCode: 'TaskFailedToStart', stoppedReason: `Task failed: ${PULL}`, containers: [{ name: 'api', reason: `see ${PULL}` }] });
    // when / then
    expect(ecsTaskFailure(task)).toEqual({ task: '0f1e2d3c', reason: 'TaskFailedToStart', message: `Task failed: ${PULL}` });
  });

  it('given secrets or logs that could not be set up, when judged, then ResourceInitializationError quoting ECS; mentioned further in, it is not', () => {
    const init = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed';
    expect(ecsTaskFailure(stopped({ stopCode: 'TaskFailedToStart', stoppedReason: init }))).toEqual({ task: '0f1e2d3c', reason: 'ResourceInitializationError', message: init });
    expect(ecsTaskFailure(stopped({ stoppedReason: `after ${init}` }))).toBeUndefined();
  });

  it('given an essential container that exited, when judged, then the container that failed, its exit code and reason, after ECS\'s stopped reason', () => {
    // given: a sidecar exited cleanly first, the app with 1
    const task = stopped({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'sidecar', exitCode: 0 }, { name: 'api', exitCode: 1, reason: 'Error: config missing' }],
    });
    // when / then
    expect(ecsTaskFailure(task)).toEqual({ task: '0f1e2d3c', reason: 'EssentialContainerExited', message: 'Essential container in task exited: container api exited with code 1 (Error: config missing)' });
  });

  it('given an essential container that exited 0 and no stopped reason, when judged, then that container and its code alone', () => {
    // given
    const task = stopped({ stopCode: 'EssentialContainerExited', containers: [{ name: 'proxy' }, { name: 'api', exitCode: 0 }] });
    // when / then
    expect(ecsTaskFailure(task)).toEqual({ task: '0f1e2d3c', reason: 'EssentialContainerExited', message: 'container api exited with code 0' });
  });

  it('given an essential container exit without any exit code, when judged, then it says an essential container exited', () => {
    expect(ecsTaskFailure(stopped({ stopCode: 'EssentialContainerExited' }))).toEqual({ task: '0f1e2d3c', reason: 'EssentialContainerExited', message: 'an essential container exited' });
  });

  it('given a task that failed to start for another reason, when judged, then TaskFailedToStart with ECS\'s reason, or a plain one without', () => {
    expect(ecsTaskFailure(stopped({ stopCode: 'TaskFailedToStart', stoppedReason: 'Timeout waiting for network interface provisioning to complete.' }))).toEqual({
      task: '0f1e2d3c',
      reason: 'TaskFailedToStart',
      message: 'Timeout waiting for network interface provisioning to complete.',
    });
    expect(ecsTaskFailure(stopped({ stopCode: 'TaskFailedToStart' }))).toEqual({ task: '0f1e2d3c', reason: 'TaskFailedToStart', message: 'the task failed to start' });
  });

});
