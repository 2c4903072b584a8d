import { kubernetesOf } from '../../readiness/service-target.js';
import { fail, pass, type Check } from '../check.js';
import { containerName, deploymentName } from './describe-object.js';
import { findContainer } from './find-container.js';

export const deploymentCheck: Check = {
  id: 'k8s.deployment',
  title: 'Deployment and container exist',
  severity: 'fail',
  runtime: 'kubernetes',
  run: async ({ target, facts }) => {
    const { deployment: name, container: wanted } = kubernetesOf(target);
    const deployment = await facts.deployment();
    if (!deployment) {
      return fail(
        `deployment/${name} not found in namespace ${target.namespace}`,
        `kubectl -n ${target.namespace} get deployments, then set services.${target.service}.kubernetes.deployment to the right name (or apply the service's manifests)`,
      );
    }
    const container = findContainer(deployment, wanted);
    if (!container) {
      const names = deployment.spec.template.spec.containers.map((c) => c.name);
      return fail(
        `${deploymentName(deployment)} has no container named ${wanted}; it has ${names.join(', ') || 'none'}`,
        `set services.${target.service}.kubernetes.container to one of: ${names.join(', ')}`,
      );
    }
    return pass(`${containerName(deployment, container)} runs ${container.image}`);
  },
};
