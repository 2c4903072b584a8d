import type { ArgoRollout } from '../../../ports/argo-rollouts.port.js';
import { canaryStatus, type CanaryStatus } from '../../deploys/argo/canary-status.js';
import { fail, pass, warn, type CheckOutcome } from '../check.js';

/**
 * k8s.rollout for an Argo Rollout: its status read by the rules of
 * `kubectl argo rollouts status` (canaryStatus): Healthy passes; Progressing
 * and Paused are a rollout under way (warn, naming the step and weight, and
 * for a pause what ends it); Degraded (aborted, a failed analysis, a progress
 * deadline exceeded, an invalid spec) fails, quoting Argo's message.
 */
export function argoRolloutOutcome(rollout: ArgoRollout, namespace: string): CheckOutcome {
  const status = canaryStatus(rollout);
  const name = `rollout/${rollout.name}`;
  const plugin = `kubectl argo rollouts -n ${namespace}`;
  const watch = `${plugin} get rollout ${rollout.name} --watch`;
  const at = whereOf(status);
  switch (status.phase) {
    case 'Healthy':
      return pass(`${name} Healthy: ${status.available}/${status.desired} available, ${status.stepCount > 0 ? 'every canary step done' : 'rollout complete'}`);
    case 'Degraded':
      // No step: an abort sends Argo's currentStepIndex back to 0 and the weight to 0; the message says what failed.
      return fail(
        `${name} is Degraded: "${status.message || 'no message'}"`,
        `${plugin} get rollout ${rollout.name} (its AnalysisRuns and pods say why); then /deploy a fixed version, or ${plugin} undo ${rollout.name}`,
      );
    case 'Paused':
      return pausedOutcome(rollout, status, name, plugin);
    case 'Progressing':
      return warn(`${name}: rollout in progress${at ? ` ${at}` : ''} (${status.message || 'Progressing'})`, watch);
    default:
      return warn(`${name} is in phase ${status.phase}${status.message ? `: ${status.message}` : ''}`, watch);
  }
}

/** "at step 2/5, setWeight 20" (1-based as people count steps); '' for a Rollout without steps. */
function whereOf(status: CanaryStatus): string {
  if (status.stepIndex === undefined) return '';
  return `at step ${Math.min(status.stepIndex + 1, status.stepCount)}/${status.stepCount}, setWeight ${status.setWeight}`;
}

function pausedOutcome(rollout: ArgoRollout, status: CanaryStatus, name: string, plugin: string): CheckOutcome {
  const at = whereOf(status);
  const where = at ? ` ${at}` : '';
  const pause = rollout.spec.paused ? undefined : status.step?.pause;
  if (pause?.duration !== undefined) {
    return warn(`${name} paused${where} for ${durationOf(pause.duration)}: a timed pause, it resumes by itself`, `${plugin} get rollout ${rollout.name} --watch`);
  }
  if (pause) {
    return warn(
      `${name} paused${where} awaiting promotion`,
      `promote it (the deploy thread's Promote button, or ${plugin} promote ${rollout.name}) or abort it (${plugin} abort ${rollout.name})`,
    );
  }
  return warn(`${name} paused${where} (${status.message || 'Paused'})`, `${plugin} get rollout ${rollout.name}; resume with ${plugin} promote ${rollout.name}`);
}

/** A pause step's duration as the CRD gives it: "30s", "5m", or a number of seconds. */
const durationOf = (duration: string | number): string => (typeof duration === 'number' ? `${duration}s` : duration);
