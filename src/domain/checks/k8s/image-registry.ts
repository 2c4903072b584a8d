import { parseImageRef } from '../../image-ref.js';
import type { WorkloadObject } from '../../readiness/workload-object.js';
import { fail, pass, skip, type Check } from '../check.js';
import { containerName } from './describe-object.js';
import { locateContainer } from './locate-deployment.js';

/** kubectl set image for a Deployment; the Argo Rollouts plugin's for a Rollout (kubectl set image knows no custom resource). */
const setImageCommand = (namespace: string, workload: WorkloadObject, assignment: string): string =>
  workload.kind === 'Rollout'
    ? `kubectl argo rollouts -n ${namespace} set image ${workload.name} ${assignment}`
    : `kubectl -n ${namespace} set image deployment/${workload.name} ${assignment}`;

export const imageRegistryCheck: Check = {
  id: 'k8s.image-registry',
  title: 'Image comes from the configured ECR repository',
  severity: 'fail',
  runtime: 'kubernetes',
  run: async (context) => {
    const { target, facts } = context;
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { deployment, container } = located;
    const repository = await facts.repository();
    if (!repository) return skip(`ECR repository ${target.ecr.repository} not found (ecr.repository reports it)`);
    const deployed = parseImageRef(container.image);
    const who = containerName(deployment, container);
    if (deployed.repository === repository.uri) return pass(`${who} runs an image from ${repository.uri}`);
    const tag = target.ecr.tag ?? deployed.tag ?? '<tag>';
    return fail(
      `${who} runs ${deployed.repository}, expected ${repository.uri}`,
      `/deploy ${target.service} ${target.version ?? '<version>'} ${target.environment} (or ${setImageCommand(target.namespace, deployment, `${container.name}=${repository.uri}:${tag}`)})`,
    );
  },
};
