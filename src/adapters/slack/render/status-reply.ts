import type { ServiceStatusLine } from '../../../app/deploys/service-status.js';
import { sectionsOfLines } from '../blocks/sections-of-lines.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../blocks/slack-message.js';

const VERDICT = { ready: ':large_green_circle:', 'at-risk': ':large_yellow_circle:', blocked: ':red_circle:', unknown: ':grey_question:' } as const;
const SECTION_LIMIT = 2900;

/** /shipmate status: one line per service and environment. */
export function renderStatus(lines: readonly ServiceStatusLine[]): SlackMessage {
  const rows = lines.map((l) => {
    const icon = VERDICT[l.verdict as keyof typeof VERDICT] ?? VERDICT.unknown;
    const image = l.tag ? `\`${escapeMrkdwn(l.tag)}\`${l.digest ? ` \`${l.digest.slice(0, 19)}…\`` : ''}` : l.problem ? `_${escapeMrkdwn(l.problem.slice(0, 120))}_` : '_not deployed_';
    const holder = /^[UW][A-Z0-9]+$/.test(l.lock?.holder ?? '') ? `<@${l.lock!.holder}>` : escapeMrkdwn(l.lock?.holder ?? '');
    const lock = l.lock ? ` :lock: ${holder}: ${escapeMrkdwn(l.lock.reason.slice(0, 120))}` : '';
    return `${icon} *${escapeMrkdwn(l.environment)}* · ${escapeMrkdwn(l.service)} ${image} ${l.verdict}${lock}`;
  });
  const blocks = sectionsOfLines(rows, SECTION_LIMIT);
  return { text: `Status of ${lines.length} services`, blocks: blocks.slice(0, 50) };
}
