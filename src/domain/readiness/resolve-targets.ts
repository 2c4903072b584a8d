import { ecsClusterOf } from '../../config/ecs-references.js';
import type { EnvironmentConfig, ServiceConfig, ShipmateConfig } from '../../config/schema.js';
import { containerOf, kubernetesWorkloadName } from '../../config/service-schema.js';
import { parseImageRef } from '../image-ref.js';
import { fillVersion } from '../version.js';
import { createServiceFacts, type FactsCache, type ServiceFacts } from './service-facts.js';
import type { ReadinessPorts } from './readiness-ports.js';
import type { EcsServiceTarget, KubernetesServiceTarget, ServiceTarget } from './service-target.js';

/**
 * The services of one environment with their templates filled in. With no
 * version asked for, each service is reviewed at the tag its Deployment (or Rollout) runs.
 */
export async function resolveTargets(
  config: ShipmateConfig,
  environment: string,
  version: string | undefined,
  ports: ReadinessPorts,
  cache: FactsCache,
): Promise<ServiceTarget[]> {
  const env = config.environments[environment];
  if (!env) throw new Error(`unknown environment ${environment}`);
  const names = env.services ?? Object.keys(config.services);
  return Promise.all(
    names.map(async (name) => {
      const service = config.services[name]!;
      const base: ServiceTarget = {
        service: name,
        environment,
        namespace: env.kubernetes.namespace,
        versionSource: 'unknown',
        ecr: { repository: service.ecr.repository, platform: service.ecr.platform },
        ...workloadOf(name, service, env),
        ...(service.codebuild ? { codebuild: { project: service.codebuild.project } } : {}),
        ...healthUrlOf(service.healthUrl, environment),
      };
      const resolved = version ?? (await deployedTag(base, ports, cache));
      if (!resolved) return base;
      return {
        ...base,
        version: resolved,
        versionSource: version ? 'requested' : 'deployed',
        ecr: { ...base.ecr, tag: version ? fillVersion(service.ecr.imageTag, version) : resolved },
        ...(service.codebuild
          ? { codebuild: { project: service.codebuild.project, sourceVersion: fillVersion(service.codebuild.sourceVersion, resolved) } }
          : {}),
      };
    }),
  );
}

/** What the service runs as: a Deployment's (or Argo Rollout's) container, or an ECS service's container in its cluster. */
function workloadOf(
  name: string,
  service: ServiceConfig,
  env: EnvironmentConfig,
): Pick<KubernetesServiceTarget, 'runtime' | 'kubernetes'> | Pick<EcsServiceTarget, 'runtime' | 'ecs'> {
  const container = containerOf(name, service);
  if (service.runtime === 'kubernetes') {
    const kind = service.kubernetes.kind === 'Rollout' ? { kind: 'Rollout' as const } : {};
    return { runtime: 'kubernetes', kubernetes: { deployment: kubernetesWorkloadName(service.kubernetes), container, ...kind } };
  }
  return { runtime: 'ecs', ecs: { cluster: ecsClusterOf(service, env), service: service.ecs.service, container } };
}

async function deployedTag(target: ServiceTarget, ports: ReadinessPorts, cache: FactsCache): Promise<string | undefined> {
  try {
    const image = await runningImage(target, createServiceFacts(target, ports, cache));
    return image ? parseImageRef(image).tag : undefined;
  } catch {
    return undefined; // the k8s.* or ecs.* checks report why the cluster or ECS could not be read
  }
}

/** The image the service's container runs: in its Deployment or Rollout, or in the task definition of its ECS service's PRIMARY deployment. */
async function runningImage(target: ServiceTarget, facts: ServiceFacts): Promise<string | undefined> {
  if (target.runtime === 'ecs') {
    const taskDefinition = await facts.ecsTaskDefinition();
    return taskDefinition?.containerDefinitions.find((c) => c.name === target.ecs.container)?.image;
  }
  const deployment = await facts.deployment();
  return deployment?.spec.template.spec.containers.find((c) => c.name === target.kubernetes.container)?.image;
}

function healthUrlOf(healthUrl: string | Record<string, string> | undefined, environment: string): { healthUrl?: string } {
  if (!healthUrl) return {};
  if (typeof healthUrl === 'string') return { healthUrl: healthUrl.replaceAll('{environment}', environment) };
  const url = healthUrl[environment];
  return url ? { healthUrl: url } : {};
}
