import { code, mention, rich } from '../../../domain/text/rich-text.js';
import type { StoredAuditEntry } from '../../../ports/store.port.js';
import { sectionsOfLines } from '../blocks/sections-of-lines.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { toMrkdwn } from '../blocks/to-mrkdwn.js';
import { truncate } from '../blocks/truncate.js';

const SECTION_LIMIT = 2900;
const LINE_MAX = 600;

/** /shipmate history: the newest audit entries, one line each, who · what · when. */
export function renderHistory(entries: readonly StoredAuditEntry[]): SlackMessage {
  if (entries.length === 0) return { text: 'Nothing in the audit log yet.', blocks: [] };
  const lines = entries.map((e) => {
    const who = e.actor === 'shipmate' ? 'shipmate' : mention(e.actor);
    const where = e.environment ? rich` · ${e.environment}` : '';
    const what = e.subject ? rich` ${code(e.subject)}` : '';
    const at = code(e.at.toISOString().slice(0, 16).replace('T', ' '));
    return toMrkdwn(rich`${at} ${who} *${e.action}*${what}${where} — ${truncate(e.detail, 200)}`, LINE_MAX);
  });
  const blocks = sectionsOfLines(lines, SECTION_LIMIT);
  return { text: `Last ${entries.length} audit entries`, blocks };
}
