import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsPort } from '../../ports/metrics.port.js';

export interface PrometheusMetrics {
  metrics: MetricsPort;
  /** The Content-Type header for `render()`'s text (Prometheus text format 0.0.4). */
  contentType: string;
  /** Every series of this instance, in Prometheus text format, for GET /metrics. */
  render(): Promise<string>;
}

/** Builds take minutes; CodeBuild's own timeout defaults to an hour. */
const BUILD_BUCKETS = [30, 60, 120, 180, 300, 450, 600, 900, 1200, 1800, 2700, 3600];
/** Rollouts take seconds to the 15-minute default watch timeout. */
const ROLLOUT_BUCKETS = [5, 10, 20, 30, 60, 90, 120, 180, 300, 600, 900, 1800];
/** Checks are API calls: sub-second, up to the 30 s per-check timeout. */
const CHECK_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30];

/**
 * shipmate's series on a registry of its own (not prom-client's global one,
 * so two instances — tests, several bots in one process — never collide),
 * with Node's default process metrics (RSS, CPU, event loop lag, GC, handles).
 */
export function createPrometheusMetrics(): PrometheusMetrics {
  const register = new Registry();
  collectDefaultMetrics({ register });
  const registers = [register];

  const commands = new Counter({ name: 'shipmate_commands_total', help: 'Slash commands handled, by command (without the slash) and outcome (ok, refused, error).', labelNames: ['command', 'outcome'], registers });
  const approvals = new Counter({ name: 'shipmate_approval_decisions_total', help: 'Clicks on Approve or Reject, by action and what the click decided.', labelNames: ['action', 'decision'], registers });
  const builds = new Histogram({ name: 'shipmate_build_duration_seconds', help: 'Time from a build starting to its outcome, in seconds.', labelNames: ['outcome'], buckets: BUILD_BUCKETS, registers });
  const rollouts = new Histogram({ name: 'shipmate_rollout_duration_seconds', help: 'Time from a rollout starting to its outcome, in seconds.', labelNames: ['outcome'], buckets: ROLLOUT_BUCKETS, registers });
  const checks = new Histogram({ name: 'shipmate_check_duration_seconds', help: 'Readiness check run time in seconds, by check id and status; _count counts results.', labelNames: ['check', 'status'], buckets: CHECK_BUCKETS, registers });
  const slackErrors = new Counter({ name: 'shipmate_slack_api_errors_total', help: 'Slack Web API answers that were errors (ok: false, or HTTP 429 as ratelimited), by method and error code.', labelNames: ['method', 'error'], registers });

  const metrics: MetricsPort = {
    commandHandled: (command, outcome) => commands.inc({ command, outcome }),
    approvalDecided: (action, decision) => approvals.inc({ action, decision }),
    buildFinished: (outcome, seconds) => builds.observe({ outcome }, duration(seconds)),
    rolloutFinished: (outcome, seconds) => rollouts.observe({ outcome }, duration(seconds)),
    checkRan: (check, status, seconds) => checks.observe({ check, status }, duration(seconds)),
    slackApiError: (method, error) => slackErrors.inc({ method, error }),
  };
  return { metrics, contentType: register.contentType, render: () => register.metrics() };
}

/**
 * prom-client throws on a non-finite value and a clock step can make a
 * duration negative; metrics must never break the caller, and the outcome
 * should still be counted, so both are observed as 0.
 */
function duration(seconds: number): number {
  return Number.isFinite(seconds) ? Math.max(0, seconds) : 0;
}
