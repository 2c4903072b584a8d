import type { ShipmateConfig } from '../config/schema.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';
import type { Logger } from '../logging/logger.js';

/** What the Slack listeners need, built once by the composition root. */
export interface BotDeps {
  config: ShipmateConfig;
  /** The adapters of one environment; built lazily and reused across commands. */
  portsFor(environment: string): ReadinessPorts;
  logger: Logger;
}
