/** The build status message as plain data: what the orchestrator knows about each service's build. */

export type ServiceBuildState = 'starting' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'refused';

/** Whether the image of a successful build landed in ECR with the required platform. */
export interface ImageCheckView {
  /** e.g. 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.1.0 */
  reference: string;
  requiredPlatform: string;
  result: 'checking' | 'present' | 'tag-missing' | 'platform-missing' | 'lookup-failed';
  /** The platforms the image has (for platform-missing). */
  platforms?: readonly string[];
  /** Why the lookup failed (for lookup-failed). */
  problem?: string;
}

/** Why CodeBuild would not start a build, with what is known about the limit that applied. */
export interface StartRefusalView {
  /** CodeBuild's words, e.g. "AccountLimitExceededException: Cannot have more than 0 builds in queue for the account". */
  message: string;
  /** The concurrent-build quota for the project's environment and compute type, when known. */
  quota?: { name: string; code: string; value: number };
  /** The project's own concurrentBuildLimit, when that is what refused. */
  projectLimit?: number;
  region?: string;
}

export interface ServiceBuildView {
  service: string;
  project: string;
  state: ServiceBuildState;
  buildId?: string;
  /** CodeBuild's current phase, e.g. PRE_BUILD. */
  phase?: string;
  /** CodeBuild's final status when it is not plain SUCCEEDED/FAILED/STOPPED, e.g. FAULT or TIMED_OUT. */
  buildStatus?: string;
  startedAt?: Date;
  finishedAt?: Date;
  logsUrl?: string;
  /** The commit CodeBuild resolved the source version to, e.g. a full git sha. */
  commit?: string;
  failedPhase?: string;
  failureMessage?: string;
  refusal?: StartRefusalView;
  image?: ImageCheckView;
}

export interface BuildStatusView {
  version: string;
  environment: string;
  requestId: string;
  requestedBy?: string;
  approvedBy?: readonly string[];
  services: readonly ServiceBuildView[];
  /** For elapsed times of builds still running. */
  now: Date;
}
