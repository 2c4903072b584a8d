import { argoRolloutWorkload } from '../../domain/deploys/argo/argo-rollout-workload.js';
import { ecsWorkload } from '../../domain/deploys/ecs/ecs-workload.js';
import { kubernetesWorkload } from '../../domain/deploys/kubernetes-workload.js';
import type { Workload } from '../../domain/deploys/workload.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import type { Clock } from '../../ports/clock.port.js';
import type { EcsPort } from '../../ports/ecs.port.js';
import type { DeployPayload } from './deploy-payload.js';

/** The workload a deploy changes: the ECS service its payload names, its Argo Rollout (kind Rollout), or its Kubernetes Deployment. */
export function deployWorkload(
  ports: ReadinessPorts,
  clock: Clock,
  payload: Pick<DeployPayload, 'runtime' | 'ecs' | 'kind' | 'namespace' | 'deployment' | 'container'>,
): Workload {
  if (payload.runtime === 'ecs' && payload.ecs) {
    return ecsWorkload((ports as ReadinessPorts & { ecs: EcsPort }).ecs, clock, { ...payload.ecs, container: payload.container });
  }
  if (payload.kind === 'Rollout') {
    const { namespace, deployment: rollout, container } = payload;
    return argoRolloutWorkload({ rollouts: ports.rollouts, cluster: ports.cluster, clock }, { namespace, rollout, container });
  }
  return kubernetesWorkload(ports.cluster, clock, payload);
}
