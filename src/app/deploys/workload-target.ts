import { ecsClusterOf } from '../../config/ecs-references.js';
import type { ShipmateConfig } from '../../config/schema.js';
import { containerOf, kubernetesWorkloadName } from '../../config/service-schema.js';

/** Where a service's workload is in one environment, as deploys and releases store it with their request. */
export interface WorkloadTarget {
  runtime: 'kubernetes' | 'ecs';
  /** Kubernetes: the environment's namespace; ECS: the cluster (for people only). */
  namespace: string;
  /** Kubernetes: the Deployment (or the Rollout, kind Rollout); ECS: the service's name. */
  deployment: string;
  /** An Argo Rollouts canary (absent: a Deployment, or an ECS service). */
  kind?: 'Rollout';
  container: string;
  ecs?: { cluster: string; service: string };
}

/** The configured workload of `service` in `environment`: its Deployment or Rollout, or its ECS service and cluster. */
export function workloadTargetOf(config: ShipmateConfig, environment: string, service: string): WorkloadTarget {
  const serviceConfig = config.services[service]!;
  const env = config.environments[environment]!;
  const container = containerOf(service, serviceConfig);
  if (serviceConfig.runtime === 'ecs') {
    const cluster = ecsClusterOf(serviceConfig, env);
    return { runtime: 'ecs', namespace: cluster, deployment: serviceConfig.ecs.service, container, ecs: { cluster, service: serviceConfig.ecs.service } };
  }
  const { kubernetes } = serviceConfig;
  const workload = { runtime: 'kubernetes', namespace: env.kubernetes.namespace, deployment: kubernetesWorkloadName(kubernetes), container } as const;
  return kubernetes.kind === 'Rollout' ? { ...workload, kind: 'Rollout' } : workload;
}
