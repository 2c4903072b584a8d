import { fail, pass, skip, warn, type Check } from '../check.js';
import type { ServiceTarget } from '../../readiness/service-target.js';
import { probeHealthUrl } from './probe-health-url.js';

export const healthCheck: Check = {
  id: 'http.health',
  title: 'Health endpoint answers 2xx within budget',
  severity: 'fail',
  run: async (context) => {
    const { target, settings } = context;
    const url = target.healthUrl;
    if (!url) return skip(`no healthUrl configured for ${target.service} in ${target.environment}`);
    const result = await probeHealthUrl(context, url);
    const logs = logsCommand(target);
    if (result.status === undefined) {
      return fail(
        `GET ${url} got no answer: ${result.error ?? 'unknown error'}`,
        `check the service and its ingress are up: curl -v ${url}; ${upCommand(target)}`,
      );
    }
    if (result.status >= 300 && result.status < 400) {
      return fail(
        `GET ${url} answered ${result.status} (a redirect) in ${result.latencyMs} ms`,
        `set services.${target.service}.healthUrl to the final URL (curl -sI ${url} shows the Location)`,
      );
    }
    if (result.status < 200 || result.status >= 400) {
      return fail(`GET ${url} answered ${result.status} in ${result.latencyMs} ms`, `see why it is unhealthy: ${logs}`);
    }
    if (result.latencyMs > settings.healthBudgetMs) {
      return warn(
        `GET ${url} answered ${result.status} in ${result.latencyMs} ms, over the ${settings.healthBudgetMs} ms budget`,
        `make the health endpoint cheap (no downstream calls), or raise checks.healthBudgetMs; look for slow dependencies in ${logs}`,
      );
    }
    return pass(`${result.status} in ${result.latencyMs} ms`);
  },
};

/** Where to read why the service is unhealthy: its pods' logs, or its ECS service's events (they name the task and its log stream). */
const logsCommand = (target: ServiceTarget): string => {
  if (target.runtime === 'ecs') return ecsEventsCommand(target.ecs);
  const { deployment: name, kind } = target.kubernetes;
  // kubectl logs knows no Rollout (a custom resource): the plugin names its pods.
  if (kind === 'Rollout') return `kubectl argo rollouts -n ${target.namespace} get rollout ${name} (it lists the pods), then kubectl -n ${target.namespace} logs <pod> --tail=50`;
  return `kubectl -n ${target.namespace} logs deployment/${name} --tail=50`;
};

const upCommand = (target: ServiceTarget): string =>
  target.runtime === 'ecs' ? ecsEventsCommand(target.ecs) : `kubectl -n ${target.namespace} get pods,ingress`;

const ecsEventsCommand = ({ cluster, service }: { cluster: string; service: string }): string =>
  `aws ecs describe-services --cluster ${cluster} --services ${service} --query 'services[0].events[:5]'`;
