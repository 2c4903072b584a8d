import type { ReleaseActivity } from '../../../../domain/digests/release-activity.js';
import type { Verdict } from '../../../../domain/readiness/report.js';

/**
 * What the App Home tab shows one viewer (issue 6): plain data the bot
 * gathers from the store, the cluster and the last readiness reports.
 * Texts are raw; the renderer escapes them.
 */
export interface AppHomeView {
  /** The Slack user the Home tab is published for. */
  viewerId: string;
  /** When the data was gathered. */
  generatedAt: Date;
  environments: readonly HomeEnvironment[];
  /** Pending requests this viewer may approve or reject. */
  pendingApprovals: readonly HomePendingApproval[];
  activeLocks: readonly HomeLock[];
  /** Newest first; the renderer shows the first few. */
  recentDeploys: readonly HomeDeploy[];
  /** Release runs of every environment, in any order (the renderer shows the newest few); none: no section. */
  recentReleases?: readonly HomeRelease[];
}

/** One release, however many services it deploys: version, environment, outcome, who asked, when. */
export type HomeRelease = ReleaseActivity;

export interface HomeEnvironment {
  name: string;
  /** The last readiness report of the environment, when there is one. */
  readiness?: { verdict: Verdict; score: number; at: Date };
  protected?: boolean;
  services: readonly HomeService[];
}

export interface HomeService {
  name: string;
  /** The image tag running, e.g. "1.1.0"; undefined when the service is not deployed. */
  imageTag?: string;
  /** "sha256:…" of the running image. */
  digest?: string;
  /** The service's own verdict in the last readiness report. */
  verdict?: Verdict;
}

export interface HomePendingApproval {
  requestId: string;
  /** A paused canary's Promote / Abort (its buttons say so); anything else is approved or rejected. */
  promote?: boolean;
  /** "Deploy 1.1.0 of backend to production". */
  title: string;
  requestedBy: string;
  environment: string;
  expiresAt: Date;
  /** Approve asks to confirm, as on the approval card. */
  protected?: boolean;
}

export interface HomeLock {
  environment: string;
  /** Undefined when the whole environment is locked. */
  service?: string;
  /** A Slack user id, or a name such as "shipmate" for automatic locks. */
  lockedBy: string;
  since: Date;
  reason: string;
}

export type HomeDeployOutcome = 'running' | 'succeeded' | 'failed' | 'rolled-back' | 'cancelled';

export interface HomeDeploy {
  service: string;
  environment: string;
  version: string;
  outcome: HomeDeployOutcome;
  /** A Slack user id. */
  by: string;
  at: Date;
}
