import { ecsClusterOf } from '../config/ecs-references.js';
import type { ShipmateConfig } from '../config/schema.js';
import { containerOf } from '../config/service-schema.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';

/**
 * The image a service's container runs now in one environment: its
 * Deployment's (or Argo Rollout's) container's, or (ECS) the container's in the task definition
 * its service runs; undefined when the Deployment or Rollout, the ECS service or the
 * container is not there. Rejects when the cluster or ECS could not be read.
 */
export async function runningImage(config: ShipmateConfig, environment: string, service: string, ports: ReadinessPorts): Promise<string | undefined> {
  const serviceConfig = config.services[service]!;
  const env = config.environments[environment]!;
  const container = containerOf(service, serviceConfig);
  if (serviceConfig.runtime === 'ecs') {
    const found = await ports.ecs.describeService(ecsClusterOf(serviceConfig, env), serviceConfig.ecs.service);
    const taskDefinition = found ? await ports.ecs.describeTaskDefinition(found.taskDefinition) : undefined;
    return taskDefinition?.containerDefinitions.find((c) => c.name === container)?.image;
  }
  const { kubernetes } = serviceConfig;
  const found =
    kubernetes.kind === 'Rollout'
      ? await ports.rollouts.getRollout(env.kubernetes.namespace, kubernetes.rollout)
      : await ports.cluster.getDeployment(env.kubernetes.namespace, kubernetes.deployment);
  return found?.spec.template.spec.containers.find((c) => c.name === container)?.image;
}
