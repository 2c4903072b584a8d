/** One service in one environment, with every template already filled in. */
export interface ServiceTarget {
  service: string;
  environment: string;
  namespace: string;
  /** The version under review: the one asked for, or the tag currently deployed; undefined when neither is known. */
  version?: string;
  /** Where the version came from. */
  versionSource: 'requested' | 'deployed' | 'unknown';
  codebuild?: { project: string; sourceVersion?: string };
  ecr: { repository: string; platform: string; tag?: string };
  kubernetes: { deployment: string; container: string };
  healthUrl?: string;
}
