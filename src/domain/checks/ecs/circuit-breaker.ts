import { fail, pass, type Check } from '../check.js';
import { serviceName } from './describe-ecs.js';
import { ecsOf, locateService } from './locate-service.js';

/** Without the deployment circuit breaker, a revision whose tasks never start is retried for hours. */
export const circuitBreakerCheck: Check = {
  id: 'ecs.circuit-breaker',
  title: 'Deployment circuit breaker on, with rollback',
  severity: 'warn',
  runtime: 'ecs',
  run: async (context) => {
    const located = await locateService(context);
    if ('skipped' in located) return located.skipped;
    const { service } = located;
    const name = serviceName(service);
    const breaker = service.circuitBreaker;
    const fix =
      `aws ecs update-service --cluster ${ecsOf(context.target).cluster} --service ${service.serviceName} ` +
      `--deployment-configuration "deploymentCircuitBreaker={enable=true,rollback=true}" ` +
      '(Terraform: deployment_circuit_breaker { enable = true, rollback = true })';
    if (!breaker?.enable) {
      return fail(`${name} has no deployment circuit breaker: a revision whose tasks never start is retried for hours`, fix);
    }
    if (!breaker.rollback) {
      return fail(`${name}: the circuit breaker stops a failing deployment but does not roll back: the service stays on the broken revision`, fix);
    }
    return pass(`${name}: circuit breaker on, with rollback`);
  },
};
