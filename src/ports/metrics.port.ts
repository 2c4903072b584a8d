/**
 * What shipmate counts and times, for /metrics. The domain and the bot call
 * these; the Prometheus adapter (src/adapters/metrics) turns them into series.
 */
export type CommandOutcome = 'ok' | 'refused' | 'error';
export type ApprovalDecision = 'approved' | 'approval-recorded' | 'rejected' | 'refused';

export interface MetricsPort {
  /** A slash command finished: `name` without the slash, e.g. "deploy". */
  commandHandled(name: string, outcome: CommandOutcome): void;
  /** A click on Approve or Reject, by what it decided. */
  approvalDecided(action: string, decision: ApprovalDecision): void;
  /** A build reached its outcome (succeeded, failed, stopped, refused) after `seconds`. */
  buildFinished(outcome: string, seconds: number): void;
  /** A rollout reached its outcome (succeeded, rolled-back, failed, refused) after `seconds`. */
  rolloutFinished(outcome: string, seconds: number): void;
  /** One readiness check ran. */
  checkRan(check: string, status: string, seconds: number): void;
  /** A Slack Web API call answered an error (`ok: false`, HTTP 429 as "ratelimited"). */
  slackApiError(method: string, error: string): void;
}

export const noMetrics: MetricsPort = {
  commandHandled: () => undefined,
  approvalDecided: () => undefined,
  buildFinished: () => undefined,
  rolloutFinished: () => undefined,
  checkRan: () => undefined,
  slackApiError: () => undefined,
};
