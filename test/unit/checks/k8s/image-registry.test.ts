import { describe, expect, it } from 'vitest';
import { imageRegistryCheck } from '../../../../src/domain/checks/k8s/image-registry.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { backendRepository, BACKEND_REPOSITORY_URI, clusterWith, healthyContainer, healthyDeployment, mainContainer } from '../../../support/k8s-builders.js';

const ecr = { getRepository: async () => backendRepository() };

describe('k8s.image-registry', () => {
  it('given the image comes from the ECR repository, when run, then it passes', async () => {
    const outcome = await imageRegistryCheck.run(checkContext({ ports: { cluster: clusterWith(), ecr } }));

    expect(outcome).toMatchObject({ status: 'pass', finding: `deployment/backend container backend runs an image from ${BACKEND_REPOSITORY_URI}` });
  });

  it('given an image from Docker Hub, when run, then it fails naming both repositories and how to fix it', async () => {
    const deployment = healthyDeployment((d) => {
      mainContainer(d).image = 'docker.io/acme/backend:1.1.0';
    });

    const outcome = await imageRegistryCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment }), ecr } }));

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(`deployment/backend container backend runs docker.io/acme/backend, expected ${BACKEND_REPOSITORY_URI}`);
    expect(outcome.fix).toContain(`kubectl -n shop-staging set image deployment/backend backend=${BACKEND_REPOSITORY_URI}:1.1.0`);
  });

  it('given a foreign image and another tag under review, when run, then the fix deploys the version and sets the tag under review', async () => {
    const deployment = healthyDeployment((d) => {
      mainContainer(d).image = 'docker.io/acme/backend:1.0.0';
    });
    const target = { version: '1.2.0', ecr: { repository: 'shop/backend', platform: 'linux/amd64', tag: 'v1.2.0' } };

    const outcome = await imageRegistryCheck.run(checkContext({ target, ports: { cluster: clusterWith({ deployment }), ecr } }));

    expect(outcome.fix).toBe(
      `/deploy backend 1.2.0 staging (or kubectl -n shop-staging set image deployment/backend backend=${BACKEND_REPOSITORY_URI}:v1.2.0)`,
    );
  });

  it('given a foreign image and no version under review, when run, then the fix keeps the deployed tag and leaves the version to fill in', async () => {
    const deployment = healthyDeployment((d) => {
      mainContainer(d).image = 'docker.io/acme/backend:1.0.0';
    });
    const target = { version: undefined, versionSource: 'unknown' as const, ecr: { repository: 'shop/backend', platform: 'linux/amd64' } };

    const outcome = await imageRegistryCheck.run(checkContext({ target, ports: { cluster: clusterWith({ deployment }), ecr } }));

    expect(outcome.fix).toBe(
      `/deploy backend <version> staging (or kubectl -n shop-staging set image deployment/backend backend=${BACKEND_REPOSITORY_URI}:1.0.0)`,
    );
  });

  it('given a foreign image pinned by digest and no tag under review, when run, then the fix leaves the tag to fill in', async () => {
    const deployment = healthyDeployment((d) => {
      mainContainer(d).image = 'docker.io/acme/backend@sha256:0000';
    });
    const target = { version: undefined, versionSource: 'unknown' as const, ecr: { repository: 'shop/backend', platform: 'linux/amd64' } };

    const outcome = await imageRegistryCheck.run(checkContext({ target, ports: { cluster: clusterWith({ deployment }), ecr } }));

    expect(outcome.fix).toContain(`set image deployment/backend backend=${BACKEND_REPOSITORY_URI}:<tag>)`);
  });

  it('given another repository of the same registry, when run, then it fails', async () => {
    const deployment = healthyDeployment((d) => {
      mainContainer(d).image = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend-old:1.1.0';
    });

    const outcome = await imageRegistryCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment }), ecr } }));

    expect(outcome.status).toBe('fail');
  });

  it('given only a sidecar uses another registry, when run, then only the service container counts', async () => {
    const deployment = healthyDeployment((d) => {
      d.spec.template.spec.containers.push(healthyContainer({ name: 'envoy', image: 'envoyproxy/envoy:v1.31' }));
    });

    const outcome = await imageRegistryCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment }), ecr } }));

    expect(outcome.status).toBe('pass');
  });

  it('given the ECR repository does not exist, when run, then it skips pointing at ecr.repository', async () => {
    const outcome = await imageRegistryCheck.run(
      checkContext({ ports: { cluster: clusterWith(), ecr: { getRepository: async () => undefined } } }),
    );

    expect(outcome).toMatchObject({ status: 'skip', finding: 'ECR repository shop/backend not found (ecr.repository reports it)' });
  });

  it('given the Deployment is missing, when run, then it skips', async () => {
    const outcome = await imageRegistryCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: undefined }), ecr } }));

    expect(outcome.status).toBe('skip');
  });

  it('given ECR refuses the lookup, when run, then the port error propagates', async () => {
    const denied = { getRepository: () => Promise.reject(new PortError('forbidden', 'ECR DescribeRepositories: AccessDenied')) };

    await expect(imageRegistryCheck.run(checkContext({ ports: { cluster: clusterWith(), ecr: denied } }))).rejects.toThrow(PortError);
  });
});
