import type { StoredAuditEntry } from '../../../ports/store.port.js';
import { sectionsOfLines } from '../blocks/sections-of-lines.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import { truncate } from '../blocks/truncate.js';

const SECTION_LIMIT = 2900;

/** /shipmate history: the newest audit entries, one line each, who · what · when. */
export function renderHistory(entries: readonly StoredAuditEntry[]): SlackMessage {
  if (entries.length === 0) return { text: 'Nothing in the audit log yet.', blocks: [] };
  const lines = entries.map((e) => {
    const who = e.actor === 'shipmate' ? 'shipmate' : `<@${e.actor}>`;
    const where = e.environment ? ` · ${escapeMrkdwn(e.environment)}` : '';
    const what = e.subject ? ` \`${escapeMrkdwn(e.subject)}\`` : '';
    return `\`${e.at.toISOString().slice(0, 16).replace('T', ' ')}\` ${who} *${escapeMrkdwn(e.action)}*${what}${where} — ${escapeMrkdwn(truncate(e.detail, 200))}`;
  });
  const blocks = sectionsOfLines(lines, SECTION_LIMIT);
  return { text: `Last ${entries.length} audit entries`, blocks };
}
