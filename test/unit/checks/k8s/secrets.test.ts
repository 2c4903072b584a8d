import { describe, expect, it } from 'vitest';
import { secretsCheck } from '../../../../src/domain/checks/k8s/secrets.js';
import type { Deployment } from '../../../../src/ports/cluster.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { clusterWith, healthyContainer, healthyDeployment, mainContainer } from '../../../support/k8s-builders.js';

const runWith = (options: { edit?: (d: Deployment) => void; secrets?: string[] }) => {
  const asked: string[] = [];
  const cluster = clusterWith({ deployment: healthyDeployment(options.edit), ...(options.secrets ? { secrets: options.secrets } : {}) });
  const secretExists = (namespace: string, name: string) => {
    asked.push(name);
    return cluster.secretExists(namespace, name);
  };
  return { asked, outcome: secretsCheck.run(checkContext({ ports: { cluster: { ...cluster, secretExists } } })) };
};

/** Every way a pod template can name a Secret, each a different one. */
const everyKindOfReference = (d: Deployment) => {
  const spec = d.spec.template.spec;
  mainContainer(d).env = [
    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-creds', key: 'password' } } },
    { name: 'PLAIN', value: 'x' },
  ];
  spec.initContainers = [healthyContainer({ name: 'migrate', envFrom: [{ secretRef: { name: 'migrate-env' } }] })];
  spec.volumes = [
    { name: 'tls', secret: { secretName: 'backend-tls' } },
    { name: 'bundle', projected: { sources: [{ secret: { name: 'signing-key' } }, {}] } },
  ];
};

describe('k8s.secrets', () => {
  it('given the healthy Deployment, when every referenced Secret exists, then it passes with the count', async () => {
    const { outcome, asked } = runWith({});

    expect(await outcome).toMatchObject({ status: 'pass', finding: '2 secrets referenced, all present' });
    expect(asked.sort()).toEqual(['backend-env', 'registry-pull']);
  });

  it('given references by env, envFrom of an init container, volumes and projected volumes, when all exist, then each was looked up', async () => {
    const { outcome, asked } = runWith({
      edit: everyKindOfReference,
      secrets: ['backend-env', 'registry-pull', 'db-creds', 'migrate-env', 'backend-tls', 'signing-key'],
    });

    expect((await outcome).finding).toBe('6 secrets referenced, all present');
    expect(asked.sort()).toEqual(['backend-env', 'backend-tls', 'db-creds', 'migrate-env', 'registry-pull', 'signing-key']);
  });

  it('given missing Secrets, when run, then it fails naming each with where it is used and a create command', async () => {
    const { outcome } = runWith({ edit: everyKindOfReference, secrets: ['backend-env', 'migrate-env', 'signing-key'] });
    const result = await outcome;

    expect(result.status).toBe('fail');
    expect(result.finding).toBe(
      'deployment/backend references missing Secrets: db-creds (env DB_PASSWORD of container backend), backend-tls (volume tls), registry-pull (imagePullSecrets)',
    );
    expect(result.fix).toContain('kubectl -n shop-staging create secret generic db-creds --from-env-file=<file>');
    expect(result.fix).toContain('kubectl -n shop-staging create secret generic backend-tls');
    expect(result.fix).toContain(
      'kubectl -n shop-staging create secret docker-registry registry-pull --docker-server=111122223333.dkr.ecr.eu-west-1.amazonaws.com',
    );
  });

  it('given the envFrom Secret of the healthy world is missing, when run, then it fails naming it', async () => {
    const { outcome } = runWith({ secrets: ['registry-pull'] });

    expect((await outcome).finding).toBe('deployment/backend references missing Secret: backend-env (envFrom of container backend)');
  });

  it('given a missing Secret marked optional, when run, then it is not required and not looked up', async () => {
    const { outcome, asked } = runWith({
      edit: (d) => {
        mainContainer(d).envFrom = [{ secretRef: { name: 'backend-env' } }, { secretRef: { name: 'feature-flags', optional: true } }];
        mainContainer(d).env = [{ name: 'X', valueFrom: { secretKeyRef: { name: 'maybe', key: 'x', optional: true } } }];
        d.spec.template.spec.volumes = [{ name: 'extra', secret: { secretName: 'extra', optional: true } }];
      },
    });

    expect((await outcome).status).toBe('pass');
    expect(asked).not.toContain('feature-flags');
    expect(asked).not.toContain('maybe');
    expect(asked).not.toContain('extra');
  });

  it('given a Secret referenced twice, when run, then it is looked up once', async () => {
    const { outcome, asked } = runWith({
      edit: (d) => {
        mainContainer(d).env = [{ name: 'A', valueFrom: { secretKeyRef: { name: 'backend-env', key: 'a' } } }];
      },
    });

    expect((await outcome).finding).toBe('2 secrets referenced, all present');
    expect(asked.filter((n) => n === 'backend-env')).toHaveLength(1);
  });

  it('given no Secret referenced at all, when run, then it passes saying so', async () => {
    const { outcome } = runWith({
      edit: (d) => {
        delete mainContainer(d).envFrom;
        delete d.spec.template.spec.imagePullSecrets;
      },
    });

    expect(await outcome).toMatchObject({ status: 'pass', finding: 'deployment/backend: no secrets referenced' });
  });

  it('given a single Secret referenced, when it exists, then it passes counting it in the singular', async () => {
    const { outcome } = runWith({ edit: (d) => delete d.spec.template.spec.imagePullSecrets });

    expect(await outcome).toMatchObject({ status: 'pass', finding: '1 secret referenced, all present' });
  });

  it('given a Secret first used by env then by envFrom, when it is missing, then the finding names its first use', async () => {
    const { outcome } = runWith({
      edit: (d) => {
        mainContainer(d).env = [{ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'backend-env', key: 'api-key' } } }];
      },
      secrets: ['registry-pull'],
    });

    expect((await outcome).finding).toBe('deployment/backend references missing Secret: backend-env (env API_KEY of container backend)');
  });

  it('given two missing Secrets, when run, then the fix is both create commands in order', async () => {
    const { outcome } = runWith({ secrets: [] });

    expect((await outcome).fix).toBe(
      'kubectl -n shop-staging create secret generic backend-env --from-env-file=<file>; ' +
        'kubectl -n shop-staging create secret docker-registry registry-pull --docker-server=111122223333.dkr.ecr.eu-west-1.amazonaws.com ' +
        '--docker-username=AWS --docker-password="$(aws ecr get-login-password)"',
    );
  });

  it.each([
    ['localhost:5000/shop/backend:1.1.0', 'localhost:5000'],
    ['localhost/shop/backend:1.1.0', 'localhost'],
    ['registry.example.com/shop/backend:1.1.0', 'registry.example.com'],
    ['shop/backend:1.1.0', '<registry>'],
    ['nginx:1.27', '<registry>'],
    ['my.app:1.1.0', '<registry>'],
  ])('given the image %s and a missing pull Secret, when run, then the docker-registry command names server %s', async (image, server) => {
    const { outcome } = runWith({
      edit: (d) => {
        mainContainer(d).image = image;
      },
      secrets: ['backend-env'],
    });

    expect((await outcome).fix).toBe(
      `kubectl -n shop-staging create secret docker-registry registry-pull --docker-server=${server} --docker-username=AWS --docker-password="$(aws ecr get-login-password)"`,
    );
  });

  it('given a pod template without containers, when its pull Secret is missing, then the command leaves the server to fill in', async () => {
    const { outcome } = runWith({ edit: (d) => (d.spec.template.spec.containers = []), secrets: [] });

    expect((await outcome).fix).toContain('create secret docker-registry registry-pull --docker-server=<registry> ');
  });

  it('given the Deployment is missing, when run, then it skips', async () => {
    const outcome = await secretsCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: undefined }) } }));

    expect(outcome.status).toBe('skip');
  });

  it('given reading Secrets is forbidden, when run, then the port error propagates', async () => {
    const cluster = {
      ...clusterWith(),
      secretExists: () => Promise.reject(new PortError('forbidden', 'Kubernetes get secrets/backend-env: forbidden')),
    };

    await expect(secretsCheck.run(checkContext({ ports: { cluster } }))).rejects.toThrow('forbidden');
  });
});
