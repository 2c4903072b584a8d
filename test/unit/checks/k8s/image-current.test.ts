import { describe, expect, it } from 'vitest';
import { imageCurrentCheck } from '../../../../src/domain/checks/k8s/image-current.js';
import type { EcrImage } from '../../../../src/ports/ecr.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { BACKEND_REPOSITORY_URI, clusterWith, healthyDeployment, mainContainer } from '../../../support/k8s-builders.js';

const DIGEST = 'sha256:4f1c0b5a9d2e7c3b8a6f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b';

const runningImage = (image: string) =>
  clusterWith({
    deployment: healthyDeployment((d) => {
      mainContainer(d).image = image;
    }),
  });

const ecrImage = (digest: string): EcrImage => ({ digest, tags: ['1.1.0'], sizeBytes: 1, findingCounts: {} });

describe('k8s.image-current', () => {
  it('given the version was taken from the Deployment, when run, then it passes saying what is reviewed', async () => {
    const outcome = await imageCurrentCheck.run(checkContext({ target: { versionSource: 'deployed' }, ports: { cluster: clusterWith() } }));

    expect(outcome).toMatchObject({ status: 'pass', finding: 'reviewing what runs: 1.1.0' });
  });

  it('given a requested version equal to the deployed tag, when run, then it passes', async () => {
    const outcome = await imageCurrentCheck.run(checkContext({ ports: { cluster: clusterWith() } }));

    expect(outcome).toMatchObject({ status: 'pass', finding: 'deployment/backend container backend runs 1.1.0, the version under review' });
  });

  it('given a requested version other than the deployed tag, when run, then it fails with the deploy command', async () => {
    const outcome = await imageCurrentCheck.run(checkContext({ ports: { cluster: runningImage(`${BACKEND_REPOSITORY_URI}:1.0.0`) } }));

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('deployment/backend container backend runs 1.0.0; under review: 1.1.0');
    expect(outcome.fix).toBe('/deploy backend 1.1.0 staging');
  });

  it('given an image tag template, when the deployed tag is the filled template, then it passes', async () => {
    const outcome = await imageCurrentCheck.run(
      checkContext({
        target: { ecr: { repository: 'shop/backend', platform: 'linux/amd64', tag: 'v1.1.0' } },
        ports: { cluster: runningImage(`${BACKEND_REPOSITORY_URI}:v1.1.0`) },
      }),
    );

    expect(outcome.status).toBe('pass');
  });

  it('given an image pinned by tag and digest, when the tag matches, then it passes', async () => {
    const outcome = await imageCurrentCheck.run(checkContext({ ports: { cluster: runningImage(`${BACKEND_REPOSITORY_URI}:1.1.0@${DIGEST}`) } }));

    expect(outcome.status).toBe('pass');
  });

  it('given an image pinned by digest only, when that digest is the tag under review, then it passes naming the digest', async () => {
    const outcome = await imageCurrentCheck.run(
      checkContext({
        ports: { cluster: runningImage(`${BACKEND_REPOSITORY_URI}@${DIGEST}`), ecr: { describeImage: async () => ecrImage(DIGEST) } },
      }),
    );

    expect(outcome.status).toBe('pass');
    expect(outcome.finding).toContain(DIGEST);
  });

  it('given an image pinned by digest only, when the tag under review has another digest, then it warns it is pinned by digest', async () => {
    const outcome = await imageCurrentCheck.run(
      checkContext({
        ports: {
          cluster: runningImage(`${BACKEND_REPOSITORY_URI}@${DIGEST}`),
          ecr: { describeImage: async () => ecrImage('sha256:0000') },
        },
      }),
    );

    expect(outcome.status).toBe('warn');
    expect(outcome.finding).toContain(`pinned by digest only (${DIGEST})`);
    expect(outcome.finding).toContain('not tag 1.1.0 (sha256:0000)');
    expect(outcome.fix).toBe('/deploy backend 1.1.0 staging');
  });

  it('given an image pinned by digest only, when the tag under review is not in the repository, then it warns without a digest to compare', async () => {
    const outcome = await imageCurrentCheck.run(
      checkContext({ ports: { cluster: runningImage(`${BACKEND_REPOSITORY_URI}@${DIGEST}`), ecr: { describeImage: async () => undefined } } }),
    );

    expect(outcome).toMatchObject({
      status: 'warn',
      finding: `deployment/backend container backend is pinned by digest only (${DIGEST}), which is not tag 1.1.0`,
    });
  });

  it('given no version under review, when run, then it skips without reading the cluster', async () => {
    const outcome = await imageCurrentCheck.run(checkContext({ target: { version: undefined, versionSource: 'unknown' } }));

    expect(outcome.status).toBe('skip');
    expect(outcome.finding).toContain('no version under review');
  });

  it('given the Deployment is missing, when run, then it skips pointing at k8s.deployment', async () => {
    const outcome = await imageCurrentCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: undefined }) } }));

    expect(outcome).toMatchObject({ status: 'skip', finding: 'deployment/backend not found in shop-staging (k8s.deployment reports it)' });
  });

  it('given the cluster cannot be reached, when run, then the port error propagates', async () => {
    const cluster = { getDeployment: () => Promise.reject(new PortError('unreachable', 'Kubernetes get deployments/backend: connection refused')) };

    await expect(imageCurrentCheck.run(checkContext({ ports: { cluster } }))).rejects.toThrow('connection refused');
  });
});
