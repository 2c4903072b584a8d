import type { ShipmateConfig } from '../../../../src/config/schema.js';
import type { ReadinessPorts } from '../../../../src/domain/readiness/readiness-ports.js';
import type { Lock } from '../../../../src/ports/store.port.js';
import { ManualClock } from '../../builds/build-fixtures.js';
import { aRepository, anImage } from '../../../support/ecr-builders.js';
import { fakePorts } from '../../../support/fake-ports.js';
import { healthyContainer, healthyDeployment } from '../../../support/k8s-builders.js';
import { exampleConfig } from '../policy-fixtures.js';
import { SANDBOX_REGISTRY as REGISTRY } from '../../../support/release-plan-world.js';

export const digestOf = (service: string) => `sha256:${service.padEnd(64, '0').slice(0, 64).replace(/[^0-9a-f]/g, 'a')}`;

/** The sandbox example config with `stages` as staging's release (and `edit` applied to the document). */
export function releaseConfig(stages: object[], edit: (doc: Record<string, any>) => void = () => undefined): ShipmateConfig {
  return exampleConfig((doc) => {
    doc.environments.staging.releases = { stages };
    edit(doc);
  });
}

export const MIGRATE = { migrate: { service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 20 } };

/**
 * In-memory ECR and cluster: each service's repository shop/<service> holds the tags `tags` lists (default 1.1.0 and 1.2.0),
 * each Deployment runs <service>:1.1.0 with its Secrets present unless `missingSecrets` names them. Every call is recorded.
 */
export function releaseWorld(
  options: { tags?: Record<string, string[]>; missingSecrets?: string[]; unreadableSecrets?: string[]; missingRepositories?: string[]; missingDeployments?: string[] } = {},
) {
  const calls: string[] = [];
  const record = <T>(call: string, value: T) => {
    calls.push(call);
    return Promise.resolve(value);
  };
  const serviceOf = (repository: string) => repository.replace('shop/', '');
  const hasTag = (repository: string, tag: string) => (options.tags?.[serviceOf(repository)] ?? ['1.1.0', '1.2.0']).includes(tag);
  const ports: ReadinessPorts = fakePorts({
    ecr: {
      getRepository: (name) => record(`ecr.getRepository ${name}`, options.missingRepositories?.includes(name) ? undefined : aRepository({ name, uri: `${REGISTRY}/${name}` })),
      describeImage: (repository, tag) =>
        record(`ecr.describeImage ${repository}:${tag}`, hasTag(repository, tag) ? anImage({ digest: digestOf(serviceOf(repository)), tags: [tag] }) : undefined),
      imagePlatforms: (repository, tag) => record(`ecr.imagePlatforms ${repository}:${tag}`, hasTag(repository, tag) ? ['linux/amd64' as const] : []),
    },
    cluster: {
      getDeployment: (namespace, name) =>
        record(
          `cluster.getDeployment ${namespace}/${name}`,
          options.missingDeployments?.includes(name) ? undefined : healthyDeployment((d) => {
            d.name = name;
            d.spec.template.spec.containers = [healthyContainer({ name, image: `${REGISTRY}/shop/${name}:1.1.0`, envFrom: [{ secretRef: { name: `${name}-env` } }] })];
          }),
        ),
      secretExists: (namespace, name) =>
        options.unreadableSecrets?.includes(name)
          ? Promise.reject(new Error(`secrets "${name}" is forbidden`))
          : record(`cluster.secretExists ${namespace}/${name}`, !(options.missingSecrets ?? []).includes(name)),
    },
  });
  return { ports, calls };
}

/** A store holding `locks`, and a clock at 2026-11-22T10:00:00Z (a Sunday). */
export function planDeps(locks: Lock[] = []) {
  const lookups: string[] = [];
  return {
    lookups,
    store: {
      getLock: async (service: string, environment: string) => {
        lookups.push(`${service} ${environment}`);
        return locks.find((l) => l.service === service && l.environment === environment);
      },
    },
    clock: new ManualClock(),
  };
}
