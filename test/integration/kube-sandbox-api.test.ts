import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
});

afterEach(async () => {
  await sandbox.close();
});

interface KubeAnswer {
  status: number;
  headers: Headers;
  // The bodies are JSON of many shapes; tests read them field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function kube(path: string, init: { method?: string; token?: string | null; accept?: string } = {}): Promise<KubeAnswer> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? 'sandbox-token' : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.accept) headers.accept = init.accept;
  const response = await fetch(`${sandbox.url}${path}`, { method: init.method ?? 'GET', headers });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const DEPLOYMENTS = '/apis/apps/v1/namespaces/shop-staging/deployments';
const names = (list: { items: { metadata: { name: string } }[] }) => list.items.map((i) => i.metadata.name);

describe('sandbox Kubernetes API: Status errors', () => {
  it('given a missing Deployment, when getting it, then a 404 Status names it as the API server does', async () => {
    const { status, body } = await kube(`${DEPLOYMENTS}/payments`);

    expect(status).toBe(404);
    expect(body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "payments" not found',
      reason: 'NotFound',
      details: { name: 'payments', group: 'apps', kind: 'deployments' },
      code: 404,
    });
  });

  it('given a missing core-group object, when getting it, then the Status has no group', async () => {
    const secret = await kube('/api/v1/namespaces/shop-staging/secrets/payments-env');
    const namespace = await kube('/api/v1/namespaces/shop-qa');

    expect(secret.body.message).toBe('secrets "payments-env" not found');
    expect(secret.body.details).toEqual({ name: 'payments-env', kind: 'secrets' });
    expect(namespace.status).toBe(404);
    expect(namespace.body.message).toBe('namespaces "shop-qa" not found');
  });

  it('given a namespace the world does not have, when reading in it, then gets are 404 and lists are empty, as on a real cluster', async () => {
    const get = await kube('/apis/apps/v1/namespaces/shop-qa/deployments/backend');
    const list = await kube('/apis/apps/v1/namespaces/shop-qa/deployments');

    expect(get.body.message).toBe('deployments.apps "backend" not found');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });

  it('given a denied get, when requesting, then a 403 Status names user, verb, resource, group and namespace', async () => {
    sandbox.state.world.faults = { deny: ['k8s:get:deployments'] };

    const { status, body } = await kube(`${DEPLOYMENTS}/backend`);

    expect(status).toBe(403);
    expect(body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'deployments.apps "backend" is forbidden: User "system:serviceaccount:shipmate:shipmate" cannot get resource "deployments" in API group "apps" in the namespace "shop-staging"',
      reason: 'Forbidden',
      details: { name: 'backend', group: 'apps', kind: 'deployments' },
      code: 403,
    });
  });

  it('given a denied list, when listing, then the 403 names the collection and no object', async () => {
    sandbox.state.world.faults = { deny: ['k8s:list:networkpolicies'] };

    const { status, body } = await kube('/apis/networking.k8s.io/v1/namespaces/shop-staging/networkpolicies');

    expect(status).toBe(403);
    expect(body.message).toBe(
      'networkpolicies.networking.k8s.io is forbidden: User "system:serviceaccount:shipmate:shipmate" cannot list resource "networkpolicies" in API group "networking.k8s.io" in the namespace "shop-staging"',
    );
    expect(body.details).toEqual({ group: 'networking.k8s.io', kind: 'networkpolicies' });
  });

  it('given a denial of one verb, when using another, then only the denied verb is refused', async () => {
    sandbox.state.world.faults = { deny: ['k8s:get:secrets'] };

    expect((await kube('/api/v1/namespaces/shop-staging/secrets/backend-env')).status).toBe(403);
    expect((await kube('/api/v1/namespaces/shop-staging/secrets')).status).toBe(200);
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong token', 'stolen-token'],
  ])('given %s, when requesting, then a 401 Unauthorized Status comes back', async (_label, token) => {
    const { status, body } = await kube(DEPLOYMENTS, { token });

    expect(status).toBe(401);
    expect(body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });

  it('given a verb the sandbox does not serve yet, when requesting, then a 405 Status names verb and resource', async () => {
    const create = await kube(DEPLOYMENTS, { method: 'POST' });
    const remove = await kube(`${DEPLOYMENTS}/backend`, { method: 'DELETE' });

    expect(create.status).toBe(405);
    expect(create.body.reason).toBe('MethodNotAllowed');
    expect(create.body.message).toBe('create is not supported on resources of kind "deployments.apps"');
    expect(remove.body.message).toBe('delete is not supported on resources of kind "deployments.apps"');
  });

  it('given an unknown resource, group or subresource, when requesting, then a generic 404 Status comes back', async () => {
    for (const path of [
      '/apis/apps/v1/namespaces/shop-staging/statefulsets',
      '/apis/batch/v1/namespaces/shop-staging/cronjobs',
      '/api/v1/namespaces/shop-staging/pods/some-pod/exec',
      '/apis/apps/v1/deployments/backend',
      `${DEPLOYMENTS}/backend/scale`,
    ]) {
      const { status, body } = await kube(path);
      expect(status, path).toBe(404);
      expect(body.message, path).toBe('the server could not find the requested resource');
    }
  });

  it('given a throttled list, when listing, then a 429 Status comes with Retry-After', async () => {
    sandbox.state.world.faults = { throttle: ['k8s:list:deployments'] };

    const { status, headers, body } = await kube(DEPLOYMENTS);

    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('1');
    expect(body.reason).toBe('TooManyRequests');
    expect(body.details).toEqual({ retryAfterSeconds: 1 });
  });

  it('given malformed query parameters, when listing, then a 400 BadRequest Status explains', async () => {
    const badLabels = await kube(`${DEPLOYMENTS}?labelSelector=${encodeURIComponent('app in backend')}`);
    const badField = await kube(`${DEPLOYMENTS}?fieldSelector=spec.replicas%3D2`);
    const badToken = await kube(`${DEPLOYMENTS}?limit=1&continue=garbage`);

    expect(badLabels.status).toBe(400);
    expect(badLabels.body.reason).toBe('BadRequest');
    expect(badField.body.message).toBe('field label not supported: spec.replicas');
    expect(badToken.body.message).toMatch(/^continue key is not valid/);
  });
});

describe('sandbox Kubernetes API: reads', () => {
  it('given the healthy world, when listing Deployments, then a DeploymentList of stamped items without kind comes back', async () => {
    const { status, body } = await kube(DEPLOYMENTS);

    expect(status).toBe(200);
    expect(body.kind).toBe('DeploymentList');
    expect(body.apiVersion).toBe('apps/v1');
    expect(body.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(names(body)).toEqual(['backend', 'frontend', 'ml']);
    for (const item of body.items) {
      expect(item).not.toHaveProperty('kind');
      expect(item).not.toHaveProperty('apiVersion');
      expect(item.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(item.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Number(item.metadata.resourceVersion)).toBeLessThanOrEqual(Number(body.metadata.resourceVersion));
    }
  });

  it('given a Deployment read twice, when comparing, then kind is set and uid and resourceVersion are stable', async () => {
    const first = await kube(`${DEPLOYMENTS}/backend`);
    const second = await kube(`${DEPLOYMENTS}/backend`);

    expect(first.body.kind).toBe('Deployment');
    expect(first.body.apiVersion).toBe('apps/v1');
    expect(first.body.metadata.generation).toBe(4);
    expect(second.body.metadata.uid).toBe(first.body.metadata.uid);
    expect(second.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
    const other = await kube('/apis/apps/v1/namespaces/shop-production/deployments/backend');
    expect(other.body.metadata.uid).not.toBe(first.body.metadata.uid);
  });

  it('given a world object without metadata extras, when served, then generation starts at 1', async () => {
    sandbox.state.world.kubernetes.namespaces['shop-staging']!.deployments.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'worker' },
      spec: { selector: { matchLabels: { app: 'worker' } }, template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [] } } },
    });

    const { body } = await kube(`${DEPLOYMENTS}/worker`);

    expect(body.metadata).toMatchObject({ name: 'worker', namespace: 'shop-staging', generation: 1 });
  });

  it.each([
    ['app=backend', ['backend']],
    ['app!=backend', ['frontend', 'ml']],
    ['app in (ml,frontend)', ['frontend', 'ml']],
    ['app notin (ml)', ['backend', 'frontend']],
    ['app', ['backend', 'frontend', 'ml']],
    ['!app', []],
    ['app=backend,tier=api', []],
  ])('given labelSelector %j, when listing Deployments, then %j come back', async (selector, expected) => {
    const { body } = await kube(`${DEPLOYMENTS}?labelSelector=${encodeURIComponent(selector)}`);
    expect(names(body)).toEqual(expected);
  });

  it('given a fieldSelector on the name, when listing, then only that object comes back', async () => {
    const { body } = await kube(`${DEPLOYMENTS}?fieldSelector=${encodeURIComponent('metadata.name=ml')}`);
    expect(names(body)).toEqual(['ml']);
  });

  it('given a limit, when following continue, then pages cover the list once with remainingItemCount', async () => {
    const first = await kube(`${DEPLOYMENTS}?limit=2`);
    expect(names(first.body)).toEqual(['backend', 'frontend']);
    expect(first.body.metadata.remainingItemCount).toBe(1);

    const second = await kube(`${DEPLOYMENTS}?limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`);
    expect(names(second.body)).toEqual(['ml']);
    expect(second.body.metadata).not.toHaveProperty('continue');
    expect(second.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
  });

  it('given all namespaces, when listing Deployments cluster-wide, then both namespaces come back in key order', async () => {
    const { body } = await kube('/apis/apps/v1/deployments?labelSelector=app%3Dbackend');
    expect(body.items.map((i: { metadata: { namespace: string } }) => i.metadata.namespace)).toEqual(['shop-production', 'shop-staging']);
  });

  it('given a Secret, when read in full or as metadata only, then only the full read carries data', async () => {
    const full = await kube('/api/v1/namespaces/shop-staging/secrets/backend-env');
    const metadata = await kube('/api/v1/namespaces/shop-staging/secrets/backend-env', {
      accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
    });

    expect(full.body).toMatchObject({ kind: 'Secret', apiVersion: 'v1', type: 'Opaque', metadata: { name: 'backend-env', namespace: 'shop-staging' } });
    expect(Object.keys(full.body.data).length).toBeGreaterThan(0);
    expect(metadata.body.kind).toBe('PartialObjectMetadata');
    expect(metadata.body.apiVersion).toBe('meta.k8s.io/v1');
    expect(metadata.body.metadata.uid).toBe(full.body.metadata.uid);
    expect(metadata.body).not.toHaveProperty('data');
  });

  it('given an Accept the sandbox cannot serve, when reading, then a 406 Status lists what it can', async () => {
    const { status, body } = await kube(`${DEPLOYMENTS}/backend`, { accept: 'application/vnd.kubernetes.protobuf' });
    expect(status).toBe(406);
    expect(body.reason).toBe('NotAcceptable');
  });

  it('given the world namespaces, when listing and getting Namespaces, then both are Active', async () => {
    const list = await kube('/api/v1/namespaces');
    const one = await kube('/api/v1/namespaces/shop-staging');

    expect(list.body.kind).toBe('NamespaceList');
    expect(names(list.body)).toEqual(['shop-production', 'shop-staging']);
    expect(one.body).toMatchObject({ kind: 'Namespace', metadata: { name: 'shop-staging' }, status: { phase: 'Active' } });
  });

  it.each([
    ['/apis/apps/v1/namespaces/shop-staging/replicasets', 'ReplicaSetList', 'apps/v1', 3],
    ['/api/v1/namespaces/shop-staging/pods', 'PodList', 'v1', 6],
    ['/api/v1/namespaces/shop-staging/events', 'EventList', 'v1', 0],
  ])('given the world\'s Deployments, when listing %s, then a %s of what the rollout controller made comes back', async (path, kind, apiVersion, count) => {
    const { status, body } = await kube(path);
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind, apiVersion });
    expect(body.items).toHaveLength(count);
    for (const item of body.items) expect(item.metadata.labels?.['pod-template-hash']).toBeDefined();
  });

  it('given discovery requests, when made, then /version, /api and /apis describe what is served', async () => {
    const version = await kube('/version');
    const core = await kube('/api/v1');
    const groups = await kube('/apis');
    const apps = await kube('/apis/apps/v1');

    expect(version.body).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\./) });
    expect(core.body.resources.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['secrets', 'pods', 'events', 'namespaces']));
    expect(groups.body.groups.map((g: { name: string }) => g.name)).toEqual(['apps', 'argoproj.io', 'batch', 'networking.k8s.io']);
    expect(apps.body.resources).toContainEqual({ name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get', 'list', 'watch', 'patch'] });
  });
});

describe('sandbox Kubernetes API: call log', () => {
  it('given requests, answered or refused, when reading the log, then each is recorded as method and path', async () => {
    await kube(`${DEPLOYMENTS}?labelSelector=app%3Dml`);
    await kube('/api/v1/namespaces/shop-staging/secrets/backend-env', { token: null });
    await kube(`${DEPLOYMENTS}/backend`, { method: 'PATCH' });

    expect(sandbox.state.callsTo('kubernetes').map((c) => c.operation)).toEqual([
      `GET ${DEPLOYMENTS}`,
      'GET /api/v1/namespaces/shop-staging/secrets/backend-env',
      `PATCH ${DEPLOYMENTS}/backend`,
    ]);
  });

  it('given a web endpoint the world declares under /api, when requested, then the web handler answers it, not the API server', async () => {
    sandbox.state.world.http.endpoints.push({ path: '/api/login', status: 200, body: { token: 'session' } });

    const response = await fetch(`${sandbox.url}/api/login`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ token: 'session' });
    expect(sandbox.state.callsTo('kubernetes')).toEqual([]);
  });

  it('given a path outside the Kubernetes API, when requested, then the next handler answers it and nothing is logged as kubernetes', async () => {
    const response = await fetch(`${sandbox.url}/health/staging/backend`);

    expect(response.status).toBe(200);
    expect(sandbox.state.callsTo('kubernetes')).toEqual([]);
  });
});
