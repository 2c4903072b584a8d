import type { BuildCardContent } from '../builds/build-request-payload.js';

/** What an approved deploy will do, stored with its request (so a restart, and the digest check, know it). */
export interface DeployPayload {
  service: string;
  version: string;
  namespace: string;
  /** The Deployment, the Rollout (kind Rollout) or the ECS service. */
  deployment: string;
  /** An Argo Rollouts canary: `deployment` holds the Rollout's name (absent: a Deployment, or ECS). */
  kind?: 'Rollout';
  container: string;
  repository: string;
  tag: string;
  /** The digest the tag had when the request was made; the rollout refuses if it moved. */
  digest: string;
  /** REPO:TAG@DIGEST — pinned to what was approved. */
  image: string;
  /** What the container ran before; a failed rollout goes back to it. */
  previousImage?: string;
  /** Where the service runs (absent: Kubernetes, as before ECS). */
  runtime?: 'kubernetes' | 'ecs';
  /** An ECS service: its cluster and service name (`deployment` then holds the service name too, for messages). */
  ecs?: { cluster: string; service: string };
  /** What a rollback returns to: an ECS service's previous task definition ARN; for a Deployment the previous image. */
  previousRevision?: string;
  /** Asked with --override inside a freeze window. */
  override: boolean;
  /** The request this one rolls back (a one-click rollback after a failed verify). */
  rollbackOf?: string;
  card: BuildCardContent;
}

/** What a rollback returns to: the stored revision, or (a Deployment, or a payload from before revisions) the previous image. */
export const previousRevisionOf = (payload: DeployPayload): string | undefined => payload.previousRevision ?? payload.previousImage;
