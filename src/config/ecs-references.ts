import { ownValue } from './lookup.js';
import type { ServiceConfig } from './service-schema.js';

export interface EcsClusterProblem {
  /** Below the environment's key. */
  path: string[];
  message: string;
}

/**
 * An ECS service runs in a cluster: its own ecs.cluster, else its
 * environment's. An environment running an ECS service that names none
 * must name one (one line for all such services).
 */
export function ecsClusterProblems(
  environment: { ecs?: { cluster: string } | undefined },
  services: readonly string[],
  configured: Record<string, ServiceConfig>,
): EcsClusterProblem[] {
  if (environment.ecs) return [];
  const homeless = services.filter((name) => {
    const service = ownValue(configured, name);
    // One without an ecs block is reported there (services.<name>.ecs), not here as well.
    return service?.runtime === 'ecs' && service.ecs !== undefined && !service.ecs.cluster;
  });
  if (homeless.length === 0) return [];
  const [verb, own] = homeless.length === 1 ? ['runs', 'names'] : ['run', 'name'];
  const theirs = homeless.map((name) => `services.${name}.ecs.cluster`).join(', ');
  return [
    {
      path: ['ecs'],
      message: `required key is missing: ${homeless.join(', ')} ${verb} on ECS here and ${own} no cluster (set ecs: { cluster: <name> } here, or ${theirs})`,
    },
  ];
}

/** The cluster an ECS service runs in, in one environment: its own, else the environment's (validation made sure one is there). */
export function ecsClusterOf(service: { ecs: { cluster?: string | undefined } }, environment: { ecs?: { cluster: string } | undefined }): string {
  const cluster = service.ecs.cluster ?? environment.ecs?.cluster;
  if (!cluster) throw new Error('an ECS service with no cluster of its own in an environment with no ecs.cluster');
  return cluster;
}
