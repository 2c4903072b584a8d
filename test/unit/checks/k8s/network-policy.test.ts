import { describe, expect, it } from 'vitest';
import { networkPolicyCheck } from '../../../../src/domain/checks/k8s/network-policy.js';
import type { NetworkPolicy } from '../../../../src/ports/cluster.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { clusterWith, shopDefaultPolicy } from '../../../support/k8s-builders.js';

const runWith = (networkPolicies: NetworkPolicy[]) =>
  networkPolicyCheck.run(checkContext({ ports: { cluster: clusterWith({ networkPolicies }) } }));

describe('k8s.network-policy', () => {
  it('given a policy selecting app In [backend, frontend, ml], when run, then it passes naming it', async () => {
    const outcome = await runWith([shopDefaultPolicy()]);

    expect(outcome).toMatchObject({ status: 'pass', finding: 'NetworkPolicy shop-default selects the pods of deployment/backend' });
  });

  it('given two policies selecting the pods, when run, then it passes naming both', async () => {
    const outcome = await runWith([shopDefaultPolicy(), { name: 'backend-ingress', podSelector: { matchLabels: { app: 'backend' } } }]);

    expect(outcome.finding).toBe('NetworkPolicy shop-default, backend-ingress selects the pods of deployment/backend');
  });

  it('given a default-deny policy with an empty selector, when run, then it selects every pod and passes', async () => {
    const outcome = await runWith([{ name: 'default-deny', podSelector: {} }]);

    expect(outcome.finding).toBe('NetworkPolicy default-deny selects the pods of deployment/backend');
  });

  it('given policies only for other apps, when run, then it fails naming the labels and a default-deny fix', async () => {
    const outcome = await runWith([
      { name: 'frontend-only', podSelector: { matchLabels: { app: 'frontend' } } },
      { name: 'not-backend', podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['backend'] }] } },
    ]);

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(
      'no NetworkPolicy in shop-staging selects the pods of deployment/backend (app=backend): any pod in the cluster can reach them',
    );
    expect(outcome.fix).toContain('kubectl -n shop-staging apply -f -');
    expect(outcome.fix).toContain('"podSelector":{}');
  });

  it('given no policies in the namespace, when run, then it fails', async () => {
    const outcome = await runWith([]);

    expect(outcome.status).toBe('fail');
  });

  it('given the Deployment is missing, when run, then it skips without listing policies', async () => {
    const outcome = await networkPolicyCheck.run(
      checkContext({ ports: { cluster: { getDeployment: async () => undefined } } }),
    );

    expect(outcome.status).toBe('skip');
  });

  it('given listing policies is forbidden, when run, then the port error propagates', async () => {
    const cluster = {
      ...clusterWith(),
      listNetworkPolicies: () => Promise.reject(new PortError('forbidden', 'Kubernetes list networkpolicies: forbidden')),
    };

    await expect(networkPolicyCheck.run(checkContext({ ports: { cluster } }))).rejects.toThrow(PortError);
  });
});
