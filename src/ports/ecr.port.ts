export interface EcrRepository {
  name: string;
  uri: string;
  scanOnPush: boolean;
}

export type ScanSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNDEFINED';

export interface EcrImage {
  digest: string;
  tags: string[];
  /** undefined when ECR does not report the image's size. */
  sizeBytes?: number;
  pushedAt?: Date;
  /** e.g. COMPLETE, IN_PROGRESS, FAILED, UNSUPPORTED_IMAGE; undefined when never scanned. */
  scanStatus?: string;
  /** Counts of findings by severity, from the scan summary. */
  findingCounts: Partial<Record<ScanSeverity, number>>;
}

/** "os/architecture" or "os/architecture/variant", e.g. linux/amd64, linux/arm64/v8. */
export type Platform = string;

export interface EcrPort {
  getRepository(name: string): Promise<EcrRepository | undefined>;
  /** undefined when the repository has no image with that tag. */
  describeImage(repository: string, tag: string): Promise<EcrImage | undefined>;
  /**
   * Platforms the tag can run on: the entries of a manifest list / OCI index
   * (attestation entries `unknown/unknown` left out), or the os/architecture of
   * a single manifest's config blob.
   */
  imagePlatforms(repository: string, tag: string): Promise<Platform[]>;
}
