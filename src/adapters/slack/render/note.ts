import type { SlackMessage } from '../blocks/slack-message.js';

/** A one-line message (an ack, a confirmation) with no blocks; Slack shows the text as mrkdwn. */
export function renderNote(text: string): SlackMessage {
  return { text, blocks: [] };
}
