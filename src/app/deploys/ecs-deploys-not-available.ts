import type { KubernetesServiceConfig, ShipmateConfig } from '../../config/schema.js';
import { serviceNamed } from '../../config/lookup.js';
import { Refusal } from '../../usage-error.js';

/**
 * The service a deploy (or a release) rolls out, which must run on Kubernetes
 * until ECS deploys exist (issue 16): an ECS service is refused in one line,
 * before anything is called. The one place that says so; remove it (and let
 * callers branch on the runtime) when ECS deploys land.
 */
export function kubernetesServiceToDeploy(config: ShipmateConfig, service: string): KubernetesServiceConfig {
  const found = serviceNamed(config, service);
  if (!found) throw new Error(`unknown service ${service}`);
  if (found.runtime === 'ecs') throw new Refusal(`${service} runs on ECS: ECS deploys are not available yet`);
  return found;
}
