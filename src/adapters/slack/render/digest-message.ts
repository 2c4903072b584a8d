import type { Digest } from '../../../domain/digests/digest.js';
import type { Block } from '../blocks/block-kit.js';
import { context, divider, header, section } from '../blocks/builders.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { truncate } from '../blocks/truncate.js';
import { utcMinute } from './app-home/home-text.js';
import { activityBlocks } from './digest-message/activity-blocks.js';
import { checkChangeBlocks } from './digest-message/check-changes.js';
import { figuresBlock } from './digest-message/figures-fields.js';
import { scoreText } from './digest-message/score-text.js';

export interface DigestMessageOptions {
  /** Posted after the bot came back from being down at the scheduled time. */
  late: boolean;
  /** From the schedule, rather than asked for with /shipmate digest. */
  scheduled: boolean;
  /** When the late digest was due; the late line names it (HH:MM UTC). */
  dueAt?: Date;
}

const FALLBACK_MAX = 300;

/**
 * A readiness digest (SPEC §2, issue 6): score with its trend and verdict,
 * checks that started or stopped failing, builds, deploys and releases since the last
 * digest, and delivery figures. A quiet digest is its one-line summary. Every
 * list folds into "…and N more", so the message stays inside Block Kit's
 * limits whatever the audit log holds.
 */
export function renderDigest(digest: Digest, options: DigestMessageOptions): SlackMessage {
  const late = options.late ? [context(lateLine(options.dueAt))] : [];
  const text = fallbackText(digest, options.late);
  if (digest.quiet) return { text, blocks: [section(escapeMrkdwn(digest.summary)), ...late] };

  const blocks: Block[] = [
    header(`Readiness digest · ${truncate(digest.environment, 100)}`),
    ...late,
    section(scoreText(digest)),
    ...checkChangeBlocks(digest.startedFailing, digest.stoppedFailing),
    divider(),
    ...activityBlocks(digest.builds, digest.deploys, digest.releases, digest.since),
    figuresBlock(digest.figures),
    context(footerText(digest, options.scheduled)),
  ];
  return { text, blocks };
}

/** "posted late: shipmate was down at 09:00 UTC". */
function lateLine(dueAt: Date | undefined): string {
  const when = dueAt ? dueAt.toISOString().slice(11, 16) + ' UTC' : 'the scheduled time';
  return `:alarm_clock: posted late: shipmate was down at ${when}`;
}

function footerText(digest: Digest, scheduled: boolean): string {
  const how = scheduled ? 'Scheduled digest' : 'Asked for with `/shipmate digest`';
  return `${how} · ${utcMinute(digest.at)}`;
}

/** The notification: the summary, short and escaped. */
function fallbackText(digest: Digest, late: boolean): string {
  return escapeMrkdwn(truncate(`${late ? '(late) ' : ''}${digest.summary}`, FALLBACK_MAX));
}
