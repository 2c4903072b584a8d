import type { BuildFlowDeps } from '../app/decide-on-request.js';
import type { DigestDeps } from '../app/digests/digests.js';
import type { Logger } from '../logging/logger.js';
import type { HttpClientPort } from '../ports/http-client.port.js';
import type { MetricsPort } from '../ports/metrics.port.js';

/** What the Slack listeners need, built once by the composition root. */
export interface BotDeps extends BuildFlowDeps {
  logger: Logger;
  /** For /verify's smoke tests. */
  http: HttpClientPort;
  digests: DigestDeps;
  metrics: MetricsPort;
}
