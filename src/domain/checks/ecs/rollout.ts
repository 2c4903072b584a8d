import { fail, pass, warn, type Check } from '../check.js';
import { serviceName } from './describe-ecs.js';
import { ecsOf, locateService } from './locate-service.js';

/** The service's deployments read the way `aws ecs wait services-stable` reads them. */
export const rolloutCheck: Check = {
  id: 'ecs.rollout',
  title: 'Deployment complete, all tasks running',
  severity: 'fail',
  runtime: 'ecs',
  run: async (context) => {
    const located = await locateService(context);
    if ('skipped' in located) return located.skipped;
    const { service } = located;
    const { cluster } = ecsOf(context.target);
    const name = serviceName(service);
    const events = `aws ecs describe-services --cluster ${cluster} --services ${service.serviceName} --query 'services[0].events[:5]'`;
    const stopped = `aws ecs list-tasks --cluster ${cluster} --service-name ${service.serviceName} --desired-status STOPPED`;
    const primary = service.deployments.find((d) => d.status === 'PRIMARY');
    if (!primary) return fail(`${name} has no PRIMARY deployment`, events);
    if (primary.rolloutState === 'FAILED') {
      return fail(`${name}: its deployment failed: "${primary.rolloutStateReason ?? 'no reason given'}"`, `${events}; ${stopped}`);
    }
    const { runningCount: running, desiredCount: desired } = service;
    if (running < desired) {
      const failed = primary.failedTasks > 0 ? `; ${primary.failedTasks} ${primary.failedTasks === 1 ? 'task' : 'tasks'} of the newest revision failed` : '';
      return fail(`${name}: ${running} of ${desired} tasks running${failed}`, `${events}; ${stopped}`);
    }
    const older = service.deployments.filter((d) => d !== primary && d.status !== 'INACTIVE').length;
    if (primary.rolloutState === 'IN_PROGRESS' || older > 0) {
      return warn(
        `${name}: deployment in progress, ${primary.runningCount} of ${primary.desiredCount} tasks on the newest revision${older > 0 ? `, ${older} older ${older === 1 ? 'deployment' : 'deployments'} still running` : ''}`,
        `aws ecs wait services-stable --cluster ${cluster} --services ${service.serviceName}`,
      );
    }
    return pass(`${running}/${desired} tasks running, deployment complete`);
  },
};
