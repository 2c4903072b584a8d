import type { ReadinessReport } from '../../../domain/readiness/report.js';
import type { Block } from '../blocks/block-kit.js';
import { BLOCK_KIT_LIMITS as LIMIT } from '../blocks/block-kit-limits.js';
import { context, divider, header, section } from '../blocks/builders.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { nameList } from '../blocks/name-list.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { truncate } from '../blocks/truncate.js';
import { truncateMrkdwn } from '../blocks/truncate-mrkdwn.js';
import { fullReportCommand } from './readiness-card/full-report-command.js';
import { serviceProblems, servicesWithoutProblems, type ServiceProblems } from './readiness-card/service-problems.js';
import { serviceSectionText } from './readiness-card/service-section-text.js';
import { statusCounts } from './readiness-card/status-counts.js';
import { summarySection } from './readiness-card/summary-section.js';
import { textLength } from './readiness-card/text-length.js';

/** A service's section gets at least this share of the card before the rest are folded into one line. */
const MIN_SECTION = 800;
const FOLD_MAX = 1000;
const NAMES_MAX = 600;

/**
 * The /readiness report card (SPEC §2): score and verdict, one section per
 * service with problems (each failing, erroring or warning check with its
 * fix), services with no problems folded into one line, and a footer. It
 * stays inside Block Kit's limits whatever the report holds: services that do
 * not fit in 50 blocks or in the message's text budget are named in one last
 * section.
 */
export function renderReadinessCard(report: ReadinessReport, options: { fullReportHint?: string } = {}): SlackMessage {
  const counts = statusCounts(report.checks);
  const command = fullReportCommand(report);
  const groups = serviceProblems(report.checks);
  const passing = servicesWithoutProblems(report.checks);

  const top: Block[] = [header(headerText(report)), summarySection(report, counts)];
  if (groups.length > 0) top.push(divider());
  const bottom: Block[] = [];
  if (passing.length > 0) bottom.push(context(passingLine(report, passing)));
  bottom.push(footer(report, options.fullReportHint));

  const middle = problemSections(groups, command, {
    blocks: LIMIT.blocksPerMessage - top.length - bottom.length,
    text: LIMIT.messageTextBudget - textLength([...top, ...bottom]),
  });
  return { text: fallbackText(report, counts), blocks: [...top, ...middle, ...bottom] };
}

/** The ephemeral answer to /readiness while the checks run. */
export function renderReadinessStarted(environment: string, version?: string): SlackMessage {
  const target = `*${escapeMrkdwn(truncate(environment, 80))}*${version ? ` at *${escapeMrkdwn(truncate(version, 60))}*` : ''}`;
  const text = `:hourglass_flowing_sand: Running readiness for ${target}… the report card will follow in this channel.`;
  return { text, blocks: [section(text)] };
}

function problemSections(groups: readonly ServiceProblems[], command: string, room: { blocks: number; text: number }): Block[] {
  const sections: Block[] = [];
  let textLeft = room.text;
  for (const [index, group] of groups.entries()) {
    const later = groups.length - index - 1;
    const reserveBlocks = later > 0 ? 1 : 0;
    const reserveText = later > 0 ? FOLD_MAX : 0;
    const share = Math.floor((textLeft - reserveText) / (groups.length - index));
    const text = serviceSectionText(group, Math.min(LIMIT.sectionText, Math.max(MIN_SECTION, share)), command);
    if (sections.length + 1 + reserveBlocks > room.blocks || text.length > textLeft - reserveText) break;
    sections.push(section(text));
    textLeft -= text.length;
  }
  const folded = groups.slice(sections.length);
  if (folded.length > 0) sections.push(section(foldedLine(folded, command)));
  return sections;
}

function foldedLine(folded: readonly ServiceProblems[], command: string): string {
  const names = nameList(folded.map((g) => `*${escapeMrkdwn(truncate(g.service, 80))}*`), NAMES_MAX);
  const plural = folded.length === 1 ? 'service' : 'services';
  return truncateMrkdwn(`…and ${folded.length} more ${plural} with problems: ${names} (run ${command} for all)`, FOLD_MAX);
}

function headerText(report: ReadinessReport): string {
  return `Readiness · ${report.environment} · ${report.version ?? 'deployed versions'}`;
}

function passingLine(report: ReadinessReport, passing: readonly string[]): string {
  const names = nameList(passing.map((s) => escapeMrkdwn(truncate(s, 80))), NAMES_MAX);
  const skipped = report.checks.filter((c) => c.status === 'skip' && passing.includes(c.service)).length;
  return `:white_check_mark: ${names}: ${skipped === 0 ? 'all checks pass' : `nothing fails or warns (${skipped} skipped)`}`;
}

function footer(report: ReadinessReport, hint: string | undefined): Block {
  const services = new Set(report.checks.map((c) => c.service)).size;
  const summary =
    `${report.checks.length} check${report.checks.length === 1 ? '' : 's'} on ${services} service${services === 1 ? '' : 's'}` +
    ` in ${(report.durationMs / 1000).toFixed(1)} s`;
  return hint ? context(summary, truncateMrkdwn(escapeMrkdwn(hint), 1000)) : context(summary);
}

/** The notification text: "Readiness production: 72/100, blocked — 11 failing, 3 warnings, 58 passed". */
function fallbackText(report: ReadinessReport, counts: ReturnType<typeof statusCounts>): string {
  const target = escapeMrkdwn(truncate(`${report.environment}${report.version ? ` ${report.version}` : ''}`, 150));
  const tally = [
    `${counts.fail} failing`,
    `${counts.warn} warning${counts.warn === 1 ? '' : 's'}`,
    ...(counts.error > 0 ? [`${counts.error} error${counts.error === 1 ? '' : 's'}`] : []),
    `${counts.pass} passed`,
  ];
  return `Readiness ${target}: ${report.score}/100, ${report.verdict} — ${tally.join(', ')}`;
}
