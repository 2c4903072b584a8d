import { describe, expect, it } from 'vitest';
import { environmentSnapshot } from '../../../src/app/environment-snapshot.js';
import { runningImage } from '../../../src/app/running-image.js';
import type { Deployment } from '../../../src/ports/cluster.port.js';
import type { EcsService, EcsTaskDefinition } from '../../../src/ports/ecs.port.js';
import { ManualClock } from '../builds/build-fixtures.js';
import { fakePorts } from '../../support/fake-ports.js';
import { exampleConfig } from './policy-fixtures.js';

const REGISTRY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
const TASK_DEFINITION = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:7';

/** The sandbox config with an ECS service api (container web) in staging's cluster shop-staging. */
const config = exampleConfig((doc) => {
  doc.environments.staging.ecs = { cluster: 'shop-staging' };
  doc.environments.production.services = ['backend', 'frontend', 'ml'];
  doc.services.api = { runtime: 'ecs', ecr: { repository: 'shop/api' }, ecs: { service: 'api', container: 'web' } };
});

const ecsService = { serviceName: 'api', status: 'ACTIVE', taskDefinition: TASK_DEFINITION, deployments: [] } as unknown as EcsService;
const taskDefinition = (containers: { name: string; image: string }[]) =>
  ({ taskDefinitionArn: TASK_DEFINITION, family: 'api', revision: 7, containerDefinitions: containers }) as EcsTaskDefinition;

/** ECS answering `service` and `definition`, recording each call. */
function ecsPorts(service: EcsService | undefined, definition: EcsTaskDefinition | undefined) {
  const calls: string[] = [];
  const ports = fakePorts({
    ecs: {
      describeService: async (cluster, name) => (calls.push(`describeService ${cluster} ${name}`), service),
      describeTaskDefinition: async (arn) => (calls.push(`describeTaskDefinition ${arn}`), definition),
    },
    cluster: {
      getDeployment: async (_namespace, name) =>
        ({ name, spec: { template: { spec: { containers: [{ name, image: `${REGISTRY}/shop/${name}:1.1.0` }] } } } }) as unknown as Deployment,
    },
  });
  return { calls, ports };
}

describe('runningImage', () => {
  it("reads an ECS service's container image from the task definition its service runs", async () => {
    // given
    const { calls, ports } = ecsPorts(ecsService, taskDefinition([{ name: 'envoy', image: 'envoy:1' }, { name: 'web', image: `${REGISTRY}/shop/api:2.0.0` }]));
    // when
    const image = await runningImage(config, 'staging', 'api', ports);
    // then
    expect(image).toBe(`${REGISTRY}/shop/api:2.0.0`);
    expect(calls).toEqual(['describeService shop-staging api', `describeTaskDefinition ${TASK_DEFINITION}`]);
  });

  it('is undefined for an ECS service ECS does not have (without asking for a task definition) and for a container the task lacks', async () => {
    // given
    const missing = ecsPorts(undefined, undefined);
    const other = ecsPorts(ecsService, taskDefinition([{ name: 'api', image: `${REGISTRY}/shop/api:2.0.0` }]));
    // when / then
    expect(await runningImage(config, 'staging', 'api', missing.ports)).toBeUndefined();
    expect(missing.calls).toEqual(['describeService shop-staging api']);
    expect(await runningImage(config, 'staging', 'api', other.ports)).toBeUndefined();
  });

  it("still reads a Kubernetes service's image from its Deployment, never from ECS", async () => {
    // given
    const { calls, ports } = ecsPorts(ecsService, undefined);
    // when / then
    expect(await runningImage(config, 'staging', 'backend', ports)).toBe(`${REGISTRY}/shop/backend:1.1.0`);
    expect(calls).toEqual([]);
  });
});

describe("an environment's snapshot (/shipmate status, the App Home)", () => {
  it('shows an ECS service beside the Kubernetes ones, with the image and tag it runs', async () => {
    // given
    const { ports } = ecsPorts(ecsService, taskDefinition([{ name: 'web', image: `${REGISTRY}/shop/api:2.0.0` }]));
    // when
    const snapshot = await environmentSnapshot(config, 'staging', ports, new ManualClock());
    // then
    expect(snapshot.services.map((s) => [s.service, s.tag ?? s.problem])).toEqual([
      ['backend', '1.1.0'],
      ['frontend', '1.1.0'],
      ['ml', '1.1.0'],
      ['api', '2.0.0'],
    ]);
  });

  it("asks ECS once per service and task definition however many readers want them (the ecs.* checks' reads are shared)", async () => {
    // given
    const { calls, ports } = ecsPorts(ecsService, taskDefinition([{ name: 'web', image: `${REGISTRY}/shop/api:2.0.0` }]));
    // when
    await environmentSnapshot(config, 'staging', ports, new ManualClock());
    // then
    expect(calls.filter((c) => c.startsWith('describeService')).length).toBe(1);
    expect(calls.filter((c) => c.startsWith('describeTaskDefinition')).length).toBe(1);
  });
});
