import { describe, expect, it } from 'vitest';
import { deploymentCheck } from '../../../../src/domain/checks/k8s/deployment.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { clusterWith, healthyContainer, healthyDeployment } from '../../../support/k8s-builders.js';

describe('k8s.deployment', () => {
  it('given the Deployment with the service container, when run, then it passes naming the image', async () => {
    const outcome = await deploymentCheck.run(checkContext({ ports: { cluster: clusterWith() } }));

    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toContain('deployment/backend container backend runs 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.1.0');
  });

  it('given no Deployment of that name, when run, then it fails naming the namespace and the config key', async () => {
    const outcome = await deploymentCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: undefined }) } }));

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('deployment/backend not found in namespace shop-staging');
    expect(outcome.fix).toContain('kubectl -n shop-staging get deployments');
    expect(outcome.fix).toContain('services.backend.kubernetes.deployment');
  });

  it('given a Deployment whose pod template has no containers, when run, then it fails saying it has none', async () => {
    const deployment = healthyDeployment((d) => {
      d.spec.template.spec.containers = [];
    });

    const outcome = await deploymentCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment }) } }));

    expect(outcome).toMatchObject({ status: 'fail', finding: 'deployment/backend has no container named backend; it has none' });
  });

  it('given the Deployment without the configured container, when run, then it fails listing the containers it has', async () => {
    const deployment = healthyDeployment((d) => {
      d.spec.template.spec.containers = [healthyContainer({ name: 'app' }), healthyContainer({ name: 'envoy' })];
    });

    const outcome = await deploymentCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment }) } }));

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('deployment/backend has no container named backend; it has app, envoy');
    expect(outcome.fix).toBe('set services.backend.kubernetes.container to one of: app, envoy');
  });

  it('given a container named in the config, when the Deployment has it, then it passes', async () => {
    const deployment = healthyDeployment((d) => {
      d.spec.template.spec.containers = [healthyContainer({ name: 'api' })];
    });

    const outcome = await deploymentCheck.run(
      checkContext({ target: { kubernetes: { deployment: 'backend', container: 'api' } }, ports: { cluster: clusterWith({ deployment }) } }),
    );

    expect(outcome.status).toBe('pass');
  });

  it('given the cluster refuses the read, when run, then the port error propagates', async () => {
    const cluster = { getDeployment: () => Promise.reject(new PortError('forbidden', 'Kubernetes get deployments/backend: forbidden')) };

    await expect(deploymentCheck.run(checkContext({ ports: { cluster } }))).rejects.toThrow(PortError);
  });
});
