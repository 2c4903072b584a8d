import type { EcsPort, EcsService, EcsTaskDefinition, SecretsPort } from '../../ports/ecs.port.js';
import type { FactsCache } from './service-facts.js';

/** What the ecs.* checks read of an ECS service, each fetched at most once per readiness run. */
export interface EcsFacts {
  /** DescribeServices; undefined for a Kubernetes service or one ECS reports MISSING. An unknown cluster rejects (PortError 'invalid'). */
  ecsService(): Promise<EcsService | undefined>;
  /** DescribeTaskDefinition of what the PRIMARY deployment runs; undefined without a service or that revision. */
  ecsTaskDefinition(): Promise<EcsTaskDefinition | undefined>;
  /** DescribeSecret; undefined for an SSM parameter, which is not checked. */
  ecsSecretExists(valueFrom: string): Promise<boolean | undefined>;
}

/** The ECS facts of one service: `ecs` is where it runs, undefined for a Kubernetes service. */
export function createEcsFacts(
  ecs: { cluster: string; service: string } | undefined,
  ports: { ecs: EcsPort; secrets: SecretsPort },
  cache: FactsCache,
): EcsFacts {
  const ecsService = (): Promise<EcsService | undefined> => {
    if (!ecs) return Promise.resolve(undefined);
    const { cluster, service } = ecs;
    return cache.get(`ecs:service:${cluster}/${service}`, () => ports.ecs.describeService(cluster, service));
  };
  return {
    ecsService,
    ecsTaskDefinition: async () => {
      const service = await ecsService();
      if (!service) return undefined;
      const arn = primaryTaskDefinition(service);
      return cache.get(`ecs:task-definition:${arn}`, () => ports.ecs.describeTaskDefinition(arn));
    },
    ecsSecretExists: (valueFrom) => cache.get(`secrets:${valueFrom}`, () => ports.secrets.secretExists(valueFrom)),
  };
}

/** The task definition the service's newest (PRIMARY) deployment runs; the service's own when ECS lists no deployment. */
export function primaryTaskDefinition(service: EcsService): string {
  return service.deployments.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? service.taskDefinition;
}
