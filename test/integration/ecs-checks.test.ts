import { afterAll, describe, expect, it } from 'vitest';
import { ecsChecks } from '../../src/domain/checks/ecs/index.js';
import type { CheckResult } from '../../src/domain/readiness/report.js';
import { runReadiness } from '../../src/domain/readiness/run-readiness.js';
import { applyPatch, type PatchOperation } from '../../src/sandbox/json-patch.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { brokenScenarioNames, loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { sandboxPorts, sessionConfig } from '../support/sandbox-ports.js';

const sessions: SandboxSession[] = [];
afterAll(() => Promise.all(sessions.map((s) => s.close())));

/** Readiness of the ECS service api alone, every check of the catalog, through the real adapters against the sandbox. */
async function readinessOfApi(scenario: Scenario, options: { environment?: string; world?: PatchOperation[]; config?: PatchOperation[] } = {}) {
  const environment = options.environment ?? scenario.environment;
  const session = await startSandboxSession({
    ...scenario,
    ...(options.world ? { world: applyPatch(scenario.world, options.world) } : {}),
    configPatch: [...scenario.configPatch, ...(options.config ?? [])],
  });
  sessions.push(session);
  const config = sessionConfig(session);
  const ports = sandboxPorts(session, config, environment);
  const request = { environment, services: ['api'], ...(scenario.version ? { version: scenario.version } : {}) };
  const report = await runReadiness(config, request, ports);
  const ecsCalls = session.sandbox.state.callsTo('ecs').map((c) => c.operation);
  return { report, ecsCalls, byId: (id: string) => report.checks.find((c) => c.id === id)! };
}

const flagged = (checks: CheckResult[]) => checks.filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error').map((c) => c.id).sort();
const details = (checks: CheckResult[]) => checks.filter((c) => c.status !== 'pass').map((c) => `${c.id} ${c.status}: ${c.finding}`).join('\n');
const ecsIds = ecsChecks.map((c) => c.id);

describe('ecs checks against the sandbox through the real SDKs', () => {
  it.each(['staging', 'production'])('pass on the healthy api service in %s, with one DescribeServices and one DescribeTaskDefinition', async (environment) => {
    // when
    const { report, ecsCalls } = await readinessOfApi(loadScenario('healthy-ecs'), { environment });
    // then
    const ecs = report.checks.filter((c) => c.id.startsWith('ecs.'));
    expect(ecs.map((c) => c.id)).toEqual(ecsIds);
    expect(ecs.filter((c) => c.status !== 'pass'), details(ecs)).toEqual([]);
    expect(flagged(report.checks), details(report.checks)).toEqual([]);
    expect(report.checks.some((c) => c.id.startsWith('k8s.'))).toBe(false);
    expect(ecsCalls.sort()).toEqual(['DescribeServices', 'DescribeTaskDefinition']);
  });

  it.each(brokenScenarioNames().filter((n) => n.startsWith('broken/ecs.')))('%s flags exactly what it breaks', async (name) => {
    // given
    const scenario = loadScenario(name);
    // when
    const { report } = await readinessOfApi(scenario);
    // then
    expect(flagged(report.checks), details(report.checks)).toEqual([...scenario.expect].sort());
  });

  it('every ecs check has a broken world of its own', () => {
    const names = brokenScenarioNames();
    expect(ecsIds.filter((id) => !names.includes(`broken/${id}`))).toEqual([]);
  });

  it('an INACTIVE service (deleted, still described) fails ecs.service and the other ecs checks skip', async () => {
    // when
    const { report, byId } = await readinessOfApi(loadScenario('healthy-ecs'), {
      world: [{ op: 'add', path: '/ecs/clusters/0/services/0/status', value: 'INACTIVE' }],
    });
    // then
    expect(byId('ecs.service')).toMatchObject({ status: 'fail', finding: 'ECS service api in shop-staging is INACTIVE, not ACTIVE: it is being deleted or was' });
    expect(flagged(report.checks), details(report.checks)).toEqual(['ecs.service']);
    expect(report.checks.filter((c) => c.id.startsWith('ecs.') && c.id !== 'ecs.service').map((c) => c.status)).toEqual(Array(10).fill('skip'));
  });

  it('an unknown cluster is one clear line from ecs.service, not an error', async () => {
    // when
    const { report, byId } = await readinessOfApi(loadScenario('healthy-ecs'), {
      config: [{ op: 'replace', path: '/environments/staging/ecs/cluster', value: 'shop-stagin' }],
    });
    // then
    const service = byId('ecs.service');
    expect(service.status).toBe('fail');
    expect(service.finding).toContain('shop-stagin');
    expect(service.finding).not.toContain('\n');
    expect(service.fix).toBe('set services.api.ecs.cluster or environments.staging.ecs.cluster to an existing cluster (aws ecs list-clusters)');
    expect(report.checks.filter((c) => c.status === 'error'), details(report.checks)).toEqual([]);
  });

  it('a container the task definition does not have fails ecs.service naming the ones it has', async () => {
    // when
    const { byId } = await readinessOfApi(loadScenario('healthy-ecs'), { config: [{ op: 'add', path: '/services/api/ecs/container', value: 'web' }] });
    // then
    expect(byId('ecs.service')).toMatchObject({
      status: 'fail',
      finding: 'task definition shop-staging-api:7 has no container named web; it has api',
      fix: 'set services.api.ecs.container to one of: api',
    });
  });

  it('a secret from SSM Parameter Store beside one from Secrets Manager passes, said to be not checked', async () => {
    // when
    const { byId } = await readinessOfApi(loadScenario('healthy-ecs'), {
      world: [
        {
          op: 'add',
          path: '/ecs/taskDefinitions/0/containerDefinitions/0/secrets/-',
          value: { name: 'FLAGS', valueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/shop/staging/api/flags' },
        },
      ],
    });
    // then
    expect(byId('ecs.secrets')).toMatchObject({
      status: 'pass',
      finding: '1 secret referenced, all present in Secrets Manager; not checked (SSM Parameter Store): FLAGS (container api)',
    });
  });
});
