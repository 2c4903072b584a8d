import type { BuildFlowDeps } from '../app/decide-on-request.js';
import type { DigestDeps } from '../app/digests/digests.js';
import type { Logger } from '../logging/logger.js';
import type { HttpClientPort } from '../ports/http-client.port.js';
import type { MetricsPort } from '../ports/metrics.port.js';
import type { PrometheusFor } from '../app/verify/run-verify-for.js';

/** What the Slack listeners need, built once by the composition root. */
export interface BotDeps extends BuildFlowDeps {
  logger: Logger;
  /** For /verify's smoke tests. */
  http: HttpClientPort;
  /** For /verify's metric guards: the environment's Prometheus, when one applies. */
  prometheusFor?: PrometheusFor;
  digests: DigestDeps;
  metrics: MetricsPort;
}
