import { fail, pass, type Check } from '../check.js';
import { containerName, serviceName } from './describe-ecs.js';
import { lookUpContainer } from './locate-service.js';

export const serviceCheck: Check = {
  id: 'ecs.service',
  title: 'ECS service is ACTIVE and runs the container',
  severity: 'fail',
  runtime: 'ecs',
  run: async (context) => {
    const found = await lookUpContainer(context);
    if ('problem' in found) return fail(found.problem.finding, found.problem.fix);
    const { service, taskDefinition, container } = found;
    return pass(`${serviceName(service)} is ACTIVE and runs ${containerName(taskDefinition, container)}`);
  },
};
