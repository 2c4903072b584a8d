import type { Block } from '../../blocks/block-kit.js';
import { context, section } from '../../blocks/builders.js';
import { fitLines } from '../../blocks/fit-lines.js';
import { truncate } from '../../blocks/truncate.js';
import { truncateMrkdwn } from '../../blocks/truncate-mrkdwn.js';
import type { HomeDeploy, HomeDeployOutcome, HomeLock, HomeRelease } from './app-home-view.js';
import { bold, codeSpan, inline, person, utcMinute } from './home-text.js';
import { releaseLine } from './release-text.js';

/** How many of the newest deploys the Home tab lists. */
export const RECENT_DEPLOYS = 10;
/** How many of the newest releases the Home tab lists. */
export const RECENT_RELEASES = 10;
const LINE_MAX = 400;
const SECTION_BUDGET = 3000;

const OUTCOME_TEXT: Record<HomeDeployOutcome, string> = {
  running: ':hourglass_flowing_sand: running',
  succeeded: ':white_check_mark: succeeded',
  failed: ':x: failed',
  'rolled-back': ':leftwards_arrow_with_hook: rolled back',
  cancelled: ':heavy_multiplication_x: cancelled',
};

const more = (left: number): string => `…and ${left} more`;

/** Active locks in one section: what is locked, by whom, since when, and why. */
export function lockBlocks(locks: readonly HomeLock[]): Block[] {
  if (locks.length === 0) return [context('No locks: every environment is open for deploys.')];
  const lines = locks.map((lock) => {
    const what = lock.service ? `${bold(truncate(lock.service, 80))} in ${bold(truncate(lock.environment, 80))}` : `all of ${bold(truncate(lock.environment, 80))}`;
    const why = truncate(lock.reason, 200);
    return truncateMrkdwn(`:lock: ${what} · by ${person(lock.lockedBy)} since ${utcMinute(lock.since)} · ${escapeReason(why)}`, LINE_MAX);
  });
  return [section(fitLines(lines[0]!, lines.slice(1), SECTION_BUDGET, more))];
}

/** The last few deploys, newest first, in one section. */
export function deployBlocks(deploys: readonly HomeDeploy[]): Block[] {
  if (deploys.length === 0) return [context('No deploys yet.')];
  const lines = deploys.slice(0, RECENT_DEPLOYS).map((deploy) =>
    truncateMrkdwn(
      `${OUTCOME_TEXT[deploy.outcome]} · ${bold(truncate(deploy.service, 80))} ${codeSpan(truncate(deploy.version, 60))} to ${bold(truncate(deploy.environment, 80))} by ${person(deploy.by)} · ${utcMinute(deploy.at)}`,
      LINE_MAX,
    ),
  );
  return [section(fitLines(lines[0]!, lines.slice(1), SECTION_BUDGET, more))];
}

/** The last few releases of every environment, newest first, one line each, in one section. */
export function releaseBlocks(releases: readonly HomeRelease[]): Block[] {
  const newestFirst = [...releases].sort((a, b) => b.at.getTime() - a.at.getTime());
  const lines = newestFirst.slice(0, RECENT_RELEASES).map((release) => releaseLine(release, { withEnvironment: true, max: LINE_MAX }));
  return lines.length === 0 ? [] : [section(fitLines(lines[0]!, lines.slice(1), SECTION_BUDGET, more))];
}

/** A reason is free text people typed: shown in quotes, escaped. */
function escapeReason(reason: string): string {
  return `“${inline(reason)}”`;
}
