import type { CheckContext } from '../../src/domain/checks/check.js';
import type { ServiceTarget } from '../../src/domain/readiness/service-target.js';
import type { EcrImage, EcrRepository, Platform } from '../../src/ports/ecr.port.js';
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

