import type { Deployment } from '../../../ports/cluster.port.js';
import type { KubernetesServiceTarget } from '../../readiness/service-target.js';

type Named = Pick<Deployment, 'name'> & { kind?: 'Rollout' };

/** How findings name objects, the way kubectl prints them: "deployment/backend", or "rollout/checkout" for an Argo Rollout. */
export const deploymentName = (workload: Named): string => `${workload.kind === 'Rollout' ? 'rollout' : 'deployment'}/${workload.name}`;

export const containerName = (workload: Named, container: { name: string }): string => `${deploymentName(workload)} container ${container.name}`;

/** The configured workload's name as kubectl prints it, before it is read: "deployment/backend" or "rollout/checkout". */
export const configuredName = (kubernetes: KubernetesServiceTarget['kubernetes']): string =>
  deploymentName({ name: kubernetes.deployment, ...(kubernetes.kind ? { kind: kubernetes.kind } : {}) });
