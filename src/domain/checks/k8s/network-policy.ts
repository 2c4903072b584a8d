import { fail, pass, type Check } from '../check.js';
import { deploymentName } from './describe-object.js';
import { formatLabels, selectorMatches } from './label-selector.js';
import { locateDeployment } from './locate-deployment.js';

export const networkPolicyCheck: Check = {
  id: 'k8s.network-policy',
  title: 'A NetworkPolicy selects the pods',
  severity: 'warn',
  runtime: 'kubernetes',
  run: async (context) => {
    const located = await locateDeployment(context);
    if ('skipped' in located) return located.skipped;
    const { deployment } = located;
    const { namespace } = context.target;
    const labels = deployment.spec.template.labels;
    const policies = await context.facts.networkPolicies();
    const selecting = policies.filter((p) => selectorMatches(p.podSelector, labels));
    if (selecting.length > 0) {
      return pass(`NetworkPolicy ${selecting.map((p) => p.name).join(', ')} selects the pods of ${deploymentName(deployment)}`);
    }
    return fail(
      `no NetworkPolicy in ${namespace} selects the pods of ${deploymentName(deployment)} (${formatLabels(labels)}): any pod in the cluster can reach them`,
      `kubectl -n ${namespace} apply -f - <<< '{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"default-deny"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}}', then a policy allowing ingress to ${formatLabels(labels)} from where its traffic comes`,
    );
  },
};
