import { describe, expect, it } from 'vitest';
import { readConfigDocument, validateConfig } from '../../../src/config/load-config.js';
import { pass, type Check } from '../../../src/domain/checks/check.js';
import { runReadiness } from '../../../src/domain/readiness/run-readiness.js';
import type { ServiceTarget } from '../../../src/domain/readiness/service-target.js';
import type { EcsPort } from '../../../src/ports/ecs.port.js';
import { PortError } from '../../../src/ports/port-error.js';
import { API_REPOSITORY_URI, anEcsService, aTaskDefinition } from '../../support/ecs-builders.js';
import { fakePorts } from '../../support/fake-ports.js';

/** The sandbox config with the ECS service api in staging's cluster. */
const config = (() => {
  const doc = readConfigDocument('examples/sandbox.shipmate.yml') as Record<string, any>;
  doc.environments.staging.ecs = { cluster: 'shop-staging' };
  doc.environments.production.ecs = { cluster: 'shop-production' };
  doc.services.api = { runtime: 'ecs', ecr: { repository: 'shop/api' }, ecs: { service: 'api' } };
  return validateConfig(doc, 'sandbox.yml', { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443' });
})();

async function targetSeen(ecs: Partial<EcsPort>): Promise<{ target: ServiceTarget; calls: number }> {
  let calls = 0;
  const counted = { ...ecs, describeService: (...args: Parameters<EcsPort['describeService']>) => (calls++, ecs.describeService!(...args)) };
  const ports = fakePorts({ ecs: counted });
  const seen: ServiceTarget[] = [];
  const check: Check = { id: 'ecs.seen', title: 'records its target', severity: 'fail', runtime: 'ecs', run: async (c) => (seen.push(c.target), pass('seen')) };
  await runReadiness(config, { environment: 'staging', services: ['api'] }, ports, [check]);
  return { target: seen[0]!, calls };
}

describe('the version an ECS service is reviewed at', () => {
  it('given no version asked for, when readiness runs, then it is the tag the PRIMARY task definition runs, read once', async () => {
    // given
    const ecs: Partial<EcsPort> = {
      describeService: async () => anEcsService(),
      describeTaskDefinition: async () => aTaskDefinition((_td, api) => (api.image = `${API_REPOSITORY_URI}:1.0.4@sha256:ab12`)),
    };
    // when
    const { target, calls } = await targetSeen(ecs);
    // then
    expect(target).toMatchObject({ version: '1.0.4', versionSource: 'deployed', ecr: { repository: 'shop/api', tag: '1.0.4' } });
    expect(calls).toBe(1);
  });

  it('given ECS cannot be read, when readiness runs, then no version is known (ecs.service reports why)', async () => {
    // given
    const ecs: Partial<EcsPort> = { describeService: () => Promise.reject(new PortError('invalid', 'cluster shop-staging not found')) };
    // when
    const { target } = await targetSeen(ecs);
    // then
    expect(target).toMatchObject({ versionSource: 'unknown', ecr: { repository: 'shop/api' } });
    expect(target.version).toBeUndefined();
  });

  it('given the task definition has no such container, when readiness runs, then no version is known', async () => {
    // given
    const ecs: Partial<EcsPort> = {
      describeService: async () => anEcsService(),
      describeTaskDefinition: async () => aTaskDefinition((_td, api) => (api.name = 'web')),
    };
    // when / then
    expect((await targetSeen(ecs)).target.versionSource).toBe('unknown');
  });
});
