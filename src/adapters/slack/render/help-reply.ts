import type { HelpEntry } from '../../../app/help-entries.js';
import { code, rich } from '../../../domain/text/rich-text.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { toMrkdwn } from '../blocks/to-mrkdwn.js';

/** /shipmate help: one line per command, from the command definitions (usages hold <…>, escaped like any text). */
export function renderHelp(entries: readonly HelpEntry[]): SlackMessage {
  const lines = entries.map((e) => toMrkdwn(rich`${code(e.usage)} — ${e.summary}`));
  return {
    text: `shipmate commands:\n${lines.join('\n')}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*shipmate commands*\n${lines.join('\n')}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Every command also runs from a terminal: `shipmate help`' }],
      },
    ],
  };
}
