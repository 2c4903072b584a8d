import type { World, WorldRepository } from '../world.js';
import { arns } from './aws-arns.js';
import type { StoredManifest } from './ecr-manifests.js';
import { epochSeconds } from './epoch-seconds.js';

/** When every sandbox repository was created: the world does not say, and a fixed date keeps answers stable. */
const REPOSITORIES_CREATED = epochSeconds('2026-01-05T10:00:00Z');
/** How long after the push the sandbox's scan finished. */
const SCAN_SECONDS = 45;

export function repositoryUri(world: World, name: string): string {
  return `${world.accountId}.dkr.ecr.${world.region}.amazonaws.com/${name}`;
}

/** A Repository structure of DescribeRepositories. */
export function repositoryView(world: World, repository: WorldRepository): Record<string, unknown> {
  return {
    repositoryArn: arns.ecrRepository(world, repository.name),
    registryId: world.accountId,
    repositoryName: repository.name,
    repositoryUri: repositoryUri(world, repository.name),
    createdAt: REPOSITORIES_CREATED,
    imageTagMutability: 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: repository.scanOnPush },
    encryptionConfiguration: { encryptionType: 'AES256' },
  };
}

/**
 * An ImageDetail structure of DescribeImages. Scan results belong to the
 * tagged image the world describes, not to the manifests an index refers to.
 */
export function imageDetailView(world: World, repository: WorldRepository, manifest: StoredManifest): Record<string, unknown> {
  const pushedAt = manifest.pushedAt !== undefined ? epochSeconds(manifest.pushedAt) : undefined;
  const scan = manifest.isRoot ? manifest.image.scan : undefined;
  const complete = scan?.status === 'COMPLETE';
  return {
    registryId: world.accountId,
    repositoryName: repository.name,
    imageDigest: manifest.digest,
    ...(manifest.tags.length > 0 ? { imageTags: manifest.tags } : {}),
    imageSizeInBytes: manifest.sizeBytes,
    ...(pushedAt !== undefined ? { imagePushedAt: pushedAt } : {}),
    imageManifestMediaType: manifest.mediaType,
    ...(manifest.configMediaType ? { artifactMediaType: manifest.configMediaType } : {}),
    ...(scan
      ? { imageScanStatus: { status: scan.status, ...(complete ? { description: 'The scan was completed successfully.' } : {}) } }
      : {}),
    ...(scan && complete
      ? {
          imageScanFindingsSummary: {
            ...(pushedAt !== undefined ? { imageScanCompletedAt: pushedAt + SCAN_SECONDS } : {}),
            ...(pushedAt !== undefined ? { vulnerabilitySourceUpdatedAt: pushedAt } : {}),
            findingSeverityCounts: { ...scan.findings },
          },
        }
      : {}),
  };
}
