import type { ArgoRolloutsPort } from '../../../ports/argo-rollouts.port.js';
import type { Clock } from '../../../ports/clock.port.js';
import type { ClusterPort } from '../../../ports/cluster.port.js';
import type { Workload } from '../workload.js';
import { watchCanary } from './watch-canary.js';

/**
 * An Argo Rollout's container: apply = a JSON patch of its image (the new
 * revision's canary steps start); revision = the image it ran; token = the
 * generation after the patch; follow = watchCanary, each step, pause and
 * measurement passed on as a progress message.
 *
 * revert patches the image back rather than aborting. Abort (status.abort)
 * only stops this update: the spec still asks for the new image, the Rollout
 * stays Degraded, and the next change to the Rollout, or a retry, starts the
 * bad canary again. Setting the stable image back makes the Rollout's desired
 * state the stable one; Argo sees that the pod template is the stable
 * ReplicaSet's and goes straight back to it, skipping the steps (its
 * "Rollback to stable ReplicaSets", rollout/canary.go: currentStepIndex =
 * the step count). Argo already aborts on a failed analysis by
 * itself; the Abort button (a person) is the next session's.
 */
export function argoRolloutWorkload(
  deps: { rollouts: ArgoRolloutsPort; cluster: ClusterPort; clock: Clock },
  target: { namespace: string; rollout: string; container: string },
): Workload {
  const { rollouts, cluster, clock } = deps;
  const { namespace, rollout, container } = target;
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
    follow: (token, timeoutMs, onProgress, signal) =>
      watchCanary({ rollouts, cluster, clock, ...(signal ? { signal } : {}) }, { namespace, rollout, generation: Number(token), timeoutMs }, ({ status, message }) =>
        onProgress({ message, updated: status.updated, available: status.available, desired: status.desired }),
      ),
  };
}
