import type { ReleaseStage } from '../../config/release-schema.js';

/** One service a release builds or deploys (or migrates with), as planned when it was requested. */
export interface ReleaseServiceTarget {
  service: string;
  namespace: string;
  deployment: string;
  /** An Argo Rollouts canary: `deployment` holds the Rollout's name (absent: a Deployment, or ECS). */
  kind?: 'Rollout';
  container: string;
  /** The ECR repository's name, and its URI when the repository exists. */
  repository: string;
  repositoryUri?: string;
  /** The release's tag (imageTag with the version filled in). */
  tag: string;
  /** The tag's digest when it is in ECR already; undefined when a build stage of this release makes it. */
  digest?: string;
  /** REPO_URI:TAG@DIGEST, when the digest is known. */
  image?: string;
  /** What the container runs now; a failed release rolls back to it. */
  previousImage?: string;
  /** Where the service runs (absent: Kubernetes). An ECS service names its cluster and service; `deployment` holds the service name too. */
  runtime?: 'kubernetes' | 'ecs';
  ecs?: { cluster: string; service: string };
  /** What a rollback returns to when it is not the previous image: an ECS service's previous task definition ARN. */
  previousRevision?: string;
  /** A build stage of this release (not skipped by --from) builds its image. */
  built: boolean;
  /** A deploy stage of this release (not skipped by --from) rolls it out. */
  deployed: boolean;
}

/** A line of the plan's preflight, as on a deploy's card. */
export interface ReleasePreflightLine {
  service: string;
  status: 'pass' | 'warn' | 'fail' | 'error' | 'skip';
  text: string;
}

/**
 * What an approved release will do, stored with its request (a restart, the
 * card and the CLI's plan all read it). Stages are copied from the config at
 * request time: a config change after approval does not change a release.
 */
export interface ReleasePlan {
  environment: string;
  version: string;
  stages: ReleaseStage[];
  /** The first stage to run (0, or the stage --from named); earlier stages are skipped. */
  from: number;
  /** Every service a stage of the release names, in order of first mention. */
  services: ReleaseServiceTarget[];
  preflight: ReleasePreflightLine[];
  /** Why it cannot be approved now (a lock, a freeze without --override, an image neither in ECR nor built, a failing preflight); empty when it can. */
  blockers: string[];
  /** The freeze window the request falls in, when it does. */
  frozen?: string;
  override: boolean;
}

/** One-based stage label for people: "3 migrate". */
export const stageLabel = (stages: readonly ReleaseStage[], index: number): string => `${index + 1} ${stages[index]?.type ?? '?'}`;
