import { describe, expect, it } from 'vitest';
import { httpChecks } from '../../../../src/domain/checks/http/index.js';
import { k8sChecks } from '../../../../src/domain/checks/k8s/index.js';
import { brokenScenarioNames, loadScenario } from '../../../../src/sandbox/scenarios.js';
import { nonPassing, runScenarioChecks } from '../k8s/run-scenario.js';

/** One broken world per check, named after it; other scenarios may exist and are not this file's business. */
const httpScenarios = httpChecks.map((c) => `broken/${c.id}`);
const checks = [...k8sChecks, ...httpChecks];

describe('http broken scenarios', () => {
  it('given the http checks, when listing scenarios, then each check has a broken world', () => {
    expect(brokenScenarioNames()).toEqual(expect.arrayContaining(httpScenarios));
  });

  it.each(['staging', 'production'])('given the healthy world, when the http checks run in %s, then all pass', async (environment) => {
    const results = await runScenarioChecks(loadScenario('healthy'), httpChecks, environment);

    expect(results.map((r) => `${r.service} ${r.id}: ${r.status}`)).toEqual(
      ['backend', 'frontend', 'ml'].flatMap((s) => [`${s} http.health: pass`, `${s} http.tls: pass`]),
    );
  });

  it.each(httpScenarios)('given %s, when loaded, then it parses and expects its own check', (name) => {
    const scenario = loadScenario(name);

    expect(scenario.environment).toBe('staging');
    expect(scenario.expect).toEqual([name.slice('broken/'.length)]);
    expect(scenario.world === loadScenario('healthy').world).toBe(false);
  });

  it('given broken/http.health, when loaded, then the staging backend endpoint answers 503', () => {
    expect(loadScenario('broken/http.health').world.http.endpoints[0]).toMatchObject({ path: '/health/staging/backend', status: 503 });
  });

  it('given broken/http.tls, when loaded, then only the config changes: the backend health URL goes to the plain-http sandbox', () => {
    const scenario = loadScenario('broken/http.tls');

    expect(scenario.world).toEqual(loadScenario('healthy').world);
    expect(scenario.configPatch).toEqual([
      { op: 'replace', path: '/services/backend/healthUrl', value: '${SHIPMATE_SANDBOX_HTTP}/health/{environment}/backend' },
    ]);
  });

  it.each(httpScenarios)('given %s, when the k8s and http checks run, then exactly its check is flagged, for backend only', async (name) => {
    const scenario = loadScenario(name);

    const flagged = nonPassing(await runScenarioChecks(scenario, checks));

    expect(flagged.map((line) => line.split(':')[0])).toEqual(scenario.expect.map((id) => `backend ${id}`));
  });
});
