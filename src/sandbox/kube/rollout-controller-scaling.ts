import { isPodReady, ownerNameOf, rollingLimits, type PodShape, type ReplicaSetShape } from './rollout-controller-objects.js';

/**
 * One step of the RollingUpdate strategy (rolling.go): scale the new
 * ReplicaSet up within maxSurge, then the old ones down — unhealthy pods
 * first — within maxUnavailable. Returns whether anything was scaled.
 */
export function scaleOnce(newRS: ReplicaSetShape, oldRSs: ReplicaSetShape[], desired: number, pods: PodShape[]): boolean {
  const { maxSurge, maxUnavailable } = rollingLimits(desired);
  const all = [newRS, ...oldRSs];
  const total = () => all.reduce((sum, rs) => sum + rs.spec.replicas, 0);
  const available = (rs: ReplicaSetShape) =>
    Math.min(rs.spec.replicas, pods.filter((p) => ownerNameOf(p) === rs.metadata?.name && isPodReady(p)).length);
  let changed = false;

  if (newRS.spec.replicas > desired) {
    newRS.spec.replicas = desired;
    changed = true;
  } else if (newRS.spec.replicas < desired) {
    const room = desired + maxSurge - total();
    const up = Math.min(desired - newRS.spec.replicas, room);
    if (up > 0) {
      newRS.spec.replicas += up;
      changed = true;
    }
  }

  const minAvailable = desired - maxUnavailable;
  const newUnavailable = newRS.spec.replicas - available(newRS);
  let budget = total() - minAvailable - newUnavailable;
  for (const rs of oldRSs) {
    if (budget <= 0) break;
    const down = Math.min(budget, rs.spec.replicas - available(rs));
    if (down > 0) {
      rs.spec.replicas -= down;
      budget -= down;
      changed = true;
    }
  }
  let scaleDown = all.reduce((sum, rs) => sum + available(rs), 0) - minAvailable;
  for (const rs of oldRSs) {
    if (scaleDown <= 0) break;
    const down = Math.min(scaleDown, rs.spec.replicas);
    if (down > 0) {
      rs.spec.replicas -= down;
      scaleDown -= down;
      changed = true;
    }
  }
  return changed;
}
