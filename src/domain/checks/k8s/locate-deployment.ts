import type { Container } from '../../../ports/cluster.port.js';
import { PortError } from '../../../ports/port-error.js';
import type { ServiceTarget } from '../../readiness/service-target.js';
import { kubernetesOf } from '../../readiness/service-target.js';
import type { WorkloadObject } from '../../readiness/workload-object.js';
import { skip, type CheckContext, type CheckOutcome } from '../check.js';
import { configuredName } from './describe-object.js';
import { findContainer } from './find-container.js';

export type DeploymentLookup = { deployment: WorkloadObject } | { skipped: CheckOutcome };
export type ContainerLookup = { deployment: WorkloadObject; container: Container } | { skipped: CheckOutcome };

/**
 * Whether reading a Rollout failed because the cluster has no Argo Rollouts
 * (the adapter's `invalid` PortError: no rollouts.argoproj.io in the API
 * server): a finding about the cluster, which k8s.deployment reports.
 */
export function argoRolloutsMissing(target: ServiceTarget, error: unknown): error is PortError {
  return kubernetesOf(target).kind === 'Rollout' && error instanceof PortError && error.code === 'invalid';
}

/** The service's Deployment (or Rollout), or the skip every check but k8s.deployment reports when it is missing. */
export async function locateDeployment({ target, facts }: CheckContext): Promise<DeploymentLookup> {
  const name = configuredName(kubernetesOf(target));
  let deployment: WorkloadObject | undefined;
  try {
    deployment = await facts.deployment();
  } catch (error) {
    if (argoRolloutsMissing(target, error)) return { skipped: skip(`${name} cannot be read: Argo Rollouts is not installed (k8s.deployment reports it)`) };
    throw error;
  }
  if (deployment) return { deployment };
  return { skipped: skip(`${name} not found in ${target.namespace} (k8s.deployment reports it)`) };
}

/** The Deployment (or Rollout) and the service's container in it, or the skip the container checks report. */
export async function locateContainer(context: CheckContext): Promise<ContainerLookup> {
  const located = await locateDeployment(context);
  if ('skipped' in located) return located;
  const { deployment } = located;
  const name = kubernetesOf(context.target).container;
  const container = findContainer(deployment, name);
  if (container) return { deployment, container };
  return { skipped: skip(`${configuredName(kubernetesOf(context.target))} has no container named ${name} (k8s.deployment reports it)`) };
}
