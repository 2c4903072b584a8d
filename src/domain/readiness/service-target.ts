/** One service in one environment, with every template already filled in. */
interface ServiceTargetBase {
  service: string;
  environment: string;
  /** The environment's Kubernetes namespace. */
  namespace: string;
  /** The version under review: the one asked for, or the tag currently deployed; undefined when neither is known. */
  version?: string;
  /** Where the version came from. */
  versionSource: 'requested' | 'deployed' | 'unknown';
  codebuild?: { project: string; sourceVersion?: string };
  ecr: { repository: string; platform: string; tag?: string };
  healthUrl?: string;
}

export interface KubernetesServiceTarget extends ServiceTargetBase {
  runtime: 'kubernetes';
  /** `deployment` names the Deployment, or the Argo Rollout when kind is Rollout (absent: a Deployment). */
  kubernetes: { deployment: string; container: string; kind?: 'Rollout' };
}

export interface EcsServiceTarget extends ServiceTargetBase {
  runtime: 'ecs';
  /** The cluster is the service's own or its environment's. */
  ecs: { cluster: string; service: string; container: string };
}

export type ServiceTarget = KubernetesServiceTarget | EcsServiceTarget;

/** The Deployment (or Rollout) of a service a Kubernetes-only check looks at; such checks never run for an ECS service (run-readiness). */
export function kubernetesOf(target: ServiceTarget): KubernetesServiceTarget['kubernetes'] {
  if (target.runtime !== 'kubernetes') throw new Error(`${target.service} runs on ECS, not Kubernetes`);
  return target.kubernetes;
}
