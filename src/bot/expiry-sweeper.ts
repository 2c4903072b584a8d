import { decideOnRequest } from '../app/decide-on-request.js';
import type { BotDeps } from './bot-deps.js';

/** Expires pending requests whose time is up and says so on their cards, every `everyMs`. */
export function startExpirySweeper(deps: BotDeps, everyMs: number): { stop(): void } {
  const sweep = async () => {
    const now = deps.clock.now().getTime();
    for (const request of await deps.store.listRequests({ status: 'pending' })) {
      if (request.expiresAt.getTime() > now) continue;
      // decideOnRequest redraws the card through the outbox.
      await decideOnRequest(request.id, { kind: 'expire' }, deps);
    }
  };
  const timer = setInterval(() => sweep().catch((error: unknown) => deps.logger.error('expiry sweep failed:', error)), everyMs);
  timer.unref();
  void sweep().catch((error: unknown) => deps.logger.error('expiry sweep failed:', error));
  return { stop: () => clearInterval(timer) };
}
