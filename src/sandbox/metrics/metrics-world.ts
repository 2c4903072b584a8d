/**
 * Request counters the sandbox serves at /metrics for Prometheus to scrape
 * (World.metrics), keyed by service: every Deployment and ECS service of that
 * name serves requests at `requestsPerSecond`, of which the share
 * `errorRatio` answer 5xx — or, while it runs an image whose tag is in
 * `byImageTag`, that tag's share. So deploying a bad version raises the error
 * ratio and rolling back lowers it again.
 */
export interface WorldServiceMetrics {
  /** Default 50. */
  requestsPerSecond?: number;
  /** The share of 5xx answers, 0..1 (default 0). */
  errorRatio?: number;
  /** Per image tag (e.g. "1.2.0"): the share of 5xx answers while the workload runs it. */
  byImageTag?: Record<string, number>;
}

export type WorldMetrics = Record<string, WorldServiceMetrics>;
