import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_KUBE_TOKEN } from '../../src/sandbox/kube/kube-auth.js';
import { stopRolloutController } from '../../src/sandbox/kube/rollout-controller.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/shop-staging/deployments';
const auth = { authorization: `Bearer ${SANDBOX_KUBE_TOKEN}` };

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
});

afterEach(async () => {
  stopRolloutController(sandbox.state);
  await sandbox.close();
});

/** Every line of a watch stream, read until the server ends it. */
async function watchLines(path: string): Promise<{ type: string; object: Record<string, any> }[]> {
  const response = await fetch(`${sandbox.url}${path}`, { headers: auth });
  expect(response.status).toBe(200);
  const text = await response.text();
  return text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

const patch = (name: string, body: unknown, contentType: string) =>
  fetch(`${sandbox.url}${DEPLOYMENTS}/${name}`, { method: 'PATCH', headers: { ...auth, 'content-type': contentType }, body: JSON.stringify(body) });

describe('the sandbox API server: watch and patch on the wire', () => {
  it('given no resourceVersion, when watching with timeoutSeconds, then the stream starts with ADDED and ends with a BOOKMARK', async () => {
    const events = await watchLines(`${DEPLOYMENTS}?watch=1&fieldSelector=metadata.name%3Dbackend&timeoutSeconds=0&allowWatchBookmarks=true`);

    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(events[0]!.object).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'backend' } });
  });

  it('given a resourceVersion from a list, when the Deployment is patched, then a resumed watch replays the MODIFIED change with the new generation', async () => {
    const list = (await (await fetch(`${sandbox.url}${DEPLOYMENTS}`, { headers: auth })).json()) as { metadata: { resourceVersion: string } };
    const response = await patch('backend', { metadata: { labels: { team: 'shop' } }, spec: { replicas: 3 } }, 'application/merge-patch+json');
    expect(response.status).toBe(200);

    const events = await watchLines(`${DEPLOYMENTS}?watch=true&resourceVersion=${list.metadata.resourceVersion}&labelSelector=app%3Dbackend&timeoutSeconds=0`);

    const modified = events.find((e) => e.type === 'MODIFIED')!;
    expect(modified.object.metadata.generation).toBe(5);
    expect(modified.object.metadata.labels).toEqual({ app: 'backend', team: 'shop' });
  });

  it('given a resourceVersion older than the change log, when watching, then an ERROR event carries a 410 Expired Status', async () => {
    const { kubeStoreOf } = await import('../../src/sandbox/kube/kube-store.js');
    const store = kubeStoreOf(sandbox.state);
    await fetch(`${sandbox.url}${DEPLOYMENTS}`, { headers: auth });
    for (let i = 0; i < 3; i += 1) await patch('backend', { metadata: { annotations: { step: String(i) } } }, 'application/merge-patch+json');
    store.compact(1);

    const events = await watchLines(`${DEPLOYMENTS}?watch=true&resourceVersion=1`);

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    expect(events[0]!.object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('given an unsupported content type, when patching, then 415 names the accepted patch types', async () => {
    const response = await patch('backend', { spec: {} }, 'application/json');

    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType', code: 415 });
  });

  it('given a JSON patch replacing the image, when applied, then the Deployment has it and its generation is bumped', async () => {
    const response = await patch('backend', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'repo/backend:9' }], 'application/json-patch+json');

    const body = (await response.json()) as { metadata: { generation: number }; spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(response.status).toBe(200);
    expect(body.metadata.generation).toBe(5);
    expect(body.spec.template.spec.containers[0]!.image).toBe('repo/backend:9');
  });

  it('given an unknown Deployment, when patched, then a 404 NotFound Status comes back', async () => {
    const response = await patch('payments', { spec: {} }, 'application/strategic-merge-patch+json');

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ reason: 'NotFound', message: 'deployments.apps "payments" not found' });
  });
});
