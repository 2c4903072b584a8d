import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiException, BatchV1Api, CoreV1Api, KubeConfig, type V1Job, type V1Pod } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORPHANED_PODS_WARNING } from '../../src/sandbox/kube/job-delete.js';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * The sandbox's batch/v1 Jobs and pods/log on the wire, as an operator's
 * client sees them (client-node without shipmate's User-Agent, and fetch):
 * the API server's defaults, validation, Status errors, watch and delete.
 */

const NS = 'shop-staging';
const JOBS = `/apis/batch/v1/namespaces/${NS}/jobs`;
const REPO = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend';
const IMAGE = `${REPO}:2.0.0`;

let sandbox: Sandbox;
let dir: string;
let batch: BatchV1Api;
let core: CoreV1Api;

beforeEach(async () => {
  const world = loadScenario('healthy').world;
  world.kubernetes.behaviour = { podReadySeconds: 0.02, deadlineScale: 1 / 600 };
  world.kubernetes.images = { '2.0.0': { runMs: 20, log: ['one', 'two', 'three'] }, crash: { runMs: 20, exitCode: 3, log: ['boom'] }, slow: { runMs: 600_000 } };
  sandbox = await startSandbox({ world });
  dir = mkdtempSync(join(tmpdir(), 'shipmate-jobs-wire-'));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(writeSandboxKubeconfig(dir, sandbox.url, { staging: NS }));
  batch = kubeConfig.makeApiClient(BatchV1Api);
  core = kubeConfig.makeApiClient(CoreV1Api);
});

afterEach(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const job = (name: string, spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): V1Job => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: IMAGE }], ...podSpec } }, ...spec },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function kube(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; headers: Headers; text: string; body: any }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** Every watch event of one Job from now until it has a Complete or Failed condition. */
async function watchJobEvents(name: string): Promise<() => Promise<{ type: string; object: V1Job }[]>> {
  const list = await batch.listNamespacedJob({ namespace: NS });
  const url = `${sandbox.url}${JOBS}?watch=true&fieldSelector=metadata.name%3D${name}&resourceVersion=${list.metadata!.resourceVersion}`;
  const response = await fetch(url, { headers: { authorization: 'Bearer sandbox-token' } });
  const events: { type: string; object: V1Job }[] = [];
  const reading = (async () => {
    let buffered = '';
    for await (const chunk of response.body!) {
      buffered += Buffer.from(chunk).toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) events.push(JSON.parse(line));
      if (events.some((e) => e.object.status?.conditions?.some((c) => c.type === 'Complete' || c.type === 'Failed'))) return events;
    }
    return events;
  })();
  return () => reading;
}

const finished = async (name: string, type: string) =>
  waitUntil(async () => ((await batch.readNamespacedJob({ name, namespace: NS })).status?.conditions ?? []).some((c) => c.type === type), 10_000, `job ${name} ${type}`);

describe('sandbox batch/v1 Jobs: create', () => {
  it('given a Job with nothing but its template, when created, then 201 with the defaults and generated labels of the API server', async () => {
    // when
    const created = await batch.createNamespacedJob({ namespace: NS, body: job('migrate') });

    // then
    const uid = created.metadata!.uid!;
    expect(created.spec).toMatchObject({ parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } } });
    expect(created.spec!.template.metadata!.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'migrate', 'controller-uid': uid, 'job-name': 'migrate' });
    expect(created.metadata).toMatchObject({ name: 'migrate', namespace: NS, generation: 1 });
    expect(created.status).toEqual({});
  });

  it.each([
    ['Always', 'Unsupported value: "Always": supported values: "OnFailure", "Never"'],
    [undefined, 'Unsupported value: "Always": supported values: "OnFailure", "Never"'],
  ])('given restartPolicy %s, when created, then 422 Invalid names spec.template.spec.restartPolicy', async (restartPolicy, message) => {
    // when
    const { status, body } = await kube(JOBS, { method: 'POST', body: job('migrate', {}, { restartPolicy }) });

    // then
    expect(status).toBe(422);
    expect(body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Job.batch "migrate" is invalid: spec.template.spec.restartPolicy: ${message}`,
      reason: 'Invalid',
      details: { name: 'migrate', group: 'batch', kind: 'Job', causes: [{ reason: 'FieldValueNotSupported', message, field: 'spec.template.spec.restartPolicy' }] },
      code: 422,
    });
  });

  it('given a bad name, no containers and a negative backoffLimit, when created, then one 422 lists every field', async () => {
    // when
    const { status, body } = await kube(JOBS, { method: 'POST', body: job('Bad_Name', { backoffLimit: -1 }, { containers: [] }) });

    // then
    expect(status).toBe(422);
    expect(body.details.causes.map((c: { field: string }) => c.field)).toEqual(['metadata.name', 'spec.backoffLimit', 'spec.template.spec.containers']);
    expect(body.message).toMatch(/^Job\.batch "Bad_Name" is invalid: \[metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  });

  it('given a Job of that name, when created again, then 409 AlreadyExists as the API server says it', async () => {
    // given
    await batch.createNamespacedJob({ namespace: NS, body: job('migrate') });

    // when
    const { status, body } = await kube(JOBS, { method: 'POST', body: job('migrate') });

    // then
    expect(status).toBe(409);
    expect(body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'jobs.batch "migrate" already exists', reason: 'AlreadyExists', details: { name: 'migrate', group: 'batch', kind: 'jobs' }, code: 409 });
  });

  it('given a namespace that does not exist or a body naming another, when created, then 404 and 400', async () => {
    const missing = await kube('/apis/batch/v1/namespaces/nowhere/jobs', { method: 'POST', body: job('migrate') });
    const other = await kube(JOBS, { method: 'POST', body: { ...job('migrate'), metadata: { name: 'migrate', namespace: 'shop-production' } } });

    expect([missing.status, missing.body.message]).toEqual([404, 'namespaces "nowhere" not found']);
    expect([other.status, other.body.message]).toEqual([400, 'the namespace of the provided object does not match the namespace sent on the request']);
  });
});

describe('sandbox batch/v1 Jobs: the controller', () => {
  it('given completions 3 and parallelism 2, when the Job runs, then two pods run at once and three succeed', async () => {
    // given
    const events = await watchJobEvents('batch');

    // when
    await batch.createNamespacedJob({ namespace: NS, body: job('batch', { completions: 3, parallelism: 2 }) });
    const seen = await events();

    // then
    expect(Math.max(...seen.map((e) => e.object.status?.active ?? 0))).toBe(2);
    const done = await batch.readNamespacedJob({ name: 'batch', namespace: NS });
    expect(done.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0 });
    expect(done.status!.active).toBeUndefined();
    const pods = await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=batch' });
    expect(pods.items.map((p) => p.status?.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(pods.items[0]!.metadata!.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'batch', uid: done.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
  });

  it('given restartPolicy OnFailure and a crashing container, when it has restarted, then the pod stays Running and its previous run is readable', async () => {
    // given: a backoffLimit the test never reaches, so the pod stays
    const crashing = { restartPolicy: 'OnFailure', containers: [{ name: 'migrate', image: `${REPO}:crash` }] };
    await batch.createNamespacedJob({ namespace: NS, body: job('restarts', { backoffLimit: 100_000 }, crashing) });

    // when
    let pod: V1Pod | undefined;
    await waitUntil(async () => {
      [pod] = (await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=restarts' })).items;
      return (pod?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1;
    }, 10_000, 'a restart');
    const previous = await core.readNamespacedPodLog({ name: pod!.metadata!.name!, namespace: NS, previous: true });

    // then
    expect(previous).toBe('boom\n');
    expect(pod!.status?.phase).toBe('Running');
    expect(pod!.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect((await batch.readNamespacedJob({ name: 'restarts', namespace: NS })).status?.failed).toBeUndefined();
  });

  it('given restartPolicy OnFailure and a crashing container, when its restarts reach backoffLimit, then the Job fails and its pod is deleted', async () => {
    // when
    const crashing = { restartPolicy: 'OnFailure', containers: [{ name: 'migrate', image: `${REPO}:crash` }] };
    await batch.createNamespacedJob({ namespace: NS, body: job('restarts', { backoffLimit: 2 }, crashing) });
    await finished('restarts', 'Failed');

    // then
    const failed = await batch.readNamespacedJob({ name: 'restarts', namespace: NS });
    expect(failed.status?.conditions?.map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
    expect(failed.status).toMatchObject({ failed: 1, ready: 0 });
    expect((await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=restarts' })).items).toEqual([]);
  });

  it('given a watch from a resourceVersion with a name field selector, when the Job runs, then ADDED and each status change arrive in order', async () => {
    // given
    const events = await watchJobEvents('watched');

    // when
    await batch.createNamespacedJob({ namespace: NS, body: job('other') });
    await batch.createNamespacedJob({ namespace: NS, body: job('watched') });
    const seen = await events();

    // then
    expect(seen.every((e) => e.object.metadata?.name === 'watched' && e.object.kind === 'Job')).toBe(true);
    expect(seen[0]!.type).toBe('ADDED');
    expect(seen.slice(1).every((e) => e.type === 'MODIFIED')).toBe(true);
    expect(seen.some((e) => e.object.status?.active === 1)).toBe(true);
    expect(seen.map((e) => e.object.status?.conditions?.length ?? 0)).toEqual([...seen.map((e) => e.object.status?.conditions?.length ?? 0)].sort());
  });
});

describe('sandbox batch/v1 Jobs: delete', () => {
  it('given no propagationPolicy, when a Job is deleted, then its pods are orphaned with the Warning a real server sends', async () => {
    // given
    await batch.createNamespacedJob({ namespace: NS, body: job('orphaning') });
    await finished('orphaning', 'Complete');

    // when
    const { status, headers, body } = await kube(`${JOBS}/orphaning`, { method: 'DELETE' });

    // then
    expect(status).toBe(200);
    expect(headers.get('warning')).toBe(ORPHANED_PODS_WARNING);
    expect(body.metadata.finalizers).toEqual(['orphan']);
    const pods = await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=orphaning' });
    expect(pods.items.map((p) => p.metadata?.ownerReferences)).toEqual([undefined]);
    expect((await kube(`${JOBS}/orphaning`)).status).toBe(404);
  });

  it('given Background, when a Job is deleted, then a Success Status answers and its pods go too; an unknown policy is refused', async () => {
    // given
    await batch.createNamespacedJob({ namespace: NS, body: job('background', {}, { containers: [{ name: 'migrate', image: `${REPO}:slow` }] }) });
    await waitUntil(async () => (await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=background' })).items.length === 1, 10_000, 'the pod');

    // when
    const refused = await kube(`${JOBS}/background?propagationPolicy=Sometimes`, { method: 'DELETE' });
    const { status, body } = await kube(`${JOBS}/background`, { method: 'DELETE', body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });

    // then
    expect(refused.status).toBe(422);
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'background', group: 'batch', kind: 'jobs' } });
    expect((await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=background' })).items).toEqual([]);
  });

  it('given Foreground, when a Job is deleted, then it answers marked for deletion and its pods are gone with it', async () => {
    // given
    await batch.createNamespacedJob({ namespace: NS, body: job('foreground', {}, { containers: [{ name: 'migrate', image: `${REPO}:slow` }] }) });
    await waitUntil(async () => (await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=foreground' })).items.length === 1, 10_000, 'the pod');

    // when
    const { status, headers, body } = await kube(`${JOBS}/foreground?propagationPolicy=Foreground`, { method: 'DELETE' });

    // then
    expect(status).toBe(200);
    expect(headers.get('warning')).toBeNull();
    expect(body).toMatchObject({ kind: 'Job', metadata: { name: 'foreground', finalizers: ['foregroundDeletion'], deletionTimestamp: expect.any(String) } });
    expect((await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=foreground' })).items).toEqual([]);
    expect((await kube(`${JOBS}/foreground`)).status).toBe(404);
  });
});

describe('sandbox pods/log', () => {
  it('given a pod of two containers, when its log is read without naming one, then 400 lists them; an unknown pod is 404', async () => {
    // given
    await batch.createNamespacedJob({ namespace: NS, body: job('two', {}, { containers: [{ name: 'migrate', image: IMAGE }, { name: 'sidecar', image: IMAGE }] }) });
    let pod = '';
    await waitUntil(async () => {
      pod = (await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=two' })).items[0]?.metadata?.name ?? '';
      return pod !== '';
    }, 10_000, 'the pod');

    // when
    const unnamed = await kube(`/api/v1/namespaces/${NS}/pods/${pod}/log`);
    const unknown = await kube(`/api/v1/namespaces/${NS}/pods/${pod}/log?container=nope`);
    const missing = await kube(`/api/v1/namespaces/${NS}/pods/no-such-pod/log`);

    // then
    expect([unnamed.status, unnamed.body.reason, unnamed.body.message]).toEqual([400, 'BadRequest', `a container name must be specified for pod ${pod}, choose one of: [migrate sidecar]`]);
    expect([unknown.status, unknown.body.message]).toEqual([400, `container nope is not valid for pod ${pod}`]);
    expect([missing.status, missing.body.message, missing.body.details]).toEqual([404, 'pods "no-such-pod" not found', { name: 'no-such-pod', kind: 'pods' }]);
  });

  it('given a finished pod, when its log is read with tailLines, then text/plain holds its last lines', async () => {
    // given
    await batch.createNamespacedJob({ namespace: NS, body: job('logged') });
    await finished('logged', 'Complete');
    const [pod] = (await core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=logged' })).items;

    // when
    const all = await kube(`/api/v1/namespaces/${NS}/pods/${pod!.metadata!.name}/log?container=migrate`);
    const tail = await core.readNamespacedPodLog({ name: pod!.metadata!.name!, namespace: NS, tailLines: 2 });
    const previous = await core.readNamespacedPodLog({ name: pod!.metadata!.name!, namespace: NS, previous: true }).catch((e: unknown) => e);

    // then
    expect(all.headers.get('content-type')).toBe('text/plain');
    expect(all.text).toBe('one\ntwo\nthree\n');
    expect(tail).toBe('two\nthree\n');
    expect((previous as ApiException<string>).code).toBe(400);
    expect(String((previous as ApiException<string>).body)).toContain(`previous terminated container \\"migrate\\" in pod \\"${pod!.metadata!.name}\\" not found`);
  });

  it('given discovery, when batch/v1 is read, then jobs are served with the verbs the sandbox implements', async () => {
    const { body } = await kube('/apis/batch/v1');
    expect(body.resources).toEqual([{ name: 'jobs', singularName: 'job', namespaced: true, kind: 'Job', verbs: ['get', 'list', 'watch', 'create', 'delete'] }]);
  });
});
