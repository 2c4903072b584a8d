import type { ServiceStatusLine } from '../../../app/deploys/service-status.js';
import { code, mention, rich, type RichText } from '../../../domain/text/rich-text.js';
import { sectionsOfLines } from '../blocks/sections-of-lines.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { toMrkdwn } from '../blocks/to-mrkdwn.js';
import { truncate } from '../blocks/truncate.js';

const VERDICT = { ready: ':large_green_circle:', 'at-risk': ':large_yellow_circle:', blocked: ':red_circle:', unknown: ':grey_question:' } as const;
const SECTION_LIMIT = 2900;
const LINE_MAX = 600;

/** /shipmate status: one line per service and environment. */
export function renderStatus(lines: readonly ServiceStatusLine[]): SlackMessage {
  const rows = lines.map((l) => toMrkdwn(statusLine(l), LINE_MAX));
  const blocks = sectionsOfLines(rows, SECTION_LIMIT);
  return { text: `Status of ${lines.length} services`, blocks: blocks.slice(0, 50) };
}

function statusLine(l: ServiceStatusLine): RichText {
  const icon = VERDICT[l.verdict as keyof typeof VERDICT] ?? VERDICT.unknown;
  const digest = l.digest ? rich` ${code(`${l.digest.slice(0, 19)}…`)}` : '';
  const image = l.tag ? rich`${code(l.tag)}${digest}` : l.problem ? rich`_${truncate(l.problem, 120)}_` : rich`_not deployed_`;
  const lock = l.lock ? rich` :lock: ${mention(l.lock.holder)}: ${truncate(l.lock.reason, 120)}` : '';
  return rich`${icon} *${l.environment}* · ${l.service} ${image} ${l.verdict}${lock}`;
}
