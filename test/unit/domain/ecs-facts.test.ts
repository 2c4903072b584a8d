import { describe, expect, it } from 'vitest';
import { createEcsFacts, primaryTaskDefinition } from '../../../src/domain/readiness/ecs-facts.js';
import { FactsCache } from '../../../src/domain/readiness/service-facts.js';
import type { EcsPort, SecretsPort } from '../../../src/ports/ecs.port.js';
import { anEcsService, aTaskDefinition } from '../../support/ecs-builders.js';

const API = { cluster: 'shop-staging', service: 'api' };

/** Ports counting their calls. */
function countingPorts() {
  const calls: string[] = [];
  const ecs = {
    describeService: async (cluster: string, service: string) => (calls.push(`service ${cluster}/${service}`), anEcsService()),
    describeTaskDefinition: async (arn: string) => (calls.push(`task-definition ${arn}`), aTaskDefinition()),
  } as unknown as EcsPort;
  const secrets: SecretsPort = { secretExists: async (valueFrom) => (calls.push(`secret ${valueFrom}`), true) };
  return { ports: { ecs, secrets }, calls };
}

describe('ECS facts', () => {
  it('given two services of one run sharing a cache, when each asks twice, then ECS is asked once per service and revision', async () => {
    // given
    const { ports, calls } = countingPorts();
    const cache = new FactsCache();
    const api = createEcsFacts(API, ports, cache);
    const again = createEcsFacts(API, ports, cache);
    // when
    await Promise.all([api.ecsService(), api.ecsTaskDefinition(), again.ecsService(), again.ecsTaskDefinition(), api.ecsSecretExists('s'), again.ecsSecretExists('s')]);
    // then
    expect(calls.sort()).toEqual(['secret s', 'service shop-staging/api', 'task-definition arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:7']);
  });

  it('given a Kubernetes service, when asked for its ECS service, then there is none and ECS is not asked', async () => {
    // given
    const { ports, calls } = countingPorts();
    const facts = createEcsFacts(undefined, ports, new FactsCache());
    // when / then
    expect(await facts.ecsService()).toBeUndefined();
    expect(await facts.ecsTaskDefinition()).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('given a service mid-deployment, when asked for its task definition, then it is the PRIMARY deployment\'s, not an older one', () => {
    // given
    const service = anEcsService((s) => {
      s.taskDefinition = 'td:6';
      s.deployments = [
        { ...s.deployments[0]!, status: 'ACTIVE', taskDefinition: 'td:6' },
        { ...s.deployments[0]!, status: 'PRIMARY', taskDefinition: 'td:8' },
      ];
    });
    // when / then
    expect(primaryTaskDefinition(service)).toBe('td:8');
    expect(primaryTaskDefinition({ ...service, deployments: [] })).toBe('td:6');
  });
});
