import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiException, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALL_LEDGER_DIR_VARIABLE } from '../../src/sandbox/sandbox-state.js';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { RolloutShape } from '../../src/sandbox/kube/rollout-argo-objects.js';
import type { AnalysisRunShape } from '../../src/sandbox/kube/analysis-run-objects.js';

const NS = 'shop-staging';
const IMAGE = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:1.1.0';
const ROLLOUTS = { group: 'argoproj.io', version: 'v1alpha1', namespace: NS, plural: 'rollouts' };
const ANALYSIS_RUNS = { ...ROLLOUTS, plural: 'analysisruns' };
const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

let sandbox: Sandbox | undefined;
let dir: string | undefined;
const aborts: AbortController[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  aborts.splice(0).forEach((a) => a.abort());
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sandbox = undefined;
});

async function argoApi(scenario = 'canary') {
  const world = loadScenario(scenario).world;
  world.kubernetes.behaviour = { ...world.kubernetes.behaviour, podReadySeconds: 0.05 };
  for (const analysis of Object.values(world.kubernetes.analysis ?? {})) analysis.intervalSeconds = 0.05;
  sandbox = await startSandbox({ world });
  dir = mkdtempSync(join(tmpdir(), 'shipmate-argo-'));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(writeSandboxKubeconfig(dir, sandbox.url, { staging: NS }));
  return { api: kubeConfig.makeApiClient(CustomObjectsApi), watch: new Watch(kubeConfig), state: sandbox.state };
}

/** Watches the Rollout through the client's Watch class until `done` holds for it; resolves with every object seen. */
function watchRollout(watch: Watch, done: (r: RolloutShape) => boolean): Promise<RolloutShape[]> {
  const seen: RolloutShape[] = [];
  return new Promise((resolve, reject) => {
    watch
      .watch(
        `/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts`,
        { fieldSelector: 'metadata.name=checkout' },
        (_type, object: RolloutShape) => {
          seen.push(object);
          if (done(object)) resolve(seen);
        },
        (error) => (error ? reject(error as Error) : undefined),
      )
      .then((abort) => aborts.push(abort), reject);
  });
}

const setImage = { spec: { template: { spec: { containers: [{ name: 'checkout', image: IMAGE }] } } } };

describe('the sandbox serves Argo Rollouts through the real client', () => {
  it('given the canary world, when the Rollout is read and listed, then it is the argoproj.io/v1alpha1 Rollout, Healthy, with a string observedGeneration', async () => {
    // given
    const { api } = await argoApi();
    // when
    const rollout = (await api.getNamespacedCustomObject({ ...ROLLOUTS, name: 'checkout' })) as RolloutShape;
    const list = (await api.listNamespacedCustomObject(ROLLOUTS)) as { kind: string; apiVersion: string; items: RolloutShape[] };
    // then
    expect(rollout).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'checkout', namespace: NS, generation: 1 } });
    expect(rollout.status).toMatchObject({ phase: 'Healthy', currentStepIndex: 5, observedGeneration: '1', availableReplicas: 5 });
    expect(rollout.status?.stableRS).toBe(rollout.status?.currentPodHash);
    expect(list).toMatchObject({ kind: 'RolloutList', apiVersion: 'argoproj.io/v1alpha1' });
    expect(list.items.map((r) => r.metadata?.name)).toEqual(['checkout']);
  });

  it('given a Rollout, when patched with a strategic merge patch, then 415 lists only JSON patch, merge patch and apply; a JSON patch is accepted', async () => {
    // given
    const { api } = await argoApi();
    // when
    const refused = await api
      .patchNamespacedCustomObject({ ...ROLLOUTS, name: 'checkout', body: setImage }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch))
      .catch((error: unknown) => error);
    const patched = (await api.patchNamespacedCustomObject(
      { ...ROLLOUTS, name: 'checkout', body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: IMAGE }] },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    )) as RolloutShape;
    // then
    expect(refused).toBeInstanceOf(ApiException);
    expect((refused as ApiException<unknown>).code).toBe(415);
    expect(JSON.stringify((refused as ApiException<unknown>).body)).toContain(
      'accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
    expect(patched.metadata?.generation).toBe(2);
    expect(patched.spec?.template?.spec?.containers?.[0]?.image).toBe(IMAGE);
  });

  it('given a new image by merge patch, when promoted as kubectl argo rollouts promote does, then the watch sees 20 % paused, then the analysis, then Healthy on the new ReplicaSet', async () => {
    // given
    const { api, watch } = await argoApi();
    const paused = watchRollout(watch, (r) => r.status?.phase === 'Paused' && r.status.currentStepIndex === 1);
    await api.patchNamespacedCustomObject({ ...ROLLOUTS, name: 'checkout', body: setImage }, MERGE);
    const [atPause] = (await paused).slice(-1);
    expect(atPause?.status).toMatchObject({ message: 'CanaryPauseStep', controllerPause: true, pauseConditions: [{ reason: 'CanaryPauseStep' }], updatedReplicas: 1 });
    // when
    const healthy = watchRollout(watch, (r) => r.status?.phase === 'Healthy' && r.status.stableRS === atPause?.status?.currentPodHash);
    const promoted = (await api.patchNamespacedCustomObjectStatus({ ...ROLLOUTS, name: 'checkout', body: { status: { pauseConditions: null } } }, MERGE)) as RolloutShape;
    const seen = await healthy;
    // then
    expect(promoted.status?.pauseConditions).toBeUndefined();
    expect(promoted.metadata?.generation).toBe(2);
    expect(seen.some((r) => r.status?.currentStepIndex === 3 && r.status.canary?.currentStepAnalysisRunStatus?.status === 'Running')).toBe(true);
    const runs = (await api.listNamespacedCustomObject(ANALYSIS_RUNS)) as { kind: string; items: AnalysisRunShape[] };
    expect(runs.kind).toBe('AnalysisRunList');
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0]?.status).toMatchObject({ phase: 'Successful', metricResults: [{ name: 'error-rate', phase: 'Successful', count: 2, successful: 2 }] });
  });

  it('given the failing analysis world, when the canary reaches its analysis, then the AnalysisRun fails and the Rollout is Degraded with Argo\'s abort message', async () => {
    // given
    const { api, watch } = await argoApi('canary-analysis-failing');
    const paused = watchRollout(watch, (r) => r.status?.phase === 'Paused');
    await api.patchNamespacedCustomObject({ ...ROLLOUTS, name: 'checkout', body: setImage }, MERGE);
    await paused;
    // when
    const degraded = watchRollout(watch, (r) => r.status?.phase === 'Degraded' && r.status.availableReplicas === 5 && r.status.updatedReplicas === 0);
    await api.patchNamespacedCustomObjectStatus({ ...ROLLOUTS, name: 'checkout', body: { status: { pauseConditions: null } } }, MERGE);
    const [last] = (await degraded).slice(-1);
    // then
    expect(last?.status).toMatchObject({
      abort: true,
      currentStepIndex: 0,
      message:
        'RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)',
    });
    const run = (await api.getNamespacedCustomObject({ ...ANALYSIS_RUNS, name: last?.status?.canary?.currentStepAnalysisRunStatus?.name ?? '' })) as AnalysisRunShape;
    expect(run.status.phase).toBe('Failed');
    expect(run.status.metricResults?.[0]?.measurements?.map((m) => m.value)).toEqual(['[0.4]', '[3.5]']);
  });

  it('given a paused canary, when aborted as kubectl argo rollouts abort does (status subresource), then the stable is back at 5 and the phase is Degraded', async () => {
    // given
    const { api, watch } = await argoApi();
    const paused = watchRollout(watch, (r) => r.status?.phase === 'Paused');
    await api.patchNamespacedCustomObject({ ...ROLLOUTS, name: 'checkout', body: setImage }, MERGE);
    await paused;
    // when
    const back = watchRollout(watch, (r) => r.status?.phase === 'Degraded' && r.status.updatedReplicas === 0 && r.status.availableReplicas === 5);
    await api.patchNamespacedCustomObjectStatus({ ...ROLLOUTS, name: 'checkout', body: { status: { abort: true }, spec: { replicas: 9 } } }, MERGE);
    const [last] = (await back).slice(-1);
    // then
    expect(last?.status).toMatchObject({ abort: true, replicas: 5, message: 'RolloutAborted: Rollout aborted update to revision 2', abortedAt: expect.any(String) });
    expect(last?.spec?.replicas).toBe(5);
  });

  it('given a canary reaching its analysis, when AnalysisRuns are watched with the Watch class, then the run is ADDED, then MODIFIED until Successful; an unknown Rollout is 404', async () => {
    // given
    const { api, watch } = await argoApi();
    const events: [string, AnalysisRunShape][] = [];
    const successful = new Promise<void>((resolve, reject) => {
      watch
        .watch(
          `/apis/argoproj.io/v1alpha1/namespaces/${NS}/analysisruns`,
          {},
          (type, object: AnalysisRunShape) => {
            events.push([type, object]);
            if (object.status?.phase === 'Successful') resolve();
          },
          (error) => (error ? reject(error as Error) : undefined),
        )
        .then((abort) => aborts.push(abort), reject);
    });
    const paused = watchRollout(watch, (r) => r.status?.phase === 'Paused');
    await api.patchNamespacedCustomObject({ ...ROLLOUTS, name: 'checkout', body: setImage }, MERGE);
    await paused;
    // when
    await api.patchNamespacedCustomObjectStatus({ ...ROLLOUTS, name: 'checkout', body: { status: { pauseConditions: null } } }, MERGE);
    await successful;
    const missing = await api.getNamespacedCustomObject({ ...ROLLOUTS, name: 'nope' }).catch((error: unknown) => error);
    // then
    expect(events[0]?.[0]).toBe('ADDED');
    expect(events[0]?.[1]).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', metadata: { labels: { 'step-index': '3' } } });
    expect(events.slice(1).every(([type]) => type === 'MODIFIED')).toBe(true);
    expect(events.map(([, run]) => run.status.metricResults?.[0]?.count ?? 0)).toEqual(expect.arrayContaining([1, 2]));
    expect((missing as ApiException<unknown>).code).toBe(404);
    expect(JSON.parse(String((missing as ApiException<unknown>).body))).toMatchObject({ kind: 'Status', code: 404, reason: 'NotFound', message: 'rollouts.argoproj.io "nope" not found' });
  });

  it('given discovery, when /apis/argoproj.io/v1alpha1 is read, then it lists rollouts (get, list, watch, patch) and analysisruns (get, list, watch), both namespaced', async () => {
    // given
    await argoApi();
    // when
    const response = await fetch(`${sandbox!.url}/apis/argoproj.io/v1alpha1`, { headers: { authorization: 'Bearer sandbox-token' } });
    const body = (await response.json()) as { groupVersion: string; resources: unknown[] };
    // then
    expect(body.groupVersion).toBe('argoproj.io/v1alpha1');
    expect(body.resources).toEqual([
      { name: 'rollouts', singularName: 'rollout', namespaced: true, kind: 'Rollout', verbs: ['get', 'list', 'watch', 'patch'] },
      { name: 'analysisruns', singularName: 'analysisrun', namespaced: true, kind: 'AnalysisRun', verbs: ['get', 'list', 'watch'] },
    ]);
  });

  it('given shipmate\'s user agent, when it reads and patches Rollouts and reads AnalysisRuns, then the ledger records the RBAC permissions they need', async () => {
    // given: these calls are the test's, posing as shipmate; they stay out of the suite's ledger, which holds what shipmate itself uses
    vi.stubEnv(CALL_LEDGER_DIR_VARIABLE, '');
    const { api, state } = await argoApi();
    const asShipmate = setHeaderOptions('User-Agent', 'shipmate/0.0.0-test');
    // when
    await api.getNamespacedCustomObject({ ...ROLLOUTS, name: 'checkout' }, asShipmate);
    await api.listNamespacedCustomObject(ANALYSIS_RUNS, asShipmate);
    await api.patchNamespacedCustomObjectStatus({ ...ROLLOUTS, name: 'checkout', body: { status: { abort: true } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch, asShipmate));
    // then
    expect(state.permissions).toEqual([
      { system: 'kubernetes', group: 'argoproj.io', resource: 'rollouts', verb: 'get', byName: true },
      { system: 'kubernetes', group: 'argoproj.io', resource: 'analysisruns', verb: 'list', byName: false },
      { system: 'kubernetes', group: 'argoproj.io', resource: 'rollouts/status', verb: 'patch', byName: true },
    ]);
  });
});
