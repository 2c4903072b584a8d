import type { EcsContainerDefinition, EcsService, EcsTaskDefinition } from '../../../ports/ecs.port.js';
import { PortError } from '../../../ports/port-error.js';
import { primaryTaskDefinition } from '../../readiness/ecs-facts.js';
import type { EcsServiceTarget, ServiceTarget } from '../../readiness/service-target.js';
import { skip, type CheckContext, type CheckOutcome } from '../check.js';
import { revisionOf, serviceName } from './describe-ecs.js';

/** Why a service's container cannot be looked at: ecs.service fails with it, every other ecs.* check skips. */
export interface EcsProblem {
  finding: string;
  fix: string;
}

export type EcsServiceLookup = { service: EcsService } | { problem: EcsProblem };
export type EcsContainerLookup =
  | { service: EcsService; taskDefinition: EcsTaskDefinition; container: EcsContainerDefinition }
  | { problem: EcsProblem };

/** The ECS half of a target; ecs.* checks run only for ECS services (run-readiness). */
export function ecsOf(target: ServiceTarget): EcsServiceTarget['ecs'] {
  if (target.runtime !== 'ecs') throw new Error(`${target.service} runs on Kubernetes, not ECS`);
  return target.ecs;
}

/** The service, found and ACTIVE. An unknown cluster (ECS's ClusterNotFoundException) is a problem, not an error. */
export async function lookUpService({ target, facts }: Pick<CheckContext, 'target' | 'facts'>): Promise<EcsServiceLookup> {
  const { cluster, service: name } = ecsOf(target);
  const key = `services.${target.service}.ecs`;
  let service: EcsService | undefined;
  try {
    service = await facts.ecsService();
  } catch (error) {
    if (!(error instanceof PortError) || error.code !== 'invalid') throw error;
    return {
      problem: {
        finding: error.message,
        fix: `set ${key}.cluster or environments.${target.environment}.ecs.cluster to an existing cluster (aws ecs list-clusters)`,
      },
    };
  }
  if (!service) {
    return {
      problem: {
        finding: `ECS service ${name} not found in cluster ${cluster}`,
        fix: `set ${key}.service to the service's name (aws ecs list-services --cluster ${cluster})`,
      },
    };
  }
  if (service.status !== 'ACTIVE') {
    return {
      problem: {
        finding: `${serviceName(service)} is ${service.status}, not ACTIVE: it is being deleted or was`,
        fix: `recreate it (aws ecs create-service …) or set ${key}.service to the live one (aws ecs list-services --cluster ${cluster})`,
      },
    };
  }
  return { service };
}

/** The service, the task definition its PRIMARY deployment runs, and the configured container in it. */
export async function lookUpContainer(context: Pick<CheckContext, 'target' | 'facts'>): Promise<EcsContainerLookup> {
  const found = await lookUpService(context);
  if ('problem' in found) return found;
  const { service } = found;
  const taskDefinition = await context.facts.ecsTaskDefinition();
  if (!taskDefinition) {
    const arn = primaryTaskDefinition(service);
    return {
      problem: {
        finding: `${serviceName(service)} runs task definition ${arn}, which ECS does not describe`,
        fix: `aws ecs describe-task-definition --task-definition ${arn}; deploy a version to register a new revision`,
      },
    };
  }
  const wanted = ecsOf(context.target).container;
  const container = taskDefinition.containerDefinitions.find((c) => c.name === wanted);
  if (container) return { service, taskDefinition, container };
  const names = taskDefinition.containerDefinitions.map((c) => c.name);
  return {
    problem: {
      finding: `task definition ${revisionOf(taskDefinition)} has no container named ${wanted}; it has ${names.join(', ') || 'none'}`,
      fix: `set services.${context.target.service}.ecs.container to one of: ${names.join(', ')}`,
    },
  };
}

const skipped = (problem: EcsProblem): CheckOutcome => skip(`${problem.finding} (ecs.service reports it)`);

/** lookUpService for the checks that skip when ecs.service fails. */
export async function locateService(context: CheckContext): Promise<{ service: EcsService } | { skipped: CheckOutcome }> {
  const found = await lookUpService(context);
  return 'problem' in found ? { skipped: skipped(found.problem) } : found;
}

/** lookUpContainer for the checks that skip when ecs.service fails. */
export async function locateContainer(
  context: CheckContext,
): Promise<{ service: EcsService; taskDefinition: EcsTaskDefinition; container: EcsContainerDefinition } | { skipped: CheckOutcome }> {
  const found = await lookUpContainer(context);
  return 'problem' in found ? { skipped: skipped(found.problem) } : found;
}
