import type { AwsInput } from './aws-input.js';
import { AwsError } from './aws-json.js';
import type { AwsCall } from './aws-service.js';
import { settleEcs } from './ecs-controller.js';
import { clusterNameOf, serviceNameOf } from './ecs-names.js';
import { ecsRuntimeOf, type EcsRuntime, type SandboxCluster, type SandboxService } from './ecs-runtime.js';

/** The ECS account as of this call: the runtime, brought up to `now`. */
export function ecsAt(call: Pick<AwsCall, 'state' | 'now'>): EcsRuntime {
  const runtime = ecsRuntimeOf(call.state, call.now);
  settleEcs(runtime, call.now);
  return runtime;
}

export function clusterOf(runtime: EcsRuntime, input: AwsInput): SandboxCluster {
  const cluster = runtime.clusters.get(clusterNameOf(input.optionalString('cluster')));
  if (!cluster) throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
  return cluster;
}

/** A service of the cluster by name or ARN; ServiceNotFoundException when there is none. */
export function serviceOf(cluster: SandboxCluster, reference: string): SandboxService {
  const service = cluster.services.get(serviceNameOf(reference));
  if (!service) throw new AwsError('ServiceNotFoundException', 'Service not found.');
  return service;
}
