import type { EcsTask } from '../../../ports/ecs.port.js';

export type EcsTaskFailureReason = 'CannotPullContainerError' | 'ResourceInitializationError' | 'OutOfMemoryError' | 'EssentialContainerExited' | 'TaskFailedToStart';

export interface EcsTaskFailure {
  task: string;
  reason: EcsTaskFailureReason;
  /** ECS's own words: the stopped reason, and the container's exit code and reason. */
  message: string;
}

/** Stop codes of tasks ECS or a person stopped on purpose (scale-in, replaced by a newer deployment, Spot): not this rollout's failure. */
const NOT_A_FAILURE: ReadonlySet<string> = new Set(['ServiceSchedulerInitiated', 'UserInitiated', 'SpotInterruption', 'TerminationNotice']);

/**
 * Why a stopped task of the new deployment means the rollout will not
 * succeed by itself, in ECS's words, or undefined when its stop says nothing
 * about the new revision (scale-in, a person, Spot).
 */
export function ecsTaskFailure(task: EcsTask): EcsTaskFailure | undefined {
  if (task.stopCode && NOT_A_FAILURE.has(task.stopCode)) return undefined;
  const stopped = task.stoppedReason ?? '';
  const id = task.taskArn.split('/').at(-1) ?? task.taskArn;
  // Stryker disable next-line StringLiteral: any text without "OutOfMemory" reads as no reason does
  const oom = task.containers.find((c) => /OutOfMemory/i.test(c.reason ?? ''));
  if (oom) return { task: id, reason: 'OutOfMemoryError', message: `container ${oom.name}: ${oom.reason}` };
  // Stryker disable next-line StringLiteral: any text not starting with the error reads as no reason does
  if (/^CannotPullContainerError/.test(stopped) || task.containers.some((c) => /^CannotPullContainerError/.test(c.reason ?? ''))) {
    return { task: id, reason: 'CannotPullContainerError', message: stopped || task.containers.find((c) => c.reason)!.reason! };
  }
  if (/^ResourceInitializationError/.test(stopped)) return { task: id, reason: 'ResourceInitializationError', message: stopped };
  if (task.stopCode === 'EssentialContainerExited') {
    const exited = task.containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ?? task.containers.find((c) => c.exitCode !== undefined);
    const detail = exited ? `container ${exited.name} exited with code ${exited.exitCode}${exited.reason ? ` (${exited.reason})` : ''}` : 'an essential container exited';
    return { task: id, reason: 'EssentialContainerExited', message: stopped ? `${stopped}: ${detail}` : detail };
  }
  if (task.stopCode === 'TaskFailedToStart') return { task: id, reason: 'TaskFailedToStart', message: stopped || 'the task failed to start' };
  return undefined;
}
