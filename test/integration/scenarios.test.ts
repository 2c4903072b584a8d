import { afterAll, describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/domain/checks/catalog.js';
import { runReadiness } from '../../src/domain/readiness/run-readiness.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { brokenScenarioNames, loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { sandboxPorts, sessionConfig } from '../support/sandbox-ports.js';

const sessions: SandboxSession[] = [];
afterAll(() => Promise.all(sessions.map((s) => s.close())));

async function readinessOf(scenario: Scenario, environment = scenario.environment) {
  const session = await startSandboxSession(scenario);
  sessions.push(session);
  const config = sessionConfig(session);
  const ports = sandboxPorts(session, config, environment);
  const report = await runReadiness(config, { environment, ...(scenario.version ? { version: scenario.version } : {}) }, ports);
  return { report, session };
}

const flagged = (checks: { id: string; status: string }[]) =>
  [...new Set(checks.filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error').map((c) => c.id))].sort();

describe('every check against the sandbox through the real SDKs', () => {
  it.each(['staging', 'production'])('passes everything on the healthy world in %s', async (environment) => {
    // when
    const { report, session } = await readinessOf(loadScenario('healthy'), environment);
    // then
    const notPassing = report.checks.filter((c) => c.status !== 'pass');
    expect(notPassing).toEqual([]);
    expect(report.checks).toHaveLength(24 * 3);
    expect(report).toMatchObject({ score: 100, verdict: 'ready' });
    // and the adapters really went over the wire to every system
    const systems = new Set(session.sandbox.state.calls.map((c) => c.system));
    expect([...systems].sort()).toEqual(['codebuild', 'ecr', 'http', 'kubernetes', 'quotas']);
  });

  it.each(brokenScenarioNames())('%s flags exactly what it breaks', async (name) => {
    // given
    const scenario = loadScenario(name);
    // when
    const { report } = await readinessOf(scenario);
    // then
    const details = report.checks.filter((c) => c.status !== 'pass' && c.status !== 'skip').map((c) => `${c.service} ${c.id} ${c.status}: ${c.finding}`);
    expect(flagged(report.checks), details.join('\n')).toEqual([...scenario.expect].sort());
    expect(report.checks.some((c) => c.status === 'error'), details.join('\n')).toBe(false);
  });

  it('every check of the catalog has a broken world named after it', () => {
    const names = brokenScenarioNames();
    expect(checkCatalog.map((c) => `broken/${c.id}`).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('the broken release is blocked, naming the defects of the runbook', async () => {
    const { report } = await readinessOf(loadScenario('broken-release'));
    expect(report.verdict).toBe('blocked');
    expect(flagged(report.checks)).toEqual(loadScenario('broken-release').expect.sort());
  });
});
