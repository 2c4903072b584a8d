import { z } from 'zod';
import { dnsLabel } from './config-fields.js';
import { guardsSchema } from './guard-schema.js';

/*
 * One service (SPEC §5, §10): built by CodeBuild, stored in ECR, and run
 * either as a Kubernetes Deployment (runtime: kubernetes, the default) or as
 * an Amazon ECS service (runtime: ecs):
 *   api:
 *     runtime: ecs
 *     ecr: { repository: shop/api }
 *     ecs: { service: api, container: api, cluster: shop-staging }
 * A Kubernetes service has a `kubernetes` block and no `ecs`; an ECS service
 * the reverse. A Kubernetes workload is a Deployment (kind: Deployment, the
 * default, naming `deployment`) or an Argo Rollouts canary (SPEC §11):
 *   checkout:
 *     ecr: { repository: shop/checkout }
 *     kubernetes: { kind: Rollout, rollout: checkout }
 */

export const RUNTIMES = ['kubernetes', 'ecs'] as const;
export type Runtime = (typeof RUNTIMES)[number];

const platform = z
  .string()
  .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, 'must look like os/architecture[/variant], e.g. linux/amd64');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const template = (placeholder: string) =>
  z.string().refine((s) => s.includes(placeholder), { message: `must contain the placeholder ${placeholder}` });

/** ECS names its clusters, services and containers with up to 255 letters, digits, hyphens and underscores. */
export const ecsName = (what: string) =>
  z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, `must be an ECS ${what} name (up to 255 letters, digits, - and _)`);

export const KUBERNETES_KINDS = ['Deployment', 'Rollout'] as const;

/** The workload kind decides the key naming it (kubernetesBlockProblems): deployment, or rollout for an Argo Rollout. */
const kubernetesWorkloadSchema = z.strictObject({
  /** A Deployment (the default), or an Argo Rollouts Rollout (argoproj.io/v1alpha1, canary steps). */
  kind: z.enum(KUBERNETES_KINDS).default('Deployment'),
  /** The Deployment (kind: Deployment only). */
  deployment: dnsLabel.optional(),
  /** The Argo Rollout (kind: Rollout only). */
  rollout: dnsLabel.optional(),
  /** The container to check and update; the service's name when left out. */
  container: dnsLabel.optional(),
});

const ecsWorkloadSchema = z.strictObject({
  /** The ECS service's name in its cluster. */
  service: ecsName('service'),
  /** The container of the task definition to check and update; the service's key when left out. */
  container: ecsName('container').optional(),
  /** The cluster, when it is not the environment's ecs.cluster. */
  cluster: ecsName('cluster').optional(),
});

const serviceFieldsSchema = z.strictObject({
  /** Where the service runs: a Kubernetes Deployment or an Amazon ECS service. */
  runtime: z.enum(RUNTIMES).default('kubernetes'),
  codebuild: z
    .strictObject({
      project: z.string().min(2).max(255),
      sourceVersion: template('{version}').default('refs/tags/v{version}'),
    })
    .optional(),
  ecr: z.strictObject({
    repository: z.string().regex(/^[a-z0-9]+([._\/-][a-z0-9]+)*$/, 'must be an ECR repository name'),
    platform: platform.default('linux/amd64'),
    imageTag: template('{version}').default('{version}'),
  }),
  /** The Deployment or Argo Rollout (runtime: kubernetes only). */
  kubernetes: kubernetesWorkloadSchema.optional(),
  /** The ECS service (runtime: ecs only). */
  ecs: ecsWorkloadSchema.optional(),
  /** A URL with an optional {environment} placeholder, or one URL per environment. */
  healthUrl: z.union([httpUrl, z.record(z.string(), httpUrl)]).optional(),
  /** Metric guards: Prometheus queries watched after each rollout and run by /verify (guard-schema.ts). */
  guards: guardsSchema.optional(),
});

type ServiceFields = z.output<typeof serviceFieldsSchema>;
type CommonServiceConfig = Omit<ServiceFields, 'runtime' | 'kubernetes' | 'ecs'>;
export type KubernetesKind = (typeof KUBERNETES_KINDS)[number];
export interface KubernetesDeploymentConfig {
  kind: 'Deployment';
  deployment: string;
  container?: string;
}
export interface KubernetesRolloutConfig {
  kind: 'Rollout';
  rollout: string;
  container?: string;
}
export type KubernetesWorkloadConfig = KubernetesDeploymentConfig | KubernetesRolloutConfig;
export type EcsWorkloadConfig = z.output<typeof ecsWorkloadSchema>;
export type KubernetesServiceConfig = CommonServiceConfig & { runtime: 'kubernetes'; kubernetes: KubernetesWorkloadConfig };
export type EcsServiceConfig = CommonServiceConfig & { runtime: 'ecs'; ecs: EcsWorkloadConfig };
export type ServiceConfig = KubernetesServiceConfig | EcsServiceConfig;

/** Each runtime's block is required for it and refused for the other; one line per problem, naming the key. */
function runtimeBlockProblems(service: ServiceFields): { path: string[]; message: string }[] {
  if (service.runtime === 'kubernetes') {
    if (!service.kubernetes && service.ecs) {
      return [{ path: ['runtime'], message: 'must be ecs for a service with an ecs block (kubernetes is the default)' }];
    }
    if (!service.kubernetes) return [{ path: ['kubernetes'], message: 'required key is missing (or set runtime: ecs and an ecs block)' }];
    if (service.ecs) return [{ path: ['ecs'], message: 'is only for runtime: ecs; this service runs on kubernetes' }];
    return kubernetesBlockProblems(service.kubernetes).map(({ path, message }) => ({ path: ['kubernetes', ...path], message }));
  }
  return [
    ...(service.ecs ? [] : [{ path: ['ecs'], message: 'required key is missing (runtime: ecs names its ECS service: ecs: { service, container, cluster })' }]),
    ...(service.kubernetes ? [{ path: ['kubernetes'], message: 'is only for runtime: kubernetes; this service runs on ecs' }] : []),
  ];
}

/** The kind's key is required and the other kind's refused; one line per problem, naming the key. */
function kubernetesBlockProblems(block: z.output<typeof kubernetesWorkloadSchema>): { path: string[]; message: string }[] {
  if (block.kind === 'Deployment') {
    if (!block.deployment && block.rollout) {
      return [{ path: ['kind'], message: 'must be Rollout for a kubernetes block naming a rollout (Deployment is the default)' }];
    }
    if (!block.deployment) return [{ path: ['deployment'], message: 'required key is missing (or set kind: Rollout and rollout: <name>)' }];
    if (block.rollout) return [{ path: ['rollout'], message: 'is only for kind: Rollout; this workload is a Deployment' }];
    return [];
  }
  return [
    ...(block.rollout ? [] : [{ path: ['rollout'], message: 'required key is missing (kind: Rollout names its Argo Rollout: rollout: <name>)' }]),
    ...(block.deployment ? [{ path: ['deployment'], message: 'is only for kind: Deployment; this workload is an Argo Rollout' }] : []),
  ];
}

export const serviceSchema = serviceFieldsSchema
  .superRefine((service, ctx) => {
    for (const problem of runtimeBlockProblems(service)) ctx.addIssue({ code: 'custom', ...problem });
  })
  // Checked just above: the runtime's own block is there and the other's is not, and the kind's name is given.
  .transform((service) => service as ServiceConfig);

export const isEcsService = (service: ServiceConfig): service is EcsServiceConfig => service.runtime === 'ecs';

/** The name of the Kubernetes object a service runs as: its Deployment's, or its Rollout's. */
export const kubernetesWorkloadName = (config: KubernetesWorkloadConfig): string => (config.kind === 'Rollout' ? config.rollout : config.deployment);

/** The container shipmate checks and updates: the one named, else the service's key. */
export const containerOf = (serviceName: string, service: ServiceConfig): string =>
  (service.runtime === 'ecs' ? service.ecs.container : service.kubernetes.container) ?? serviceName;
