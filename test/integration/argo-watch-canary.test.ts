import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createArgoRolloutsPort } from '../../src/adapters/kube/argo-rollouts-adapter.js';
import { createClusterPort } from '../../src/adapters/kube/cluster-adapter.js';
import { watchCanary, type CanaryEvent } from '../../src/domain/deploys/argo/watch-canary.js';
import { systemClock } from '../../src/ports/clock.port.js';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

const NS = 'shop-staging';
const NEW_IMAGE = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:1.1.0';
/** Generous: the outcome is awaited, never timed. */
const TIMEOUT_MS = 60_000;

let sandbox: Sandbox | undefined;
let dir: string | undefined;

afterEach(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sandbox = undefined;
  dir = undefined;
});

/** The scenario's sandbox with quick pods and measurements, and both ports through the real client. */
async function portsFor(scenario: string) {
  const world = loadScenario(scenario).world;
  world.kubernetes.behaviour = { ...world.kubernetes.behaviour, podReadySeconds: 0.05 };
  for (const analysis of Object.values(world.kubernetes.analysis ?? {})) analysis.intervalSeconds = 0.05;
  sandbox = await startSandbox({ world });
  dir = mkdtempSync(join(tmpdir(), 'shipmate-argo-watch-'));
  const options = { kubeconfigPath: writeSandboxKubeconfig(dir, sandbox.url, { 'sandbox-staging': NS }), context: 'sandbox-staging' };
  return { rollouts: createArgoRolloutsPort(options), cluster: createClusterPort(options) };
}

/** Deploys 1.1.0 and follows it; a pause is promoted through the port, as the Promote button will. */
async function deployAndWatch(scenario: string) {
  const { rollouts, cluster } = await portsFor(scenario);
  const events: CanaryEvent[] = [];
  const promotions: Promise<unknown>[] = [];
  const { generation } = await rollouts.setRolloutImage(NS, 'checkout', 'checkout', NEW_IMAGE);
  const outcome = await watchCanary({ rollouts, cluster, clock: systemClock }, { namespace: NS, rollout: 'checkout', generation, timeoutMs: TIMEOUT_MS }, (event) => {
    events.push(event);
    if (event.kind === 'paused') promotions.push(rollouts.promoteRollout(NS, 'checkout'));
  });
  await Promise.all(promotions);
  return { outcome, events, rollouts };
}

describe('watchCanary through the Argo Rollouts and cluster adapters against the sandbox', () => {
  it('given the canary scenario, when 1.1.0 is deployed and its pause promoted, then every step, the pause and the passing analysis are reported and it ends Healthy', async () => {
    // when
    const { outcome, events, rollouts } = await deployAndWatch('canary');
    // then
    expect(outcome).toMatchObject({ kind: 'succeeded', message: expect.stringContaining('Healthy') });
    const steps = events.filter((e) => e.kind === 'step').map((e) => e.status.stepIndex);
    expect(steps).toEqual([0, 1, 2, 3, 4]);
    expect(events.filter((e) => e.kind === 'step').map((e) => e.status.setWeight)).toEqual([20, 20, 50, 50, 100]);
    expect(events.filter((e) => e.kind === 'paused').map((e) => [e.status.stepIndex, e.message.split(' — ')[0]])).toEqual([[1, 'Paused (CanaryPauseStep), awaiting promotion']]);
    const analysis = events.filter((e) => e.kind === 'analysis').at(-1);
    expect(analysis).toMatchObject({ kind: 'analysis', analysis: { phase: 'Successful', metrics: [{ name: 'error-rate', value: '[0.3]', count: 2, failed: 0 }] } });
    const final = await rollouts.getRollout(NS, 'checkout');
    expect(final?.status.stableRS).toBe(final?.status.currentPodHash);
  });

  it('given the analysis-failing scenario, when promoted past the pause, then the failed AnalysisRun is the outcome with its value and limit', async () => {
    // when
    const { outcome, events } = await deployAndWatch('canary-analysis-failing');
    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'AnalysisFailed' });
    expect(outcome.kind === 'failed' && outcome.message).toMatch(/^AnalysisRun checkout-\S+ Failed: metric "error-rate" \[3\.5\] — Failed \(failed 1 > failureLimit 0\)\nArgo: Metric "error-rate" assessed Failed due to failed \(1\) > failureLimit \(0\)$/);
    expect(events.some((e) => e.kind === 'paused')).toBe(true);
  });

  it('given the crash scenario, when 1.1.0 is deployed, then the crash-looping canary pod ends the watch with the kubelet\'s reason and its events', async () => {
    // when
    const { outcome, events } = await deployAndWatch('canary-crash');
    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'CrashLoopBackOff', message: expect.stringMatching(/^container "checkout" of pod "checkout-\S+"/) });
    expect(outcome.kind === 'failed' && outcome.events.some((line) => line.includes('BackOff'))).toBe(true);
    expect(events.filter((e) => e.kind === 'step').map((e) => e.status.stepIndex)).toEqual([0]);
  });
});
