import { describe, expect, it } from 'vitest';
import { k8sChecks } from '../../src/domain/checks/k8s/index.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { compiledReadiness } from '../support/compiled-readiness.js';

/** The compiled program in its own process, against the canary world, whose config has checkout as an Argo Rollout. */
const readinessJson = compiledReadiness();

describe('shipmate readiness --json, compiled, on an environment with a kind: Rollout service', () => {
  it('exits 0 at risk on the canary world, judging checkout on its Rollout and flagging exactly what the scenario expects', async () => {
    // given
    const scenario = loadScenario('canary');
    // when
    const { code, json } = await readinessJson(scenario);
    // then
    expect(code).toBe(0);
    expect(json.verdict).toBe('at-risk');
    const notPassing = json.checks.filter((c) => c.status !== 'pass' && c.status !== 'skip').map((c) => `${c.service} ${c.id} ${c.status}`);
    expect(notPassing.sort()).toEqual(scenario.expect.map((id) => `checkout ${id} warn`).sort());
    const checkout = json.checks.filter((c) => c.service === 'checkout' && c.id.startsWith('k8s.'));
    expect(checkout.map((c) => c.id)).toEqual(k8sChecks.map((c) => c.id));
    expect(checkout.find((c) => c.id === 'k8s.rollout')).toMatchObject({ status: 'pass', finding: 'rollout/checkout Healthy: 5/5 available, every canary step done' });
    expect(checkout.find((c) => c.id === 'k8s.replicas')?.finding).toBe(
      'rollout/checkout has 5 replicas but neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node',
    );
  });
});
