import type { ImageDetail, Repository } from '@aws-sdk/client-ecr';
import type { EcrImage, EcrRepository, ScanSeverity } from '../../ports/ecr.port.js';

const SEVERITIES: readonly ScanSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];

export function toEcrRepository(repository: Repository): EcrRepository {
  return {
    name: repository.repositoryName ?? '',
    uri: repository.repositoryUri ?? '',
    scanOnPush: repository.imageScanningConfiguration?.scanOnPush ?? false,
  };
}

export function toEcrImage(detail: ImageDetail): EcrImage {
  const counts = detail.imageScanFindingsSummary?.findingSeverityCounts ?? {};
  const findingCounts: EcrImage['findingCounts'] = {};
  for (const severity of SEVERITIES) {
    const count = counts[severity];
    if (count !== undefined) findingCounts[severity] = count;
  }
  return {
    digest: detail.imageDigest ?? '',
    tags: detail.imageTags ?? [],
    ...(detail.imageSizeInBytes !== undefined ? { sizeBytes: detail.imageSizeInBytes } : {}),
    ...(detail.imagePushedAt ? { pushedAt: detail.imagePushedAt } : {}),
    ...(detail.imageScanStatus?.status ? { scanStatus: detail.imageScanStatus.status } : {}),
    findingCounts,
  };
}
