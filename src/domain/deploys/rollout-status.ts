import type { Deployment } from '../../ports/cluster.port.js';

export interface RolloutStatus {
  done: boolean;
  /** What `kubectl rollout status` prints (without its trailing newline); empty when `error` is set. */
  message: string;
  error?: string;
}

/** The Progressing condition's reason once progressDeadlineSeconds has passed (deploymentutil.TimedOutReason). */
export const PROGRESS_DEADLINE_EXCEEDED = 'ProgressDeadlineExceeded';

/** Go's %q for a Kubernetes object name (DNS-1123 names only need the quotes). */
const quoted = (name: string): string => JSON.stringify(name);

/**
 * A port of kubectl's DeploymentStatusViewer.Status
 * (kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go): the same
 * rules in the same order, with the same messages.
 */
export function rolloutStatus(deployment: Deployment): RolloutStatus {
  const generation = deployment.generation ?? 0;
  const observed = deployment.status.observedGeneration ?? 0;
  if (generation > observed) return { done: false, message: 'Waiting for deployment spec update to be observed...' };

  const name = quoted(deployment.name);
  const progressing = deployment.status.conditions.find((c) => c.type === 'Progressing');
  if (progressing?.reason === PROGRESS_DEADLINE_EXCEEDED) {
    return { done: false, message: '', error: `deployment ${name} exceeded its progress deadline` };
  }

  const desired = deployment.spec.replicas;
  const replicas = deployment.status.replicas ?? 0;
  const updated = deployment.status.updatedReplicas ?? 0;
  const available = deployment.status.availableReplicas ?? 0;
  const waiting = `Waiting for deployment ${name} rollout to finish:`;

  // spec.replicas unset (a nil pointer to kubectl): the rule does not apply, and updated is never below 0.
  if (updated < (desired ?? 0)) {
    return { done: false, message: `${waiting} ${updated} out of ${desired} new replicas have been updated...` };
  }
  if (replicas > updated) {
    return { done: false, message: `${waiting} ${replicas - updated} old replicas are pending termination...` };
  }
  if (available < updated) {
    return { done: false, message: `${waiting} ${available} of ${updated} updated replicas are available...` };
  }
  return { done: true, message: `deployment ${name} successfully rolled out` };
}
