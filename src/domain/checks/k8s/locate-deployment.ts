import type { Container, Deployment } from '../../../ports/cluster.port.js';
import { kubernetesOf } from '../../readiness/service-target.js';
import { skip, type CheckContext, type CheckOutcome } from '../check.js';
import { findContainer } from './find-container.js';

export type DeploymentLookup = { deployment: Deployment } | { skipped: CheckOutcome };
export type ContainerLookup = { deployment: Deployment; container: Container } | { skipped: CheckOutcome };

/** The service's Deployment, or the skip every check but k8s.deployment reports when it is missing. */
export async function locateDeployment({ target, facts }: CheckContext): Promise<DeploymentLookup> {
  const deployment = await facts.deployment();
  if (deployment) return { deployment };
  return {
    skipped: skip(`deployment/${kubernetesOf(target).deployment} not found in ${target.namespace} (k8s.deployment reports it)`),
  };
}

/** The Deployment and the service's container in it, or the skip the container checks report. */
export async function locateContainer(context: CheckContext): Promise<ContainerLookup> {
  const located = await locateDeployment(context);
  if ('skipped' in located) return located;
  const { deployment } = located;
  const name = kubernetesOf(context.target).container;
  const container = findContainer(deployment, name);
  if (container) return { deployment, container };
  return { skipped: skip(`deployment/${deployment.name} has no container named ${name} (k8s.deployment reports it)`) };
}
