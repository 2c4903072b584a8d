import type { BuildCardContent } from '../builds/build-request-payload.js';

/** What an approved deploy will do, stored with its request (so a restart, and the digest check, know it). */
export interface DeployPayload {
  service: string;
  version: string;
  namespace: string;
  deployment: string;
  container: string;
  repository: string;
  tag: string;
  /** The digest the tag had when the request was made; the rollout refuses if it moved. */
  digest: string;
  /** REPO:TAG@DIGEST — pinned to what was approved. */
  image: string;
  /** What the container ran before; a failed rollout goes back to it. */
  previousImage?: string;
  /** Asked with --override inside a freeze window. */
  override: boolean;
  /** The request this one rolls back (a one-click rollback after a failed verify). */
  rollbackOf?: string;
  card: BuildCardContent;
}
