import type { BuildActivityOutcome, DeployActivityOutcome, DigestActivity } from '../../../../domain/digests/digest.js';
import type { ReleaseActivity } from '../../../../domain/digests/release-activity.js';
import type { Block } from '../../blocks/block-kit.js';
import { context, section } from '../../blocks/builders.js';
import { fitLines } from '../../blocks/fit-lines.js';
import { truncate } from '../../blocks/truncate.js';
import { truncateMrkdwn } from '../../blocks/truncate-mrkdwn.js';
import { bold, codeSpan, person, utcMinute } from '../app-home/home-text.js';
import { releaseLine } from '../app-home/release-text.js';

/** One section per list stays under Block Kit's 3,000 characters, and all three together well inside the message's budget (12,000). */
const SECTION_BUDGET = 2900;
const RELEASE_SECTION_BUDGET = 1500;
const LINE_MAX = 300;

const BUILD_OUTCOME: Record<BuildActivityOutcome, string> = {
  running: ':hourglass_flowing_sand: running',
  succeeded: ':white_check_mark: succeeded',
  failed: ':x: failed',
  stopped: ':heavy_multiplication_x: stopped',
  refused: ':no_entry_sign: refused',
};

const DEPLOY_OUTCOME: Record<DeployActivityOutcome, string> = {
  running: ':hourglass_flowing_sand: running',
  succeeded: ':white_check_mark: running',
  'verify-failed': ':warning: rolled out, /verify failed',
  failed: ':x: failed',
  'rolled-back': ':leftwards_arrow_with_hook: rolled back',
  'rollback-failed': ':rotating_light: rollback failed',
  refused: ':no_entry_sign: refused',
};

/** Builds, deploys and releases since the last digest, newest first; what does not fit is folded into "…and N more". */
export function activityBlocks(
  builds: readonly DigestActivity<BuildActivityOutcome>[],
  deploys: readonly DigestActivity<DeployActivityOutcome>[],
  releases: readonly ReleaseActivity[],
  since: Date,
): Block[] {
  if (builds.length === 0 && deploys.length === 0 && releases.length === 0) return [context(`No builds, deploys or releases since ${utcMinute(since)}.`)];
  const blocks: Block[] = [];
  if (builds.length > 0) blocks.push(activitySection(`:hammer_and_wrench: *Builds since ${utcMinute(since)}* (${builds.length})`, builds, BUILD_OUTCOME));
  if (deploys.length > 0) blocks.push(activitySection(`:rocket: *Deploys since ${utcMinute(since)}* (${deploys.length})`, deploys, DEPLOY_OUTCOME));
  if (releases.length > 0) blocks.push(releaseSection(`:package: *Releases since ${utcMinute(since)}* (${releases.length})`, releases));
  return blocks;
}

/** "• :x: failed · release `1.5.0` by <@U0BOB> · 2024-03-14 12:00 UTC · stage 2 migrate failed: …": one line per release, however many services. */
function releaseSection(head: string, releases: readonly ReleaseActivity[]): Block {
  const newestFirst = [...releases].sort((a, b) => b.at.getTime() - a.at.getTime());
  const lines = newestFirst.map((release) => `• ${releaseLine(release, { withEnvironment: false, max: LINE_MAX - 2 })}`);
  return section(fitLines(head, lines, RELEASE_SECTION_BUDGET, (left) => `…and ${left} more`));
}

function activitySection<Outcome extends string>(head: string, activities: readonly DigestActivity<Outcome>[], outcomes: Record<Outcome, string>): Block {
  const newestFirst = [...activities].sort((a, b) => b.at.getTime() - a.at.getTime());
  const lines = newestFirst.map((activity) => activityLine(activity, outcomes[activity.outcome]));
  return section(fitLines(head, lines, SECTION_BUDGET, (left) => `…and ${left} more`));
}

/** "• :x: failed · *api* `1.5.0` by <@U0BOB> · 2024-03-14 12:00 UTC". */
function activityLine<Outcome extends string>(activity: DigestActivity<Outcome>, outcome: string): string {
  const version = activity.version ? ` ${codeSpan(truncate(activity.version, 60))}` : '';
  const rollback = activity.rollback ? ' (rollback)' : '';
  const who = activity.requestedBy ? ` by ${person(truncate(activity.requestedBy, 80))}` : '';
  return truncateMrkdwn(`• ${outcome} · ${bold(truncate(activity.service, 80))}${version}${rollback}${who} · ${utcMinute(activity.at)}`, LINE_MAX);
}
