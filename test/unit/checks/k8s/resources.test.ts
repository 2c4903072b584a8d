import { describe, expect, it } from 'vitest';
import { resourcesCheck } from '../../../../src/domain/checks/k8s/resources.js';
import type { Container } from '../../../../src/ports/cluster.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { clusterWith, healthyDeployment, mainContainer } from '../../../support/k8s-builders.js';

const runWith = (resources: Container['resources']) =>
  resourcesCheck.run(
    checkContext({
      ports: {
        cluster: clusterWith({
          deployment: healthyDeployment((d) => {
            if (resources) mainContainer(d).resources = resources;
            else delete mainContainer(d).resources;
          }),
        }),
      },
    }),
  );

describe('k8s.resources', () => {
  it('given requests and a memory limit, when run, then it passes naming them', async () => {
    const outcome = await runWith({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } });

    expect(outcome).toMatchObject({
      status: 'pass',
      finding: 'deployment/backend container backend requests cpu 100m, memory 128Mi; memory limit 512Mi',
    });
  });

  it('given no resources at all, when run, then it fails listing all three and the YAML to add', async () => {
    const outcome = await runWith(undefined);

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('deployment/backend container backend has no requests.cpu, requests.memory, limits.memory');
    expect(outcome.fix).toContain('resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 512Mi } }');
  });

  it('given only the memory limit missing, when run, then only it is listed', async () => {
    const outcome = await runWith({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1' } });

    expect(outcome.finding).toBe('deployment/backend container backend has no limits.memory');
    expect(outcome.fix).toContain('resources: { limits: { memory: 512Mi } }');
  });

  it('given no cpu limit, when everything else is set, then it still passes', async () => {
    const outcome = await runWith({ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '256Mi' } });

    expect(outcome.status).toBe('pass');
  });

  it('given the Deployment is missing, when run, then it skips', async () => {
    const outcome = await resourcesCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: undefined }) } }));

    expect(outcome.status).toBe('skip');
  });

  it('given the cluster fails, when run, then the port error propagates', async () => {
    const cluster = { getDeployment: () => Promise.reject(new PortError('unauthorized', 'Kubernetes get deployments/backend: 401')) };

    await expect(resourcesCheck.run(checkContext({ ports: { cluster } }))).rejects.toThrow(PortError);
  });
});
