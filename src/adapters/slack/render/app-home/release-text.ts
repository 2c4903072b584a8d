import type { ReleaseActivity, ReleaseOutcome } from '../../../../domain/digests/release-activity.js';
import { truncate } from '../../blocks/truncate.js';
import { truncateMrkdwn } from '../../blocks/truncate-mrkdwn.js';
import { bold, codeSpan, inline, person, utcMinute } from './home-text.js';

/** How a release ended (or that it is still going), as the digest, the App Home and /shipmate history say it. */
export const RELEASE_OUTCOME_TEXT: Record<ReleaseOutcome, string> = {
  running: ':hourglass_flowing_sand: running',
  succeeded: ':white_check_mark: succeeded',
  failed: ':x: failed',
  'rolled-back': ':leftwards_arrow_with_hook: rolled back',
  'rollback-failed': ':rotating_light: rollback failed',
  'not-started': ':heavy_multiplication_x: not started',
};

const REASON_MAX = 120;

/**
 * ":x: failed · release `1.5.0` to *production* by <@U0BOB> · 2024-03-14 12:00 UTC · stage 2 migrate failed: …":
 * one line per release; the environment only where the list mixes them. Every text is raw and escaped here.
 */
export function releaseLine(release: ReleaseActivity, options: { withEnvironment: boolean; max: number }): string {
  const version = release.version ? ` ${codeSpan(truncate(release.version, 60))}` : '';
  const where = options.withEnvironment && release.environment ? ` to ${bold(truncate(release.environment, 80))}` : '';
  const who = release.requestedBy ? ` by ${person(truncate(release.requestedBy, 80))}` : '';
  const why = release.reason ? ` · ${inline(truncate(release.reason.replace(/\s+/g, ' '), REASON_MAX))}` : '';
  return truncateMrkdwn(`${RELEASE_OUTCOME_TEXT[release.outcome]} · release${version}${where}${who} · ${utcMinute(release.at)}${why}`, options.max);
}
