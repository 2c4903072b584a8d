import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Check } from '../../../../src/domain/checks/check.js';
import type { CheckResult } from '../../../../src/domain/readiness/report.js';
import { runReadiness } from '../../../../src/domain/readiness/run-readiness.js';
import { configSchema } from '../../../../src/config/schema.js';
import { packageRoot } from '../../../../src/package-root.js';
import { applyPatch } from '../../../../src/sandbox/json-patch.js';
import type { Scenario } from '../../../../src/sandbox/scenarios.js';
import { fakePorts } from '../../../support/fake-ports.js';
import { clusterFromWorld } from '../../../support/k8s-builders.js';

/** Stand-ins for the sandbox's base URLs, which the config interpolates. */
const SANDBOX_URLS: Record<string, string> = {
  SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443',
  SHIPMATE_SANDBOX_HTTP: 'http://127.0.0.1:8080',
};

/**
 * Runs `checks` through the real readiness runner over in-memory ports that
 * answer from the scenario's world, with examples/sandbox.shipmate.yml plus
 * the scenario's configPatch. No server: what the sandbox would serve is read
 * from the world directly, so this proves the scenario's data, not the adapters.
 */
export async function runScenarioChecks(scenario: Scenario, checks: readonly Check[], environment = scenario.environment): Promise<CheckResult[]> {
  const rawConfig = parse(readFileSync(join(packageRoot(), 'examples', 'sandbox.shipmate.yml'), 'utf8')) as unknown;
  const patched = JSON.stringify(applyPatch(rawConfig, scenario.configPatch)).replace(
    /\$\{(\w+)\}/g,
    (_, name: string) => SANDBOX_URLS[name] ?? `\${${name}}`,
  );
  const config = configSchema.parse(JSON.parse(patched));
  const { world } = scenario;
  const namespace = config.environments[environment]!.kubernetes.namespace;
  const ports = fakePorts({
    cluster: clusterFromWorld(world, namespace),
    ecr: {
      getRepository: async (name) => {
        const repository = world.ecr.repositories.find((r) => r.name === name);
        return repository && { name, uri: `${world.accountId}.dkr.ecr.${world.region}.amazonaws.com/${name}`, scanOnPush: repository.scanOnPush };
      },
    },
    http: {
      get: async (url) => {
        const endpoint = world.http.endpoints.find((e) => e.path === new URL(url).pathname);
        return endpoint ? { status: endpoint.status, latencyMs: endpoint.delayMs ?? 5 } : { latencyMs: 5, error: 'connection refused' };
      },
    },
  });
  const report = await runReadiness(config, { environment, ...(scenario.version ? { version: scenario.version } : {}) }, ports, checks);
  return report.checks;
}

/** "backend k8s.probes: fail — finding", for readable assertion failures. */
export const nonPassing = (results: readonly CheckResult[]): string[] =>
  results.filter((r) => r.status === 'fail' || r.status === 'warn' || r.status === 'error').map((r) => `${r.service} ${r.id}: ${r.status} — ${r.finding}`);
