import { describe, expect, it } from 'vitest';
import { deployWorkload } from '../../../src/app/deploys/deploy-workload.js';
import { workloadTargetOf } from '../../../src/app/deploys/workload-target.js';
import { serviceTargets } from '../../../src/app/releases/plan-services.js';
import { runningImage } from '../../../src/app/running-image.js';
import type { ArgoRollout } from '../../../src/ports/argo-rollouts.port.js';
import { aRepository, anImage } from '../../support/ecr-builders.js';
import { fakePorts } from '../../support/fake-ports.js';
import { ManualClock } from '../builds/build-fixtures.js';
import { rollout } from '../deploys/argo/canary-fakes.js';
import { exampleConfig } from './policy-fixtures.js';

const REGISTRY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
const RUNNING = `${REGISTRY}/shop/checkout:1.0.0@sha256:${'c'.repeat(64)}`;

/** The sandbox config with checkout, an Argo Rollout (container app), in staging. */
const config = exampleConfig((doc) => {
  doc.environments.production.services = ['backend', 'frontend', 'ml'];
  doc.services.checkout = { ecr: { repository: 'shop/checkout' }, kubernetes: { kind: 'Rollout', rollout: 'checkout', container: 'app' } };
});

/** Argo answering the Rollout checkout (running RUNNING in container app); the Deployment API must not be asked. */
function rolloutPorts(options: { missing?: boolean } = {}) {
  const running: ArgoRollout = { ...rollout({ generation: 7 }), spec: { ...rollout().spec, template: { labels: {}, spec: { containers: [{ name: 'app', image: RUNNING }] } } } };
  const found = options.missing ? undefined : running;
  const calls: string[] = [];
  const ports = fakePorts({
    rollouts: { getRollout: async (namespace, name) => (calls.push(`getRollout ${namespace}/${name}`), found) },
    ecr: {
      getRepository: async (name) => aRepository({ name, uri: `${REGISTRY}/${name}` }),
      describeImage: async (_repository, tag) => anImage({ digest: `sha256:${'d'.repeat(64)}`, tags: [tag] }),
    },
  });
  return { calls, ports };
}

describe('a service whose workload is an Argo Rollout (kind: Rollout)', () => {
  it('is targeted as a Kubernetes workload of kind Rollout, `deployment` holding the Rollout; a Deployment service carries no kind', () => {
    // when
    const checkout = workloadTargetOf(config, 'staging', 'checkout');
    const backend = workloadTargetOf(config, 'staging', 'backend');
    // then
    expect(checkout).toEqual({ runtime: 'kubernetes', namespace: 'shop-staging', deployment: 'checkout', container: 'app', kind: 'Rollout' });
    expect(backend).not.toHaveProperty('kind');
  });

  it('is deployed through the Argo Rollout workload: it reads the Rollout, never a Deployment', async () => {
    // given
    const { calls, ports } = rolloutPorts();
    // when
    const workload = deployWorkload(ports, new ManualClock(), workloadTargetOf(config, 'staging', 'checkout'));
    const current = await workload.current();
    // then
    expect(workload.label).toBe('rollout/checkout container app');
    expect(current).toMatchObject({ image: RUNNING, token: '7' });
    expect(calls).toEqual(['getRollout shop-staging/checkout']);
  });

  it("runs the image of the Rollout's container, and none when the Rollout is missing", async () => {
    // when / then
    expect(await runningImage(config, 'staging', 'checkout', rolloutPorts().ports)).toBe(RUNNING);
    expect(await runningImage(config, 'staging', 'checkout', rolloutPorts({ missing: true }).ports)).toBeUndefined();
  });

  it("is planned by a release with its kind and the image its Rollout runs, so the release's deploy stage patches the Rollout", async () => {
    // given
    const { calls, ports } = rolloutPorts();
    // when
    const [target] = await serviceTargets(config, 'staging', '1.1.0', [{ type: 'deploy', services: ['checkout'] }], 0, ports);
    // then
    expect(target).toMatchObject({ service: 'checkout', runtime: 'kubernetes', kind: 'Rollout', deployment: 'checkout', container: 'app', previousImage: RUNNING, deployed: true });
    expect(deployWorkload(ports, new ManualClock(), target!).label).toBe('rollout/checkout container app');
    expect(calls).toEqual(['getRollout shop-staging/checkout']);
  });
});
