import { fail, pass, warn, type Check } from '../check.js';
import { argoRolloutOutcome } from './argo-rollout-outcome.js';
import { deploymentName } from './describe-object.js';
import { locateDeployment } from './locate-deployment.js';

/** The Deployment's status read the way `kubectl rollout status` reads it; a Rollout's the way `kubectl argo rollouts status` does. */
export const rolloutCheck: Check = {
  id: 'k8s.rollout',
  title: 'Rollout complete, all replicas available',
  severity: 'fail',
  runtime: 'kubernetes',
  run: async (context) => {
    const located = await locateDeployment(context);
    if ('skipped' in located) return located.skipped;
    const { deployment } = located;
    const { namespace } = context.target;
    // Read for a Rollout service only (undefined for a Deployment's).
    const rollout = await context.facts.rollout();
    if (rollout) return argoRolloutOutcome(rollout, namespace);
    const name = deploymentName(deployment);
    const { status } = deployment;
    const desired = deployment.spec.replicas ?? 1;
    const available = status.availableReplicas ?? 0;
    const updated = status.updatedReplicas ?? 0;
    const describe = `kubectl -n ${namespace} describe ${name}; kubectl -n ${namespace} get pods -l ${selectorArg(deployment.spec.selector.matchLabels)}`;

    const progressing = status.conditions.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      return fail(
        `${name} exceeded its progress deadline: "${progressing.message ?? 'no message'}"`,
        `${describe}; roll back with kubectl -n ${namespace} rollout undo ${name}`,
      );
    }
    if (available < desired) {
      return fail(`${name}: ${available} of ${desired} replicas available`, describe);
    }
    const generation = deployment.generation ?? 0;
    if ((status.observedGeneration ?? 0) < generation) {
      return warn(
        `${name}: rollout in progress, generation ${generation} not yet observed by the controller (observed ${status.observedGeneration ?? 'none'})`,
        `kubectl -n ${namespace} rollout status ${name}`,
      );
    }
    if (updated < desired) {
      return warn(`${name}: rollout in progress, ${updated} of ${desired} replicas updated`, `kubectl -n ${namespace} rollout status ${name}`);
    }
    const old = (status.replicas ?? 0) - updated;
    if (old > 0) {
      return warn(
        `${name}: rollout in progress, ${old} old ${old === 1 ? 'replica' : 'replicas'} pending termination`,
        `kubectl -n ${namespace} rollout status ${name}`,
      );
    }
    return pass(`${available}/${desired} available, rollout complete`);
  },
};

function selectorArg(matchLabels: Record<string, string> | undefined): string {
  const pairs = Object.entries(matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? pairs.join(',') : '<selector>';
}
