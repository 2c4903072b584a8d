import type { ArgoRollout } from '../../ports/argo-rollouts.port.js';
import type { Deployment } from '../../ports/cluster.port.js';

/**
 * What the k8s.* checks read of a service's workload: a Deployment, or an
 * Argo Rollout seen through the fields it shares with one (kind 'Rollout'),
 * so that every pod-template check judges a Rollout exactly as a Deployment.
 */
export type WorkloadObject = Deployment & { kind?: 'Rollout' };

/**
 * A Rollout as the pod-template checks read a Deployment: its name,
 * replicas, pod template and replica counts. The Rollout's selector is not in
 * the port; its pods carry the template's labels, which is what the checks
 * match (NetworkPolicy selection). k8s.rollout reads the Rollout itself.
 */
export function rolloutAsWorkload(rollout: ArgoRollout): WorkloadObject {
  const { spec, status } = rollout;
  return {
    kind: 'Rollout',
    name: rollout.name,
    namespace: rollout.namespace,
    generation: rollout.generation,
    ...(rollout.resourceVersion === undefined ? {} : { resourceVersion: rollout.resourceVersion }),
    labels: {},
    annotations: {},
    spec: { replicas: spec.replicas, selector: { matchLabels: spec.template.labels }, template: spec.template },
    status: {
      ...(status.observedGeneration === undefined ? {} : { observedGeneration: status.observedGeneration }),
      replicas: status.replicas,
      updatedReplicas: status.updatedReplicas,
      readyReplicas: status.readyReplicas,
      availableReplicas: status.availableReplicas,
      conditions: status.conditions,
    },
  };
}
