import { afterAll, describe, expect, it } from 'vitest';
import { k8sChecks } from '../../src/domain/checks/k8s/index.js';
import { runReadiness } from '../../src/domain/readiness/run-readiness.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { sandboxPorts, sessionConfig } from '../support/sandbox-ports.js';
import { waitUntil } from '../support/wait-until.js';

const NS = 'shop-staging';
const NEW_IMAGE = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:1.1.0';
/** Generous: conditions are awaited, never timed. */
const WAIT_MS = 30_000;

const sessions: SandboxSession[] = [];
afterAll(() => Promise.all(sessions.map((s) => s.close())));

/** The scenario's sandbox (pods ready in 50 ms, measurements every 50 ms) and the real adapters for staging. */
async function canarySession(name: string) {
  const scenario: Scenario = loadScenario(name);
  scenario.world.kubernetes.behaviour = { ...scenario.world.kubernetes.behaviour, podReadySeconds: 0.05 };
  for (const analysis of Object.values(scenario.world.kubernetes.analysis ?? {})) analysis.intervalSeconds = 0.05;
  const session = await startSandboxSession(scenario);
  sessions.push(session);
  const config = sessionConfig(session);
  const ports = sandboxPorts(session, config, 'staging');
  const checkout = async (only?: string[]) =>
    (await runReadiness(config, { environment: 'staging', services: ['checkout'], ...(only ? { only } : {}) }, ports)).checks;
  return { session, config, ports, checkout };
}

const flagged = (checks: { id: string; status: string }[]) => [...new Set(checks.filter((c) => ['fail', 'warn', 'error'].includes(c.status)).map((c) => c.id))].sort();

describe('readiness of a kind: Rollout service against the sandbox (scenarios/canary.yml), through the real adapters', () => {
  it('judges checkout on its Rollout: every k8s.* check on the pod template, k8s.rollout on the Healthy canary, flagging exactly what the scenario expects', async () => {
    // given
    const scenario = loadScenario('canary');
    const { session, config, ports } = await canarySession('canary');
    // when
    const report = await runReadiness(config, { environment: 'staging' }, ports);
    // then
    const checkout = report.checks.filter((c) => c.service === 'checkout');
    expect(checkout.filter((c) => c.id.startsWith('k8s.')).map((c) => c.id)).toEqual(k8sChecks.map((c) => c.id));
    expect(flagged(report.checks)).toEqual([...scenario.expect].sort());
    expect(report.checks.filter((c) => c.status !== 'pass' && c.status !== 'skip').map((c) => c.service)).toEqual(['checkout', 'checkout']);
    expect(checkout.find((c) => c.id === 'k8s.rollout')).toMatchObject({ status: 'pass', finding: 'rollout/checkout Healthy: 5/5 available, every canary step done' });
    expect(checkout.find((c) => c.id === 'k8s.deployment')?.finding).toBe(`rollout/checkout container checkout runs ${NEW_IMAGE.replace('1.1.0', '1.0.0')}`);
    expect(checkout.find((c) => c.id === 'k8s.image-current')).toMatchObject({ status: 'pass', finding: 'reviewing what runs: 1.0.0' });
    // and the Rollout was read through the Argo Rollouts API, never as a Deployment
    const operations = session.sandbox.state.calls.map((c) => c.operation);
    expect(operations).toContain(`GET /apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts/checkout`);
    expect(operations.filter((o) => o.includes('deployments/checkout'))).toEqual([]);
  });

  it('given 1.1.0 deployed, when the canary pauses at its pause step, then k8s.rollout warns that it awaits promotion, and once promoted and done it passes', async () => {
    // given
    const { ports, checkout } = await canarySession('canary');
    await ports.rollouts.setRolloutImage(NS, 'checkout', 'checkout', NEW_IMAGE);
    await waitUntil(async () => (await ports.rollouts.getRollout(NS, 'checkout'))?.status.phase === 'Paused', WAIT_MS, 'the canary to pause');
    // when
    const [paused] = await checkout(['k8s.rollout']);
    await ports.rollouts.promoteRollout(NS, 'checkout');
    await waitUntil(async () => (await ports.rollouts.getRollout(NS, 'checkout'))?.status.phase === 'Healthy', WAIT_MS, 'the canary to finish');
    const [done] = await checkout(['k8s.rollout']);
    // then
    expect(paused).toMatchObject({ status: 'warn', finding: 'rollout/checkout paused at step 2/5, setWeight 20 awaiting promotion' });
    expect(paused?.fix).toContain(`kubectl argo rollouts -n ${NS} promote checkout`);
    expect(done).toMatchObject({ status: 'pass', finding: 'rollout/checkout Healthy: 5/5 available, every canary step done' });
  });

  it('given the analysis failing at its step, when Argo aborts the canary, then k8s.rollout fails quoting its message', async () => {
    // given
    const { ports, checkout } = await canarySession('canary-analysis-failing');
    await ports.rollouts.setRolloutImage(NS, 'checkout', 'checkout', NEW_IMAGE);
    await waitUntil(async () => (await ports.rollouts.getRollout(NS, 'checkout'))?.status.phase === 'Paused', WAIT_MS, 'the canary to pause');
    await ports.rollouts.promoteRollout(NS, 'checkout');
    await waitUntil(async () => (await ports.rollouts.getRollout(NS, 'checkout'))?.status.phase === 'Degraded', WAIT_MS, 'the canary to be aborted');
    // when
    const [rollout] = await checkout(['k8s.rollout']);
    // then
    expect(rollout?.status).toBe('fail');
    expect(rollout?.finding).toMatch(
      /^rollout\/checkout is Degraded: "RolloutAborted: Rollout aborted update to revision 2: .*Metric "error-rate" assessed Failed due to failed \(1\) > failureLimit \(0\)"$/,
    );
  });

  it('given the Rollout is not in the namespace, when readiness runs, then k8s.deployment fails naming it and the config key, and the other k8s checks skip', async () => {
    // given
    const { session } = await canarySession('canary');
    session.sandbox.state.world.kubernetes.namespaces[NS]!.rollouts = [];
    const config = sessionConfig(session);
    // when
    const report = await runReadiness(config, { environment: 'staging', services: ['checkout'] }, sandboxPorts(session, config, 'staging'));
    // then
    const k8s = report.checks.filter((c) => c.id.startsWith('k8s.'));
    expect(k8s[0]).toMatchObject({ id: 'k8s.deployment', status: 'fail', finding: `rollout/checkout not found in namespace ${NS}` });
    expect(k8s[0]?.fix).toContain('services.checkout.kubernetes.rollout');
    expect(k8s.slice(1).map((c) => c.status)).toEqual(k8sChecks.slice(1).map(() => 'skip'));
  });
});
