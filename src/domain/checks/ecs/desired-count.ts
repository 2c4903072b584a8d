import { fail, pass, type Check } from '../check.js';
import { serviceName } from './describe-ecs.js';
import { ecsOf, locateService } from './locate-service.js';

export const desiredCountCheck: Check = {
  id: 'ecs.desired-count',
  title: 'At least two tasks',
  severity: 'warn',
  runtime: 'ecs',
  run: async (context) => {
    const located = await locateService(context);
    if ('skipped' in located) return located.skipped;
    const { service } = located;
    const { desiredCount: desired } = service;
    if (desired >= 2) return pass(`${serviceName(service)} wants ${desired} tasks`);
    return fail(
      `${serviceName(service)} wants ${desired} ${desired === 1 ? 'task' : 'tasks'}: a task replaced or an Availability Zone lost is an outage`,
      `aws ecs update-service --cluster ${ecsOf(context.target).cluster} --service ${service.serviceName} --desired-count 2 (and desired_count = 2 where the service is defined, with subnets in two Availability Zones)`,
    );
  },
};
