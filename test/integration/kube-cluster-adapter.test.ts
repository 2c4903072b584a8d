import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClusterPort, type ClusterPortOptions } from '../../src/adapters/kube/cluster-adapter.js';
import type { ClusterPort } from '../../src/ports/cluster.port.js';
import { PortError } from '../../src/ports/port-error.js';
import { SANDBOX_KUBE_TOKEN } from '../../src/sandbox/kube/kube-auth.js';
import { sandboxKubeconfigYaml, writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

const CONTEXTS = { 'sandbox-staging': 'shop-staging', 'sandbox-production': 'shop-production' };

let sandbox: Sandbox;
let dir: string;
let kubeconfigPath: string;

beforeEach(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
  dir = mkdtempSync(join(tmpdir(), 'shipmate-kube-'));
  kubeconfigPath = writeSandboxKubeconfig(dir, sandbox.url, CONTEXTS);
});

afterEach(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const cluster = (options: ClusterPortOptions = {}): ClusterPort =>
  createClusterPort({ kubeconfigPath, context: 'sandbox-staging', ...options });

async function portError(promise: Promise<unknown>): Promise<PortError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PortError);
  const portError = error as PortError;
  expect(portError.message).not.toMatch(/\n/);
  expect(portError.message).not.toContain(SANDBOX_KUBE_TOKEN);
  return portError;
}

describe('cluster adapter against the sandbox API server', () => {
  it('given the healthy world, when reading the backend Deployment, then containers, security, probes and status arrive', async () => {
    // when
    const deployment = await cluster().getDeployment('shop-staging', 'backend');

    // then
    expect(deployment).toBeDefined();
    expect(deployment!.name).toBe('backend');
    expect(deployment!.namespace).toBe('shop-staging');
    expect(deployment!.generation).toBe(4);
    expect(deployment!.labels).toEqual({ app: 'backend' });
    expect(deployment!.annotations).toEqual({ 'deployment.kubernetes.io/revision': '4' });
    expect(deployment!.spec.replicas).toBe(2);
    expect(deployment!.spec.selector).toEqual({ matchLabels: { app: 'backend' } });
    const pod = deployment!.spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }]);
    expect(pod.imagePullSecrets).toEqual([{ name: 'registry-pull' }]);
    expect(pod.containers).toEqual([
      {
        name: 'backend',
        image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.1.0',
        envFrom: [{ secretRef: { name: 'backend-env' } }],
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
        readinessProbe: { httpGet: { path: '/health', port: 8080 } },
        livenessProbe: { httpGet: { path: '/health', port: 8080 } },
      },
    ]);
    expect(deployment!.status).toEqual({
      observedGeneration: 4,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    });
  });

  it('given the production context, when reading a production Deployment, then it comes from that namespace', async () => {
    const deployment = await cluster({ context: 'sandbox-production' }).getDeployment('shop-production', 'ml');
    expect(deployment?.namespace).toBe('shop-production');
    expect(deployment?.spec.template.spec.containers[0]?.image).toMatch(/shop\/ml:1\.1\.0$/);
  });

  it('given a Deployment that does not exist, when reading it, then the answer is undefined', async () => {
    await expect(cluster().getDeployment('shop-staging', 'payments')).resolves.toBeUndefined();
  });

  it('given Secrets by name, when asking whether they exist, then present ones are true and missing ones false', async () => {
    const port = cluster();
    await expect(port.secretExists('shop-staging', 'backend-env')).resolves.toBe(true);
    await expect(port.secretExists('shop-staging', 'payments-env')).resolves.toBe(false);
    await expect(port.secretExists('shop-production', 'registry-pull')).resolves.toBe(true);
  });

  it('given a Secret, when checking it exists, then only its metadata is asked for, never its data', async () => {
    // given: a server that records what the adapter asks for
    const accepts: (string | undefined)[] = [];
    const recorder = createHttpServer((req, res) => {
      accepts.push(req.headers.accept);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'backend-env' } }));
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const { port } = recorder.address() as AddressInfo;
    const path = writeSandboxKubeconfig(mkdtempSync(join(dir, 'recorder-')), `http://127.0.0.1:${port}`, CONTEXTS);

    try {
      // when
      const exists = await createClusterPort({ kubeconfigPath: path }).secretExists('shop-staging', 'backend-env');

      // then
      expect(exists).toBe(true);
      expect(accepts).toEqual(['application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1, application/json']);
    } finally {
      recorder.closeAllConnections();
      await new Promise<void>((resolve) => recorder.close(() => resolve()));
    }
  });

  it('given the healthy namespace, when listing NetworkPolicies, then its policy and pod selector arrive', async () => {
    await expect(cluster().listNetworkPolicies('shop-staging')).resolves.toEqual([
      {
        name: 'shop-default',
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['backend', 'frontend', 'ml'] }] },
        policyTypes: ['Ingress'],
      },
    ]);
  });

  it('given more policies than a page holds, when listing, then every page is followed with continue', async () => {
    // given
    const policies = sandbox.state.world.kubernetes.namespaces['shop-staging']!.networkPolicies;
    for (const name of ['allow-dns', 'allow-metrics', 'deny-egress', 'zz-last']) {
      policies.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec: { podSelector: {} } });
    }

    // when
    const listed = await cluster({ listPageSize: 2 }).listNetworkPolicies('shop-staging');

    // then
    expect(listed.map((p) => p.name)).toEqual(['allow-dns', 'allow-metrics', 'deny-egress', 'shop-default', 'zz-last']);
    const listCalls = sandbox.state.callsTo('kubernetes').filter((c) => c.operation.endsWith('/networkpolicies'));
    expect(listCalls).toHaveLength(3);
  });

  it('given calls through the adapter, when they are answered, then the sandbox recorded each of them', async () => {
    const port = cluster();
    await port.getDeployment('shop-staging', 'backend');
    await port.secretExists('shop-staging', 'backend-env');
    await port.listNetworkPolicies('shop-staging');

    expect(sandbox.state.callsTo('kubernetes').map((c) => c.operation)).toEqual([
      'GET /apis/apps/v1/namespaces/shop-staging/deployments/backend',
      'GET /api/v1/namespaces/shop-staging/secrets/backend-env',
      'GET /apis/networking.k8s.io/v1/namespaces/shop-staging/networkpolicies',
    ]);
  });

  it('given reading Secrets is denied, when checking one, then the error is forbidden and names the verb and resource', async () => {
    sandbox.state.world.faults = { deny: ['k8s:get:secrets'] };

    const error = await portError(cluster().secretExists('shop-staging', 'backend-env'));

    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(
      'Kubernetes get secret shop-staging/backend-env forbidden: secrets "backend-env" is forbidden: ' +
        'User "system:serviceaccount:shipmate:shipmate" cannot get resource "secrets" in API group "" in the namespace "shop-staging"',
    );
  });

  it('given listing NetworkPolicies is denied, when listing, then the error is forbidden and names the list verb', async () => {
    sandbox.state.world.faults = { deny: ['k8s:list:networkpolicies'] };

    const error = await portError(cluster().listNetworkPolicies('shop-staging'));

    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('cannot list resource "networkpolicies" in API group "networking.k8s.io"');
  });

  it('given reading Deployments is denied, when reading one, then it is forbidden rather than missing', async () => {
    sandbox.state.world.faults = { deny: ['k8s:get:deployments'] };
    expect((await portError(cluster().getDeployment('shop-staging', 'backend'))).code).toBe('forbidden');
  });

  it('given the API server throttles, when reading, then the error is throttled', async () => {
    sandbox.state.world.faults = { throttle: ['k8s:get:deployments'] };
    const error = await portError(cluster().getDeployment('shop-staging', 'backend'));
    expect(error.code).toBe('throttled');
    expect(error.message).toContain('retry after 1s');
  });

  it('given a kubeconfig with the wrong token, when reading, then the error is unauthorized and shows no token', async () => {
    // given
    const wrongToken = 'not-the-sandbox-token';
    const path = join(dir, 'wrong-token');
    writeFileSync(path, sandboxKubeconfigYaml(sandbox.url, CONTEXTS).replace(SANDBOX_KUBE_TOKEN, wrongToken));

    // when
    const error = await portError(createClusterPort({ kubeconfigPath: path, context: 'sandbox-staging' }).getDeployment('shop-staging', 'backend'));

    // then
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain(sandbox.url);
    expect(error.message).not.toContain(wrongToken);
  });

  it('given a context the kubeconfig does not have, when creating the port, then it is invalid and names context and file', () => {
    let error: unknown;
    try {
      createClusterPort({ kubeconfigPath, context: 'sandbox-qa' });
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('invalid');
    expect((error as PortError).message).toBe(
      `Kubernetes context "sandbox-qa" not found in kubeconfig ${kubeconfigPath} (it has sandbox-staging, sandbox-production)`,
    );
  });

  it('given nothing listens at the server, when reading, then the error is unreachable, names the server and fits one line', async () => {
    // given
    const closedUrl = await urlOfClosedPort();
    const path = writeSandboxKubeconfig(mkdtempSync(join(dir, 'closed-')), closedUrl, CONTEXTS);

    // when
    const error = await portError(createClusterPort({ kubeconfigPath: path, context: 'sandbox-staging' }).getDeployment('shop-staging', 'backend'));

    // then
    expect(error.code).toBe('unreachable');
    expect(error.message).toBe(`Kubernetes API unreachable at ${closedUrl}: ECONNREFUSED (get deployment shop-staging/backend)`);
  });

  it('given the API server answers too slowly, when reading, then the request is abandoned as unreachable', async () => {
    sandbox.state.world.faults = { latencyMs: 2_000 };

    const error = await portError(cluster({ requestTimeoutMs: 100 }).secretExists('shop-staging', 'backend-env'));

    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('no answer within 100 ms');
  });
});

/** A local URL where nothing listens: a port the OS just handed out and that was closed again. */
async function urlOfClosedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
