import type { RichValue } from '../../../domain/text/rich-text.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { richOrSentence, toMrkdwn } from '../blocks/to-mrkdwn.js';

/**
 * A one-line message (an ack, a confirmation) with no blocks; Slack shows the
 * text as mrkdwn. RichText for anything holding free text; a string is a
 * sentence shipmate wrote (its `code spans` kept, the rest plain text).
 */
export function renderNote(text: RichValue): SlackMessage {
  return { text: toMrkdwn(richOrSentence(text)), blocks: [] };
}
