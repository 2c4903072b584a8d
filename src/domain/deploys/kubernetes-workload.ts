import type { Clock } from '../../ports/clock.port.js';
import type { ClusterPort } from '../../ports/cluster.port.js';
import { watchRollout } from './watch-rollout.js';
import type { Workload } from './workload.js';

/** A Deployment's container: apply = strategic merge patch of its image; revision = the image it ran; token = the generation after the patch. */
export function kubernetesWorkload(cluster: ClusterPort, clock: Clock, target: { namespace: string; deployment: string; container: string }): Workload {
  const { namespace, deployment, container } = target;
  const patch = async (image: string) => String((await cluster.setContainerImage(namespace, deployment, container, image)).generation ?? 0);
  return {
    label: `deployment/${deployment} container ${container}`,
    async current() {
      const found = await cluster.getDeployment(namespace, deployment);
      if (!found) return undefined;
      const image = found.spec.template.spec.containers.find((c) => c.name === container)?.image;
      return { ...(image ? { image } : {}), revision: image ?? '', token: String(found.generation ?? 0) };
    },
    apply: patch,
    revert: patch,
    follow: (token, timeoutMs, onProgress, signal) =>
      watchRollout({ cluster, clock, ...(signal ? { signal } : {}) }, { namespace, deployment, generation: Number(token), timeoutMs }, onProgress),
  };
}
