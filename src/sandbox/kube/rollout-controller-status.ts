import {
  isPodReady,
  ownerNameOf,
  rollingLimits,
  type Condition,
  type DeploymentShape,
  type DeploymentStatus,
  type PodShape,
  type ReplicaSetShape,
} from './rollout-controller-objects.js';

export interface RolloutCounts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  unavailableReplicas: number;
  oldReplicas: number;
}

/** How a sync found the new ReplicaSet: made now, an older one reused (rollback), or the same as before. */
export type NewReplicaSetOrigin = 'created' | 'found' | 'same';

/** The Deployment's replica counts from its ReplicaSets and their pods (sync.go calculateStatus). */
export function countsOf(newRS: ReplicaSetShape, oldRSs: ReplicaSetShape[], pods: PodShape[]): RolloutCounts {
  const podsOf = (rs: ReplicaSetShape) => pods.filter((p) => ownerNameOf(p) === rs.metadata?.name);
  const all = [newRS, ...oldRSs];
  const replicas = all.reduce((sum, rs) => sum + podsOf(rs).length, 0);
  const readyReplicas = all.reduce((sum, rs) => sum + podsOf(rs).filter(isPodReady).length, 0);
  const specTotal = all.reduce((sum, rs) => sum + rs.spec.replicas, 0);
  return {
    replicas,
    updatedReplicas: podsOf(newRS).length,
    readyReplicas,
    availableReplicas: readyReplicas,
    unavailableReplicas: Math.max(0, specTotal - readyReplicas),
    oldReplicas: replicas - podsOf(newRS).length,
  };
}

/**
 * The Deployment's status after a sync: counts, observedGeneration, and the
 * Available and Progressing conditions with the reasons and messages of
 * the Deployment controller (progress.go). ProgressDeadlineExceeded is set
 * by the controller's deadline timer and kept until the rollout moves again.
 */
export function deploymentStatus(
  deployment: DeploymentShape,
  before: DeploymentStatus,
  counts: RolloutCounts,
  newRS: ReplicaSetShape,
  origin: NewReplicaSetOrigin,
  at: string,
): DeploymentStatus {
  const desired = deployment.spec?.replicas ?? 1;
  const rsName = newRS.metadata?.name ?? '';
  const { oldReplicas: _old, ...published } = counts;
  const previous = before.conditions ?? [];
  const available = counts.availableReplicas >= desired - rollingLimits(desired).maxUnavailable;
  const availableCondition = condition(previous, at, {
    type: 'Available',
    status: available ? 'True' : 'False',
    reason: available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
    message: available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
  });
  const complete =
    counts.updatedReplicas === desired && counts.replicas === desired && counts.availableReplicas === desired && counts.oldReplicas === 0;
  const beforeOld = (before.replicas ?? 0) - (before.updatedReplicas ?? 0);
  const progressed =
    counts.updatedReplicas > (before.updatedReplicas ?? 0) ||
    counts.readyReplicas > (before.readyReplicas ?? 0) ||
    counts.availableReplicas > (before.availableReplicas ?? 0) ||
    counts.oldReplicas < beforeOld;
  const priorProgressing = previous.find((c) => c.type === 'Progressing');
  let progressing: Condition | undefined;
  if (complete) {
    progressing = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` };
  } else if (origin === 'created') {
    progressing = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${rsName}"` };
  } else if (origin === 'found') {
    progressing = { type: 'Progressing', status: 'True', reason: 'FoundNewReplicaSet', message: `Found new replica set "${rsName}"` };
  } else if (progressed || before.observedGeneration !== deployment.metadata?.generation) {
    progressing = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` };
  }
  const progressingCondition = progressing
    ? condition(previous, at, progressing, progressed || origin !== 'same')
    : priorProgressing;
  return {
    ...before,
    observedGeneration: deployment.metadata?.generation ?? 1,
    ...published,
    conditions: [availableCondition, ...(progressingCondition ? [progressingCondition] : [])],
  };
}

/** A condition with lastTransitionTime kept while its status holds and lastUpdateTime kept while nothing about it changes. */
function condition(previous: Condition[], at: string, next: Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>, touched = false): Condition {
  const prior = previous.find((c) => c.type === next.type);
  const same = prior && prior.status === next.status && prior.reason === next.reason && prior.message === next.message;
  return {
    type: next.type,
    status: next.status,
    lastUpdateTime: same && !touched ? (prior.lastUpdateTime ?? at) : at,
    lastTransitionTime: prior && prior.status === next.status ? (prior.lastTransitionTime ?? at) : at,
    ...(next.reason ? { reason: next.reason } : {}),
    ...(next.message ? { message: next.message } : {}),
  };
}
