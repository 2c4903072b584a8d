import type { WorkloadObject } from '../../readiness/workload-object.js';
import { kubernetesOf } from '../../readiness/service-target.js';
import { fail, pass, type Check } from '../check.js';
import { configuredName, containerName, deploymentName } from './describe-object.js';
import { findContainer } from './find-container.js';
import { argoRolloutsMissing } from './locate-deployment.js';

export const deploymentCheck: Check = {
  id: 'k8s.deployment',
  title: 'Deployment and container exist',
  severity: 'fail',
  runtime: 'kubernetes',
  run: async ({ target, facts }) => {
    const kubernetes = kubernetesOf(target);
    const { container: wanted } = kubernetes;
    const rollout = kubernetes.kind === 'Rollout';
    const key = `services.${target.service}.kubernetes`;
    let deployment: WorkloadObject | undefined;
    try {
      deployment = await facts.deployment();
    } catch (error) {
      if (!argoRolloutsMissing(target, error)) throw error;
      return fail(
        `${configuredName(kubernetes)} cannot be read in namespace ${target.namespace}: ${error.message}`,
        `install Argo Rollouts in the cluster (https://argo-rollouts.readthedocs.io/en/stable/installation/), or set ${key}.kind: Deployment and name the service's Deployment`,
      );
    }
    if (!deployment) {
      return fail(
        `${configuredName(kubernetes)} not found in namespace ${target.namespace}`,
        rollout
          ? `kubectl -n ${target.namespace} get rollouts.argoproj.io, then set ${key}.rollout to the right name (or apply the service's manifests)`
          : `kubectl -n ${target.namespace} get deployments, then set ${key}.deployment to the right name (or apply the service's manifests)`,
      );
    }
    const container = findContainer(deployment, wanted);
    if (!container) {
      const names = deployment.spec.template.spec.containers.map((c) => c.name);
      return fail(
        `${deploymentName(deployment)} has no container named ${wanted}; it has ${names.join(', ') || 'none'}`,
        `set ${key}.container to one of: ${names.join(', ')}`,
      );
    }
    return pass(`${containerName(deployment, container)} runs ${container.image}`);
  },
};
