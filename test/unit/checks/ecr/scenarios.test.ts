import { describe, expect, it } from 'vitest';
import { ecrChecks } from '../../../../src/domain/checks/ecr/index.js';
import { runReadiness } from '../../../../src/domain/readiness/run-readiness.js';
import { brokenScenarioNames, loadScenario } from '../../../../src/sandbox/scenarios.js';
import { sandboxConfig } from '../../../support/codebuild-builders.js';
import { ecrPortsFromWorld } from '../../../support/ecr-builders.js';
import { fakePorts } from '../../../support/fake-ports.js';

/** What every service runs in the healthy world; the version readiness reviews when a scenario names none. */
const DEPLOYED = '1.1.0';
const GROUP = 'ecr.';
const ownScenarios = brokenScenarioNames().filter((name) => name.startsWith(`broken/${GROUP}`));
/** The CodeBuild scenarios must leave every ECR check passing. */
const neighbourScenarios = brokenScenarioNames().filter((name) => name.startsWith('broken/codebuild.'));

describe('ECR broken scenarios', () => {
  it('given the ECR checks, then each has a broken scenario named after it', () => {
    const missing = ecrChecks.map((c) => `broken/${c.id}`).filter((name) => !ownScenarios.includes(name));
    expect(missing).toEqual([]);
  });

  it.each(ownScenarios)('given %s, when loaded, then it parses and its patch changes the healthy world', (name) => {
    const scenario = loadScenario(name);
    expect(scenario.description).not.toBe(name);
    expect(scenario.expect.length).toBeGreaterThan(0);
    expect(scenario.world).not.toEqual(loadScenario('healthy').world);
  });

  it.each(['healthy', ...ownScenarios, ...neighbourScenarios])(
    'given %s, when the ECR checks run for every service, then exactly its expected ECR checks do not pass',
    async (name) => {
      const scenario = loadScenario(name);
      const ports = fakePorts(ecrPortsFromWorld(scenario.world));
      const report = await runReadiness(
        sandboxConfig(scenario.configPatch),
        { environment: scenario.environment, version: scenario.version ?? DEPLOYED },
        ports,
        ecrChecks,
      );
      const notPassing = new Set(report.checks.filter((c) => !['pass', 'skip'].includes(c.status)).map((c) => c.id));
      expect([...notPassing].sort()).toEqual(scenario.expect.filter((id) => id.startsWith(GROUP)).sort());
    },
  );
});
