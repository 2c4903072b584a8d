import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import { truncate } from '../../blocks/truncate.js';
import { truncateMrkdwn } from '../../blocks/truncate-mrkdwn.js';
import type { ServiceBuildState, ServiceBuildView } from './build-status-view.js';
import { formatDuration } from './format-duration.js';
import { imageCheckText } from './image-check-text.js';
import { slackLink } from './slack-link.js';
import { startRefusalText } from './start-refusal-text.js';

const STATE_EMOJI: Record<ServiceBuildState, string> = {
  starting: ':hourglass_flowing_sand:',
  running: ':arrows_counterclockwise:',
  succeeded: ':white_check_mark:',
  failed: ':x:',
  stopped: ':black_square_for_stop:',
  refused: ':no_entry:',
};

const NAME_MAX = 80;
const MESSAGE_MAX = 500;

/**
 * One service's build as section mrkdwn within `max` characters: a first line
 * with its state, phase, time and logs link, then what matters for that
 * state (the ECR check, CodeBuild's failure message, or what to do about a
 * refused start). The long, free text comes last, so a cut only shortens it.
 */
export function serviceBuildText(build: ServiceBuildView, now: Date, max: number): string {
  const withLink = headLine(build, now, true);
  const head = withLink.length <= max ? withLink : headLine(build, now, false);
  return truncateMrkdwn([head, ...detailLines(build)].join('\n'), max);
}

/** The emoji for a service: a successful build whose image is wrong is not a success. */
export function serviceEmoji(build: ServiceBuildView): string {
  if (build.state === 'succeeded' && build.image) {
    if (build.image.result === 'tag-missing' || build.image.result === 'platform-missing') return ':x:';
    if (build.image.result === 'lookup-failed') return ':warning:';
  }
  return STATE_EMOJI[build.state];
}

/** Without the logs link when a very long URL would not fit: a link cut in half is worse than none. */
function headLine(build: ServiceBuildView, now: Date, withLink: boolean): string {
  const name = `*${escapeMrkdwn(truncate(build.service, NAME_MAX))}*`;
  const elapsed = build.startedAt ? formatDuration((build.finishedAt ?? now).getTime() - build.startedAt.getTime()) : undefined;
  const phase = (value: string | undefined) => (value ? escapeMrkdwn(`\`${truncate(value, 40)}\``) : undefined);
  const status = escapeMrkdwn(truncate(build.buildStatus ?? build.state.toUpperCase(), 40));
  const parts: (string | undefined)[] = [`${serviceEmoji(build)} ${name}`];
  switch (build.state) {
    case 'starting':
      parts.push('starting');
      break;
    case 'running':
      parts.push(phase(build.phase) ?? 'running', elapsed);
      break;
    case 'succeeded':
      parts.push(elapsed ? `${status} in ${elapsed}` : status);
      break;
    case 'failed':
    case 'stopped': {
      const where = build.failedPhase ? ` in ${phase(build.failedPhase)}` : '';
      parts.push(`${status}${where}${elapsed ? ` after ${elapsed}` : ''}`);
      break;
    }
    case 'refused':
      parts.push('CodeBuild refused to start it');
  }
  if (build.commit) parts.push(`commit ${escapeMrkdwn(`\`${shortCommit(build.commit)}\``)}`);
  if (withLink) parts.push(slackLink(build.logsUrl, 'logs'));
  return parts.filter((p): p is string => p !== undefined).join(' · ');
}

/** A git sha as people quote it (7 characters); anything else CodeBuild resolved to (a CodePipeline revision), cut short. */
function shortCommit(commit: string): string {
  return /^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 7) : truncate(commit, 40);
}

function detailLines(build: ServiceBuildView): string[] {
  switch (build.state) {
    case 'succeeded':
      return build.image ? [imageCheckText(build.image)] : [];
    case 'failed':
    case 'stopped':
      return build.failureMessage ? [quote(build.failureMessage)] : [];
    case 'refused':
      if (build.refusal) return [startRefusalText(build.refusal, build.project)];
      return build.failureMessage ? [quote(build.failureMessage)] : [];
    default:
      return [];
  }
}

/** CodeBuild's message as a one-line quote. */
function quote(message: string): string {
  return `> ${escapeMrkdwn(truncate(message.replace(/\s+/g, ' ').trim(), MESSAGE_MAX))}`;
}
