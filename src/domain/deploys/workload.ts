import type { RolloutOutcome, RolloutProgress } from './watch-rollout.js';

/** What runs now: the container's image, and the revision a rollback returns to. */
export interface WorkloadState {
  image?: string;
  /** A Deployment: the image itself. An ECS service: its task definition ARN. */
  revision: string;
  /** What to follow when the workload already runs the image (a resumed deploy): a generation, a task definition ARN. */
  token: string;
}

/**
 * One service's workload in one environment, as a deploy or a release changes
 * and follows it: a Kubernetes Deployment, or an ECS service (SPEC §10). The
 * run engines speak only this; each runtime is one implementation.
 */
export interface Workload {
  /** For people: "deployment/backend container backend", "ECS service api container api". */
  readonly label: string;
  /** undefined when the workload does not exist. */
  current(): Promise<WorkloadState | undefined>;
  /** Points the workload's container at `image` (pinned); the token to follow. */
  apply(image: string): Promise<string>;
  /** Back to a revision current() gave; the token to follow. */
  revert(revision: string): Promise<string>;
  /** Follows the rollout `token` names to its outcome (fail-fast on the runtime's own failure signals). */
  follow(token: string, timeoutMs: number, onProgress: (progress: RolloutProgress) => void, signal?: AbortSignal): Promise<RolloutOutcome>;
  /** A canary only: past the pause at `stepIndex` — 'moved-on' (nothing done) when it is no longer paused there. */
  promote?(stepIndex: number): Promise<'promoted' | 'moved-on'>;
  /** A canary only: stops the update; the runtime returns to the stable version (the follow then ends as aborted). */
  abort?(): Promise<void>;
}
