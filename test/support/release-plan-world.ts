import type { ReleaseServiceTarget } from '../../src/domain/releases/release-payload.js';
import { applyPatch, type PatchOperation } from '../../src/sandbox/json-patch.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';

/** staging's runbook for the release-plan tests: snapshot, migrate with backend's image, deploy backend, verify, deploy frontend, verify. */
export const STAGING_RELEASE = {
  stages: [
    { snapshot: { rdsInstance: 'shop-staging-db' } },
    { migrate: { service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 20 } },
    { deploy: ['backend'] },
    { verify: ['health'] },
    { deploy: ['frontend'] },
    { verify: ['health'] },
  ],
};

/** The healthy world with `release` as staging's release (its config written by the session), the world patched further. */
export function releaseScenario(release: object = STAGING_RELEASE, worldPatch: PatchOperation[] = []): Scenario {
  const healthy = loadScenario('healthy');
  return {
    ...healthy,
    world: applyPatch(healthy.world, worldPatch),
    configPatch: [...healthy.configPatch, { op: 'add', path: '/environments/staging/releases', value: release }],
  };
}

export const SANDBOX_REGISTRY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';

/** What a plan says of a staging service whose Deployment runs <service>:1.1.0 and whose `tag` is in ECR under `digest`, deployed and not built. */
export function plannedTarget(service: string, tag: string, digest: string): ReleaseServiceTarget {
  return {
    service,
    runtime: 'kubernetes',
    namespace: 'shop-staging',
    deployment: service,
    container: service,
    repository: `shop/${service}`,
    repositoryUri: `${SANDBOX_REGISTRY}/shop/${service}`,
    tag,
    digest,
    image: `${SANDBOX_REGISTRY}/shop/${service}:${tag}@${digest}`,
    previousImage: `${SANDBOX_REGISTRY}/shop/${service}:1.1.0`,
    built: false,
    deployed: true,
  };
}
