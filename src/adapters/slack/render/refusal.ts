import type { RichValue } from '../../../domain/text/rich-text.js';
import { section } from '../blocks/builders.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { richOrSentence, toMrkdwn } from '../blocks/to-mrkdwn.js';

const REASON_MAX = 1000;

/**
 * The ephemeral one-liner for a click or command that changed nothing: ":no_entry: this request expired at 14:30 UTC".
 * A string reason is a domain sentence (its <@U…> mentions and code spans kept, the rest plain text); RichText for anything holding free text.
 */
export function renderRefusal(reason: RichValue): SlackMessage {
  const text = `:no_entry: ${toMrkdwn(richOrSentence(reason, { mentions: true }), REASON_MAX)}`;
  return { text, blocks: [section(text)] };
}
