import type { Logger } from '../logging/logger.js';
import type { StorePort } from '../ports/store.port.js';
import type { Readiness } from './ops-routes.js';

export interface ReadinessSources {
  store: Pick<StorePort, 'ping'>;
  slackConnected(): boolean;
  stopping(): boolean;
  logger: Logger;
}

/**
 * What /readyz reports: the store answers, Slack is connected, not stopping —
 * as states only. Why the store fails goes to the (redacted) log, once each
 * time it starts failing, never into the answer: anyone who can reach the
 * port can read it.
 */
export function readinessChecks({ store, slackConnected, stopping, logger }: ReadinessSources): () => Promise<Readiness> {
  let storeFailing = false;
  return async () => {
    const storeOk = await store.ping().then(
      () => true,
      (error: unknown) => {
        if (!storeFailing) logger.warn('readiness: the store does not answer:', error);
        return false;
      },
    );
    storeFailing = !storeOk;
    const checks: Readiness['checks'] = {
      store: storeOk ? 'ok' : 'failing',
      slack: slackConnected() ? 'ok' : 'not connected',
      shutdown: stopping() ? 'stopping' : 'ok',
    };
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
  };
}
