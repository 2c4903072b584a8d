import type { Block } from '../blocks/block-kit.js';
import { BLOCK_KIT_LIMITS as LIMIT } from '../blocks/block-kit-limits.js';
import { context, header, section } from '../blocks/builders.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { nameList } from '../blocks/name-list.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { truncate } from '../blocks/truncate.js';
import type { BuildStatusView } from './build-status/build-status-view.js';
import { summarizeBuilds, type BuildSummary } from './build-status/build-summary.js';
import { serviceBuildText } from './build-status/service-build-text.js';

export type { BuildStatusView, ImageCheckView, ServiceBuildState, ServiceBuildView, StartRefusalView } from './build-status/build-status-view.js';

/** Header, summary, footer and the fold line leave room for this many service sections within 50 blocks. */
const MAX_SERVICE_SECTIONS = 45;
/** What the header, summary, footer and fold line may take of the message's text budget. */
const FRAME_BUDGET = 2000;
const MIN_SERVICE_TEXT = 200;
const NAMES_MAX = 1000;

/**
 * The one status message of a /build, edited as builds advance (SPEC §2):
 * a summary, then per service its state, phase and elapsed time; when done,
 * duration, status, logs, the ECR check and, for a failure, the failed phase
 * and CodeBuild's message; for a refused start, what to do about the limit.
 */
export function renderBuildStatus(view: BuildStatusView): SlackMessage {
  const summary = summarizeBuilds(view);
  const overflow = view.services.length > MAX_SERVICE_SECTIONS;
  const shown = overflow ? view.services.slice(0, MAX_SERVICE_SECTIONS - 1) : view.services;
  const share = Math.floor((LIMIT.messageTextBudget - FRAME_BUDGET) / Math.max(1, shown.length));
  const perService = Math.min(LIMIT.sectionText, Math.max(MIN_SERVICE_TEXT, share));

  const blocks: Block[] = [
    header(`Build ${view.version} · ${view.environment}`),
    section(summaryText(summary)),
    ...shown.map((build) => section(serviceBuildText(build, view.now, perService))),
  ];
  if (overflow) blocks.push(section(foldedText(view, shown.length)));
  blocks.push(context(footerText(view, summary)));
  return { text: fallbackText(view, summary), blocks };
}

function summaryText(summary: BuildSummary): string {
  const time = summary.elapsed ? ` · ${summary.elapsed}` : '';
  if (!summary.done) return `:arrows_counterclockwise: *Building* · ${summary.tally}${time}`;
  if (summary.allGood) return `:white_check_mark: *Done* · ${summary.tally}${time}; every image is in ECR`;
  return `:x: *Finished with problems* · ${summary.tally}${time}`;
}

function foldedText(view: BuildStatusView, shownCount: number): string {
  const rest = view.services.slice(shownCount);
  const names = nameList(rest.map((b) => `${escapeMrkdwn(truncate(b.service, 80))} (${b.state})`), NAMES_MAX);
  return `…and ${rest.length} more: ${names}`;
}

function footerText(view: BuildStatusView, summary: BuildSummary): string {
  const id = escapeMrkdwn(truncate(view.requestId, 40));
  const parts = [`request \`${id}\``];
  if (view.requestedBy) parts.push(`asked by <@${view.requestedBy}>`);
  if (view.approvedBy?.length) parts.push(`approved by ${view.approvedBy.slice(0, 10).map((u) => `<@${u}>`).join(', ')}`);
  if (!summary.done) parts.push(`\`/shipmate cancel ${id}\` stops it`);
  return parts.join(' · ');
}

/** The notification: "Build 1.1.0 in staging: 2 running, 1 succeeded". */
function fallbackText(view: BuildStatusView, summary: BuildSummary): string {
  const target = escapeMrkdwn(truncate(`${view.version} in ${view.environment}`, 150));
  return `Build ${target}: ${summary.allGood ? 'done, ' : ''}${summary.tally}`;
}
