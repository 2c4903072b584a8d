import { parseImageRef } from '../../image-ref.js';
import { fail, pass, skip, type Check } from '../check.js';
import { containerName } from './describe-ecs.js';
import { locateContainer } from './locate-service.js';

export const imageRegistryCheck: Check = {
  id: 'ecs.image-registry',
  title: 'Image comes from the configured ECR repository',
  severity: 'fail',
  runtime: 'ecs',
  run: async (context) => {
    const { target, facts } = context;
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { taskDefinition, container } = located;
    const repository = await facts.repository();
    if (!repository) return skip(`ECR repository ${target.ecr.repository} not found (ecr.repository reports it)`);
    const deployed = parseImageRef(container.image);
    const who = containerName(taskDefinition, container);
    if (deployed.repository === repository.uri) return pass(`${who} runs an image from ${repository.uri}`);
    return fail(
      `${who} runs ${deployed.repository}, expected ${repository.uri}`,
      `/deploy ${target.service} ${target.version ?? '<version>'} ${target.environment} (it registers a revision of ${taskDefinition.family} with ${container.name}'s image from ${repository.uri})`,
    );
  },
};
