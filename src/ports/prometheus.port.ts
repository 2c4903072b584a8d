/**
 * Prometheus's HTTP API as metric guards use it (SPEC §11): one instant query
 * (GET/POST /api/v1/query), its vector or scalar answer as plain samples.
 * Errors: a query Prometheus rejects (bad_data, execution) is
 * PortError('invalid') quoting Prometheus's own message; a query that timed
 * out or was aborted (503), or a server that does not answer,
 * PortError('unreachable'); 401 'unauthorized'; 403 'forbidden'; 429 'throttled';
 * anything else PortError('remote').
 */

export interface PromSample {
  /** The series' labels; `{}` for a scalar or an aggregate without `by`. */
  labels: Record<string, string>;
  /** May be NaN (0/0, no traffic) or ±Infinity: Prometheus sends them as "NaN", "+Inf", "-Inf". */
  value: number;
  /** The evaluation timestamp Prometheus reports. */
  at: Date;
}

export interface PrometheusPort {
  /**
   * Evaluates `expr` at `at` (default: Prometheus's now). An instant vector
   * gives one sample per series (none when nothing matched); a scalar gives
   * one sample without labels. A range vector or a string is PortError('invalid').
   */
  query(expr: string, at?: Date): Promise<PromSample[]>;
}
