import { describe, expect, it } from 'vitest';
import { k8sChecks } from '../../../../src/domain/checks/k8s/index.js';
import { brokenScenarioNames, loadScenario } from '../../../../src/sandbox/scenarios.js';
import { nonPassing, runScenarioChecks } from './run-scenario.js';

/** One broken world per check, named after it; other scenarios may exist and are not this file's business. */
const k8sScenarios = k8sChecks.map((c) => `broken/${c.id}`);

describe('k8s broken scenarios', () => {
  it('given the k8s checks, when listing scenarios, then each check has a broken world', () => {
    expect(brokenScenarioNames()).toEqual(expect.arrayContaining(k8sScenarios));
  });

  it.each(['staging', 'production'])('given the healthy world, when the k8s checks run in %s, then none is flagged', async (environment) => {
    const results = await runScenarioChecks(loadScenario('healthy'), k8sChecks, environment);

    expect(nonPassing(results)).toEqual([]);
    expect(results.filter((r) => r.status === 'pass')).toHaveLength(k8sChecks.length * 3);
  });

  it.each(k8sScenarios)('given %s, when loaded, then it parses, patches the healthy world and expects its own check', (name) => {
    const scenario = loadScenario(name);

    expect(scenario.description.length).toBeGreaterThan(10);
    expect(scenario.environment).toBe('staging');
    expect(scenario.expect).toEqual([name.slice('broken/'.length)]);
    expect(scenario.world).not.toEqual(loadScenario('healthy').world);
  });

  it.each(k8sScenarios)('given %s, when the k8s checks run, then exactly its check is flagged, for backend only', async (name) => {
    const scenario = loadScenario(name);

    const flagged = nonPassing(await runScenarioChecks(scenario, k8sChecks));

    expect(flagged.map((line) => line.split(':')[0])).toEqual(scenario.expect.map((id) => `backend ${id}`));
  });
});
