import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ARGO_NOT_INSTALLED, createArgoRolloutsPort } from '../../src/adapters/kube/argo-rollouts-adapter.js';
import type { AnalysisRun, ArgoRollout, ArgoRolloutsPort } from '../../src/ports/argo-rollouts.port.js';
import type { StopWatching } from '../../src/ports/cluster.port.js';
import { PortError } from '../../src/ports/port-error.js';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';

const NS = 'shop-staging';
const REPO = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout';
const NEW_IMAGE = `${REPO}:1.1.0`;

let sandbox: Sandbox | undefined;
let plainServer: Server | undefined;
let dir: string | undefined;
const stops: StopWatching[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  stops.splice(0).forEach((stop) => stop());
  await sandbox?.close();
  await new Promise((resolve) => (plainServer ? plainServer.close(resolve) : resolve(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
  sandbox = undefined;
  plainServer = undefined;
});

function portAt(url: string): ArgoRolloutsPort {
  dir = mkdtempSync(join(tmpdir(), 'shipmate-argo-adapter-'));
  return createArgoRolloutsPort({ kubeconfigPath: writeSandboxKubeconfig(dir, url, { 'sandbox-staging': NS }), context: 'sandbox-staging' });
}

async function argoFor(scenario = 'canary', edit: (world: World) => void = () => undefined): Promise<ArgoRolloutsPort> {
  const world = loadScenario(scenario).world;
  world.kubernetes.behaviour = { ...world.kubernetes.behaviour, podReadySeconds: 0.05 };
  for (const analysis of Object.values(world.kubernetes.analysis ?? {})) analysis.intervalSeconds = 0.05;
  edit(world);
  sandbox = await startSandbox({ world });
  return portAt(sandbox.url);
}

/** `result`: the first value a watch delivers that satisfies `done`; `seen`: every value delivered; `started`: once the first list is in. */
function watchUntil<T>(
  start: (onChange: (value: T) => void, onError: (error: Error) => void) => Promise<StopWatching>,
  done: (value: T) => boolean,
): { seen: T[]; result: Promise<T>; started: Promise<unknown> } {
  const seen: T[] = [];
  let started: Promise<unknown> = Promise.resolve();
  const result = new Promise<T>((resolve, reject) => {
    started = start((value) => {
      seen.push(value);
      if (done(value)) resolve(value);
    }, reject).then((stop) => stops.push(stop), reject);
  });
  return { seen, result, started };
}

const untilRollout = (argo: ArgoRolloutsPort, done: (r: ArgoRollout) => boolean) =>
  watchUntil<ArgoRollout>((on, err) => argo.watchRollout(NS, 'checkout', on, err), done);

const pausedOnNewRevision = (r: ArgoRollout) => r.status.phase === 'Paused' && r.status.currentStepIndex === 1 && r.status.currentPodHash !== r.status.stableRS;

/** Sets the new image and waits for the canary's first pause (20 %, until promoted). */
async function canaryAtPause(argo: ArgoRolloutsPort): Promise<ArgoRollout> {
  const paused = untilRollout(argo, pausedOnNewRevision);
  await argo.setRolloutImage(NS, 'checkout', 'checkout', NEW_IMAGE);
  return paused.result;
}

const ROLLOUT_PATH = `/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts/checkout`;
const PATH_NOT_FOUND = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 };

interface SeenRequest {
  method: string;
  path: string;
  contentType?: string;
  body?: unknown;
}

/** A loopback API server answering `answer(request)` (status, JSON body) and recording every request with its Content-Type and body. */
async function plainApiServer(answer: (request: SeenRequest) => [number, unknown]): Promise<{ argo: ArgoRolloutsPort; seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  plainServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: SeenRequest = {
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        ...(text ? { body: JSON.parse(text) as unknown } : {}),
      };
      seen.push(request);
      const [status, body] = answer(request);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => plainServer?.listen(0, '127.0.0.1', resolve));
  return { argo: portAt(`http://127.0.0.1:${(plainServer.address() as AddressInfo).port}`), seen };
}

describe('Argo Rollouts through the real client against the sandbox', () => {
  it('given the canary world, when the Rollout is read, then it is Healthy with its steps, a numeric observedGeneration and no weights (basic canary); an unknown Rollout is undefined', async () => {
    // given
    const argo = await argoFor();
    // when
    const rollout = await argo.getRollout(NS, 'checkout');
    const missing = await argo.getRollout(NS, 'no-such-rollout');
    // then
    expect(rollout).toMatchObject({ name: 'checkout', namespace: NS, generation: 1, spec: { replicas: 5, paused: false, template: { labels: { app: 'checkout' } } } });
    expect(rollout?.spec.template.spec.containers.map((c) => c.image)).toEqual([`${REPO}:1.0.0`]);
    expect(rollout?.spec.canarySteps).toEqual([{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { analysis: { templates: [{ templateName: 'error-rate' }] } }, { setWeight: 100 }]);
    expect(rollout?.status).toMatchObject({ phase: 'Healthy', observedGeneration: 1, currentStepIndex: 5, availableReplicas: 5, pauseConditions: [], abort: false, controllerPause: false });
    expect(rollout?.status.stableRS).toBe(rollout?.status.currentPodHash);
    expect(rollout?.status.weights).toBeUndefined();
    expect(missing).toBeUndefined();
  });

  it('given the canary world, when a new image is set, then a new revision starts and the watch sees the canary reach its pause at 20 %', async () => {
    // given
    const argo = await argoFor();
    const { seen, result, started } = untilRollout(argo, pausedOnNewRevision);
    await started;
    // when
    const patched = await argo.setRolloutImage(NS, 'checkout', 'checkout', NEW_IMAGE);
    const paused = await result;
    // then
    expect(patched.generation).toBe(2);
    expect(patched.spec.template.spec.containers[0]?.image).toBe(NEW_IMAGE);
    expect(seen[0]?.status.phase).toBe('Healthy');
    expect(paused.status).toMatchObject({ observedGeneration: 2, message: 'CanaryPauseStep', controllerPause: true, pauseConditions: [{ reason: 'CanaryPauseStep' }], updatedReplicas: 1 });
    expect(paused.status.pauseConditions[0]?.startTime).toEqual(expect.any(String));
  });

  it('given a canary paused at 20 %, when promoted, then it moves past the pause to the analysis and on to Healthy on the new revision, the AnalysisRun Successful with its measurements', async () => {
    // given
    const argo = await argoFor();
    const paused = await canaryAtPause(argo);
    const runs = watchUntil<AnalysisRun>((on, err) => argo.watchAnalysisRuns(NS, 'checkout', on, err), (run) => run.phase === 'Successful');
    const healthy = untilRollout(argo, (r) => r.status.phase === 'Healthy' && r.status.stableRS === paused.status.currentPodHash);
    await Promise.all([runs.started, healthy.started]);
    // when
    const promoted = await argo.promoteRollout(NS, 'checkout');
    await healthy.result;
    const run = await runs.result;
    const listed = await argo.listAnalysisRuns(NS, 'checkout');
    // then
    expect(promoted.status.pauseConditions).toEqual([]);
    expect(healthy.seen.some((r) => r.status.currentStepIndex === 3 && r.status.stepAnalysisRun?.status === 'Running')).toBe(true);
    expect(runs.seen[0]?.phase).not.toBe('Successful');
    expect(run).toMatchObject({ rollout: 'checkout', namespace: NS, labels: { 'rollout-type': 'Step', 'step-index': '3' }, metrics: [{ name: 'error-rate', successCondition: 'result[0] <= 1' }] });
    expect(listed).toHaveLength(1);
    expect(listed[0]?.metricResults).toMatchObject([{ name: 'error-rate', phase: 'Successful', count: 2, successful: 2, failed: 0, error: 0, inconclusive: 0 }]);
    expect(listed[0]?.metricResults[0]?.measurements.map((m) => [m.phase, m.value])).toEqual([['Successful', '[0.2]'], ['Successful', '[0.3]']]);
  });

  it('given the failing-analysis world, when the promoted canary reaches its analysis, then the Rollout ends Degraded and aborted, and its AnalysisRun Failed with the measured values', async () => {
    // given
    const argo = await argoFor('canary-analysis-failing');
    await canaryAtPause(argo);
    const degraded = untilRollout(argo, (r) => r.status.phase === 'Degraded' && r.status.availableReplicas === 5 && r.status.updatedReplicas === 0);
    // when
    await argo.promoteRollout(NS, 'checkout');
    const rollout = await degraded.result;
    const [run] = await argo.listAnalysisRuns(NS, 'checkout');
    // then
    expect(rollout.status).toMatchObject({ abort: true, abortedAt: expect.any(String), stepAnalysisRun: { name: run?.name, status: 'Failed' } });
    expect(rollout.status.message).toContain('Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)');
    expect(run).toMatchObject({ phase: 'Failed', rollout: 'checkout' });
    expect(run?.metricResults[0]).toMatchObject({ name: 'error-rate', phase: 'Failed', count: 2, successful: 1, failed: 1 });
    expect(run?.metricResults[0]?.measurements.map((m) => [m.phase, m.value])).toEqual([['Successful', '[0.4]'], ['Failed', '[3.5]']]);
    // and read by its name, as the watcher reads a failed run the Rollout reported first; an unknown name is no run
    expect(await argo.getAnalysisRun(NS, run!.name)).toStrictEqual(run);
    expect(await argo.getAnalysisRun(NS, 'checkout-nope-9-9')).toBeUndefined();
  });

  it('given a canary paused at 20 %, when aborted, then status.abort is set and the Rollout returns to the stable revision at full size', async () => {
    // given
    const argo = await argoFor();
    const paused = await canaryAtPause(argo);
    const backToStable = untilRollout(argo, (r) => r.status.abort && r.status.availableReplicas === 5 && r.status.updatedReplicas === 0);
    // when
    const aborted = await argo.abortRollout(NS, 'checkout');
    const rollout = await backToStable.result;
    // then
    expect(aborted.status.abort).toBe(true);
    expect(rollout.status).toMatchObject({ phase: 'Degraded', replicas: 5, stableRS: paused.status.stableRS, abortedAt: expect.any(String) });
    expect(rollout.status.conditions).toContainEqual(expect.objectContaining({ type: 'Progressing', reason: 'RolloutAborted' }));
  });

  it('given an unknown Rollout or container, when it is patched, then the error names what is missing, as invalid', async () => {
    // given
    const argo = await argoFor();
    // when
    const results = await Promise.all([
      argo.setRolloutImage(NS, 'checkout', 'sidecar', NEW_IMAGE).catch((e: unknown) => e),
      argo.setRolloutImage(NS, 'no-such-rollout', 'checkout', NEW_IMAGE).catch((e: unknown) => e),
      argo.promoteRollout(NS, 'no-such-rollout').catch((e: unknown) => e),
      argo.abortRollout(NS, 'no-such-rollout').catch((e: unknown) => e),
    ]);
    // then
    expect(results.map((e) => (e as PortError).code)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect((results[0] as Error).message).toBe(`container "sidecar" not found in rollout/checkout in ${NS} (it has checkout)`);
    expect(results.slice(1).map((e) => (e as Error).message)).toEqual(Array(3).fill(`rollout/no-such-rollout not found in ${NS}`));
  });

  it('given RBAC that denies patching rollouts/status, when a paused canary is promoted, then a forbidden PortError names the verb and the resource', async () => {
    // given
    const argo = await argoFor('canary', (world) => (world.faults = { deny: ['k8s:patch:rollouts/status'] }));
    await canaryAtPause(argo);
    // when
    const error = await argo.promoteRollout(NS, 'checkout').catch((e: unknown) => e);
    const still = await argo.getRollout(NS, 'checkout');
    // then
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('forbidden');
    expect((error as Error).message).toContain(`promote rollout ${NS}/checkout forbidden`);
    expect((error as Error).message).toContain('cannot patch resource "rollouts/status" in API group "argoproj.io"');
    expect(still?.status.phase).toBe('Paused');
  });

  it('given an API server without the Argo Rollouts CRDs, when a Rollout is read, then the error says Argo Rollouts is not installed', async () => {
    // given: a loopback API server that knows no argoproj.io, answering 404 as kube-apiserver does for an unknown path
    const { argo, seen } = await plainApiServer(() => [404, PATH_NOT_FOUND]);
    // when
    const errors = await Promise.all([
      argo.getRollout(NS, 'checkout').catch((e: unknown) => e),
      argo.listAnalysisRuns(NS, 'checkout').catch((e: unknown) => e),
      argo.watchRollout(NS, 'checkout', () => undefined, () => undefined).catch((e: unknown) => e),
    ]);
    // then
    expect(errors.map((e) => (e as PortError).code)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(errors.map((e) => (e as Error).message)).toEqual([
      `${ARGO_NOT_INSTALLED} (get rollout ${NS}/checkout)`,
      `${ARGO_NOT_INSTALLED} (list analysisruns of rollout ${NS}/checkout)`,
      `${ARGO_NOT_INSTALLED} (watch rollout ${NS}/checkout)`,
    ]);
    expect(seen.filter((r) => r.path === '/apis/argoproj.io/v1alpha1').length).toBe(3);
  });

  it('given an Argo release without the status subresource (v0.9), when a Rollout a person paused is promoted, then the merge patches are those of kubectl argo rollouts promote, the whole one on the object after the /status 404', async () => {
    // given
    const rollout = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'checkout', namespace: NS, generation: 2 },
      spec: { paused: true, strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }] } } },
      status: { currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-12-06T10:00:00Z' }] },
    };
    const afterPromote = { ...rollout, spec: { ...rollout.spec, paused: false }, status: { currentStepIndex: 1 } };
    const { argo, seen } = await plainApiServer((request) => {
      if (request.method === 'GET') return [200, rollout];
      return request.path === `${ROLLOUT_PATH}/status` ? [404, PATH_NOT_FOUND] : [200, afterPromote];
    });
    // when
    const promoted = await argo.promoteRollout(NS, 'checkout');
    // then
    expect(seen.map(({ method, path, contentType, body }) => ({ method, path, contentType, body }))).toEqual([
      { method: 'GET', path: ROLLOUT_PATH, contentType: undefined, body: undefined },
      { method: 'PATCH', path: `${ROLLOUT_PATH}/status`, contentType: 'application/merge-patch+json', body: { status: { pauseConditions: null } } },
      { method: 'PATCH', path: ROLLOUT_PATH, contentType: 'application/merge-patch+json', body: { spec: { paused: false }, status: { pauseConditions: null } } },
    ]);
    expect(promoted.spec.paused).toBe(false);
  });

  it('given a Rollout whose second container is the service\'s, when its image is set, then one JSON patch replaces that container\'s image at its index', async () => {
    // given
    const containers = [{ name: 'proxy', image: 'envoy:1' }, { name: 'checkout', image: `${REPO}:1.0.0` }];
    const rollout = { metadata: { name: 'checkout', namespace: NS, generation: 1 }, spec: { template: { spec: { containers } } } };
    const { argo, seen } = await plainApiServer(() => [200, rollout]);
    // when
    await argo.setRolloutImage(NS, 'checkout', 'checkout', NEW_IMAGE);
    // then
    expect(seen[1]).toEqual({
      method: 'PATCH',
      path: ROLLOUT_PATH,
      contentType: 'application/json-patch+json',
      body: [{ op: 'replace', path: '/spec/template/spec/containers/1/image', value: NEW_IMAGE }],
    });
    expect(seen).toHaveLength(2);
  });

  it('given no kubeconfig at all, when any call is made, then each one fails as unauthorized and says how to provide one', async () => {
    // given
    dir = mkdtempSync(join(tmpdir(), 'shipmate-argo-home-'));
    vi.stubEnv('KUBECONFIG', '');
    vi.stubEnv('HOME', dir);
    const argo = createArgoRolloutsPort();
    // when
    const errors = await Promise.all([
      argo.getRollout(NS, 'checkout').catch((e: unknown) => e),
      argo.promoteRollout(NS, 'checkout').catch((e: unknown) => e),
      argo.watchAnalysisRuns(NS, 'checkout', () => undefined, () => undefined).catch((e: unknown) => e),
    ]);
    // then
    expect(errors.map((e) => (e as PortError).code)).toEqual(['unauthorized', 'unauthorized', 'unauthorized']);
    expect((errors[0] as Error).message).toContain('no kubeconfig found');
  });
});
