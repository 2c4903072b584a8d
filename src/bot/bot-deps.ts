import type { BuildFlowDeps } from '../app/builds/decide-on-build.js';
import type { Logger } from '../logging/logger.js';

/** What the Slack listeners need, built once by the composition root. */
export interface BotDeps extends BuildFlowDeps {
  logger: Logger;
}
