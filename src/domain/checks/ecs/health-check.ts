import { fail, pass, type Check } from '../check.js';
import { containerName } from './describe-ecs.js';
import { locateContainer } from './locate-service.js';

/** Without a health check ECS counts a task healthy once its process runs, serving or not (k8s.probes' ECS twin). */
export const healthCheckCheck: Check = {
  id: 'ecs.health-check',
  title: 'Container health check or load balancer target group',
  severity: 'fail',
  runtime: 'ecs',
  run: async (context) => {
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { service, taskDefinition, container } = located;
    const who = containerName(taskDefinition, container);
    if (container.healthCheck) return pass(`${who} has a health check: ${container.healthCheck.command.join(' ')}`);
    // A target group health-checks the container the service registers in it.
    const targetGroup = service.loadBalancers.find((lb) => lb.targetGroupArn && (lb.containerName ?? container.name) === container.name);
    if (targetGroup) return pass(`${who} is health-checked by target group ${targetGroupName(targetGroup.targetGroupArn!)}`);
    return fail(
      `${who} has neither a healthCheck nor a load balancer target group: a task counts as healthy once its process runs`,
      `add to container ${container.name}: "healthCheck": { "command": ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"], "interval": 10, "timeout": 5, "retries": 3, "startPeriod": 30 }`,
    );
  },
};

/** arn:aws:elasticloadbalancing:…:targetgroup/shop-staging-api/6d0e… -> shop-staging-api */
function targetGroupName(arn: string): string {
  const match = /:targetgroup\/([^/]+)/.exec(arn);
  return match ? match[1]! : arn;
}
