import type { CheckContext } from '../../src/domain/checks/check.js';
import type { ServiceTarget } from '../../src/domain/readiness/service-target.js';
import type { EcrImage, EcrRepository, Platform } from '../../src/ports/ecr.port.js';
import type { World } from '../../src/sandbox/world.js';
import { checkContext } from './fake-ports.js';

type PortOverrides = NonNullable<NonNullable<Parameters<typeof checkContext>[0]>['ports']>;

export const DIGEST = 'sha256:4f9a1c2b3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4d5e6f7';

export function aRepository(overrides: Partial<EcrRepository> = {}): EcrRepository {
  return {
    name: 'shop/backend',
    uri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend',
    scanOnPush: true,
    ...overrides,
  };
}

export function anImage(overrides: Partial<EcrImage> = {}): EcrImage {
  return {
    digest: DIGEST,
    tags: ['1.1.0'],
    sizeBytes: 187_000_000,
    pushedAt: new Date('2026-11-20T09:06:00Z'),
    scanStatus: 'COMPLETE',
    findingCounts: { MEDIUM: 2, LOW: 5 },
    ...overrides,
  };
}

export interface EcrRegistry {
  /** Leave the key in with `undefined` for a repository that does not exist. */
  repository?: EcrRepository | undefined;
  /** Leave the key in with `undefined` for a tag that is not in the repository. */
  image?: EcrImage | undefined;
  platforms?: Platform[];
}

/** Ports answering from one repository holding one image under review. */
export function ecrPorts(registry: EcrRegistry = {}): PortOverrides {
  return {
    ecr: {
      getRepository: async () => ('repository' in registry ? registry.repository : aRepository()),
      describeImage: async () => ('image' in registry ? registry.image : anImage()),
      imagePlatforms: async () => registry.platforms ?? ['linux/amd64', 'linux/arm64'],
    },
  };
}

export function ecrContext(
  registry: EcrRegistry = {},
  options: { target?: Partial<ServiceTarget>; ports?: PortOverrides; settings?: Partial<CheckContext['settings']> } = {},
): CheckContext {
  return checkContext({
    ...(options.target ? { target: options.target } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ports: { ecr: { ...ecrPorts(registry).ecr, ...options.ports?.ecr } },
  });
}

/** A target whose version is unknown: nothing asked for and nothing deployed. */
export const NO_VERSION: Partial<ServiceTarget> = {
  version: undefined,
  versionSource: 'unknown',
  ecr: { repository: 'shop/backend', platform: 'linux/amd64' },
};

/** ECR answering from a sandbox World: repositories by name, images by tag, an index's platforms as listed. */
export function ecrPortsFromWorld(world: World): PortOverrides {
  const repositoryOf = (name: string) => world.ecr.repositories.find((r) => r.name === name);
  const imageOf = (name: string, tag: string) => repositoryOf(name)?.images.find((i) => i.tags.includes(tag));
  return {
    ecr: {
      getRepository: async (name) => {
        const repository = repositoryOf(name);
        if (!repository) return undefined;
        return { name, uri: `${world.accountId}.dkr.ecr.${world.region}.amazonaws.com/${name}`, scanOnPush: repository.scanOnPush };
      },
      describeImage: async (name, tag) => {
        const image = imageOf(name, tag);
        if (!image) return undefined;
        const complete = image.scan?.status === 'COMPLETE';
        return {
          digest: `sha256:${Buffer.from(`${name}:${image.tags.join(',')}`).toString('hex').padEnd(64, '0').slice(0, 64)}`,
          tags: image.tags,
          sizeBytes: image.sizeBytes,
          ...(image.pushedAt ? { pushedAt: new Date(image.pushedAt) } : {}),
          ...(image.scan ? { scanStatus: image.scan.status } : {}),
          findingCounts: complete ? { ...image.scan?.findings } : {},
        };
      },
      imagePlatforms: async (name, tag) => imageOf(name, tag)?.platforms ?? [],
    },
  };
}
