import type { ReplicaSetShape } from './rollout-controller-objects.js';
import type { RolloutCondition, RolloutShape } from './rollout-argo-objects.js';

/** Replicas of a basic canary (no traffic routing) at a weight: the canary rounded up, the stable the rest. */
export function canaryCounts(replicas: number, weight: number): { canary: number; stable: number } {
  const canary = Math.min(replicas, Math.ceil((replicas * weight) / 100));
  return { canary, stable: replicas - canary };
}

/** How the Rollout's pods moved in this sync, for the progress deadline. */
export interface ProgressTiming {
  now: number;
  /** Ready or updated counts changed: progress, which restarts the deadline. */
  progressed: boolean;
  /** A step (or the end) waits for pods to become available: the only time the deadline runs. */
  waitingOnPods: boolean;
  /** progressDeadlineSeconds in the sandbox's time (scaled like a Deployment's). */
  deadlineMs: number;
}

/**
 * status.conditions of a Rollout with Argo's reasons and messages:
 * Progressing (ReplicaSetUpdated, RolloutPaused, NewReplicaSetAvailable,
 * ProgressDeadlineExceeded "ReplicaSet \"…\" has timed out progressing." once
 * pods made no progress for progressDeadlineSeconds, or RolloutAborted
 * "Rollout aborted update to revision N[: why]") and Available. A condition
 * that did not change keeps its timestamps.
 */
export function rolloutConditions(rollout: RolloutShape, newRS: ReplicaSetShape, at: string, abortMessage: string | undefined, timing: ProgressTiming): RolloutCondition[] {
  const status = rollout.status ?? {};
  const previous = status.conditions ?? [];
  const revision = rollout.metadata?.annotations?.['rollout.argoproj.io/revision'] ?? '1';
  const aborted = previous.find((c) => c.type === 'Progressing' && c.reason === 'RolloutAborted');
  let progressing: Pick<RolloutCondition, 'status' | 'reason' | 'message'>;
  if (status.abort) {
    const message = abortMessage !== undefined ? `Rollout aborted update to revision ${revision}: ${abortMessage}` : (aborted?.message ?? `Rollout aborted update to revision ${revision}`);
    progressing = { status: 'False', reason: 'RolloutAborted', message };
  } else if (rollout.spec?.paused || (status.pauseConditions ?? []).length > 0) {
    progressing = { status: 'Unknown', reason: 'RolloutPaused', message: 'Rollout is paused' };
  } else if (status.stableRS === status.currentPodHash && (status.availableReplicas ?? 0) >= (rollout.spec?.replicas ?? 1) && status.replicas === status.updatedReplicas) {
    progressing = { status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRS.metadata?.name}" has successfully progressed.` };
  } else {
    const old = previous.find((c) => c.type === 'Progressing');
    const timedOut =
      timing.waitingOnPods &&
      !timing.progressed &&
      (old?.reason === 'ProgressDeadlineExceeded' || (old?.reason === 'ReplicaSetUpdated' && Date.parse(old.lastUpdateTime) + timing.deadlineMs <= timing.now));
    progressing = timedOut
      ? { status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRS.metadata?.name}" has timed out progressing.` }
      : { status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRS.metadata?.name}" is progressing.` };
  }
  const available = (status.availableReplicas ?? 0) >= (rollout.spec?.replicas ?? 1);
  const wanted = [
    { type: 'Progressing', ...progressing },
    { type: 'Available', status: available ? 'True' : 'False', reason: 'AvailableReason', message: available ? 'Rollout has minimum availability' : 'Rollout does not have minimum availability' },
  ];
  return wanted.map((condition) => {
    const old = previous.find((c) => c.type === condition.type);
    const same =
      old && old.status === condition.status && old.reason === condition.reason && old.message === condition.message && !(timing.progressed && condition.reason === 'ReplicaSetUpdated');
    if (same) return old;
    return { ...condition, lastUpdateTime: at, lastTransitionTime: old && old.status === condition.status ? old.lastTransitionTime : at };
  });
}
