import { section } from '../blocks/builders.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { truncateMrkdwn } from '../blocks/truncate-mrkdwn.js';
import { escapeKeepingMentions } from './escape-keeping-mentions.js';

const REASON_MAX = 1000;

/** The ephemeral one-liner for a click or command that changed nothing: ":no_entry: this request expired at 14:30 UTC". */
export function renderRefusal(reason: string): SlackMessage {
  const text = `:no_entry: ${truncateMrkdwn(escapeKeepingMentions(reason), REASON_MAX)}`;
  return { text, blocks: [section(text)] };
}
