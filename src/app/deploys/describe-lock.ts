import { formatClock } from '../../domain/approvals/format-clock.js';
import { code, mention, rich, type RichText } from '../../domain/text/rich-text.js';
import type { Lock } from '../../ports/store.port.js';

/** Who holds a deploy lock, since when, why and until when: what anyone who hits it is told. */
export function describeLock(lock: Lock, now: Date): RichText {
  return rich`deploys of ${lock.service} to ${lock.environment} are ${describeLockHolder(lock, now)}`;
}

/** "locked by @alice since 14:02 UTC: <reason> until …", the reason as plain text. */
export function describeLockHolder(lock: Lock, now: Date): RichText {
  const until = lock.until ? rich` until ${formatClock(lock.until, now)}` : rich` until someone runs ${code('/shipmate unlock')}`;
  return rich`locked by ${mention(lock.holder)} since ${formatClock(lock.at, now)}: ${lock.reason}${until}`;
}
