import { z } from 'zod';
import { dnsLabel } from './config-fields.js';

/*
 * One service (SPEC §5, §10): built by CodeBuild, stored in ECR, and run
 * either as a Kubernetes Deployment (runtime: kubernetes, the default) or as
 * an Amazon ECS service (runtime: ecs):
 *   api:
 *     runtime: ecs
 *     ecr: { repository: shop/api }
 *     ecs: { service: api, container: api, cluster: shop-staging }
 * A Kubernetes service has a `kubernetes` block and no `ecs`; an ECS service
 * the reverse.
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

const kubernetesWorkloadSchema = z.strictObject({
  deployment: dnsLabel,
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
  /** The Deployment (runtime: kubernetes only). */
  kubernetes: kubernetesWorkloadSchema.optional(),
  /** The ECS service (runtime: ecs only). */
  ecs: ecsWorkloadSchema.optional(),
  /** A URL with an optional {environment} placeholder, or one URL per environment. */
  healthUrl: z.union([httpUrl, z.record(z.string(), httpUrl)]).optional(),
});

type ServiceFields = z.output<typeof serviceFieldsSchema>;
type CommonServiceConfig = Omit<ServiceFields, 'runtime' | 'kubernetes' | 'ecs'>;
export type KubernetesWorkloadConfig = z.output<typeof kubernetesWorkloadSchema>;
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
    return [];
  }
  return [
    ...(service.ecs ? [] : [{ path: ['ecs'], message: 'required key is missing (runtime: ecs names its ECS service: ecs: { service, container, cluster })' }]),
    ...(service.kubernetes ? [{ path: ['kubernetes'], message: 'is only for runtime: kubernetes; this service runs on ecs' }] : []),
  ];
}

export const serviceSchema = serviceFieldsSchema
  .superRefine((service, ctx) => {
    for (const problem of runtimeBlockProblems(service)) ctx.addIssue({ code: 'custom', ...problem });
  })
  // Checked just above: the runtime's own block is there and the other's is not.
  .transform((service) => service as ServiceConfig);

export const isEcsService = (service: ServiceConfig): service is EcsServiceConfig => service.runtime === 'ecs';

/** The container shipmate checks and updates: the one named, else the service's key. */
export const containerOf = (serviceName: string, service: ServiceConfig): string =>
  (service.runtime === 'ecs' ? service.ecs.container : service.kubernetes.container) ?? serviceName;
