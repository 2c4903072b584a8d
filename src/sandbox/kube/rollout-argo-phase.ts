import type { RolloutShape } from './rollout-argo-objects.js';

/**
 * status.phase and status.message as the Argo Rollouts controller computes
 * them (utils/rollout CalculateRolloutPhase), for a basic canary: Degraded
 * on an aborted or timed-out condition, Paused (manually, or on a pause
 * condition), Progressing while replicas are updated or steps remain,
 * Healthy once the current pod hash is the stable one.
 */
export function rolloutPhase(rollout: RolloutShape): { phase: string; message: string } {
  const status = rollout.status ?? {};
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'InvalidSpec') return { phase: 'Degraded', message: `InvalidSpec: ${condition.message}` };
    if (condition.reason === 'RolloutAborted' || condition.reason === 'ProgressDeadlineExceeded') {
      return { phase: 'Degraded', message: `${condition.reason}: ${condition.message}` };
    }
  }
  if (rollout.spec?.paused) return { phase: 'Paused', message: 'manually paused' };
  const pause = status.pauseConditions?.[0];
  if (pause) return { phase: 'Paused', message: pause.reason };
  const updated = status.updatedReplicas ?? 0;
  if (updated < (rollout.spec?.replicas ?? 1)) return { phase: 'Progressing', message: 'more replicas need to be updated' };
  if ((status.availableReplicas ?? 0) < updated) return { phase: 'Progressing', message: 'updated replicas are still becoming available' };
  if ((status.replicas ?? 0) > updated) return { phase: 'Progressing', message: 'old replicas are pending termination' };
  if (!status.stableRS || status.stableRS !== status.currentPodHash) return { phase: 'Progressing', message: 'waiting for all steps to complete' };
  return { phase: 'Healthy', message: '' };
}
