import { formatClock } from '../../domain/approvals/format-clock.js';
import type { Lock } from '../../ports/store.port.js';

/** Who holds a deploy lock, since when, why and until when: what anyone who hits it is told. */
export function describeLock(lock: Lock, now: Date): string {
  const who = lock.holder.startsWith('U') ? `<@${lock.holder}>` : lock.holder;
  const until = lock.until ? ` until ${formatClock(lock.until, now)}` : ' until someone runs /shipmate unlock';
  return `deploys of ${lock.service} to ${lock.environment} are locked by ${who} since ${formatClock(lock.at, now)}: ${lock.reason}${until}`;
}
