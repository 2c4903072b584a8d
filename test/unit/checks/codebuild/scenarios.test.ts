import { describe, expect, it } from 'vitest';
import { codebuildChecks } from '../../../../src/domain/checks/codebuild/index.js';
import { runReadiness } from '../../../../src/domain/readiness/run-readiness.js';
import { brokenScenarioNames, loadScenario } from '../../../../src/sandbox/scenarios.js';
import { codebuildPortsFromWorld, sandboxConfig } from '../../../support/codebuild-builders.js';
import { fakePorts } from '../../../support/fake-ports.js';

/** What every service runs in the healthy world; the version readiness reviews when a scenario names none. */
const DEPLOYED = '1.1.0';
const GROUP = 'codebuild.';
const ownScenarios = brokenScenarioNames().filter((name) => name.startsWith(`broken/${GROUP}`));
/** The ECR scenarios must leave every CodeBuild check passing. */
const neighbourScenarios = brokenScenarioNames().filter((name) => name.startsWith('broken/ecr.'));

describe('CodeBuild broken scenarios', () => {
  it('given the CodeBuild checks, then each has a broken scenario named after it', () => {
    const missing = codebuildChecks.map((c) => `broken/${c.id}`).filter((name) => !ownScenarios.includes(name));
    expect(missing).toEqual([]);
  });

  it.each(ownScenarios)('given %s, when loaded, then it parses and its patch changes the healthy world or config', (name) => {
    const scenario = loadScenario(name);
    const healthy = loadScenario('healthy');
    expect(scenario.description).not.toBe(name);
    expect(scenario.expect.length).toBeGreaterThan(0);
    const changesWorld = JSON.stringify(scenario.world) !== JSON.stringify(healthy.world);
    expect(changesWorld || scenario.configPatch.length > 0).toBe(true);
  });

  it.each(['healthy', ...ownScenarios, ...neighbourScenarios])(
    'given %s, when the CodeBuild checks run for every service, then exactly its expected CodeBuild checks do not pass',
    async (name) => {
      const scenario = loadScenario(name);
      const ports = fakePorts(codebuildPortsFromWorld(scenario.world));
      const report = await runReadiness(
        sandboxConfig(scenario.configPatch),
        { environment: scenario.environment, version: scenario.version ?? DEPLOYED },
        ports,
        codebuildChecks,
      );
      const notPassing = new Set(report.checks.filter((c) => !['pass', 'skip'].includes(c.status)).map((c) => c.id));
      expect([...notPassing].sort()).toEqual(scenario.expect.filter((id) => id.startsWith(GROUP)).sort());
    },
  );
});
