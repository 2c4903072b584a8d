import { fail, pass, type Check } from '../check.js';
import { containerName } from './describe-ecs.js';
import { locateContainer } from './locate-service.js';

export const loggingCheck: Check = {
  id: 'ecs.logging',
  title: 'Container logs go somewhere',
  severity: 'warn',
  runtime: 'ecs',
  run: async (context) => {
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { taskDefinition, container } = located;
    const who = containerName(taskDefinition, container);
    const logging = container.logConfiguration;
    if (logging) {
      const group = logging.options?.['awslogs-group'];
      return pass(`${who} logs with ${logging.logDriver}${group ? ` to ${group}` : ''}`);
    }
    const { environment, service } = context.target;
    return fail(
      `${who} has no logConfiguration: its output, and why a task stopped, is lost`,
      `add to container ${container.name}: "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/${environment}/${service}", "awslogs-region": "<region>", "awslogs-stream-prefix": "${container.name}", "awslogs-create-group": "true" } }`,
    );
  },
};
