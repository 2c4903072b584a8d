import type { ArgoRolloutsPort } from '../../../ports/argo-rollouts.port.js';
import type { Clock } from '../../../ports/clock.port.js';
import type { ClusterPort } from '../../../ports/cluster.port.js';
import type { CanaryProgress } from '../watch-rollout.js';
import type { Workload } from '../workload.js';
import type { CanaryStatus } from './canary-status.js';
import { watchCanary } from './watch-canary.js';

/**
 * An Argo Rollout's container: apply = a JSON patch of its image (the new
 * revision's canary steps start); revision = the image it ran; token = the
 * generation after the patch; follow = watchCanary, each step, pause and
 * measurement passed on as a progress message with the canary's place.
 *
 * revert patches the image back rather than aborting. Abort (status.abort)
 * only stops this update: the spec still asks for the new image, the Rollout
 * stays Degraded, and the next change to the Rollout, or a retry, starts the
 * bad canary again. Setting the stable image back makes the Rollout's desired
 * state the stable one; Argo sees that the pod template is the stable
 * ReplicaSet's and goes straight back to it, skipping the steps (its
 * "Rollback to stable ReplicaSets", rollout/canary.go: currentStepIndex =
 * the step count). Argo aborts on a failed analysis by itself; abort() is
 * the person's Abort button, and the follow then ends as aborted.
 */
export function argoRolloutWorkload(
  deps: { rollouts: ArgoRolloutsPort; cluster: ClusterPort; clock: Clock },
  target: { namespace: string; rollout: string; container: string },
): Workload {
  const { rollouts, cluster, clock } = deps;
  const { namespace, rollout, container } = target;
  // A failed abort is not fatal: the rollback that follows points the Rollout back at the stable image anyway.
  const abortUnlessAborted = async () => {
    const found = await rollouts.getRollout(namespace, rollout).catch(() => undefined);
    if (found && !found.status.abort) await rollouts.abortRollout(namespace, rollout).catch(() => undefined);
  };
  const patch = async (image: string) => String((await rollouts.setRolloutImage(namespace, rollout, container, image)).generation);
  return {
    label: `rollout/${rollout} container ${container}`,
    async current() {
      const found = await rollouts.getRollout(namespace, rollout);
      if (!found) return undefined;
      const image = found.spec.template.spec.containers.find((c) => c.name === container)?.image;
      return { ...(image ? { image } : {}), revision: image ?? '', token: String(found.generation) };
    },
    apply: patch,
    revert: patch,
    async follow(token, timeoutMs, onProgress, signal) {
      let analysis: string | undefined;
      const outcome = await watchCanary({ rollouts, cluster, clock, ...(signal ? { signal } : {}) }, { namespace, rollout, generation: Number(token), timeoutMs }, (event) => {
        if (event.kind === 'analysis') analysis = event.message;
        const { status, message } = event;
        onProgress({ message, updated: status.updated, available: status.available, desired: status.desired, canary: canaryProgress(status, analysis) });
      });
      // Reported the moment the run failed, maybe before Argo's own abort: the Rollout is aborted now unless Argo did it.
      if (outcome.kind === 'failed' && outcome.reason === 'AnalysisFailed') await abortUnlessAborted();
      return outcome;
    },
    async promote(stepIndex) {
      // Read first: a promote that arrives after the canary went on (promoted by another click, or kubectl) must not skip the next pause.
      const found = await rollouts.getRollout(namespace, rollout);
      const pausedHere = !!found && !found.status.abort && found.status.currentStepIndex === stepIndex && found.status.pauseConditions.length > 0;
      if (!pausedHere) return 'moved-on';
      await rollouts.promoteRollout(namespace, rollout);
      return 'promoted';
    },
    async abort() {
      await rollouts.abortRollout(namespace, rollout);
    },
  };
}

function canaryProgress(status: CanaryStatus, analysis: string | undefined): CanaryProgress {
  const paused = status.phase === 'Paused';
  return {
    ...(status.stepIndex === undefined ? {} : { stepIndex: status.stepIndex }),
    stepCount: status.stepCount,
    setWeight: status.setWeight,
    paused,
    awaitingPromotion: paused && status.step?.pause !== undefined && status.step.pause.duration === undefined,
    line: status.line,
    ...(analysis ? { analysis } : {}),
  };
}
