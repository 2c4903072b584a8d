import { skip, type Check } from '../check.js';
import { imageCurrentOutcome } from '../image-current-outcome.js';
import { containerName } from './describe-ecs.js';
import { locateContainer } from './locate-service.js';

/** k8s.image-current for an ECS service: the container of the task definition its PRIMARY deployment runs. */
export const imageCurrentCheck: Check = {
  id: 'ecs.image-current',
  title: 'Deployed image is the version under review',
  severity: 'warn',
  runtime: 'ecs',
  run: async (context) => {
    if (!context.target.version) return skip('no version under review: none was asked for and the ECS service gave none');
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { taskDefinition, container } = located;
    return imageCurrentOutcome(context, containerName(taskDefinition, container), container.image);
  },
};
