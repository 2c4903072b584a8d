import type { Clock } from '../../../ports/clock.port.js';
import type { EcsPort } from '../../../ports/ecs.port.js';
import type { Workload } from '../workload.js';
import { watchEcsDeployment } from './watch-ecs-deployment.js';

/** How often an ECS deployment is looked at (ECS has no watch API): a stopped task is seen within this long. */
export const ECS_POLL_MS = 3_000;

/**
 * An ECS service's container: apply = a new task definition revision with
 * only that container's image changed, then UpdateService to it; revision =
 * the task definition the service ran (a rollback updates the service back
 * to it, registering nothing); token = the revision being rolled out.
 */
export function ecsWorkload(ecs: EcsPort, clock: Clock, target: { cluster: string; service: string; container: string; pollMs?: number }): Workload {
  const { cluster, service, container } = target;
  return {
    label: `ECS service ${service} container ${container}`,
    async current() {
      const found = await ecs.describeService(cluster, service);
      if (!found) return undefined;
      const definition = await ecs.describeTaskDefinition(found.taskDefinition);
      const image = definition?.containerDefinitions.find((c) => c.name === container)?.image;
      return { ...(image ? { image } : {}), revision: found.taskDefinition, token: found.taskDefinition };
    },
    async apply(image) {
      const found = await ecs.describeService(cluster, service);
      if (!found) throw new Error(`ECS service ${service} in cluster ${cluster} not found`);
      const registered = await ecs.registerWithImage(found.taskDefinition, container, image);
      await ecs.updateService(cluster, service, registered.taskDefinitionArn);
      return registered.taskDefinitionArn;
    },
    async revert(revision) {
      await ecs.updateService(cluster, service, revision);
      return revision;
    },
    follow: (token, timeoutMs, onProgress, signal) =>
      watchEcsDeployment({ ecs, clock, ...(signal ? { signal } : {}) }, { cluster, service, taskDefinition: token, timeoutMs, pollMs: target.pollMs ?? ECS_POLL_MS }, onProgress),
  };
}
